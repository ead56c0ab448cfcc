import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { Client } from "pg";
import { EmbeddedPostgresError, initdb, packagedBinaries, POSTGRES_USER, postgresAccount, reachableBinaries, SupervisedPostmaster } from "./postgres-process";
import { isAlive, isPostmasterOf, liveProcess, ownStamp } from "./process-identity";
import { isRoot, mkdirReachable, unreachableFolder } from "./reachable";

export { EmbeddedPostgresError };

/**
 * The embedded PostgreSQL's data folder: the cluster in `<dataDir>/pg`, so a restart keeps what was
 * written; the generated password beside it (`credentials.json`, readable by the owner only); the
 * pid of the service that runs it (`owner.pid`), so that a PostgreSQL left behind by a service that
 * died is recognized and stopped at the next start. The port in use is read back from Postgres' own
 * `postmaster.pid`, so `npm run db:url` can print the address of a running instance. The server
 * itself is started and supervised by postgres-process.ts.
 */
export const DATABASE_NAME = "newsgraph";

export interface EmbeddedDatabase {
  url: string;
  /** False while the server has been down past its restarts (postgres-process.ts): /health fails. */
  healthy(): boolean;
  stop(): Promise<void>;
}

export class DataDirInUseError extends EmbeddedPostgresError {
  constructor(dataDir: string, detail: string) {
    super(
      `The data folder ${dataDir} is in use by another PostgreSQL (${detail}). ` +
        "Stop the other newsgraph first, or give this one its own folder with NEWSGRAPH_DATA_DIR.",
    );
  }
}

interface Credentials {
  user: string;
  password: string;
}

const clusterDir = (dataDir: string) => path.join(dataDir, "pg");
const credentialsFile = (dataDir: string) => path.join(dataDir, "credentials.json");
const ownerFile = (dataDir: string) => path.join(dataDir, "owner.pid");

/** The pid and port of the postmaster running on this cluster, or undefined when none runs (a pid left in postmaster.pid by a crash may since belong to another process). */
export async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(clusterDir(dataDir), "postmaster.pid"), "utf8")).split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostmasterOf(pid, clusterDir(dataDir))) return undefined;
  return { pid, port };
}

async function readCredentials(dataDir: string): Promise<Credentials> {
  return JSON.parse(await fs.readFile(credentialsFile(dataDir), "utf8")) as Credentials;
}

/**
 * The folder of the cluster's Unix socket: the cluster's own (so two instances never share a
 * socket), unless its path is too long for a socket address (107 bytes on Linux).
 */
function socketDirectory(dataDir: string): string | undefined {
  const directory = clusterDir(dataDir);
  return Buffer.byteLength(path.join(directory, ".s.PGSQL.65535")) <= 107 ? directory : undefined;
}

/**
 * Through the Unix socket when there is one: the app and its embedded database share a machine,
 * and a local socket costs the CPU less per statement than TCP on loopback (measured: about a
 * tenth more requests a second on the nested-page benchmark). TCP on 127.0.0.1 stays open too.
 */
export function connectionUrl(credentials: Credentials, port: number, socketDir?: string): string {
  const user = encodeURIComponent(credentials.user);
  const password = encodeURIComponent(credentials.password);
  const url = `postgres://${user}:${password}@127.0.0.1:${port}/${DATABASE_NAME}`;
  return socketDir ? `${url}?host=${encodeURIComponent(socketDir)}` : url;
}

