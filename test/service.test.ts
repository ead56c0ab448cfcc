/**
 * The built service as a user runs it: real `node dist/src/index.js` processes, each on a fresh
 * data folder with its own embedded PostgreSQL, found through the "newsgraph is ready" log line.
 * Needs `npm run build` first (`npm test` does it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { Client } from "pg";

const ROOT = path.resolve(__dirname, "..");
const INDEX = path.join(ROOT, "dist", "src", "index.js");
const DB_URL = path.join(ROOT, "dist", "src", "scripts", "db-url.js");
const MIGRATE = path.join(ROOT, "dist", "src", "scripts", "migrate.js");
const READY_TIMEOUT = 60_000;
const TEST_TIMEOUT = 90_000;
const SEED_PEOPLE = ["Farah Dakhlallah", "John Kirby", "Lloyd Austin"];

const children = new Set<ChildProcess>();
const dataDirs: string[] = [];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Service {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** SIGTERM, then the exit (SIGKILL after 20s). */
  stop(): Promise<Exit>;
}

async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "newsgraph-service-"));
  dataDirs.push(dir);
  return dir;
}

/** The environment of a child: ours, minus anything that would point it at another database. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of ["DATABASE_URL", "NEWSGRAPH_PG_PORT", "NEWSGRAPH_SEED", "PORT"]) delete base[name];
  return { ...base, LOG_LEVEL: "info", ...env };
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<Exit> {
  const exit = exited(child);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  try {
    return await exit;
  } finally {
    clearTimeout(timer);
  }
}

/** Starts the service and resolves once it logs "newsgraph is ready" (rejects with its stderr if it exits first). */
function startService(env: Record<string, string>): Promise<Service> {
  const child = track(spawn(process.execPath, [INDEX], { cwd: ROOT, env: childEnv({ PORT: "0", ...env }) }));
  const dataDir = env.NEWSGRAPH_DATA_DIR;
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`newsgraph was not ready within ${READY_TIMEOUT} ms; stderr:\n${stderr}`));
    }, READY_TIMEOUT);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      let entry: { msg?: string; url?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      if (entry.msg?.startsWith("newsgraph is ready") && entry.url) {
        clearTimeout(timer);
        resolve({ url: entry.url, dataDir, process: child, stop: () => stopChild(child) });
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`newsgraph exited (code ${code}, signal ${signal}) before it was ready; stderr:\n${stderr}`));
    });
  });
}

/** Runs a built script to completion. */
function run(script: string, args: string[], env: Record<string, string>): Promise<Exit & { stdout: string; stderr: string }> {
  const child = track(spawn(process.execPath, [script, ...args], { cwd: ROOT, env: childEnv(env) }));
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  // "close" (not "exit"): all output has been read by then.
  return new Promise((resolve) =>
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
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
  const result = await run(DB_URL, [], { NEWSGRAPH_DATA_DIR: dataDir });
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

/** The pid in the cluster's postmaster.pid, if the file is there. */
async function postmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    return Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
  } catch {
    return undefined;
  }
}

beforeAll(() => {
  if (!existsSync(INDEX)) throw new Error(`${path.relative(ROOT, INDEX)} is missing: run \`npm run build\` first (npm test does).`);
});

afterAll(async () => {
  await Promise.all([...children].map((child) => stopChild(child, 10_000)));
  for (const dir of dataDirs) {
    // A service killed with SIGKILL leaves its Postgres running: stop that one too (by its pid).
    const pid = await postmasterPid(dir);
    if (pid) {
      try {
        process.kill(pid, "SIGQUIT");
      } catch {
        // already gone
      }
    }
    await rm(dir, { recursive: true, force: true });
  }
}, 30_000);

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
    expect(url).toMatch(/^postgres:\/\//);
    const rows = await withClient(url, async (client) => (await client.query("SELECT count(*) AS n FROM statements")).rows);
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
    const result = await run(MIGRATE, ["--seed"], { NEWSGRAPH_DATA_DIR: service.dataDir });
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
  const child = track(spawn(process.execPath, [INDEX], { cwd: ROOT, env: childEnv({ PORT: "0", NEWSGRAPH_DATA_DIR: dataDir }) }));
  // Signal as soon as the embedded PostgreSQL exists, before the service is ready.
  while ((await postmasterPid(dataDir)) === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
  child.kill("SIGTERM");
  expect(await exited(child)).toEqual({ code: 0, signal: null });
  expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);

  const again = await startService({ NEWSGRAPH_DATA_DIR: dataDir });
  expect((await people(again.url)).totalCount).toBe(3);
  expect(await again.stop()).toEqual({ code: 0, signal: null });
}, TEST_TIMEOUT);
