/**
 * The built service as a user runs it: real `node dist/src/index.js` processes, each on a fresh
 * data folder with its own embedded PostgreSQL, found through the "newsgraph is ready" log line.
 * Needs `npm run build` first (`npm test` does it).
 */
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Client } from "pg";
import {
  DB_URL_SCRIPT,
  freshDataDir as freshFolder,
  INDEX,
  MIGRATE_SCRIPT,
  exited,
  postmasterPid,
  requireBuild,
  run,
  spawnScript,
  startService as startServiceProcess,
  stopAllChildren,
  type Service as ServiceProcess,
} from "./support/processes";

const TEST_TIMEOUT = 90_000;
const SEED_PEOPLE = ["Farah Dakhlallah", "John Kirby", "Lloyd Austin"];

/** A service on its own data folder (NEWSGRAPH_DATA_DIR). */
interface Service extends ServiceProcess {
  dataDir: string;
}

const freshDataDir = () => freshFolder("newsgraph-service-");

/** Starts the service on `env.NEWSGRAPH_DATA_DIR` and resolves once it is ready. */
async function startService(env: { NEWSGRAPH_DATA_DIR: string }): Promise<Service> {
  return { ...(await startServiceProcess(env)), dataDir: env.NEWSGRAPH_DATA_DIR };
}

