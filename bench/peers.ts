/**
 * npm run bench:peers -- [--duration 10] [--warmup 3] [--connections 20] [--scale 1] [--rebuild] [--no-same-flags]
 *
 * newsgraph beside stock PostGraphile v5 on the same data, in one run. Starts PostgreSQL
 * (embedded, in .newsgraph-bench/, with pg_stat_statements; bench-data.ts) with the synthetic
 * data set of `scale` (rebuilt when the kept one is of another scale), then, each in a process of
 * its own and all on that one database: the built newsgraph in production mode (as `npm start`,
 * with SERVICE_NODE_OPTIONS), stock PostGraphile (amber preset, production mode, default Node
 * flags; bench/postgraphile-server.ts) introspecting newsgraph's own tables, unless
 * --no-same-flags a second PostGraphile given newsgraph's Node flags, and the "limit" server
 * (bench/limit-server.ts: node:http and one hand-written SQL statement, for Q1 only), the
 * fastest answer the machine allows, as a bound.
 *
 * Before timing, each standard query (Q1–Q4 of bench-data.ts) is asked of every server and the
 * answers are compared once normalized (field names, id formats, the order of lists whose order
 * the query leaves open): a difference is printed as a MISMATCH with the first place it shows,
 * and the run exits non-zero at the end. Then Q1–Q4 are timed interleaved (Q1 on newsgraph, on
 * PostGraphile, on PostGraphile with newsgraph's flags, then Q2, …): autocannon with `connections`
 * connections, a `warmup`-second warm-up, then `duration` seconds a row. Per row: requests/s, p50
 * and p99 latency, errors, SQL statements per request and the shared buffer pages they touched
 * (pg_stat_statements of the synthetic database, reset before each row: exact, where CPU time
 * moves with the machine, so they show how a query's cost grows with the data), CPU
 * milliseconds per request of the server process and of all of PostgreSQL's processes
 * (/proc/<pid>/stat user + system time), and the server's peak RSS during the row; then the
 * ratios newsgraph / PostGraphile and newsgraph / limit per query. The per-request figures divide
 * by the requests sent, counted once the server has gone quiet after the row (the requests in
 * flight when autocannon stops are answered and counted too), so SQL counts come out exact.
 * Prints and saves bench/results/peers-<stamp>.json (with the most called statements of each row)
 * and .md. Everything listens on 127.0.0.1 only (newsgraph through bench/loopback-only.ts, checked
 * in /proc/net/tcp), and what the run started is stopped at the end (or on Ctrl-C).
 *
 * PostGraphile's queries, and the search function and sortable start date it is given in a schema
 * of its own (`newsgraph_peers`, dropped at the end), are in bench/peer-queries.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startBenchDatabase } from "./bench-data";
import { firstDifference, PEER_SCHEMA, peerQueries, peerSchemaSql, type PeerQuery } from "./peer-queries";
import { cpuSeconds, memoryMb, postgresCpuSeconds, resetPeakRss } from "./proc";
import { ROOT, SERVICE_NODE_OPTIONS, startBuiltService } from "./service";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "20" },
    scale: { type: "string", default: "1" },
    rebuild: { type: "boolean", default: false },
    // --no-same-flags skips the PostGraphile run with newsgraph's Node flags.
    "same-flags": { type: "boolean", default: true },
    "no-same-flags": { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const scale = Number(values.scale);
if (!(duration > 0 && duration <= 600)) throw new Error("--duration must be a number of seconds above 0 (at most 600)");
if (!(warmup >= 0 && warmup <= 600)) throw new Error("--warmup must be a number of seconds from 0 to 600");
if (!(connections >= 1 && connections <= 1000)) throw new Error("--connections must be from 1 to 1000");
if (!(scale > 0 && scale <= 100)) throw new Error("--scale must be a number above 0 (and at most 100)");

// ---------------------------------------------------------------------------------------------
// Processes: what listens where.

/** The addresses other than 127.0.0.1 on which something listens on TCP `port` (from /proc/net/tcp and tcp6). */
function listeningBeyondLoopback(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let lines: string[];
    try {
      lines = readFileSync(table, "utf8").trim().split("\n").slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, localPort] = local.split(":");
      if (state === "0A" && localPort === hexPort && address !== "0100007F") found.push(`${table.endsWith("6") ? "IPv6" : "IPv4"} ${address}`);
    }
  }
  return found;
}

