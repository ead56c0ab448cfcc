import { createClient, type Client } from "graphql-ws";
import { SubscriptionClient } from "subscriptions-transport-ws";
import WebSocket from "ws";
import { createLogger } from "../src/logger";
import { createToken, Role } from "../src/modules/auth/tokens";
import { MAX_PENDING, SlowSubscriberError, StatementFeed } from "../src/modules/statement/statement-feed";
import { ReviewStatus } from "../src/modules/statement/statement.entity";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type TestServer } from "./support/server";

/** statementAdded over real WebSockets, both protocols, fed by Postgres NOTIFY. */
let database: TestDatabase;
let server: TestServer;
let token: string;
let wsUrl: string;
const clients: { dispose(): unknown }[] = [];
const ids: { [name: string]: string } = {};

const STATEMENT = `text speaker { name affiliations { role organization { name } } } organization { name } event { title }`;

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  server = await startTestServer(database);
  token = await createToken(database.db, "subscriptions-editor", Role.EDITOR);
  wsUrl = server.url.replace(/^http/, "ws");
  const { data } = await gqlAs(server.url, undefined, `{
    kirby: people(filter: { name: "kirby" }) { nodes { id } }
    austin: people(filter: { name: "austin" }) { nodes { id } }
    nsc: organizations(filter: { name: "national security council" }) { nodes { id } }
    deployment: events(filter: { kind: [MILITARY_DEPLOYMENT] }) { nodes { id } }
  }`);
  for (const [name, list] of Object.entries(data as { [name: string]: { nodes: { id: string }[] } })) ids[name] = list.nodes[0].id;
});
afterAll(async () => {
  for (const client of clients) await client.dispose();
  await server.close();
  await database.close();
});

/** A graphql-ws client whose received payloads collect in `received`. */
function subscribe(query: string, variables: Record<string, unknown> = {}, connectionParams?: Record<string, unknown>) {
  const received: any[] = [];
  const errors: unknown[] = [];
  const client: Client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: false });
  clients.push(client);
  const ready = new Promise<void>((resolve) => client.on("connected", () => resolve()));
  client.subscribe({ query, variables }, { next: (value) => received.push(value), error: (error) => errors.push(error), complete: () => undefined });
  return { received, errors, ready, client };
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Lets a subscription reach the server before anything is written. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function createStatement(text: string, extra: object = {}) {
  const { errors } = await gqlAs(server.url, token, `mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }`, {
    input: { text, kind: "PARAPHRASE", speakerId: ids.kirby, organizationId: ids.nsc, ...extra },
  });
  expect(errors).toBeUndefined();
}

it("delivers a new statement with its nested fields to matching subscribers only", async () => {
  const byKirby = subscribe(`subscription ($s: ID) { statementAdded(filter: { speakerId: $s }) { ${STATEMENT} } }`, { s: ids.kirby });
  const byAustin = subscribe(`subscription ($s: ID) { statementAdded(filter: { speakerId: $s }) { text } }`, { s: ids.austin });
  const onEvent = subscribe(`subscription ($e: ID, $o: ID) { statementAdded(filter: { eventId: $e, organizationId: $o }) { text } }`, { e: ids.deployment, o: ids.nsc });
  await Promise.all([byKirby.ready, byAustin.ready, onEvent.ready]);
  await settle();

  await createStatement("Kirby, about nothing in particular.");
  await createStatement("Kirby, about the deployment.", { eventId: ids.deployment });
  await until(() => byKirby.received.length === 2 && onEvent.received.length === 1, "deliveries");

  expect(byKirby.received[0].data.statementAdded).toEqual({
    text: "Kirby, about nothing in particular.",
    speaker: { name: "John Kirby", affiliations: [{ role: "Strategic Communications Coordinator", organization: { name: "National Security Council" } }] },
    organization: { name: "National Security Council" },
    event: null,
  });
  expect(byKirby.received[1].data.statementAdded.event).toEqual({ title: "North Korea sends troops to eastern Russia" });
  expect(onEvent.received.map((r) => r.data.statementAdded.text)).toEqual(["Kirby, about the deployment."]);
  await settle();
  expect(byAustin.received).toEqual([]);
});

it("speaks the legacy subscriptions-transport-ws protocol too (what GraphQL Playground uses)", async () => {
  const legacy = new SubscriptionClient(wsUrl, { reconnect: false }, WebSocket);
  clients.push({ dispose: () => legacy.close() });
  const received: any[] = [];
  legacy.request({ query: `subscription { statementAdded { text speaker { name } } }` }).subscribe({ next: (value) => received.push(value) });
  await settle();
  await createStatement("Heard over the legacy protocol.");
  await until(() => received.length === 1, "the legacy delivery");
  expect(received[0].data.statementAdded).toEqual({ text: "Heard over the legacy protocol.", speaker: { name: "John Kirby" } });
});

