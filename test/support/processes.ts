/**
 * Real child processes for the end-to-end tests: the built service (`node dist/src/index.js`) and
 * the built command-line scripts, spawned with a clean environment, tracked, and stopped whatever
 * happens.
 *
 * Every test file gets its own copy of this module (jest isolates modules per file), so the
 * tracking below only ever sees the calling file's children. A file that uses it should:
 *
 *   beforeAll(() => requireBuild(TOKEN_SCRIPT));   // fail clearly when dist/ is missing or stale
 *   afterAll(() => stopAllChildren(), 30_000);     // nothing outlives the file
 *
 * All of it needs `npm run build` first (`npm test` does it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { requireFreshBuild } from "./build";

// ---------------------------------------------------------------------------------------------
// What gets run

/** The repository's root, the working directory of every child. */
export const ROOT = path.resolve(__dirname, "..", "..");
/** The service. */
export const INDEX = path.join(ROOT, "dist", "src", "index.js");
/** Prints the URL of the database a data folder's service uses (or would use). */
export const DB_URL_SCRIPT = path.join(ROOT, "dist", "src", "scripts", "db-url.js");
/** Migrates (and with `--seed`, seeds) the database. */
export const MIGRATE_SCRIPT = path.join(ROOT, "dist", "src", "scripts", "migrate.js");
/** Creates, lists and revokes editor tokens. */
export const TOKEN_SCRIPT = path.join(ROOT, "dist", "src", "scripts", "token.js");
export const INGEST_SCRIPT = path.join(ROOT, "dist", "src", "scripts", "ingest.js");
/** Registers and lists persisted operations. */
export const PERSISTED_SCRIPT = path.join(ROOT, "dist", "src", "scripts", "persisted.js");

/** How long a service may take to log that it is ready (it may have to set up a new PostgreSQL). */
export const READY_TIMEOUT = 60_000;
/** How long `run` lets a script run before it kills it. */
const RUN_TIMEOUT = 60_000;

/**
 * Throws, naming the missing file, unless the service and every given script have been built;
 * and, naming the first stale source, unless the build is newer than src/ and migrations/
 * (support/build.ts): a test must not run yesterday's service.
 */