/** Resolves once the process has used no CPU for 300 ms (its requests done), or after 15 s. */
async function settled(pid: number): Promise<void> {
  let last = cpuSeconds(pid);
  let quietSince = Date.now();
  for (const deadline = Date.now() + 15_000; Date.now() < deadline && Date.now() - quietSince < 300; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = cpuSeconds(pid);
    if (now !== last) {
      last = now;
      quietSince = Date.now();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Servers.

interface Server {
  name: string;
  short: "newsgraph" | "postgraphile" | "postgraphileSameFlags" | "limit";
  url: string;
  process: ChildProcess;
  nodeFlags: string[];
}

/** A peer server in a process of its own (`script` in dist/bench/), ready once it prints its ready line. */
async function startPeer(script: string, databaseUrl: string, nodeFlags: string[]): Promise<{ url: string; process: ChildProcess }> {
  const name = path.basename(script, ".js");
  const child = spawn(process.execPath, [...nodeFlags, path.join(ROOT, "dist/bench", script)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", PEER_SCHEMAS: `public,${PEER_SCHEMA}` },
    // stdin is a pipe the server watches: should this process die, the server stops as well.
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} was not ready within 60 s`)), 60_000);
      lines.on("line", (line) => {
        try {
          const ready = (JSON.parse(line) as { ready?: string }).ready;
          if (ready) {
            clearTimeout(timer);
            resolve(ready);
          }
        } catch {
          // not its ready line
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code}) before it was ready`));
      });
    });
    lines.close();
    child.stdout!.resume();
    return { url, process: child };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** What `server` is sent for `pair`: newsgraph's query, PostGraphile's, or the limit server's (none where it has no SQL). */
function requestFor(server: Server, pair: Pick<PeerQuery, "newsgraph" | "postgraphile" | "limit">): { query: string; variables?: object } | undefined {
  return server.short === "newsgraph" ? pair.newsgraph : server.short === "limit" ? pair.limit : pair.postgraphile;
}

/** `server`'s answer in the shape both are compared in (the limit server answers in newsgraph's). */
function normalized(server: Server, pair: Pick<PeerQuery, "normalize">, data: unknown): unknown {
  return server.short === "postgraphile" || server.short === "postgraphileSameFlags" ? pair.normalize.postgraphile(data) : pair.normalize.newsgraph(data);
}

async function post(url: string, request: { query: string; variables?: object }): Promise<{ data?: any; errors?: { message: string }[] }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request), signal: AbortSignal.timeout(30_000) });
  return (await response.json()) as { data?: any; errors?: { message: string }[] };
}

// ---------------------------------------------------------------------------------------------

interface Row {
  query: string;
  server: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Requests answered within the row, and sent (those in flight at its end included: the per-request figures divide by these). */
  requests: number;
  sent: number;
  sqlPerRequest: number;
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  /** PostgreSQL's shared buffers (8 KB pages) touched per request: unlike CPU, exact, so it shows growth with the data apart from the machine's noise. */
  postgresPagesPerRequest: number;
  peakRssMb: number;
  topStatements: { calls: number; query: string }[];
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : NaN);

