import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export const ROOT = path.resolve(__dirname, "..", "..");

/** The node options `npm start` and the Docker image run the service with (see README, Running in production). */
export const SERVICE_NODE_OPTIONS = ["--max-semi-space-size=32"];

/**
 * Starts the built service (dist/) as `npm start` does, with `env` (and more node options, such as
 * --cpu-prof), and resolves once its "ready" log line gives the URL. Its later log lines (one per
 * request) are drained unread, so reading them costs the benchmark nothing.
 */
export async function startBuiltService(env: NodeJS.ProcessEnv, nodeOptions: string[] = []): Promise<{ url: string; service: ChildProcess }> {
  const service = spawn(process.execPath, [...SERVICE_NODE_OPTIONS, ...nodeOptions, path.join(ROOT, "dist/src/index.js")], {
    env: { ...env, PORT: "0", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: service.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg?.startsWith("newsgraph is ready") && entry.url) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    service.once("exit", (code) => reject(new Error(`the service exited (${code}) before it was ready`)));
  });
  lines.close();
  service.stdout!.resume();
  return { url, service };
}
