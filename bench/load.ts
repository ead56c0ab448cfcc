/**
 * npm run bench:load -- [--rate 100] [--duration 60] [--warmup 5] [--scale 1] [--rebuild]
 *
 * A steady load at a fixed arrival rate with a mix of reads and writes, on the synthetic data set
 * (started as `npm run bench` starts it: bench/synthetic.ts), or, from `npm run bench`, on the
 * service it has just measured. After an unrecorded warm-up at the same rate it runs `duration`
 * seconds and prints and saves (bench/results/load-*.json and *.md), per operation and overall:
 * target and achieved rate, count, HTTP and GraphQL errors (with the first messages), latency
 * p50/p95/p99/max, the p99 of each 10 s (was the load steady?), the server's peak RSS, and the CPU
 * used by the service, its PostgreSQL and the generator (the machine is shared: how much did we
 * get?). A request unanswered after 30 s counts as an HTTP error. It prints figures; it asserts nothing.
 *
 * The mix: 85% reads without a token (the Q1–Q4 shapes of bench/http.ts, with ids and search words
 * varied), 15% writes with an EDITOR token made for the run (createStatement, updateEvent of a
 * title, createPerson and deletePerson). Writes are undone at the end, through the same mutations:
 * statements and people made by the run are deleted and retitled events get their titles back, so
 * the data set reads the same for the next run. What stays is what is meant to stay: the audit
 * trail (append-only; ~1,200 rows a run at 100 req/s, the writes and their undoing) and the run's
 * revoked token.
 */
import "reflect-metadata";
import http from "node:http";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import type { DataSource } from "typeorm";
import { createDataSource } from "../src/db/data-source";
import { toGlobalId } from "../src/contract/global-id";
import { createToken, revokeToken, Role } from "../src/modules/auth/tokens";
import { cpuSeconds, memoryKb, postgresCpuSeconds, resetPeakRss } from "./proc";
import { ROOT } from "./service";
import { startSyntheticService } from "./synthetic";
import { STORED_ENTITIES } from "../src/registry";

export interface LoadOptions {
  /** The service's /graphql URL. */
  url: string;
  /** The service's process id, for its memory and CPU. */
  servicePid: number;
  /** The database the service runs on, for the token and the ids the requests use. */
  databaseUrl: string;
  /** Requests started per second (default 100). */
  rate?: number;
  /** Seconds measured (default 60). */
  duration?: number;
  /** Seconds of unrecorded load at the same rate and mix before (default 5). */
  warmup?: number;
}

interface Request {
  query: string;
  variables?: object;
  /** Sent with the editor token. */
  write?: boolean;
  /** Counted under this operation instead of the one drawn. */
  countsAs?: string;
  /** Sees how it went (to remember what a write created, or what is left to undo). */
  onDone?: (data: any | undefined) => void;
}

interface Operation {
  name: string;
  kind: "read" | "write";
  /** Share of all requests. */
  weight: number;
  next(): Request;
}

interface Outcome {
  status: number;
  body?: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  error?: string;
}

const MAX_SOCKETS = 256;
const TIMEOUT_MS = 30_000;
const SEARCH_QUERIES = ["sanctions", "troops", "ceasefire talks", "border security", "missile drills", '"energy exports"', "summit -election", "refugees aid"];

/** A small seeded PRNG (mulberry32), so every run asks for the same sequence of operations and ids. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * CPU seconds of the local PostgreSQL the service uses: its postmaster and every child (backends,
 * background workers), those that have exited included. Undefined when that server is not on this machine (a remote DATABASE_URL).
 */
async function postgresCpu(db: DataSource): Promise<(() => number) | undefined> {
  try {
    const [{ setting }] = await db.query(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`);
    const postmaster = Number(readFileSync(path.join(setting, "postmaster.pid"), "utf8").split("\n")[0]);
    cpuSeconds(postmaster);
    return () => postgresCpuSeconds(postmaster);
  } catch {
    return undefined;
  }
}

/** POSTs one GraphQL request; never rejects: network errors and timeouts come back as `error`. */
function post(url: string, agent: http.Agent, payload: string, token?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", "content-length": Buffer.byteLength(payload) };
    if (token) headers.authorization = `Bearer ${token}`;
    const request = http.request(url, { method: "POST", agent, headers, timeout: TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => resolve({ status: response.statusCode ?? 0, error: error.message }));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          resolve({ status: response.statusCode ?? 0, error: `not JSON: ${text.slice(0, 200)}` });
        }
      });
    });
    request.on("timeout", () => request.destroy(new Error(`no response within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", (error) => resolve({ status: 0, error: error.message }));
    request.end(payload);
  });
}