export function requireBuild(...scripts: string[]): void {
  for (const file of [INDEX, ...scripts]) {
    if (!existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first (npm test does).`);
  }
  requireFreshBuild(ROOT);
  builtChecked = true;
}

/** Whether this file has checked the build already (jest gives every test file its own copy of this module). */
let builtChecked = false;

/** requireBuild, once per test file, for a script of this project's dist/ (not of a copy of the project elsewhere). */
function requireBuildOf(script: string, cwd: string | undefined): void {
  if (builtChecked || (cwd !== undefined && path.resolve(cwd) !== ROOT)) return;
  if (!path.resolve(ROOT, script).startsWith(path.join(ROOT, "dist") + path.sep)) return;
  requireBuild(script);
}

// ---------------------------------------------------------------------------------------------
// Spawning and stopping

/** How a child ended: an exit code, or the signal that killed it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Variables that would point a child at some other database, port or seeding than the test says. */
const INHERITED_AWAY = ["DATABASE_URL", "NEWSGRAPH_DATA_DIR", "NEWSGRAPH_PG_PORT", "NEWSGRAPH_SEED", "PORT"];

/**
 * The environment of a child: ours, minus INHERITED_AWAY, with LOG_LEVEL=info (startService reads
 * the info-level ready line), then `env` on top.
 */
export function childEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const name of INHERITED_AWAY) delete base[name];
  return { ...base, LOG_LEVEL: "info", ...env };
}

/** The children still running; stopAllChildren stops them. */
const children = new Set<ChildProcess>();

/** Where a child runs and as whom: another copy of the project (its root folder), another user (we must be root). */
export interface SpawnOptions {
  cwd?: string;
  uid?: number;
  gid?: number;
}

/**
 * Spawns `node script ...args` from ROOT (or options.cwd) with childEnv(env), tracked until it
 * exits. A script of dist/ is refused, as requireBuild refuses it, while dist/ is missing or stale.
 */
export function spawnScript(script: string, args: string[], env: Record<string, string>, options: SpawnOptions = {}): ChildProcess {
  requireBuildOf(script, options.cwd);
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, ...options, env: childEnv(env) });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Resolves with the child's exit (at once if it has exited already). */
export function exited(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** SIGTERM, then the exit; SIGKILL if it has not exited after graceMs. */
export async function stopChild(child: ChildProcess, graceMs = 20_000): Promise<Exit> {
  const exit = exited(child);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  try {
    return await exit;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * For afterAll: stops every child still running (SIGTERM, SIGKILL after graceMs), then, for each
 * folder from freshDataDir, stops a PostgreSQL a killed service left behind and removes the folder.
 */
export async function stopAllChildren(graceMs = 10_000): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child, graceMs)));
  for (const dir of dataDirs.splice(0)) {
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
}

// ---------------------------------------------------------------------------------------------
// Scripts

export interface RunResult extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs a built script to completion and collects its output (killed after `timeoutMs`). */
export function run(script: string, args: string[], env: Record<string, string>, options: SpawnOptions & { timeoutMs?: number } = {}): Promise<RunResult> {
  const { timeoutMs = RUN_TIMEOUT, ...spawnOptions } = options;
  const child = spawnScript(script, args, env, spawnOptions);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  // "close" (not "exit"): all output has been read by then.
  return new Promise((resolve) =>
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The service

export interface Service {
  /** The GraphQL endpoint, as the ready line says (http://localhost:PORT/graphql). */
  url: string;
  process: ChildProcess;
  /** Everything the service has written to stderr so far. */
  stderr(): string;
  /** The JSON log lines (stdout) the service has written so far. */
  logLines(): { [field: string]: unknown }[];
  /** SIGTERM, then the exit (SIGKILL after 20s). */
  stop(): Promise<Exit>;
}

/**
 * Starts the service with childEnv({ PORT: "0", ...env }) and resolves once it logs the pino line
 * whose msg starts with "newsgraph is ready", with that line's `url`. Rejects, with its stderr, if
 * it exits first or is not ready within READY_TIMEOUT (then it is killed). `label` names it in
 * those errors; `options.cwd` runs the copy of the project in that folder.
 */
export function startService(env: Record<string, string>, label = "newsgraph", options: SpawnOptions = {}): Promise<Service> {
  const child = spawnScript(options.cwd ? path.join(options.cwd, path.relative(ROOT, INDEX)) : INDEX, [], { PORT: "0", ...env }, options);
  let stderr = "";
  const logLines: { [field: string]: unknown }[] = [];
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${label} was not ready within ${READY_TIMEOUT} ms; stderr:\n${stderr}`));
    }, READY_TIMEOUT);
    // Keeps reading stdout after the ready line too, so the child never blocks on a full pipe.
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      let entry: { msg?: string; url?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        return; // not a log line
      }
      logLines.push(entry);
      if (entry.msg?.startsWith("newsgraph is ready") && entry.url) {
        clearTimeout(timer);
        resolve({ url: entry.url, process: child, stderr: () => stderr, logLines: () => logLines, stop: () => stopChild(child) });
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (code ${code}, signal ${signal}) before it was ready; stderr:\n${stderr}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Data folders (NEWSGRAPH_DATA_DIR)

/** The folders freshDataDir made; stopAllChildren removes them. */
const dataDirs: string[] = [];

/** A new empty folder in the system's temp folder, removed by stopAllChildren. */
export async function freshDataDir(prefix = "newsgraph-"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  dataDirs.push(dir);
  return dir;
}

/** The pid in the folder's embedded PostgreSQL's postmaster.pid, if the file is there. */
export async function postmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path.join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
