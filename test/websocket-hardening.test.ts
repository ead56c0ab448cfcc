/**
 * Hostile and broken WebSocket clients, on both protocols (`graphql-transport-ws` and the legacy
 * `graphql-ws`), against the real server over real sockets: a subscriber that stops reading, frames
 * over the HTTP body limit, sockets that never send `connection_init`, and a long legacy session of
 * queries. (A database outage during the connection phase: websocket-hardening-outage.test.ts.)
 */
import type { Socket } from "node:net";
import WebSocket from "ws";
import { DEFAULT_MEMORY_BOUNDS } from "../src/config";
import { MAX_JSON_LIST_ITEMS } from "../src/graphql/json-shape";
import { createToken, Role } from "../src/modules/auth/tokens";
import { CONNECTION_INIT_WAIT_MS, MAX_SUBSCRIPTIONS_PER_CONNECTION, SLOW_CLIENT_CLOSE_CODE } from "../src/websockets";

import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type TestServer } from "./support/server";

const { maxRequestBytes: MAX_FRAME_BYTES, maxUnsentBytes: MAX_UNSENT_BYTES, maxJsonNesting: MAX_JSON_NESTING } = DEFAULT_MEMORY_BOUNDS;

const CURRENT = "graphql-transport-ws";
const LEGACY = "graphql-ws";
type Protocol = typeof CURRENT | typeof LEGACY;
/** The message types that start an operation and that carry a result, by protocol. */
const START: Record<Protocol, string> = { [CURRENT]: "subscribe", [LEGACY]: "start" };
const RESULT: Record<Protocol, string> = { [CURRENT]: "next", [LEGACY]: "data" };

let database: TestDatabase;
let server: TestServer;
let wsUrl: string;
let token: string;
let kirby: string;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  server = await startTestServer(database);
  wsUrl = server.url.replace(/^http/, "ws");
  token = await createToken(database.db, "websocket-hardening-editor", Role.EDITOR);
  const { data } = await gqlAs(server.url, undefined, `{ people(filter: { name: "kirby" }) { nodes { id } } }`);
  kirby = data.people.nodes[0].id;
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await server.close();
  await database.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface RawClient {
  socket: WebSocket;
  /** Every message received, parsed. */
  messages: { type: string; id?: string; payload?: any }[];
  /** Resolves with the close code and reason the client received. */
  closed: Promise<{ code: number; reason: string }>;
  send(message: object): void;
}

/** A plain ws client on `protocol`, open; with `init`, also acknowledged. */
async function connect(protocol: Protocol, init = true): Promise<RawClient> {
  const socket = new WebSocket(wsUrl, protocol);
  sockets.push(socket);
  const messages: RawClient["messages"] = [];
  socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const client = { socket, messages, closed, send: (message: object) => socket.send(JSON.stringify(message)) };
  if (init) {
    client.send({ type: "connection_init", payload: {} });
    await until(() => messages.some((message) => message.type === "connection_ack"), "connection_ack");
  }
  return client;
}

/**
 * The server's side of the next WebSocket connection: its TCP socket, watched at every write for
 * how many bytes it holds unsent (ws's bufferedAmount is that plus what ws queues itself, nothing
 * without compression), the largest single write, and the code of a close frame it writes.
 */
function watchNextServerSocket() {
  const watched = { maxUnsent: 0, largestWrite: 0, closeCode: undefined as number | undefined };
  server.server.httpServer.prependOnceListener("upgrade", (_request, socket: Socket) => {
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    let closeHeader = false;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (Buffer.isBuffer(chunk)) {
        // ws writes a server frame as its header, then its payload (or both in one buffer).
        if (closeHeader && chunk.length >= 2) watched.closeCode ??= chunk.readUInt16BE(0);
        closeHeader = chunk[0] === 0x88 && chunk.length === 2;
        if (chunk[0] === 0x88 && chunk.length >= 4) watched.closeCode ??= chunk.readUInt16BE(2);
      }
      if (Buffer.isBuffer(chunk) || typeof chunk === "string") watched.largestWrite = Math.max(watched.largestWrite, Buffer.byteLength(chunk));
      const result = write(chunk, ...rest);
      watched.maxUnsent = Math.max(watched.maxUnsent, socket.writableLength);
      return result;
    }) as Socket["write"];
  });
  return watched;
}

