import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export const ROOT = path.resolve(__dirname, "..", "..");

/** Starts the built service (dist/) with `env` (and node options such as --cpu-prof) and resolves once its "ready" log line gives the URL. */
export async function startBuiltService(env: NodeJS.ProcessEnv, nodeOptions: string[] = []): Promise<{ url: string; service: ChildProcess }> {
  const service = spawn(process.execPath, [...nodeOptions, path.join(ROOT, "dist/src/index.js")], { env: { ...env, PORT: "0", LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: service.stdout! }).on("line", (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg?.startsWith("newsgraph is ready") && entry.url) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    service.once("exit", (code) => reject(new Error(`the service exited (${code}) before it was ready`)));
  });
  return { url, service };
}
