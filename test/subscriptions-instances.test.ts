/**
 * statementAdded across instances: two real `node dist/src/index.js` processes over ONE database
 * (DATABASE_URL, no seeding). A statement written through either instance, or inserted with plain
 * SQL, reaches the subscribers of both, because every instance LISTENs for the NOTIFY the statements
 * trigger sends on commit. Needs `npm run build` first (`npm test` does it).
 */
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { requireBuild, startService, stopAllChildren, type Service } from "./support/processes";
import { gqlAs } from "./support/server";

const TIMEOUT = 90_000;

const SUBSCRIPTION = `subscription { statementAdded { text speaker { name } organization { name } } }`;
const CREATE = `mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id text } }`;
const NATO = "North Atlantic Treaty Organization";
const SPOKESPERSON = "Farah Dakhlallah";

/** One service process; `url` is http://localhost:PORT/graphql, as the ready line says. */
interface Instance extends Service {
  name: string;
  /** ws://127.0.0.1:PORT/graphql */
  wsUrl: string;
}

const clients = new Set<Client>();

/** Starts one instance over `databaseUrl` (no seeding) and resolves once it is ready. */
async function startInstance(name: string, databaseUrl: string): Promise<Instance> {
  const service = await startService({ DATABASE_URL: databaseUrl, NEWSGRAPH_SEED: "false" }, `instance ${name}`);
  return { ...service, name, wsUrl: `ws://127.0.0.1:${new URL(service.url).port}/graphql` };
}

/** A graphql-ws subscriber on `instance`; payloads collect in `received`. */
function subscribe(instance: Instance, connectionParams?: Record<string, unknown>) {
  const received: any[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: instance.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined, // a close is reported through `closed` (and the sink's error)
  });
  clients.add(client);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    client.on("closed", (event) => {
      const { code, reason } = event as { code: number; reason: string };
      resolve({ code, reason: String(reason) });
    }),
  );
  const connected = new Promise<void>((resolve, reject) => {
    client.on("connected", () => resolve());
    void closed.then((event) => reject(new Error(`the socket to ${instance.name} closed: ${JSON.stringify(event)}`)));
  });
  client.subscribe(
    { query: SUBSCRIPTION },
    { next: (value) => received.push(value), error: (error) => errors.push(error), complete: () => undefined },
  );
  return {
    received,
    errors,
    /** The close code and reason, once the socket closes. */
    closed,
    texts: () => received.map((value) => value.data?.statementAdded?.text),
    /** Connected, and the subscribe message has had time to reach the instance's feed. */
    ready: async () => {
      await connected;
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
    dispose: async () => {
      clients.delete(client);
      await client.dispose();
    },
  };
}

async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: TestDatabase | undefined;
let a: Instance;
let b: Instance;
let token: string;
const ids: { nato?: string; spokesperson?: string } = {};
let counter = 0;
const uniqueText = (what: string) => `${what} #${++counter} ${Date.now()}`;

async function createStatementVia(instance: Instance, text: string): Promise<void> {
  const response = await gqlAs(instance.url, token, CREATE, {
    input: { text, kind: "PARAPHRASE", organizationId: ids.nato, speakerId: ids.spokesperson },
  });
  expect(response.errors).toBeUndefined();
  expect(response.data.createStatement.text).toBe(text);
}

beforeAll(async () => {
  requireBuild();
  database = await createTestDatabase({ seed: true });
  token = await createToken(database.db, "instances-editor", Role.EDITOR);
  [a, b] = await Promise.all([startInstance("A", database.url), startInstance("B", database.url)]);
  const { data, errors } = await gqlAs(a.url, undefined, `{
    nato: organizations(filter: { name: "NATO" }) { nodes { id name shortName } }
    spokesperson: people(filter: { name: "${SPOKESPERSON}" }) { nodes { id name } }
  }`);
  expect(errors).toBeUndefined();
  ids.nato = data.nato.nodes.find((node: { shortName: string | null }) => node.shortName === "NATO")?.id;
  ids.spokesperson = data.spokesperson.nodes.find((node: { name: string }) => node.name === SPOKESPERSON)?.id;
  expect(ids.nato).toBeDefined();
  expect(ids.spokesperson).toBeDefined();
}, TIMEOUT);