it("never announces a rolled-back statement", async () => {
  const all = subscribe(`subscription { statementAdded { text } }`);
  await all.ready;
  await settle();
  const runner = database.db.createQueryRunner();
  await runner.startTransaction();
  await runner.query(`INSERT INTO statements (text, kind, organization_id) SELECT 'Rolled back.', 'PARAPHRASE', id FROM organizations LIMIT 1`);
  await runner.rollbackTransaction();
  await runner.release();
  await database.db.query(`INSERT INTO statements (text, kind, organization_id) SELECT 'Committed.', 'PARAPHRASE', id FROM organizations LIMIT 1`);
  await until(() => all.received.length >= 1, "the committed statement");
  await settle();
  expect(all.received.map((r) => r.data.statementAdded.text)).toEqual(["Committed."]);
});

it("reconnects when its listening connection is killed, and catches up: nothing lost, nothing twice, in order", async () => {
  const all = subscribe(`subscription { statementAdded { text } }`);
  await all.ready;
  await settle();
  const [{ killed }] = await database.db.query(
    `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity WHERE application_name = 'newsgraph-listener' AND datname = current_database()`,
  );
  expect(killed).toBe(1);
  // Written while nobody listens.
  for (const n of [1, 2, 3]) {
    await database.db.query(`INSERT INTO statements (text, kind, organization_id) SELECT $1, 'PARAPHRASE', id FROM organizations LIMIT 1`, [`While down ${n}.`]);
  }
  await until(() => all.received.length >= 3, "the caught-up statements");
  await createStatement("After the reconnect.");
  await until(() => all.received.length >= 4, "the statement after the reconnect");
  await settle();
  expect(all.received.map((r) => r.data.statementAdded.text)).toEqual(["While down 1.", "While down 2.", "While down 3.", "After the reconnect."]);
  const [{ listening }] = await database.db.query(
    `SELECT count(*)::int AS listening FROM pg_stat_activity WHERE application_name = 'newsgraph-listener' AND datname = current_database()`,
  );
  expect(listening).toBe(1);
});

it("resolves nested fields for many subscribers with the same few SQL statements as for one", async () => {
  const query = `subscription { statementAdded { text speaker { name affiliations { organization { name } } } } }`;
  const countFor = async (subscribers: number, text: string) => {
    const subs = Array.from({ length: subscribers }, () => subscribe(query));
    await Promise.all(subs.map((sub) => sub.ready));
    await settle();
    database.queries.reset();
    await database.db.query(`INSERT INTO statements (text, kind, speaker_id) SELECT $1, 'PARAPHRASE', id FROM people WHERE name = 'John Kirby'`, [text]);
    await until(() => subs.every((sub) => sub.received.length === 1), `${subscribers} deliveries`);
    const count = database.queries.count - 1; // less the INSERT itself
    for (const sub of subs) await sub.client.dispose();
    return count;
  };
  const one = await countFor(1, "For one.");
  const twenty = await countFor(20, "For twenty.");
  expect(one).toBeGreaterThan(0);
  expect(twenty).toBe(one);
});

it("ends the subscription of a consumer that falls more than MAX_PENDING statements behind", async () => {
  const feed = new StatementFeed(database.db, database.url, createLogger("silent"));
  await feed.start();
  try {
    const slow = feed.subscribe({ reviewStatus: [ReviewStatus.ACCEPTED] });
    await settle();
    await database.db.query(
      `INSERT INTO statements (text, kind, organization_id) SELECT 'Flood ' || n, 'PARAPHRASE', (SELECT id FROM organizations LIMIT 1) FROM generate_series(1, $1) n`,
      [MAX_PENDING + 1],
    );
    await until(() => feed.subscriberCount === 0, "the slow subscriber to be dropped");
    await expect(slow.next()).rejects.toThrow(SlowSubscriberError);
    expect(await slow.next()).toEqual({ value: undefined, done: true });
  } finally {
    await feed.stop();
  }
});

it("refuses a subscription sent over plain HTTP with a pointer to WebSocket", async () => {
  const response = await gqlAs(server.url, undefined, `subscription { statementAdded { text } }`);
  expect(response.status).toBe(400);
  expect(response.errors?.[0]).toMatchObject({ extensions: { code: "BAD_REQUEST" } });
  expect(response.errors?.[0].message).toContain("WebSocket");
});