async function createStatement(text: string): Promise<void> {
  const { errors } = await gqlAs(server.url, token, `mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }`, {
    input: { text, kind: "PARAPHRASE", speakerId: kirby },
  });
  expect(errors).toBeUndefined();
}

describe("a subscriber that stops reading", () => {
  // Statements at their longest (20,000 characters), each asked for under 15 aliases (the limit):
  // about 300 KB a message, so 50 subscriptions get about 15 MB for each statement.
  const WIDE = `subscription { statementAdded { ${Array.from({ length: 15 }, (_, n) => `t${n}: text`).join(" ")} } }`;
  const longText = (n: number) => `Statement ${n} for a stalled reader. `.padEnd(20_000, "x");

  it.each([LEGACY, CURRENT] as const)("over %s, is closed with SLOW_CLIENT_CLOSE_CODE, and the server never holds more than MAX_UNSENT_BYTES and one message for it", async (protocol) => {
    const watched = watchNextServerSocket();
    const client = await connect(protocol);
    for (let n = 1; n <= MAX_SUBSCRIPTIONS_PER_CONNECTION; n += 1) client.send({ id: `s${n}`, type: START[protocol], payload: { query: WIDE } });
    // All live: each gets a first, short statement.
    await sleep(300);
    await createStatement("A short statement for a reader still reading.");
    const results = () => client.messages.filter((message) => message.type === RESULT[protocol]);
    await until(() => results().length === MAX_SUBSCRIPTIONS_PER_CONNECTION, "the first statement on every subscription");
    expect(results()[0].payload.data.statementAdded.t0).toBe("A short statement for a reader still reading.");

    // It stops reading: the kernel's buffers fill, then the server's.
    (client.socket as unknown as { _socket: Socket })._socket.pause();
    for (let n = 1; n <= 10 && watched.closeCode === undefined; n += 1) {
      await createStatement(longText(n));
      await until(() => watched.closeCode !== undefined, "the server to close the socket", 2_000).catch(() => undefined);
    }
    expect(watched.closeCode).toBe(SLOW_CLIENT_CLOSE_CODE);
    // One message is at most one write (its payload); the close frame and frame headers are a few bytes.
    expect(watched.maxUnsent).toBeLessThanOrEqual(MAX_UNSENT_BYTES + watched.largestWrite + 256);

    // Reading again, the client gets its backlog, then the close frame.
    (client.socket as unknown as { _socket: Socket })._socket.resume();
    const closed = await client.closed;
    expect(closed.code).toBe(SLOW_CLIENT_CLOSE_CODE);
    expect(closed.reason).toMatch(/not reading/);
    // And the service carries on.
    expect((await gqlAs(server.url, undefined, "{ __typename }")).data).toEqual({ __typename: "Query" });
  }, 60_000);
});

describe("frames", () => {
  it.each([CURRENT, LEGACY] as const)("over %s, a frame over MAX_FRAME_BYTES is refused from its header (1009), before its payload is sent", async (protocol) => {
    const client = await connect(protocol, false);
    // Only the header of a masked text frame announcing MAX_FRAME_BYTES + 1 bytes: the server must
    // refuse it without waiting for (and buffering) the payload.
    const header = Buffer.alloc(14);
    header[0] = 0x81;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(MAX_FRAME_BYTES + 1), 2);
    (client.socket as unknown as { _socket: Socket })._socket.write(header);
    const closed = await Promise.race([client.closed, sleep(5_000).then(() => "still open")]);
    expect(closed).toEqual({ code: 1009, reason: "" });
  });

  it.each([CURRENT, LEGACY] as const)("over %s, a message just under MAX_FRAME_BYTES is read and answered", async (protocol) => {
    const client = await connect(protocol);
    const message = (pad: string) => JSON.stringify({ id: "big", type: START[protocol], payload: { query: "{ __typename }", extensions: { pad } } });
    const pad = "x".repeat(MAX_FRAME_BYTES - Buffer.byteLength(message("")) - 16);
    client.socket.send(message(pad));
    await until(() => client.messages.some((reply) => reply.id === "big" && reply.type === RESULT[protocol]), "the answer");
    expect(client.messages.find((reply) => reply.id === "big")!.payload).toEqual({ data: { __typename: "Query" } });
  });
});