async function main(): Promise<void> {
  const { postgres, syntheticUrl, db, ids } = await startBenchDatabase({ scale, rebuild: values.rebuild });
  const servers: Server[] = [];
  let cleaned: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaned ??= (async () => {
      for (const server of servers) await stopProcess(server.process).catch(() => undefined);
      await db.query(`DROP SCHEMA IF EXISTS ${PEER_SCHEMA} CASCADE`).catch(() => undefined);
      await db.end().catch(() => undefined);
      await postgres.stop();
    })());
  const interrupted = () => {
    console.error("\nInterrupted: stopping the servers and PostgreSQL...");
    void cleanUp().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  try {
    const [{ data_directory: dataDirectory }] = (await db.query(`SELECT current_setting('data_directory') AS data_directory`)).rows;
    const postmaster = Number(readFileSync(path.join(dataDirectory, "postmaster.pid"), "utf8").split("\n")[0]);
    postgresCpuSeconds(postmaster); // readable here, or fail now

    for (const statement of peerSchemaSql()) await db.query(statement);

    // newsgraph listens on every interface; here the preload keeps it on 127.0.0.1 (bench/loopback-only.ts).
    const newsgraph = await startBuiltService({ ...process.env, DATABASE_URL: syntheticUrl, NODE_ENV: "production", NEWSGRAPH_SEED: "false" }, [
      "-r",
      path.join(ROOT, "dist/bench/loopback-only.js"),
    ]);
    const newsgraphUrl = new URL(newsgraph.url);
    newsgraphUrl.hostname = "127.0.0.1";
    servers.push({ name: "newsgraph", short: "newsgraph", url: newsgraphUrl.toString(), process: newsgraph.service, nodeFlags: SERVICE_NODE_OPTIONS });
    const stock = await startPeer("postgraphile-server.js", syntheticUrl, []);
    servers.push({ name: "PostGraphile", short: "postgraphile", url: stock.url, process: stock.process, nodeFlags: [] });
    if (values["same-flags"] && !values["no-same-flags"]) {
      const sameFlags = await startPeer("postgraphile-server.js", syntheticUrl, SERVICE_NODE_OPTIONS);
      servers.push({ name: `PostGraphile ${SERVICE_NODE_OPTIONS.join(" ")}`, short: "postgraphileSameFlags", url: sameFlags.url, process: sameFlags.process, nodeFlags: SERVICE_NODE_OPTIONS });
    }
    const limit = await startPeer("limit-server.js", syntheticUrl, []);
    servers.push({ name: "limit (one hand-written SQL statement)", short: "limit", url: limit.url, process: limit.process, nodeFlags: [] });
    for (const server of servers) {
      const elsewhere = listeningBeyondLoopback(Number(new URL(server.url).port));
      if (elsewhere.length) throw new Error(`${server.name} listens on ${elsewhere.join(", ")}, not only on 127.0.0.1`);
      console.log(`${server.name}: ${server.url} (pid ${server.process.pid}, node ${server.nodeFlags.join(" ") || "with default flags"})`);
    }

    // Same data from every server, before anything is timed.
    const queries = peerQueries(ids);
    const sameData: { [query: string]: boolean } = {};
    for (const query of queries) {
      sameData[query.name] = true;
      for (const pair of [{ what: "its data", ...query }, ...(query.alsoCompare ? [query.alsoCompare] : [])]) {
        const answering = servers.filter((server) => requestFor(server, pair));
        const answers = await Promise.all(
          answering.map(async (server) => {
            const answer = await post(server.url, requestFor(server, pair)!);
            if (answer.errors?.length || !answer.data) throw new Error(`${query.name} fails on ${server.name}: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
            return normalized(server, pair, answer.data);
          }),
        );
        const differences = answers.slice(1).map((answer) => firstDifference(answers[0], answer));
        if (differences.every((difference) => !difference)) {
          console.log(`${query.name}: every server answers the same (${pair.what}: ${JSON.stringify(answers[0]).length} characters, normalized)`);
        }
        differences.forEach((difference, index) => {
          if (!difference) return;
          sameData[query.name] = false;
          console.error(`MISMATCH ${query.name}: ${answering[index + 1].name} does not answer the same as newsgraph (${pair.what}). First difference at ${difference}`);
        });
      }
    }

    // Interleaved: each query on every server in turn.
    const rows: Row[] = [];
    const peakBefore = Object.fromEntries(servers.map((server) => [server.short, memoryMb(server.process.pid!, "VmHWM")]));
    let peakReset = true;
    for (const query of queries) {
      for (const server of servers) {
        const request = requestFor(server, query);
        if (!request) continue;
        const options = { url: server.url, method: "POST" as const, headers: { "content-type": "application/json" }, body: JSON.stringify(request), connections };
        const pid = server.process.pid!;
        if (warmup > 0) await autocannon({ ...options, duration: warmup });
        await settled(pid); // the warm-up's last requests done before anything is counted
        if (!resetPeakRss(pid)) peakReset = false;
        await db.query(`SELECT pg_stat_statements_reset()`);
        const before = { server: cpuSeconds(pid), postgres: postgresCpuSeconds(postmaster) };
        const run = await autocannon({ ...options, duration });
        await settled(pid); // requests still in flight when autocannon stopped: their work is counted, so are they
        const after = { server: cpuSeconds(pid), postgres: postgresCpuSeconds(postmaster) };
        const { rows: stats } = await db.query(
          `SELECT coalesce(sum(calls), 0)::bigint AS calls, coalesce(sum(shared_blks_hit + shared_blks_read), 0)::bigint AS pages FROM pg_stat_statements
           WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`,
        );
        // The statements behind the count, most called first (saved in the .json, to see what a count is made of).
        const { rows: top } = await db.query(
          `SELECT calls::int, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query FROM pg_stat_statements
           WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'
           ORDER BY calls DESC LIMIT 5`,
        );
        // Per request sent: the server answers (and counts) those still in flight at the end too.
        const ok = run.requests.sent - run.non2xx;
        const row: Row = {
          query: query.name,
          server: server.name,
          requestsPerSecond: Math.round(run.requests.average),
          p50Ms: run.latency.p50,
          p99Ms: run.latency.p99,
          errors: run.errors + run.non2xx + run.timeouts,
          requests: run.requests.total,
          sent: run.requests.sent,
          sqlPerRequest: ok > 0 ? fixed(Number(stats[0].calls) / ok, 2) : NaN,
          serverCpuMsPerRequest: ok > 0 ? fixed(((after.server - before.server) * 1000) / ok, 2) : NaN,
          postgresCpuMsPerRequest: ok > 0 ? fixed(((after.postgres - before.postgres) * 1000) / ok, 2) : NaN,
          postgresPagesPerRequest: ok > 0 ? fixed(Number(stats[0].pages) / ok, 1) : NaN,
          peakRssMb: memoryMb(pid, "VmHWM"),
          topStatements: top as { calls: number; query: string }[],
        };
        rows.push(row);
        console.log(
          `${row.query} | ${row.server}: ${row.requestsPerSecond} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.errors} errors, ` +
            `${row.sqlPerRequest} SQL/req, CPU/req server ${row.serverCpuMsPerRequest} ms + PostgreSQL ${row.postgresCpuMsPerRequest} ms (${row.postgresPagesPerRequest} pages), peak RSS ${row.peakRssMb} MB`,
        );
      }
    }
    // Their answers once more, after the load: still no errors.
    for (const query of queries) {
      for (const server of servers) {
        const request = requestFor(server, query);
        if (!request) continue;
        const answer = await post(server.url, request);
        if (answer.errors?.length || !answer.data) throw new Error(`${query.name} fails on ${server.name} after its run: ${JSON.stringify(answer.errors ?? answer).slice(0, 500)}`);
      }
    }

    const peakRssMb = Object.fromEntries(
      servers.map((server) => [server.name, Math.max(peakBefore[server.short], ...rows.filter((row) => row.server === server.name).map((row) => row.peakRssMb))]),
    );
    const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : "—");
    const rowOf = (query: string, server: Server | undefined) => (server ? rows.find((row) => row.query === query && row.server === server.name) : undefined);
    const serverOf = (short: Server["short"]) => servers.find((server) => server.short === short);
    const [ng, pgl, pglSame] = [serverOf("newsgraph"), serverOf("postgraphile"), serverOf("postgraphileSameFlags")];
    const ratios = queries.map((query) => {
      const [a, b, c, d] = [rowOf(query.name, ng)!, rowOf(query.name, pgl)!, rowOf(query.name, pglSame), rowOf(query.name, serverOf("limit"))];
      return {
        query: query.name,
        sameData: sameData[query.name],
        newsgraph: a.requestsPerSecond,
        postgraphile: b.requestsPerSecond,
        ratio: Number(ratio(a.requestsPerSecond, b.requestsPerSecond)),
        postgraphileSameFlags: c?.requestsPerSecond,
        ratioSameFlags: c ? Number(ratio(a.requestsPerSecond, c.requestsPerSecond)) : undefined,
        limit: d?.requestsPerSecond,
        ratioLimit: d ? Number(ratio(a.requestsPerSecond, d.requestsPerSecond)) : undefined,
      };
    });

    const table = [
      `| query | server | req/s | p50 ms | p99 ms | errors | SQL / request | server CPU ms / request | PostgreSQL CPU ms / request | PostgreSQL pages / request | peak RSS MB (row) |`,
      `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
      ...rows.map(
        (r) => `| ${r.query} | ${r.server} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.sqlPerRequest} | ${r.serverCpuMsPerRequest} | ${r.postgresCpuMsPerRequest} | ${r.postgresPagesPerRequest} | ${r.peakRssMb} |`,
      ),
    ].join("\n");
    const ratioTable = [
      `| query | same data | newsgraph req/s | PostGraphile req/s | newsgraph / PostGraphile |${pglSame ? ` PostGraphile ${SERVICE_NODE_OPTIONS.join(" ")} req/s | newsgraph / PostGraphile (same Node flags) |` : ""} limit req/s | newsgraph / limit |`,
      `|---|---|---:|---:|---:|${pglSame ? "---:|---:|" : ""}---:|---:|`,
      ...ratios.map(
        (r) =>
          `| ${r.query} | ${r.sameData ? "yes" : "**MISMATCH**"} | ${r.newsgraph} | ${r.postgraphile} | ${r.ratio.toFixed(2)} |${pglSame ? ` ${r.postgraphileSameFlags} | ${r.ratioSameFlags!.toFixed(2)} |` : ""} ${r.limit ?? "—"} | ${r.ratioLimit?.toFixed(2) ?? "—"} |`,
      ),
    ].join("\n");
    const loadAverage = os.loadavg()[0].toFixed(2);
    const summary =
      `${table}\n\n${ratioTable}\n\n` +
      `Peak RSS over the run: ${Object.entries(peakRssMb).map(([name, mb]) => `${name} ${mb} MB`).join(", ")}${peakReset ? "" : " (VmHWM could not be reset: each row's peak includes the earlier rows')"}.\n` +
      `Same Node flags: newsgraph runs with ${SERVICE_NODE_OPTIONS.join(" ")}; ` +
      (pglSame ? `the "PostGraphile ${SERVICE_NODE_OPTIONS.join(" ")}" rows give PostGraphile the same.\n` : `not measured for PostGraphile (--no-same-flags).\n`) +
      `Interleaved in one run: each query on every server in turn, ${connections} connections, ${warmup} s warm-up then ${duration} s a row; synthetic scale ${scale}; ` +
      `NODE_ENV=production; one PostgreSQL database shared by all servers (pool of 10 each); CPU per request from /proc (server process; all PostgreSQL processes); ` +
      `SQL statements and the shared buffer pages they touched (hit or read) counted by pg_stat_statements. One ${os.cpus().length}-core machine running the servers, PostgreSQL and autocannon (1-min load average ${loadAverage} at the end). ` +
      `PostGraphile ${postgraphileVersion()} (amber preset), Node ${process.version}.\n`;
    console.log(`\n${summary}`);
    if (Object.values(sameData).some((same) => !same)) console.error("MISMATCH: some answers differ between newsgraph and PostGraphile (see above); their figures do not compare like for like.");

    const dir = path.join(ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    writeFileSync(
      path.join(dir, `peers-${stamp}.json`),
      JSON.stringify({ rows, ratios, sameData, peakRssMb, loadAverage: Number(loadAverage), postgraphile: postgraphileVersion(), node: process.version, options: { duration, warmup, connections, scale } }, null, 2),
    );
    writeFileSync(path.join(dir, `peers-${stamp}.md`), summary);
    console.log(`Saved bench/results/peers-${stamp}.json and .md`);
    if (Object.values(sameData).some((same) => !same)) process.exitCode = 1;
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await cleanUp();
  }
}

function postgraphileVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, "node_modules/postgraphile/package.json"), "utf8")) as { version: string }).version;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
