import { Writable } from "node:stream";
import { createClient } from "graphql-ws";
import { Client } from "pg";
import pino from "pino";
import { SubscriptionClient } from "subscriptions-transport-ws";
import WebSocket from "ws";
import { toGlobalId } from "../src/contract/global-id";
import { createToken, Role } from "../src/modules/auth/tokens";
import { OperationLabels } from "../src/observability/metrics";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

/** Request ids, masked errors, request logs and Prometheus metrics, over real HTTP on a real database. */

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  [field: string]: unknown;
}

const INFO = 30;
const DEBUG = 20;
const ERROR = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A pino logger whose JSON lines collect in `lines`. */
function capturingLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function post(url: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, requestId: response.headers.get("x-request-id"), json: (await response.json()) as any };
}

/** The request log line of the request with this id. */
const requestLine = (lines: LogLine[], requestId: string) => until(`the log line of ${requestId}`, () => lines.find((line) => line.msg === "request" && line.requestId === requestId));

describe("on a working database", () => {
  let database: TestDatabase;
  let server: TestServer;
  let lines: LogLine[];
  let base: string;

  beforeAll(async () => {
    const captured = capturingLogger();
    lines = captured.lines;
    database = await createTestDatabase({ seed: true, settings: { statementTimeoutMs: 1_000 } });
    server = await startTestServer(database, { logger: captured.logger });
    base = server.url.replace(/\/graphql$/, "");
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it("answers every request with an X-Request-Id: the caller's when it is sane, else a new UUID", async () => {
    expect((await post(server.url, { query: "{ __typename }" }, { "x-request-id": "edge-proxy.42:a_b" })).requestId).toBe("edge-proxy.42:a_b");
    expect((await post(server.url, { query: "{ __typename }" }, { "x-request-id": "bad id <with> spaces" })).requestId).toMatch(UUID);
    expect((await post(server.url, { query: "{ __typename }" }, { "x-request-id": "x".repeat(129) })).requestId).toMatch(UUID);
    expect((await post(server.url, { query: "{ __typename }" })).requestId).toMatch(UUID);
    expect((await fetch(`${base}/health`)).headers.get("x-request-id")).toMatch(UUID);
  });

  it("logs one line per GraphQL request with id, operation, status, duration and error codes, but no variables nor token", async () => {
    const ok = await post(
      server.url,
      { query: "query FindPeople($name: String) { people(filter: { name: $name }) { totalCount } }", variables: { name: "secret-variable-value" } },
      { authorization: "Bearer secret-token-value" },
    );
    expect(ok.status).toBe(200);
    const line = await requestLine(lines, ok.requestId!);
    expect(line).toMatchObject({ level: INFO, requestId: ok.requestId, method: "POST", path: "/graphql", status: 200, operationName: "FindPeople", operationType: "query" });
    expect(typeof line.durationMs).toBe("number");
    expect(line.errorCodes).toBeUndefined();

    const tooMany = await post(server.url, { query: "query TooMany { people(first: 1000) { totalCount } }" });
    expect(await requestLine(lines, tooMany.requestId!)).toMatchObject({ level: INFO, status: 200, operationName: "TooMany", errorCodes: ["BAD_USER_INPUT"] });

    const unparsable = await post(server.url, { query: "{ people {" });
    expect(await requestLine(lines, unparsable.requestId!)).toMatchObject({ level: INFO, status: 400, errorCodes: ["GRAPHQL_PARSE_FAILED"] });

    const everything = JSON.stringify(lines);
    expect(everything).not.toContain("secret-variable-value");
    expect(everything).not.toContain("secret-token-value");
  });

  it("logs health checks at debug level", async () => {
    const response = await fetch(`${base}/ready`);
    expect(response.status).toBe(200);
    expect(await requestLine(lines, response.headers.get("x-request-id")!)).toMatchObject({ level: DEBUG, path: "/ready", status: 200 });
  });

  it("reports a statement cancelled by statement_timeout as QUERY_TIMEOUT, with the request id and no SQL", async () => {
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE people IN ACCESS EXCLUSIVE MODE");
      const { status, requestId, json } = await post(server.url, { query: "query Slow { people { totalCount } }" });
      expect(status).toBe(200);
      expect(json.errors).toEqual([
        { message: "The query took too long and was cancelled", path: ["people"], extensions: { code: "QUERY_TIMEOUT", requestId } },
      ]);
      const logged = await until("the timeout's log line", () => lines.find((line) => line.requestId === requestId && line.msg === "a database statement timed out"));
      expect(JSON.stringify(logged.err)).toMatch(/statement timeout/);
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
  });

  describe("/metrics", () => {
    const scrape = async () => {
      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      return response.text();
    };
    /** The value of one sample, or undefined when the series is absent. */
    const sample = (text: string, series: string): number | undefined => {
      const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };

    it("counts GraphQL requests and their latency by operation and outcome", async () => {
      await post(server.url, { query: "query MetricsPeople { people { totalCount } }" });
      await post(server.url, { query: "query MetricsPeople { people { totalCount } }" });
      await post(server.url, { query: "query MetricsTooMany { people(first: 1000) { totalCount } }" });
      await post(server.url, { query: "{ __typename }" });
      await post(server.url, { query: `query ${"N".repeat(65)} { __typename }` });
      const text = await scrape();
      expect(sample(text, 'newsgraph_graphql_requests_total{operation="MetricsPeople",outcome="ok"}')).toBe(2);
      expect(sample(text, 'newsgraph_graphql_requests_total{operation="MetricsTooMany",outcome="BAD_USER_INPUT"}')).toBe(1);
      expect(sample(text, 'newsgraph_graphql_requests_total{operation="anonymous",outcome="ok"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'newsgraph_graphql_requests_total{operation="other",outcome="ok"}')).toBe(1);
      expect(sample(text, 'newsgraph_graphql_request_duration_seconds_count{operation="MetricsPeople",outcome="ok"}')).toBe(2);
      expect(sample(text, 'newsgraph_graphql_request_duration_seconds_bucket{le="+Inf",operation="MetricsPeople",outcome="ok"}')).toBe(2);
      expect(sample(text, 'newsgraph_graphql_request_duration_seconds_sum{operation="MetricsPeople",outcome="ok"}')).toBeGreaterThan(0);
    });

    it("shows the database pool and the process", async () => {
      const text = await scrape();
      expect(sample(text, "newsgraph_db_pool_max_connections")).toBe(10);
      expect(sample(text, "newsgraph_db_pool_connections")).toBeGreaterThanOrEqual(1);
      expect(sample(text, "newsgraph_db_pool_idle_connections")).toBeGreaterThanOrEqual(0);
      expect(sample(text, "newsgraph_db_pool_waiting_requests")).toBe(0);
      expect(sample(text, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
      expect(sample(text, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    });

    it("counts active subscriptions, up while one runs and down when it ends", async () => {
      expect(sample(await scrape(), "newsgraph_active_subscriptions")).toBe(0);
      const client = createClient({ url: server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
      try {
        const unsubscribe = client.subscribe({ query: "subscription { statementAdded { text } }" }, { next: () => undefined, error: () => undefined, complete: () => undefined });
        await until("the subscription to count", async () => (sample(await scrape(), "newsgraph_active_subscriptions") === 1 ? true : undefined));
        unsubscribe();
        await until("the subscription to end", async () => (sample(await scrape(), "newsgraph_active_subscriptions") === 0 ? true : undefined));
      } finally {
        await client.dispose();
      }
    });
  });
});

describe("an internal error", () => {
  let database: TestDatabase;
  let server: TestServer;
  let lines: LogLine[];

  beforeAll(async () => {
    const captured = capturingLogger();
    lines = captured.lines;
    database = await createTestDatabase({ seed: true });
    server = await startTestServer(database, { logger: captured.logger });
    // A column a query reads goes missing: resolving places with their latitude now fails with a raw database error.
    await database.db.query("ALTER TABLE places RENAME COLUMN latitude TO latitude_gone");
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it("reaches the client as INTERNAL_SERVER_ERROR with the request id only; the log has the details under that id", async () => {
    const { status, requestId, json } = await post(server.url, { query: "query Places { events(first: 1) { nodes { title places { place { name latitude } } } } }" });
    expect(status).toBe(200);
    expect(requestId).toMatch(UUID);
    expect(json.errors.length).toBeGreaterThanOrEqual(1);
    for (const error of json.errors) {
      expect(error).toEqual({ message: "Internal server error", path: expect.any(Array), extensions: { code: "INTERNAL_SERVER_ERROR", requestId } });
    }
    expect(JSON.stringify(json)).not.toMatch(/latitude|column|SELECT/i);

    const logged = await until("the error's log line", () => lines.find((line) => line.level === ERROR && line.requestId === requestId));
    expect(logged).toMatchObject({ msg: "internal error while resolving a GraphQL request", operationName: "Places" });
    expect(JSON.stringify(logged.err)).toMatch(/latitude/);
    expect(await requestLine(lines, requestId!)).toMatchObject({ status: 200, errorCodes: ["INTERNAL_SERVER_ERROR"] });
  });

  it("is masked the same way in subscription results, over both WebSocket protocols", async () => {
    const query = "subscription { statementAdded { text place { name } } }";
    const wsUrl = server.url.replace(/^http/, "ws");
    const current = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const legacy = new SubscriptionClient(wsUrl, { reconnect: false }, WebSocket);
    const received: { [protocol: string]: any[] } = { current: [], legacy: [] };
    try {
      current.subscribe({ query }, { next: (value) => void received.current.push(value), error: () => undefined, complete: () => undefined });
      legacy.request({ query }).subscribe({ next: (value) => void received.legacy.push(value) });
      await new Promise((resolve) => setTimeout(resolve, 500)); // lets both subscriptions reach the server

      const [place] = await database.db.query("SELECT id FROM places LIMIT 1");
      const [person] = await database.db.query("SELECT id FROM people LIMIT 1");
      const token = await createToken(database.db, "masking-editor", Role.EDITOR);
      const created = await post(
        server.url,
        { query: "mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }", variables: { input: { text: "Said somewhere.", kind: "PARAPHRASE", speakerId: toGlobalId("Person", person.id), placeId: toGlobalId("Place", place.id) } } },
        { authorization: `Bearer ${token}` },
      );
      expect(created.json.errors).toBeUndefined();
      await until("both deliveries", () => (received.current.length > 0 && received.legacy.length > 0 ? true : undefined));

      for (const [result] of [received.current, received.legacy]) {
        expect(result.data).toEqual({ statementAdded: { text: "Said somewhere.", place: null } });
        expect(result.errors).toEqual([{ message: "Internal server error", path: ["statementAdded", "place"], extensions: { code: "INTERNAL_SERVER_ERROR", requestId: expect.stringMatching(UUID) } }]);
        const logged = lines.find((line) => line.level === ERROR && line.requestId === result.errors[0].extensions.requestId);
        expect(JSON.stringify(logged?.err)).toMatch(/latitude/);
      }
    } finally {
      await current.dispose();
      legacy.close();
    }
  });
});

describe("operation labels", () => {
  it("keep at most 200 distinct names, then count the rest as other", () => {
    const labels = new OperationLabels(200);
    expect(labels.of(undefined)).toBe("anonymous");
    expect(labels.of("not a name!")).toBe("other");
    for (let n = 0; n < 200; n++) expect(labels.of(`Op${n}`)).toBe(`Op${n}`);
    expect(labels.of("Op200")).toBe("other");
    expect(labels.of("Op7")).toBe("Op7");
  });
});
