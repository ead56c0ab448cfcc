/**
 * Production mode: with NODE_ENV=production, introspection (over HTTP and WebSocket) and GraphQL
 * Playground are off unless NEWSGRAPH_INTROSPECTION / NEWSGRAPH_PLAYGROUND turn them on; outside
 * production both are on. Checked on the built service, run as real processes (`npm run build`
 * first; `npm test` does it).
 */
import { getIntrospectionQuery } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { ConfigError, loadConfig } from "../src/config";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { requireBuild, startService, stopAllChildren, type Service } from "./support/processes";

const START_TIMEOUT = 120_000;
const INTROSPECTION = `{ __schema { queryType { name } } }`;
const TYPE_INTROSPECTION = `{ __type(name: "Person") { name } }`;
const DISABLED = /introspection has been disabled/;

describe("configuration", () => {
  const exposure = (env: NodeJS.ProcessEnv) => {
    const { introspection, playground } = loadConfig(env);
    return { introspection, playground };
  };

  it("turns introspection and Playground on outside production, off in production", () => {
    expect(exposure({})).toEqual({ introspection: true, playground: true });
    expect(exposure({ NODE_ENV: "development" })).toEqual({ introspection: true, playground: true });
    expect(exposure({ NODE_ENV: "test" })).toEqual({ introspection: true, playground: true });
    expect(exposure({ NODE_ENV: "production" })).toEqual({ introspection: false, playground: false });
  });

  it("lets either be set in any mode; Playground brings introspection with it", () => {
    expect(exposure({ NODE_ENV: "production", NEWSGRAPH_INTROSPECTION: "true" })).toEqual({ introspection: true, playground: false });
    expect(exposure({ NODE_ENV: "production", NEWSGRAPH_PLAYGROUND: "true" })).toEqual({ introspection: true, playground: true });
    expect(exposure({ NODE_ENV: "production", NEWSGRAPH_PLAYGROUND: "1", NEWSGRAPH_INTROSPECTION: "yes" })).toEqual({ introspection: true, playground: true });
    expect(exposure({ NEWSGRAPH_PLAYGROUND: "false" })).toEqual({ introspection: true, playground: false });
    // Playground needs introspection: turning introspection off turns Playground's default off too.
    expect(exposure({ NEWSGRAPH_INTROSPECTION: "false" })).toEqual({ introspection: false, playground: false });
  });

  it("refuses Playground without introspection, and values that are not booleans, naming the variable", () => {
    const configError = (env: NodeJS.ProcessEnv) => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
    };
    expect(configError({ NEWSGRAPH_PLAYGROUND: "true", NEWSGRAPH_INTROSPECTION: "false" })).toMatch(/NEWSGRAPH_PLAYGROUND.*needs introspection.*NEWSGRAPH_INTROSPECTION=false/);
    expect(configError({ NODE_ENV: "production", NEWSGRAPH_INTROSPECTION: "maybe" })).toMatch(/NEWSGRAPH_INTROSPECTION must be true or false, got "maybe"/);
    expect(configError({ NEWSGRAPH_PLAYGROUND: "on!" })).toMatch(/NEWSGRAPH_PLAYGROUND must be true or false/);
  });
});

// ---------------------------------------------------------------------------------------------
// The built service in three configurations, sharing one seeded database.

let database: TestDatabase;
const services: { production?: Service; productionWithOverrides?: Service; development?: Service } = {};

beforeAll(async () => {
  requireBuild();
  database = await createTestDatabase({ seed: true });
  const common = { DATABASE_URL: database.url, NEWSGRAPH_SEED: "false" };
  [services.production, services.productionWithOverrides, services.development] = await Promise.all([
    startService({ ...common, NODE_ENV: "production" }, "production"),
    startService({ ...common, NODE_ENV: "production", NEWSGRAPH_INTROSPECTION: "true", NEWSGRAPH_PLAYGROUND: "true" }, "production with overrides"),
    startService({ ...common, NODE_ENV: "development" }, "development"),
  ]);
}, START_TIMEOUT);

afterAll(async () => {
  await stopAllChildren();
  await database?.close();
}, 60_000);

async function post(url: string, query: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.json() };
}

/** A query over graphql-transport-ws (the graphql-ws library): its result, or the errors it was refused with. */
async function overCurrentProtocol(url: string, query: string): Promise<{ data?: any; errors?: { message: string }[] }> {
  const client = createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    return await new Promise((resolve, reject) => {
      let result: { data?: any; errors?: { message: string }[] } = {};
      client.subscribe(
        { query },
        {
          next: (value) => (result = value as typeof result),
          error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
          complete: () => resolve(result),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/** A query over the legacy graphql-ws protocol (what Playground speaks): its data, or the error message. */
function overLegacyProtocol(url: string, query: string): Promise<{ data?: any; error?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-ws");
    const done = (outcome: { data?: any; error?: string }) => {
      socket.close();
      resolve(outcome);
    };
    socket.on("error", reject);
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: {} })));
    socket.on("message", (raw) => {
      const message = JSON.parse(raw.toString());
      if (message.type === "connection_ack") socket.send(JSON.stringify({ id: "1", type: "start", payload: { query } }));
      if (message.type === "data") done(message.payload.errors ? { error: JSON.stringify(message.payload.errors) } : { data: message.payload.data });
      if (message.type === "error") done({ error: message.payload.message });
    });
  });
}

