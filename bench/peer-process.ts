import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * How bench:peers' peer servers (postgraphile-server.ts, limit-server.ts) run as processes of their
 * own: `server` listens on 127.0.0.1 (a free port), one line `{"ready":"http://127.0.0.1:<port>/graphql"}`
 * goes to stdout, and SIGTERM, SIGINT or the end of stdin (the parent is gone) stops it: the HTTP
 * server closed, `release` (its pool) awaited, exit.
 */
export async function servePeer(server: Server, release: () => Promise<unknown>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
    try {
      await release();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  process.stdin.on("end", () => void stop());
  process.stdin.resume();
  console.log(JSON.stringify({ ready: `http://127.0.0.1:${port}/graphql` }));
}
