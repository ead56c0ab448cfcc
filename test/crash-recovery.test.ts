/**
 * Crashes, as they happen in production, on the built service and its embedded PostgreSQL (real
 * processes, SIGKILL): nothing needs a person afterwards, and nothing acknowledged is lost.
 * - The service killed: its PostgreSQL does not outlive it, `npm start` on the same folder serves
 *   again within 10 s, and every write it acknowledged is there, whole.
 * - A PostgreSQL left running by a service that is gone (where the platform cannot tie the two) is
 *   recognized at the next start and stopped, and the new service serves.
 * - PostgreSQL killed under the running service: it is restarted (crash recovery), and reads
 *   recover within 10 s with no restart of the service; if it cannot come back, /health fails.
 */
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { Client } from "pg";
import { freePort } from "./support/postgres-process";
import { DB_URL_SCRIPT, freshDataDir, postmasterPid, requireBuild, ROOT, run, startService, stopAllChildren, TOKEN_SCRIPT, type Service } from "./support/processes";

const TIMEOUT = 120_000;
const RECOVERY_BOUND_MS = 10_000;
const POSTGRES_PROCESS_MODULE = path.join(ROOT, "dist", "src", "db", "postgres-process.js");

beforeAll(() => requireBuild(TOKEN_SCRIPT, DB_URL_SCRIPT, POSTGRES_PROCESS_MODULE));
afterAll(() => stopAllChildren(), 60_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // the postgres user's, when we are root
  }
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = RECOVERY_BOUND_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function graphql(url: string, query: string, token?: string): Promise<{ status: number; data?: any; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

const demoPeople = async (url: string) => (await graphql(url, "{ people { totalCount } }").catch(() => undefined))?.data?.people.totalCount as number | undefined;

const health = async (url: string) => (await fetch(url.replace(/\/graphql$/, "/health"))).status;

describe("the service killed", () => {
  it("takes its PostgreSQL with it, and starts again on the same folder within 10 s with every acknowledged write, whole", async () => {
    const dataDir = await freshDataDir();
    const env = { NEWSGRAPH_DATA_DIR: dataDir };
    const first = await startService(env, "newsgraph before the crash");
    const token = (await run(TOKEN_SCRIPT, ["create", "--name", "crash-writer", "--role", "editor"], env)).stdout.trim().split("\n").pop()!;
    const postgres = (await postmasterPid(dataDir))!;

    // Four writers until the kill; a name counts as acknowledged once its answer has data.
    const acknowledged: string[] = [];
    let writing = true;
    const writer = async (n: number) => {
      for (let i = 0; writing && i < 10_000; i++) {
        const name = `Crash Writer ${n}-${i}`;
        const answer = await graphql(first.url, `mutation { createPerson(input: { name: "${name}" }) { id } }`, token).catch(() => undefined);
        if (answer?.data?.createPerson) acknowledged.push(name);
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    await waitFor("20 acknowledged writes", () => (acknowledged.length >= 20 ? true : undefined));
    first.process.kill("SIGKILL");
    writing = false;
    await Promise.all(writers);

    await waitFor("its PostgreSQL to stop after the service died", () => (alive(postgres) ? undefined : true));

    const restarted = Date.now();
    const second = await startService(env, "newsgraph after the crash");
    expect(await demoPeople(second.url)).toBeGreaterThan(0);
    expect(Date.now() - restarted).toBeLessThan(RECOVERY_BOUND_MS);

    const url = (await run(DB_URL_SCRIPT, [], env)).stdout.trim().split("\n").pop()!;
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string; audits: number }>(
        `SELECT p.name, (SELECT count(*)::int FROM audit_log a WHERE a.entity_id = p.id) AS audits FROM people p WHERE p.name LIKE 'Crash Writer %'`,
      );
      const stored = new Map(rows.map((row) => [row.name, row.audits]));
      for (const name of acknowledged) expect(stored.has(name)).toBe(true);
      // Each person and its audit entry were written in one transaction: never one without the other.
      expect([...stored.values()].every((audits) => audits === 1)).toBe(true);
    } finally {
      await client.end();
    }
    await second.stop();
  }, TIMEOUT);

  it("stops a PostgreSQL left running by a newsgraph that is gone, and serves", async () => {
    const dataDir = await freshDataDir();
    const env = { NEWSGRAPH_DATA_DIR: dataDir };
    const port = await freePort();
    // A cluster made by a first service, then a postmaster on it owned by nobody alive: started
    // detached by a short-lived process (no parent-death tie), with a dead pid as its recorded owner.
    await (await startService({ ...env, NEWSGRAPH_PG_PORT: String(port) }, "newsgraph making the folder")).stop();
    const orphanMaker = spawn(process.execPath, ["-e", ORPHAN_MAKER, POSTGRES_PROCESS_MODULE, path.join(dataDir, "pg"), String(port)], { stdio: ["ignore", "pipe", "inherit"] });
    const orphan = Number((await new Promise<string>((resolve) => orphanMaker.stdout!.setEncoding("utf8").on("data", resolve))).trim());
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("exit", resolve));
    await writeFile(path.join(dataDir, "owner.pid"), String(gone.pid));
    await waitFor("the orphan postmaster to be running", async () => ((await postmasterPid(dataDir)) === orphan ? true : undefined), 30_000);

    const service = await startService({ ...env, NEWSGRAPH_PG_PORT: String(port) }, "newsgraph after an orphan");
    expect(alive(orphan)).toBe(false);
    expect(await demoPeople(service.url)).toBe(3);
    await service.stop();
  }, TIMEOUT);

  it("still refuses a folder whose PostgreSQL belongs to a live service", async () => {
    const dataDir = await freshDataDir();
    const env = { NEWSGRAPH_DATA_DIR: dataDir };
    const first = await startService(env, "the first newsgraph");
    expect((await readFile(path.join(dataDir, "owner.pid"), "utf8")).split(":")[0]).toBe(String(first.process.pid));
    const second = await run(path.join(ROOT, "dist", "src", "index.js"), [], { ...env, PORT: "0" });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`run by newsgraph pid ${first.process.pid}`);
    expect(await demoPeople(first.url)).toBe(3);
    await first.stop();
  }, TIMEOUT);
});