const succeeded = (outcome: Outcome) => outcome.status === 200 && !outcome.error && !!outcome.body?.data && !outcome.body.errors?.length;

class Tally {
  latencies: number[] = [];
  httpErrors = 0;
  graphqlErrors = 0;
  messages: string[] = [];

  /** An HTTP error is a status other than 200 or no response at all; a GraphQL error is a 200 with `errors`. */
  add(latency: number, outcome: Outcome): void {
    this.latencies.push(latency);
    const first = outcome.body?.errors?.[0];
    const detail = first ? `${first.extensions?.code ?? "?"}: ${first.message}` : outcome.error;
    if (outcome.status !== 200 || outcome.error) {
      this.httpErrors += 1;
      this.note(`HTTP ${outcome.status || "-"}: ${detail ?? "no detail"}`);
    } else if (outcome.body?.errors?.length) {
      this.graphqlErrors += 1;
      this.note(detail!);
    }
  }

  private note(message: string): void {
    if (this.messages.length < 3 && !this.messages.includes(message)) this.messages.push(message);
  }
}

/**
 * Runs the mixed load against a running service and saves its figures.
 *
 * Open model, on purpose: request i is started at t0 + i/rate whether or not the earlier ones have
 * answered, as independent users would, and its latency is counted from that scheduled instant, not
 * from when it was actually sent. A closed loop (autocannon's connections, even with overallRate,
 * which only throttles those connections) stops sending while the server is slow, so it hides the
 * queueing that a slow moment causes ("coordinated omission"). The requests go through node:http
 * with one keep-alive agent (up to 256 sockets: an open model needs as many in flight as the server
 * holds; past that they wait in the agent, and that wait is in their latency), cheaper per request
 * than fetch on a 2-core machine that also runs the server and PostgreSQL. The generator's own lag
 * (sent minus scheduled) is reported, to show it kept up.
 */