describe("tokens on connections", () => {
  it("accepts a connection without a token or with a valid one", async () => {
    const anonymous = subscribe(`subscription { statementAdded { text } }`);
    const editor = subscribe(`subscription { statementAdded { text } }`, {}, { authorization: `Bearer ${token}` });
    await Promise.all([anonymous.ready, editor.ready]);
  });

  it("refuses a bad token at connection time with a clear close reason", async () => {
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
      const socket = new WebSocket(wsUrl, "graphql-transport-ws");
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: "Bearer ngt_forged" } })));
      socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    expect(closed.code).toBe(4403);
    expect(closed.reason).toMatch(/Invalid token/);

    const legacyError = await new Promise<string>((resolve) => {
      const socket = new WebSocket(wsUrl, "graphql-ws");
      socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: "Bearer ngt_forged" } })));
      socket.on("message", (data) => {
        const message = JSON.parse(data.toString());
        if (message.type === "connection_error") resolve(message.payload.message);
      });
    });
    expect(legacyError).toMatch(/Invalid token/);
  });

  it("caps the subscriptions of one connection", async () => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    const errors: any[] = [];
    for (let n = 0; n < 51; n += 1) {
      client.subscribe({ query: `subscription { statementAdded { text } }` }, { next: () => undefined, error: (error) => errors.push(error), complete: () => undefined });
    }
    await until(() => errors.length === 1, "the refusal of the 51st subscription");
    expect(JSON.stringify(errors[0])).toContain("At most 50 subscriptions per connection");
  });

  it("caps the subscriptions of a legacy-protocol connection, refused ones between them or not", async () => {
    const socket = new WebSocket(wsUrl, "graphql-ws");
    clients.push({ dispose: () => socket.close() });
    const errors = new Map<string, string>();
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === "error") errors.set(message.id, JSON.stringify(message.payload));
    });
    await new Promise((resolve) => socket.on("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
    // Each refused subscription completes without ever counting; before, it uncounted a live one.
    for (let n = 1; n <= 60; n += 1) {
      socket.send(JSON.stringify({ id: `valid-${n}`, type: "start", payload: { query: `subscription { statementAdded { text } }` } }));
      socket.send(JSON.stringify({ id: `refused-${n}`, type: "start", payload: { query: `subscription { statementAdded { noSuchField } }` } }));
    }
    await until(() => errors.size === 70, "60 refusals of invalid documents and 10 over the cap");
    expect([...errors.keys()].filter((id) => id.startsWith("valid-"))).toEqual(Array.from({ length: 10 }, (_, index) => `valid-${51 + index}`));
    expect(errors.get("valid-51")).toContain("At most 50 subscriptions per connection");
  });

  it("applies the query limits to subscriptions too", async () => {
    const deep = subscribe(`subscription { statementAdded { event { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } }`);
    await until(() => deep.errors.length + deep.received.length === 1, "the refusal");
    expect(JSON.stringify([...deep.errors, ...deep.received])).toMatch(/depth/i);
  });

  it("applies the token cap over WebSockets, and invalid documents do not use up a connection's subscriptions", async () => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    const errors: unknown[] = [];
    const long = `subscription { statementAdded { ${Array.from({ length: 2100 }, () => "__typename").join(" ")} } }`;
    for (let n = 0; n < 60; n += 1) {
      client.subscribe({ query: n === 0 ? long : `subscription { statementAdded { noSuchField } }` }, { next: () => undefined, error: (error) => errors.push(error), complete: () => undefined });
    }
    await until(() => errors.length === 60, "60 refusals");
    expect(JSON.stringify(errors[0])).toMatch(/2000 tokens/);
    const received: unknown[] = [];
    client.subscribe({ query: `subscription { statementAdded { text } }` }, { next: (value) => received.push(value), error: (error) => errors.push(error), complete: () => undefined });
    await settle();
    await createStatement("After sixty refusals.");
    await until(() => received.length === 1, "a delivery on the same connection");
    expect(errors).toHaveLength(60);
  });

  it("refuses a filter id of the wrong type", async () => {
    const wrong = subscribe(`subscription ($s: ID) { statementAdded(filter: { speakerId: $s }) { text } }`, { s: ids.nsc });
    await until(() => wrong.errors.length + wrong.received.length === 1, "the error");
    expect(JSON.stringify([...wrong.errors, ...wrong.received])).toContain("expected the id of a Person");
  });
});