/** The connection string of the embedded database running on `dataDir`, for psql and other tools. */
export async function embeddedDatabaseUrl(dataDir: string): Promise<string> {
  const running = await runningPostmaster(dataDir);
  if (!running) {
    throw new Error(`No embedded PostgreSQL is running on ${dataDir}: start the service first (npm start).`);
  }
  return connectionUrl(await readCredentials(dataDir), running.port, socketDirectory(dataDir));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs `setUp` holding `<dataDir>/starting.lock`, so two processes starting at the same moment on
 * one folder cannot both run initdb or overwrite each other's credentials: the second is told the
 * folder is in use. A lock left by a process that died is taken over.
 */
async function withStartLock<T>(dataDir: string, setUp: () => Promise<T>): Promise<T> {
  const lockFile = path.join(dataDir, "starting.lock");
  try {
    await fs.writeFile(lockFile, ownStamp(), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = liveProcess(await fs.readFile(lockFile, "utf8").catch(() => ""));
    if (holder) throw new DataDirInUseError(dataDir, `being started by pid ${holder}`);
    // Take over the dead holder's lock atomically: of two processes renaming it, only one succeeds.
    const stale = `${lockFile}.${process.pid}.stale`;
    try {
      await fs.rename(lockFile, stale);
    } catch {
      throw new DataDirInUseError(dataDir, "another process is taking over its start lock");
    }
    await fs.rm(stale, { force: true });
    return withStartLock(dataDir, setUp);
  }
  try {
    return await setUp();
  } finally {
    await fs.rm(lockFile, { force: true });
  }
}

/** The live service running the folder's PostgreSQL, if any (none recorded, or gone: the server is an orphan). */
async function liveOwner(dataDir: string): Promise<number | undefined> {
  return liveProcess(await fs.readFile(ownerFile(dataDir), "utf8").catch(() => ""));
}

/**
 * Stops a PostgreSQL whose service died without stopping it (where the platform cannot tie them:
 * see postgres-process.ts, or while it is still shutting down after its service's death): fast
 * shutdown, then immediate shutdown if it lingers. Its data is intact: it was a committed cluster.
 */
async function stopOrphan(pid: number, log: (message: string) => void): Promise<void> {
  log(`stopping PostgreSQL pid ${pid}, left running by a newsgraph that is gone`);
  for (const [signal, waitMs] of [["SIGINT", 10_000], ["SIGQUIT", 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // gone already
    }
    for (const deadline = Date.now() + waitMs; Date.now() < deadline; ) {
      if (!isAlive(pid)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new EmbeddedPostgresError(`PostgreSQL pid ${pid}, left running by a newsgraph that is gone, does not stop: stop it, then start again.`);
}

async function createDatabaseIfMissing(credentials: Credentials, port: number): Promise<void> {
  const client = new Client({ host: "127.0.0.1", port, user: credentials.user, password: credentials.password, database: "postgres" });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE_NAME)}`);
  } finally {
    await client.end();
  }
}

/** Starts the embedded PostgreSQL of `dataDir`, creating the cluster and database on first use. */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log: (message: string) => void;
  /** More `-c name=value` settings for the server (the benchmark loads pg_stat_statements). */
  settings?: string[];
}): Promise<EmbeddedDatabase> {
  const { dataDir, log } = options;
  // PostgreSQL refuses to run as root: as root it runs as the `postgres` user, which must reach the cluster and the binaries.
  const account = isRoot() ? await postgresAccount() : undefined;
  if (!account) await fs.mkdir(dataDir, { recursive: true });
  else {
    const blocked = unreachableFolder(dataDir, { opensTarget: true });
    if (blocked) {
      throw new EmbeddedPostgresError(
        `The data folder ${dataDir} is inside ${blocked}, which the ${POSTGRES_USER} user that PostgreSQL runs as under root cannot enter: ` +
          "set NEWSGRAPH_DATA_DIR to a folder outside it (such as /var/lib/newsgraph), or run newsgraph as a normal user.",
      );
    }
    await mkdirReachable(dataDir);
    await fs.chmod(dataDir, 0o755);
  }
  const packaged = await packagedBinaries();
  const binaries = account ? await reachableBinaries(packaged) : packaged;

  return withStartLock(dataDir, async () => {
    const running = await runningPostmaster(dataDir);
    if (running) {
      const owner = await liveOwner(dataDir);
      if (owner || !existsSync(ownerFile(dataDir))) throw new DataDirInUseError(dataDir, `pid ${running.pid}, port ${running.port}${owner ? `, run by newsgraph pid ${owner}` : ""}`);
      await stopOrphan(running.pid, log);
    } else {
      // A postmaster.pid naming no postmaster of this cluster (a crash, then a reboot): PostgreSQL
      // would refuse to start while its pid is alive, whoever has it now.
      await fs.rm(path.join(clusterDir(dataDir), "postmaster.pid"), { force: true });
    }

    const cluster = clusterDir(dataDir);
    const isNew = !existsSync(path.join(cluster, "PG_VERSION"));
    let credentials: Credentials;
    if (isNew) {
      credentials = { user: POSTGRES_USER, password: randomBytes(18).toString("base64url") };
      await fs.writeFile(credentialsFile(dataDir), JSON.stringify(credentials, null, 2), { mode: 0o600 });
      await initdb(binaries.initdb, cluster, credentials, account, log);
    } else {
      credentials = await readCredentials(dataDir);
    }

    const port = options.port ?? (await freePort());
    // TCP on loopback only, and a Unix socket in the cluster's own folder (see connectionUrl).
    const settings = ["listen_addresses=127.0.0.1", `unix_socket_directories=${socketDirectory(dataDir) ?? ""}`, ...(options.settings ?? [])];
    const args = ["-D", cluster, "-p", String(port), ...settings.flatMap((setting) => ["-c", setting])];
    const postmaster = new SupervisedPostmaster(binaries.postgres, args, account, log, ({ ok, error }) =>
      log(ok ? "PostgreSQL restarted" : `PostgreSQL did not restart: ${error}`),
    );
    try {
      await postmaster.start();
    } catch (error) {
      const reason = (error as Error).message;
      if (/lock file .* already exists/i.test(reason)) throw new DataDirInUseError(dataDir, reason);
      if (/could not bind|Address already in use/i.test(reason)) {
        throw new EmbeddedPostgresError(`Port ${port} of the embedded PostgreSQL is taken (NEWSGRAPH_PG_PORT): ${reason}`);
      }
      throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${dataDir} did not start: ${reason}`);
    }
    await fs.writeFile(ownerFile(dataDir), ownStamp());
    const stop = async () => {
      await postmaster.stop();
      await fs.rm(ownerFile(dataDir), { force: true });
    };
    try {
      // Checked on every start, not only the first: a first start may have died before this step.
      await createDatabaseIfMissing(credentials, port);
    } catch (error) {
      await stop();
      throw error;
    }
    return { url: connectionUrl(credentials, port, socketDirectory(dataDir)), healthy: () => postmaster.healthy, stop };
  });
}