/** GET as a browser asks for a page. */
const browse = (url: string) => fetch(url, { headers: { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" }, redirect: "manual" });
const origin = (service: Service) => new URL(service.url).origin;

describe("with NODE_ENV=production", () => {
  it("refuses introspection over HTTP with a clear validation error, and still answers __typename", async () => {
    const { url } = services.production!;
    for (const query of [INTROSPECTION, TYPE_INTROSPECTION, getIntrospectionQuery()]) {
      const { status, body } = await post(url, query);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors[0].message).toMatch(DISABLED);
      expect(body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    }
    expect(await post(url, `{ __typename people(first: 1) { totalCount } }`)).toEqual({ status: 200, body: { data: { __typename: "Query", people: { totalCount: 3 } } } });
  });

  it("refuses introspection over WebSocket, in both protocols", async () => {
    const { url } = services.production!;
    const current = await overCurrentProtocol(url, INTROSPECTION);
    expect(current.data).toBeUndefined();
    expect(current.errors?.[0].message).toMatch(DISABLED);
    expect((await overLegacyProtocol(url, TYPE_INTROSPECTION)).error).toMatch(DISABLED);
    // The socket itself still serves plain queries.
    expect(await overCurrentProtocol(url, `{ people(first: 1) { totalCount } }`)).toEqual({ data: { people: { totalCount: 3 } } });
  });

  it("spells out no names in validation errors: no \"Did you mean …?\", over HTTP and both WebSocket protocols", async () => {
    const typos = [`{ peple { totalCount } }`, `{ people(frist: 1) { totalCount } }`, `{ events(filter: { kind: [MILITARY_DEPLOYMNT] }) { totalCount } }`];
    for (const [service, hints] of [[services.production!, false], [services.productionWithOverrides!, true], [services.development!, true]] as const) {
      for (const query of typos) {
        const messages = [
          (await post(service.url, query)).body.errors[0].message as string,
          (await overCurrentProtocol(service.url, query)).errors![0].message,
          (await overLegacyProtocol(service.url, query)).error!,
        ];
        for (const message of messages) expect([query, message, /Did you mean/.test(message)]).toEqual([query, message, hints]);
      }
    }
  });

  it("serves no Playground: not on GET /graphql, not its assets, and no redirect from /", async () => {
    const service = services.production!;
    const page = await browse(service.url);
    expect(page.status).toBe(400);
    expect(page.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await page.text();
    expect(text).not.toMatch(/<html|GraphQLPlayground|<script/i);
    expect(JSON.parse(text).errors[0].extensions.code).toBe("BAD_REQUEST");

    expect((await fetch(`${origin(service)}/playground/static/js/middleware.js`)).status).toBe(404);
    expect((await fetch(`${origin(service)}/playground/static/css/middleware.css`)).status).toBe(404);
    const root = await browse(`${origin(service)}/`);
    expect(root.status).toBe(404);
    expect(root.headers.get("location")).toBeNull();
  });
});

describe("with NODE_ENV=production, NEWSGRAPH_INTROSPECTION=true and NEWSGRAPH_PLAYGROUND=true", () => {
  it("answers introspection over HTTP and WebSocket", async () => {
    const { url } = services.productionWithOverrides!;
    const { status, body } = await post(url, getIntrospectionQuery());
    expect(status).toBe(200);
    expect(body.data.__schema.queryType.name).toBe("Query");
    expect(await overCurrentProtocol(url, INTROSPECTION)).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    expect(await overLegacyProtocol(url, TYPE_INTROSPECTION)).toEqual({ data: { __type: { name: "Person" } } });
  });

  it("serves Playground and its assets", async () => {
    const service = services.productionWithOverrides!;
    await expectPlayground(service);
  });
});

describe("outside production (NODE_ENV=development)", () => {
  it("answers introspection and serves Playground by default", async () => {
    const service = services.development!;
    expect((await post(service.url, INTROSPECTION)).body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    expect(await overCurrentProtocol(service.url, INTROSPECTION)).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
    await expectPlayground(service);
  });
});

async function expectPlayground(service: Service): Promise<void> {
  const page = await browse(service.url);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  expect(await page.text()).toContain("GraphQLPlayground.init");
  const script = await fetch(`${origin(service)}/playground/static/js/middleware.js`);
  expect(script.status).toBe(200);
  await script.arrayBuffer();
  const root = await browse(`${origin(service)}/`);
  expect(root.status).toBe(302);
  expect(root.headers.get("location")).toBe("/graphql");
}

describe.each(["production", "development"] as const)("requests a browser sends without a preflight (%s)", (mode) => {
  const service = () => services[mode]!;
  const query = JSON.stringify({ query: `{ people { totalCount } }` });

  it.each(["text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "runs nothing from a POST sent as %s: 400, unread",
    async (contentType) => {
      const response = await fetch(service().url, { method: "POST", headers: { "content-type": contentType }, body: query });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { data?: unknown; errors: { message: string; extensions: { code: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    },
  );

  it("answers a query sent as a GET without a preflight header (urql's default), and never a mutation", async () => {
    const answered = await fetch(`${service().url}?query=${encodeURIComponent("{ people { totalCount } }")}`);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ data: { people: { totalCount: 3 } } });
    const mutation = await fetch(`${service().url}?query=${encodeURIComponent(`mutation { createPerson(input: { name: "Via GET" }) { id } }`)}`);
    expect(mutation.status).toBe(405);
  });
});