export async function runLoad(options: LoadOptions): Promise<object> {
  const rate = options.rate ?? 100;
  const duration = options.duration ?? 60;
  const warmup = options.warmup ?? 5;
  const { url, servicePid } = options;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  // An idle socket is closed after 2 s, well before the server closes it (keepAliveTimeout, 5 s):
  // reusing a socket the server is closing is an ECONNRESET. Without `timeout`, Node's agent ignores
  // the server's Keep-Alive hint (it only ever shortens a timeout) and keeps idle sockets forever.
  // Requests set their own socket timeout (TIMEOUT_MS), so this one applies to idle sockets only.
  const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, timeout: 2_000 });
  const db: DataSource = createDataSource(options.databaseUrl, { entities: STORED_ENTITIES, settings: { poolSize: 2 } });
  await db.initialize();
  const tokenName = `bench-load-${stamp}`;
  const token = await createToken(db, tokenName, Role.EDITOR);

  // The ids the requests use: fixed samples (hashed order), so runs are comparable.
  const events: { id: string; title: string }[] = await db.query(`SELECT id, title FROM events ORDER BY md5(id::text) LIMIT 500`);
  const people: { id: string }[] = await db.query(`SELECT id FROM people ORDER BY md5(id::text) LIMIT 300`);
  const speakers: { id: string }[] = await db.query(
    `SELECT speaker_id AS id FROM statements WHERE speaker_id IS NOT NULL GROUP BY 1 ORDER BY md5(speaker_id::text) LIMIT 300`,
  );
  const eventIds = events.map((e) => toGlobalId("Event", e.id));
  const personIds = people.map((p) => toGlobalId("Person", p.id));
  const speakerIds = speakers.map((p) => toGlobalId("Person", p.id));
  // updateEvent retitles only these, and gives them their titles back at the end.
  const retitled = events.slice(0, 100).map((e) => ({ id: toGlobalId("Event", e.id), title: e.title }));
  const touched = new Set<number>();
  const createdStatements: string[] = [];
  const createdPeople: string[] = [];

  const rand = random(20241023);
  const any = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
  let serial = 0;
  const createPerson = (): Request => ({
    query: `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id name } }`,
    variables: { input: { name: `Load Test Person ${stamp} ${(serial += 1)}`, description: "made by npm run bench:load; deleted by it" } },
    write: true,
    onDone: (data) => data && createdPeople.push(data.createPerson.id),
  });
  const operations: Operation[] = [
    {
      name: "Q1 events page (nested)",
      kind: "read",
      weight: 0.15,
      next: () => ({
        query: `{ events(first: 20) { nodes { title kind startDate
          statements(first: 10, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { text statedOn
            speaker { name affiliations { role organization { name shortName } } } } } } } }`,
      }),
    },
    {
      name: "Q2 event lookup",
      kind: "read",
      weight: 0.35,
      next: () => ({ query: `query ($id: ID!) { event(id: $id) { title participants { organization { name } } } }`, variables: { id: any(eventIds) } }),
    },
    {
      name: "Q3 search",
      kind: "read",
      weight: 0.1,
      next: () => ({
        query: `query ($q: String!) { search(query: $q, first: 20) { nodes { rank node { ... on Statement { text speaker { name } } } } } }`,
        variables: { q: any(SEARCH_QUERIES) },
      }),
    },
    {
      name: "Q4 person page",
      kind: "read",
      weight: 0.25,
      next: () => ({
        query: `query ($id: ID!) { person(id: $id) { name affiliations { role organization { name } }
          statements(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { text event { title } } } } }`,
        variables: { id: any(personIds) },
      }),
    },
    {
      name: "createStatement",
      kind: "write",
      weight: 0.07,
      next: () => ({
        query: `mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }`,
        variables: {
          input: { text: `Load test statement ${stamp} ${(serial += 1)}: officials confirmed the talks.`, kind: "PARAPHRASE", speakerId: any(speakerIds), eventId: any(eventIds), statedOn: "2024-10-23" },
        },
        write: true,
        onDone: (data) => data && createdStatements.push(data.createStatement.id),
      }),
    },
    {
      name: "updateEvent (title)",
      kind: "write",
      weight: 0.04,
      next: () => {
        const index = Math.floor(rand() * retitled.length);
        touched.add(index);
        return {
          query: `mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { id title updatedAt } }`,
          variables: { input: { id: retitled[index].id, title: `${retitled[index].title} [load ${(serial += 1)}]` } },
          write: true,
        };
      },
    },
    { name: "createPerson", kind: "write", weight: 0.02, next: createPerson },
    {
      name: "deletePerson",
      kind: "write",
      weight: 0.02,
      // Deletes a person this run made; with none made yet (at the very start), makes one instead,
      // and the request counts as a createPerson.
      next: () => {
        const id = createdPeople.shift();
        if (!id) return { ...createPerson(), countsAs: "createPerson" };
        return {
          query: `mutation ($input: DeletePersonInput!) { deletePerson(input: $input) { deletedId } }`,
          variables: { input: { id } },
          write: true,
          onDone: (data) => data || createdPeople.push(id), // not deleted: left for the clean-up
        };
      },
    },
  ];
  const total = operations.reduce((sum, op) => sum + op.weight, 0);
  const choose = (): Operation => {
    let r = rand() * total;
    for (const op of operations) if ((r -= op.weight) < 0) return op;
    return operations[operations.length - 1];
  };

  const tallies = new Map(operations.map((op) => [op.name, new Tally()]));
  const lags: number[] = [];
  const byTenSeconds: number[][] = []; // latencies by when they were scheduled, to see whether the load stayed steady
  let lastDone = 0;
  let peakSampledKb = 0;

  /** Starts `rate × seconds` requests on schedule; resolves when all have answered. */
  const drive = async (seconds: number, record: boolean): Promise<number> => {
    const count = Math.round(rate * seconds);
    const inFlight = new Set<Promise<void>>();
    const start = performance.now();
    for (let i = 0; i < count; ) {
      const now = performance.now();
      // Everything that is due goes now, also after a late wake-up (its lag counts in its latency).
      for (; i < count && start + (i * 1000) / rate <= now; i += 1) {
        const scheduled = start + (i * 1000) / rate;
        const op = choose();
        const request = op.next();
        const tally = tallies.get(request.countsAs ?? op.name)!;
        if (record) lags.push(performance.now() - scheduled);
        const payload = JSON.stringify({ query: request.query, variables: request.variables });
        const pending = post(url, agent, payload, request.write ? token : undefined).then((outcome) => {
          const done = performance.now();
          if (record) {
            tally.add(done - scheduled, outcome);
            (byTenSeconds[Math.floor((scheduled - start) / 10_000)] ??= []).push(done - scheduled);
            lastDone = Math.max(lastDone, done);
          }
          request.onDone?.(succeeded(outcome) ? outcome.body!.data : undefined);
          inFlight.delete(pending);
        });
        inFlight.add(pending);
      }
      if (i < count) await sleep(Math.max(0, start + (i * 1000) / rate - performance.now()));
    }
    await Promise.all(inFlight);
    return start;
  };

  /** Undoes the run's writes through the API, a few at a time; says what it could not undo. */
  async function cleanUp(): Promise<void> {
    const jobs: Request[] = [
      ...createdStatements.map((id) => ({ query: `mutation ($id: ID!) { deleteStatement(input: { id: $id }) { deletedId } }`, variables: { id } })),
      ...createdPeople.map((id) => ({ query: `mutation ($id: ID!) { deletePerson(input: { id: $id }) { deletedId } }`, variables: { id } })),
      ...[...touched].map((index) => ({
        query: `mutation ($id: ID!, $title: String!) { updateEvent(input: { id: $id, title: $title }) { id } }`,
        variables: { id: retitled[index].id, title: retitled[index].title },
      })),
    ];
    let failed = 0;
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const outcome = await post(url, agent, JSON.stringify(job), token);
        if (!succeeded(outcome)) failed += 1;
      }
    };
    const size = jobs.length;
    await Promise.all(Array.from({ length: 4 }, worker));
    console.log(`Load: undid ${size - failed} of ${size} writes (statements and people deleted, event titles restored)${failed ? `; ${failed} failed` : ""}.`);
  }

  let report: object;
  try {
    if (warmup > 0) {
      console.log(`Load: ${warmup} s warm-up at ${rate} req/s...`);
      await drive(warmup, false);
    }
    // Peak RSS of the measured part alone: writing 5 to clear_refs resets VmHWM (Linux ≥ 4.0). Where
    // that is refused, the peak is the largest RSS sampled each second instead.
    const peakReset = resetPeakRss(servicePid);
    const postgresCpuNow = await postgresCpu(db);
    const cpuBefore = { service: cpuSeconds(servicePid), postgres: postgresCpuNow?.() ?? NaN, generator: process.cpuUsage() };
    const sampler = setInterval(() => (peakSampledKb = Math.max(peakSampledKb, memoryKb(servicePid, "VmRSS"))), 1000);
    console.log(`Load: ${duration} s at ${rate} req/s (open model), ${operations.map((op) => `${op.name} ${Math.round(op.weight * 100)}%`).join(", ")}...`);
    const started = await drive(duration, true);
    clearInterval(sampler);
    // CPU used during the measured part, in % of one core: who was busy, and how much was left to others.
    const elapsed = (performance.now() - started) / 1000;
    const generatorCpu = process.cpuUsage(cpuBefore.generator);
    const cpuPercent = {
      service: Math.round(((cpuSeconds(servicePid) - cpuBefore.service) / elapsed) * 100),
      postgres: Math.round((((postgresCpuNow?.() ?? NaN) - cpuBefore.postgres) / elapsed) * 100),
      generator: Math.round(((generatorCpu.user + generatorCpu.system) / 1e6 / elapsed) * 100),
    };
    const loadAverage = os.loadavg()[0].toFixed(1);
    const peakRssMb = Math.round(Math.max(peakReset ? memoryKb(servicePid, "VmHWM") : 0, peakSampledKb, memoryKb(servicePid, "VmRSS")) / 1024);
    // The window is the scheduled duration, or longer when the last answers came after it.
    const window = Math.max(duration, (lastDone - started) / 1000);

    const summarize = (name: string, kind: string, weight: number, tally: Tally) => {
      const sorted = [...tally.latencies].sort((a, b) => a - b);
      return {
        operation: name,
        kind,
        targetPerSecond: Number((rate * weight).toFixed(1)),
        achievedPerSecond: Number((sorted.length / window).toFixed(1)),
        count: sorted.length,
        httpErrors: tally.httpErrors,
        graphqlErrors: tally.graphqlErrors,
        p50Ms: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        p99Ms: round(percentile(sorted, 99)),
        maxMs: round(sorted[sorted.length - 1] ?? NaN),
        firstErrors: tally.messages,
      };
    };
    const all = new Tally();
    for (const tally of tallies.values()) {
      all.latencies.push(...tally.latencies);
      all.httpErrors += tally.httpErrors;
      all.graphqlErrors += tally.graphqlErrors;
      for (const message of tally.messages) if (all.messages.length < 5) all.messages.push(message);
    }
    const results = operations.map((op) => summarize(op.name, op.kind, op.weight / total, tallies.get(op.name)!));
    const overall = summarize("all", "mix", 1, all);
    const sortedLags = lags.sort((a, b) => a - b);
    const generatorLag = { p99Ms: round(percentile(sortedLags, 99)), maxMs: round(sortedLags[sortedLags.length - 1] ?? NaN) };
    const p99ByTenSeconds = byTenSeconds.map((latencies) => round(percentile(latencies.sort((a, b) => a - b), 99)));

    const table = [
      `| operation | kind | target req/s | achieved req/s | count | HTTP errors | GraphQL errors | p50 ms | p95 ms | p99 ms | max ms |`,
      `|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|`,
      ...[...results, overall].map(
        (r) =>
          `| ${r.operation === "all" ? "**all**" : r.operation} | ${r.kind} | ${r.targetPerSecond} | ${r.achievedPerSecond} | ${r.count} | ${r.httpErrors} | ${r.graphqlErrors} | ${r.p50Ms} | ${r.p95Ms} | ${r.p99Ms} | ${r.maxMs} |`,
      ),
    ].join("\n");
    const errors = results.flatMap((r) => r.firstErrors.map((message) => `- ${r.operation}: ${message}`));
    const summary =
      `${table}\n\n${errors.length ? `First errors:\n${errors.join("\n")}\n\n` : ""}` +
      `p99 ms by 10 s of the run: ${p99ByTenSeconds.join(", ")}.\n\n` +
      `Server peak RSS: ${peakRssMb} MB${peakReset ? "" : " (sampled each second)"}. CPU in % of one core: service ${cpuPercent.service}%, PostgreSQL ${Number.isNaN(cpuPercent.postgres) ? "not measured" : `${cpuPercent.postgres}%`}, load generator ${cpuPercent.generator}%. Open model: ${rate} req/s started on schedule for ${duration} s after a ${warmup} s warm-up; ` +
      `latency counts from each request's scheduled start (generator lag p99 ${generatorLag.p99Ms} ms, max ${generatorLag.maxMs} ms). ` +
      `Reads without a token, writes with an editor token. NODE_ENV=production, one ${os.cpus().length}-core machine running the service, PostgreSQL and the load generator, and shared with other jobs (1-min load average ${loadAverage} at the end).\n`;
    console.log(`\n${summary}`);
    report = { results, overall, p99ByTenSeconds, peakRssMb, cpuPercent, loadAverage: Number(loadAverage), generatorLag, options: { rate, duration, warmup, maxSockets: MAX_SOCKETS } };
    const dir = path.join(ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `load-${stamp}.json`), JSON.stringify(report, null, 2));
    writeFileSync(path.join(dir, `load-${stamp}.md`), summary);
  } finally {
    await cleanUp();
    await revokeToken(db, tokenName);
    await db.destroy();
    agent.destroy();
  }
  return report;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: "string", default: "100" },
      duration: { type: "string", default: "60" },
      warmup: { type: "string", default: "5" },
      scale: { type: "string", default: "1" },
      rebuild: { type: "boolean", default: false },
    },
  });
  const [rate, duration, warmup] = [Number(values.rate), Number(values.duration), Number(values.warmup)];
  if (!(rate > 0) || !(duration > 0) || !(warmup >= 0)) throw new Error("--rate and --duration must be numbers above 0, --warmup 0 or more");
  const { syntheticUrl, url, service, stop } = await startSyntheticService({ scale: Number(values.scale), rebuild: values.rebuild });
  try {
    await runLoad({ url, servicePid: service.pid!, databaseUrl: syntheticUrl, rate, duration, warmup });
  } finally {
    await stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
