/**
 * npm run bench -- [--duration 15] [--connections 20] [--scale 1] [--rebuild] [--no-load]
 *
 * Starts PostgreSQL (embedded, in .newsgraph-bench/, with pg_stat_statements loaded), builds the
 * synthetic data set once (npm run seed:synthetic's generator), starts the built service on it in
 * production mode, and drives four standard queries with autocannon: a warm-up, then `duration`
 * seconds each. For each it prints and saves (bench/results/*.json and *.md): requests/s, latency
 * p50/p99, errors, SQL statements per request (exact, counted by Postgres' pg_stat_statements) and
 * the server's peak RSS. Then, unless --no-load, the 60-second steady mixed load of bench/load.ts
 * on the same service. It prints figures; it asserts nothing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { benchQueries, CORROBORATION_QUERY } from "./bench-data";
import { runLoad } from "./load";
import { memoryMb } from "./proc";
import { ROOT } from "./service";
import { startSyntheticService } from "./synthetic";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "20" },
    scale: { type: "string", default: "1" },
    rebuild: { type: "boolean", default: false },
    // --no-load skips the steady mixed load (bench/load.ts) that follows Q1–Q4; --load is the default.
    load: { type: "boolean", default: true },
    "no-load": { type: "boolean", default: false },
  },
});

async function main(): Promise<void> {
  const { syntheticUrl, db, ids, url, service, stop } = await startSyntheticService({ scale: Number(values.scale), rebuild: values.rebuild });

  try {
    const post = async (query: string, variables?: object) =>
      ((await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) })).json()) as { data: unknown }).data;
    const queries = [...benchQueries(ids), CORROBORATION_QUERY];

    const results = [];
    for (const { name, query, variables } of queries) {
      const body = JSON.stringify({ query, variables });
      const sample = await post(query, variables);
      if (!sample) throw new Error(`${name} fails: check the query`);
      const options = { url, method: "POST" as const, headers: { "content-type": "application/json" }, body, connections: Number(values.connections) };
      await autocannon({ ...options, duration: 3 }); // warm-up
      await db.query(`SELECT pg_stat_statements_reset()`);
      const run = await autocannon({ ...options, duration: Number(values.duration) });
      const { rows } = await db.query(
        `SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT ILIKE '%pg_stat_statements%'`,
      );
      const ok = run.requests.total - run.non2xx;
      results.push({
        query: name,
        requestsPerSecond: Math.round(run.requests.average),
        p50Ms: run.latency.p50,
        p99Ms: run.latency.p99,
        errors: run.errors + run.non2xx + run.timeouts,
        sqlPerRequest: ok > 0 ? Number((Number(rows[0].calls) / ok).toFixed(2)) : NaN,
        requests: run.requests.total,
      });
      console.log(results[results.length - 1]);
    }
    const peak = memoryMb(service.pid!, "VmHWM");

    const table = [
      `| query | req/s | p50 ms | p99 ms | errors | SQL statements / request |`,
      `|---|---:|---:|---:|---:|---:|`,
      ...results.map((r) => `| ${r.query} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.sqlPerRequest} |`),
    ].join("\n");
    const summary = `${table}\n\nServer peak RSS: ${peak} MB. ${values.connections} connections, ${values.duration} s per query after a 3 s warm-up, synthetic scale ${values.scale}, NODE_ENV=production, all on one ${require("node:os").cpus().length}-core machine.\n`;
    console.log(`\n${summary}`);
    const dir = path.join(ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    writeFileSync(path.join(dir, `http-${stamp}.json`), JSON.stringify({ results, peakRssMb: peak, options: values }, null, 2));
    writeFileSync(path.join(dir, `http-${stamp}.md`), summary);

    if (!values["no-load"]) await runLoad({ url, servicePid: service.pid!, databaseUrl: syntheticUrl });
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