afterAll(async () => {
  for (const client of [...clients]) await client.dispose();
  try {
    // Both instances stop cleanly on SIGTERM, even with a subscriber connected to each, which is
    // told 1001 "going away" (the database must outlive them: it is dropped last).
    const running = [a, b].filter(Boolean);
    const lingering = running.map((instance) => subscribe(instance));
    await Promise.all(lingering.map((subscriber) => subscriber.ready()));
    const exits = await Promise.all(running.map((instance) => instance.stop()));
    for (const exit of exits) expect(exit).toEqual({ code: 0, signal: null });
    for (const subscriber of lingering) expect(await subscriber.closed).toEqual({ code: 1001, reason: "Server shutting down" });
  } finally {
    // Whatever is still running (a start that failed half-way) is stopped.
    await stopAllChildren();
    await database?.close();
  }
}, TIMEOUT);

it("runs two instances on distinct ports over the same database", async () => {
  expect(a.url).toMatch(/^http:\/\/[^/]+:\d+\/graphql$/);
  expect(new URL(a.url).port).not.toBe(new URL(b.url).port);
  // Each instance holds its own LISTEN connection on the shared database.
  const [{ listening }] = await database!.db.query(
    `SELECT count(*)::int AS listening FROM pg_stat_activity WHERE application_name = 'newsgraph-listener' AND datname = current_database()`,
  );
  expect(listening).toBe(2);
});

it.each([
  ["A", "B"],
  ["B", "A"],
] as const)("a subscriber on %s receives a statement created through %s's HTTP mutation, with nested fields", async (on, via) => {
  const [listener, writer] = on === "A" ? [a, b] : [b, a];
  // B's subscriber presents the editor token in its connection params, A's none: both are accepted.
  const subscriber = subscribe(listener, on === "B" ? { authorization: `Bearer ${token}` } : undefined);
  await subscriber.ready();
  const text = uniqueText(`Written via ${via}, heard on ${on}`);
  await createStatementVia(writer, text);

  await until(() => subscriber.received.length >= 1, `${on}'s delivery of the statement written via ${via}`);
  await pause(500); // nothing more (no duplicate) arrives
  expect(subscriber.errors).toEqual([]);
  expect(subscriber.received).toEqual([
    { data: { statementAdded: { text, speaker: { name: SPOKESPERSON }, organization: { name: NATO } } } },
  ]);
  await subscriber.dispose();
}, TIMEOUT);

it("delivers a statement inserted with plain SQL to the subscribers of both instances", async () => {
  const onA = subscribe(a);
  const onB = subscribe(b);
  await Promise.all([onA.ready(), onB.ready()]);
  const text = uniqueText("Inserted with SQL");
  await database!.db.query(`INSERT INTO statements (text, kind, organization_id) VALUES ($1, 'PARAPHRASE', $2)`, [
    text,
    (await database!.db.query(`SELECT id FROM organizations WHERE short_name = 'NATO'`))[0].id,
  ]);

  await until(() => onA.received.length >= 1 && onB.received.length >= 1, "both instances' deliveries of the SQL insert");
  await pause(500);
  const expected = [{ data: { statementAdded: { text, speaker: null, organization: { name: NATO } } } }];
  expect(onA.received).toEqual(expected);
  expect(onB.received).toEqual(expected);
  expect([onA.errors, onB.errors]).toEqual([[], []]);
  await Promise.all([onA.dispose(), onB.dispose()]);
}, TIMEOUT);

it("delivers a write through one instance to the subscribers of both, once each, in commit order", async () => {
  const onA = subscribe(a);
  const onB = subscribe(b);
  await Promise.all([onA.ready(), onB.ready()]);
  const texts = [uniqueText("First, via A"), uniqueText("Second, via B"), uniqueText("Third, via A")];
  await createStatementVia(a, texts[0]);
  await createStatementVia(b, texts[1]);
  await createStatementVia(a, texts[2]);

  await until(() => onA.received.length >= 3 && onB.received.length >= 3, "three deliveries on each instance");
  await pause(500);
  expect(onA.texts()).toEqual(texts);
  expect(onB.texts()).toEqual(texts);
  await Promise.all([onA.dispose(), onB.dispose()]);
}, TIMEOUT);