describe("files left by a crash whose pids now belong to other processes", () => {
  it("signals no process that is not this folder's PostgreSQL, takes over a start lock whose holder is gone, and starts", async () => {
    const dataDir = await freshDataDir();
    const env = { NEWSGRAPH_DATA_DIR: dataDir };
    await (await startService(env, "newsgraph making the folder")).stop();
    // After a reboot: postmaster.pid names a pid now used by an unrelated process, owner.pid a
    // process gone, and starting.lock this test's own pid, but as started at another time.
    const bystander = spawn(process.execPath, ["-e", "process.on('SIGINT', () => {}); setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    await waitFor("the bystander to run", () => (bystander.pid && alive(bystander.pid) ? true : undefined));
    await writeFile(path.join(dataDir, "pg", "postmaster.pid"), `${bystander.pid}\n${path.join(dataDir, "pg")}\n0\n5432\n`);
    await writeFile(path.join(dataDir, "owner.pid"), "999999");
    await writeFile(path.join(dataDir, "starting.lock"), `${process.pid}:1`);
    try {
      const service = await startService(env, "newsgraph after a reboot");
      expect(await demoPeople(service.url)).toBe(3);
      expect(alive(bystander.pid!)).toBe(true);
      expect(bystander.signalCode).toBeNull();
      await service.stop();
    } finally {
      bystander.kill("SIGKILL");
    }
  }, TIMEOUT);
});

describe("stopping while PostgreSQL restarts", () => {
  it("leaves no server behind: a stop during a restart waits for the new one and stops it too", async () => {
    const dataDir = await freshDataDir();
    const result = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["-e", STOP_DURING_RESTART, path.join(ROOT, "dist", "src", "db", "embedded-postgres.js"), dataDir], { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
      child.once("close", () => resolve(output.trim()));
    });
    expect(result).toBe("stopped; no postmaster left; started again");
  }, TIMEOUT);
});

describe("PostgreSQL killed under the running service", () => {
  let service: Service;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await freshDataDir();
    service = await startService({ NEWSGRAPH_DATA_DIR: dataDir }, "newsgraph whose PostgreSQL dies");
  }, TIMEOUT);

  it("is restarted: reads recover within 10 s without a restart of the service, and /health stays 200", async () => {
    const postgres = (await postmasterPid(dataDir))!;
    process.kill(postgres, "SIGKILL");
    const killed = Date.now();
    await waitFor("reads after the kill", () => demoPeople(service.url));
    expect(Date.now() - killed).toBeLessThan(RECOVERY_BOUND_MS);
    expect(await health(service.url)).toBe(200);
    expect(await postmasterPid(dataDir)).not.toBe(postgres);
    expect(service.process.exitCode).toBeNull();
  }, TIMEOUT);

  it("fails /health while it cannot come back, and recovers once it can", async () => {
    const postgres = (await postmasterPid(dataDir))!;
    const port = Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[3]);
    process.kill(postgres, "SIGKILL");
    await waitFor("the postmaster to die", () => (alive(postgres) ? undefined : true));
    // Its port taken by someone else: every restart fails to bind.
    const squatter = net.createServer();
    await new Promise<void>((resolve, reject) => squatter.once("error", reject).listen(port, "127.0.0.1", resolve));
    try {
      await waitFor("/health to fail", async () => ((await health(service.url)) === 503 ? true : undefined), 30_000);
      expect(await graphql(service.url, "{ people { totalCount } }")).toMatchObject({ status: 503 });
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
    await waitFor("reads once the port is free", () => demoPeople(service.url), 20_000);
    expect(await health(service.url)).toBe(200);
  }, TIMEOUT);
});