async function gql<T = any>(url: string, query: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (response.status !== 200 || body.errors) {
    throw new Error(`GraphQL request failed (${response.status}): ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data as T;
}

const PEOPLE = "{ people(first: 5) { totalCount nodes { name } } }";

async function people(url: string): Promise<{ totalCount: number; names: string[] }> {
  const { people } = await gql(url, PEOPLE);
  return { totalCount: people.totalCount, names: people.nodes.map((node: { name: string }) => node.name).sort() };
}

async function databaseUrl(dataDir: string): Promise<string> {
  const result = await run(DB_URL_SCRIPT, [], { NEWSGRAPH_DATA_DIR: dataDir });
  expect(result).toMatchObject({ code: 0 });
  return result.stdout.trim().split("\n").pop()!;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(() => requireBuild(DB_URL_SCRIPT, MIGRATE_SCRIPT));

afterAll(() => stopAllChildren(), 30_000);

describe("the service on a fresh data folder", () => {
  let service: Service;

  beforeAll(async () => {
    service = await startService({ NEWSGRAPH_DATA_DIR: await freshDataDir() });
  }, TEST_TIMEOUT);

  afterAll(async () => {
    if (service) expect(await service.stop()).toEqual({ code: 0, signal: null });
  }, 30_000);

  it("becomes ready and serves the three demo people", async () => {
    expect(service.url).toMatch(/^http:\/\/[^/]+:\d+\/graphql$/);
    expect(await people(service.url)).toEqual({ totalCount: 3, names: SEED_PEOPLE });
  });

  it("db-url prints the running database's URL, and SQL sees what the API reports", async () => {
    const url = await databaseUrl(service.dataDir);
    // Through the cluster's Unix socket (the service's own connections too); TCP answers as well.
    expect(url).toMatch(/^postgres:\/\/.*\?host=.*%2Fpg$/);
    const rows = await withClient(url, async (client) => (await client.query("SELECT count(*) AS n FROM statements")).rows);
    const overTcp = await withClient(url.replace(/\?host=.*$/, ""), async (client) => (await client.query("SELECT inet_server_addr() AS address")).rows);
    expect(overTcp[0].address).toBe("127.0.0.1");
    const { statements } = await gql(service.url, "{ statements { totalCount } }");
    expect(statements.totalCount).toBeGreaterThan(0);
    expect(Number(rows[0].n)).toBe(statements.totalCount);
  }, TEST_TIMEOUT);

  it("refuses a second service on the same folder without harming the first", async () => {
    const pidBefore = await postmasterPid(service.dataDir);
    const second = await run(INDEX, [], { NEWSGRAPH_DATA_DIR: service.dataDir, PORT: "0" });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/data folder .* is in use/i);
    expect(second.stderr).toContain(service.dataDir);
    expect(await postmasterPid(service.dataDir)).toBe(pidBefore);
    expect(await people(service.url)).toEqual({ totalCount: 3, names: SEED_PEOPLE });
  }, TEST_TIMEOUT);

  it("`migrate.js --seed` uses the running database and finds the demo data already there", async () => {
    const before = await people(service.url);
    const result = await run(MIGRATE_SCRIPT, ["--seed"], { NEWSGRAPH_DATA_DIR: service.dataDir });
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/already there/);
    expect(await people(service.url)).toEqual(before);
  }, TEST_TIMEOUT);
});

it("keeps its data across a clean restart, without seeding twice", async () => {
  const dataDir = await freshDataDir();
  const first = await startService({ NEWSGRAPH_DATA_DIR: dataDir });
  await withClient(await databaseUrl(dataDir), (client) => client.query("INSERT INTO people (name) VALUES ('Restart Witness')"));

  expect(await first.stop()).toEqual({ code: 0, signal: null });
  expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);

  const second = await startService({ NEWSGRAPH_DATA_DIR: dataDir });
  const { people: found } = await gql(second.url, '{ people(filter: { name: "restart witness" }) { nodes { name } } }');
  expect(found.nodes).toEqual([{ name: "Restart Witness" }]);
  expect(await people(second.url)).toEqual({ totalCount: 4, names: [...SEED_PEOPLE, "Restart Witness"].sort() });
  expect(await second.stop()).toEqual({ code: 0, signal: null });
}, TEST_TIMEOUT);

it("runs two services on different data folders side by side", async () => {
  const [a, b] = await Promise.all([
    startService({ NEWSGRAPH_DATA_DIR: await freshDataDir() }),
    startService({ NEWSGRAPH_DATA_DIR: await freshDataDir() }),
  ]);
  expect(a.url).not.toBe(b.url);
  expect(await databaseUrl(a.dataDir)).not.toBe(await databaseUrl(b.dataDir));
  const [peopleA, peopleB] = await Promise.all([people(a.url), people(b.url)]);
  expect(peopleA).toEqual({ totalCount: 3, names: SEED_PEOPLE });
  expect(peopleB).toEqual({ totalCount: 3, names: SEED_PEOPLE });
  const [exitA, exitB] = await Promise.all([a.stop(), b.stop()]);
  expect(exitA).toEqual({ code: 0, signal: null });
  expect(exitB).toEqual({ code: 0, signal: null });
}, TEST_TIMEOUT);

it("stops with a message naming PORT when PORT is not a number", async () => {
  const result = await run(INDEX, [], { NEWSGRAPH_DATA_DIR: await freshDataDir(), PORT: "abc" });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/\bPORT\b.*"abc"/);
}, TEST_TIMEOUT);

it("lets only one of two services started at the same moment set up a new folder, and keeps it usable", async () => {
  const dataDir = await freshDataDir();
  const outcomes = await Promise.allSettled([startService({ NEWSGRAPH_DATA_DIR: dataDir }), startService({ NEWSGRAPH_DATA_DIR: dataDir })]);
  const started = outcomes.filter((outcome): outcome is PromiseFulfilledResult<Service> => outcome.status === "fulfilled");
  const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  expect(started).toHaveLength(1);
  expect(String(refused[0].reason)).toMatch(/data folder .* is in use/);
  // The credentials the winner started with are the ones on disk.
  const count = await withClient(await databaseUrl(dataDir), (client) => client.query("SELECT count(*)::int AS n FROM people"));
  expect(count.rows[0].n).toBe(3);
  expect(await started[0].value.stop()).toEqual({ code: 0, signal: null });
}, TEST_TIMEOUT);

it("finishes a request in flight on SIGTERM before stopping the database, and exits 0", async () => {
  const service = await startService({ NEWSGRAPH_DATA_DIR: await freshDataDir() });
  // A request whose body arrives only after the signal: the server must wait for it.
  const { url } = service;
  const body = JSON.stringify({ query: PEOPLE });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } });
    request.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => resolve({ status: res.statusCode!, text }));
    });
    request.on("error", reject);
    request.write(body.slice(0, 10));
    setTimeout(() => request.end(body.slice(10)), 500);
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const exit = service.stop();
  const answered = await response;
  expect(answered.status).toBe(200);
  expect(JSON.parse(answered.text).data.people.totalCount).toBe(3);
  expect(await exit).toEqual({ code: 0, signal: null });
}, TEST_TIMEOUT);

it("stops its PostgreSQL when told to stop while still starting, leaving the folder usable", async () => {
  const dataDir = await freshDataDir();
  const child = spawnScript(INDEX, [], { PORT: "0", NEWSGRAPH_DATA_DIR: dataDir });
  // Signal as soon as the embedded PostgreSQL exists, before the service is ready.
  while ((await postmasterPid(dataDir)) === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  child.kill("SIGTERM");
  expect(await exited(child)).toEqual({ code: 0, signal: null });
  expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);

  const again = await startService({ NEWSGRAPH_DATA_DIR: dataDir });
  expect((await people(again.url)).totalCount).toBe(3);
  expect(await again.stop()).toEqual({ code: 0, signal: null });
}, TEST_TIMEOUT);