describe("the shape of a message's JSON", () => {
  it.each([CURRENT, LEGACY] as const)("over %s, nesting deeper than MAX_JSON_NESTING closes the socket (4400) before it is parsed", async (protocol) => {
    const client = await connect(protocol);
    const depth = 1_000_000;
    client.socket.send(`{"id":"deep","type":"${START[protocol]}","payload":{"query":"{ __typename }","variables":{"v":${"[".repeat(depth)}${"]".repeat(depth)}}}}`);
    expect(await Promise.race([client.closed, sleep(5_000).then(() => "still open")])).toEqual({ code: 4400, reason: `The request's JSON nests deeper than ${MAX_JSON_NESTING} levels` });
    expect(client.messages.filter((message) => message.id === "deep")).toEqual([]);
  });

  it.each([CURRENT, LEGACY] as const)("over %s, a list in variables over MAX_JSON_LIST_ITEMS closes the socket (4400) before it is coerced", async (protocol) => {
    const client = await connect(protocol);
    const query = "query ($k: [StatementKind!]) { statements(first: 1, filter: { kind: $k }) { totalCount } }";
    client.send({ id: "long", type: START[protocol], payload: { query, variables: { k: Array(600_000).fill("PARAPHRASE") } } });
    expect(await Promise.race([client.closed, sleep(5_000).then(() => "still open")])).toEqual({ code: 4400, reason: `A list in the request's JSON holds more than ${MAX_JSON_LIST_ITEMS} items` });
    expect(client.messages.filter((message) => message.id === "long")).toEqual([]);
  });
});

describe("connection_init", () => {
  it("a socket that never sends it is closed after CONNECTION_INIT_WAIT_MS (4408), on both protocols; one that sent it stays open", async () => {
    const opened = Date.now();
    const [silentLegacy, silentCurrent, initialised] = await Promise.all([connect(LEGACY, false), connect(CURRENT, false), connect(LEGACY)]);
    const timeout = { code: 4408, reason: "Connection initialisation timeout" };
    const deadline = sleep(CONNECTION_INIT_WAIT_MS + 3_000).then(() => "still open");
    expect(await Promise.race([silentLegacy.closed, deadline])).toEqual(timeout);
    expect(await Promise.race([silentCurrent.closed, deadline])).toEqual(timeout);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(CONNECTION_INIT_WAIT_MS - 100);
    expect(initialised.socket.readyState).toBe(WebSocket.OPEN);
    // Sending something else first does not count as the init.
    const startedFirst = await connect(LEGACY, false);
    startedFirst.send({ id: "q", type: "start", payload: { query: "{ __typename }" } });
    expect(await Promise.race([startedFirst.closed, sleep(CONNECTION_INIT_WAIT_MS + 3_000).then(() => "still open")])).toEqual(timeout);
    expect(initialised.socket.readyState).toBe(WebSocket.OPEN);
  }, 20_000);
});

describe("the legacy protocol's operation count", () => {
  it("releases each answered query, so a long session goes on, while the cap still holds for live subscriptions", async () => {
    const client = await connect(LEGACY);
    const answered = (id: string) => client.messages.find((message) => message.id === id && (message.type === "data" || message.type === "error"));
    for (let n = 1; n <= 60; n += 1) {
      client.send({ id: `q${n}`, type: "start", payload: { query: "{ __typename }" } });
      await until(() => answered(`q${n}`) !== undefined, `the answer to query ${n}`);
      expect(answered(`q${n}`)).toEqual({ id: `q${n}`, type: "data", payload: { data: { __typename: "Query" } } });
    }
    for (let n = 1; n <= MAX_SUBSCRIPTIONS_PER_CONNECTION + 1; n += 1) client.send({ id: `s${n}`, type: "start", payload: { query: "subscription { statementAdded { text } }" } });
    await until(() => answered(`s${MAX_SUBSCRIPTIONS_PER_CONNECTION + 1}`) !== undefined, "the refusal of the 51st subscription");
    const refusals = client.messages.filter((message) => message.type === "error");
    expect(refusals.map((message) => message.id)).toEqual([`s${MAX_SUBSCRIPTIONS_PER_CONNECTION + 1}`]);
    expect(refusals[0].payload.message).toContain(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`);
    // A query now is refused as well: the 50 subscriptions are live.
    client.send({ id: "q-after", type: "start", payload: { query: "{ __typename }" } });
    await until(() => answered("q-after") !== undefined, "the answer to the last query");
    expect(answered("q-after")!.type).toBe("error");
  });
});