/** Starts the embedded PostgreSQL, kills its postmaster, stops it while the restart is on its way up, then checks the folder. */
const STOP_DURING_RESTART = `
const { startEmbeddedPostgres, runningPostmaster } = require(process.argv[1]);
const dataDir = process.argv[2];
(async () => {
  const postgres = await startEmbeddedPostgres({ dataDir, log: () => undefined });
  process.kill((await runningPostmaster(dataDir)).pid, "SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 700)); // past the first restart's 500 ms delay
  await postgres.stop();
  const left = await runningPostmaster(dataDir);
  const again = await startEmbeddedPostgres({ dataDir, log: () => undefined });
  await again.stop();
  console.log(left ? "a postmaster is left: pid " + left.pid : "stopped; no postmaster left; started again");
})().catch((error) => console.log(String(error)));
`;

/** Starts the cluster's postmaster detached from this short-lived process (as `postgres` when root), prints its pid, and exits. */
const ORPHAN_MAKER = `
const { spawn, execFileSync } = require("node:child_process");
const { packagedBinaries, reachableBinaries } = require(process.argv[1]);
const [cluster, port] = process.argv.slice(2);
(async () => {
  const root = process.getuid() === 0;
  const binaries = root ? await reachableBinaries(await packagedBinaries()) : await packagedBinaries();
  const ids = root ? { uid: Number(execFileSync("id", ["-u", "postgres"])), gid: Number(execFileSync("id", ["-g", "postgres"])) } : {};
  const child = spawn(binaries.postgres, ["-D", cluster, "-p", port, "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + cluster], { ...ids, detached: true, stdio: "ignore" });
  child.unref();
  process.stdout.write(String(child.pid) + "\\n");
})();
`;
