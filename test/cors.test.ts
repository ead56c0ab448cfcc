/**
 * CORS on /graphql and requests without a preflight, over real HTTP and WebSocket: what a browser
 * on another origin is told (the browser itself is in cors.browser.test.ts), and why dropping CSRF
 * prevention lets clients' default GETs through without letting any request act as someone.
 */
import WebSocket from "ws";
import { ConfigError, loadConfig } from "../src/config";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { get, post } from "./support/http";
import { startTestServer, type TestServer } from "./support/server";

const APP = "http://localhost:3000";
const OTHER = "https://elsewhere.example";

let database: TestDatabase;
let open: TestServer; // the default: any origin
let listed: TestServer; // NEWSGRAPH_CORS_ORIGINS=http://localhost:3000
let none: TestServer; // NEWSGRAPH_CORS_ORIGINS=false

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  [open, listed, none] = await Promise.all([
    startTestServer(database),
    startTestServer(database, { corsOrigins: [APP] }),
    startTestServer(database, { corsOrigins: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([open, listed, none].map((server) => server?.close()));
  await database?.close();
});

const preflight = (url: string, origin: string, headers = "content-type, authorization") =>
  fetch(url, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": headers } });

describe("a preflight", () => {
  it("is answered 204 before any GraphQL or CSRF handling, allowing GET and POST and the headers clients send", async () => {
    database.queries.reset();
    const response = await preflight(open.url, APP, "content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id");
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("GET,POST");
    const allowed = response.headers.get("access-control-allow-headers")!.split(",");
    expect(allowed).toEqual(expect.arrayContaining(["content-type", "authorization", "apollo-require-preflight", "x-apollo-operation-name", "x-request-id"]));
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(database.queries.count).toBe(0);
  });

  it("echoes a listed origin, with Vary: Origin, and allows no other", async () => {
    const fromApp = await preflight(listed.url, APP);
    expect(fromApp.status).toBe(204);
    expect(fromApp.headers.get("access-control-allow-origin")).toBe(APP);
    expect(fromApp.headers.get("vary")).toMatch(/origin/i);
    const fromElsewhere = await preflight(listed.url, OTHER);
    expect(fromElsewhere.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("every answer on /graphql", () => {
  it("carries Access-Control-Allow-Origin and exposes X-Request-Id, errors included", async () => {
    const answers = await Promise.all([
      fetch(open.url, { method: "POST", headers: { origin: APP, "content-type": "application/json" }, body: JSON.stringify({ query: "{ people(first: 1) { totalCount } }" }) }),
      fetch(open.url, { method: "POST", headers: { origin: APP, "content-type": "application/json" }, body: "{ not json" }),
      fetch(`${open.url}?query=${encodeURIComponent("{ nope }")}`, { headers: { origin: APP } }),
    ]);
    expect(answers.map((response) => response.status)).toEqual([200, 400, 400]);
    for (const response of answers) {
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-expose-headers")).toBe("X-Request-Id");
      expect(response.headers.get("x-request-id")).toEqual(expect.any(String));
    }
  });

  it("carries no CORS header with NEWSGRAPH_CORS_ORIGINS=false, and no allowed origin for an unlisted one", async () => {
    const body = JSON.stringify({ query: "{ __typename }" });
    const unconfigured = await fetch(none.url, { method: "POST", headers: { origin: APP, "content-type": "application/json" }, body });
    expect(unconfigured.status).toBe(200);
    expect([...unconfigured.headers.keys()].filter((name) => name.startsWith("access-control-"))).toEqual([]);
    const unlisted = await fetch(listed.url, { method: "POST", headers: { origin: OTHER, "content-type": "application/json" }, body });
    expect(unlisted.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("requests a browser sends without a preflight", () => {
  const query = "{ people(first: 1, orderBy: { field: NAME }) { nodes { name } } }";

  it("runs a query sent as a plain GET, as urql, graphql-request and Relay's fetch send it", async () => {
    const answer = await get(open.url, { query }, { accept: "application/graphql-response+json, application/json" });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.people.nodes).toEqual([{ name: "Farah Dakhlallah" }]);
  });

  it("never runs a mutation over GET", async () => {
    const token = await createToken(database.db, "cors-editor", Role.EDITOR);
    const mutation = `mutation { createPerson(input: { name: "Nobody Via Get" }) { id } }`;
    const answer = await get(open.url, { query: mutation }, { authorization: `Bearer ${token}` });
    expect(answer.status).toBe(405);
    expect(answer.data).toBeUndefined();
    const [{ n }] = await database.db.query("SELECT count(*)::int AS n FROM people WHERE name = $1", ["Nobody Via Get"]);
    expect(n).toBe(0);
  });

  it("runs nothing from a POST that is not JSON (what a form or a text/plain fetch can send)", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      database.queries.reset();
      const response = await fetch(open.url, { method: "POST", headers: { "content-type": contentType }, body: JSON.stringify({ query }) });
      expect(response.status).toBe(400);
      expect(database.queries.count).toBe(0);
    }
  });

  it("answers a POST with content-type: application/json, as plain fetch sends it", async () => {
    expect((await post(open.url, { query })).data.people.nodes).toEqual([{ name: "Farah Dakhlallah" }]);
  });
});

describe("WebSocket upgrades", () => {
  /** Whether a graphql-transport-ws socket opens, sent with `origin` (as browsers send it) or none. */
  function opens(url: string, origin?: string): Promise<boolean | number> {
    return new Promise((resolve) => {
      const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-transport-ws", origin ? { origin } : {});
      socket.once("open", () => {
        socket.close();
        resolve(true);
      });
      socket.once("unexpected-response", (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.once("error", () => resolve(false));
    });
  }

  it("are refused (403) from an origin outside a configured list, and let in from a listed one, the service's own, or none", async () => {
    expect(await opens(listed.url, OTHER)).toBe(403);
    expect(await opens(listed.url, APP)).toBe(true);
    expect(await opens(listed.url, new URL(listed.url).origin)).toBe(true);
    expect(await opens(listed.url)).toBe(true);
  });

  it("are let in from any origin by default", async () => {
    expect(await opens(open.url, OTHER)).toBe(true);
  });
});

describe("NEWSGRAPH_CORS_ORIGINS", () => {
  it("is * by default, a list of origins, or false or empty for none", () => {
    expect(loadConfig({}).corsOrigins).toBe("*");
    expect(loadConfig({ NEWSGRAPH_CORS_ORIGINS: "*" }).corsOrigins).toBe("*");
    expect(loadConfig({ NEWSGRAPH_CORS_ORIGINS: `${APP}, https://news.example.org` }).corsOrigins).toEqual([APP, "https://news.example.org"]);
    expect(loadConfig({ NEWSGRAPH_CORS_ORIGINS: "false" }).corsOrigins).toBe(false);
    expect(loadConfig({ NEWSGRAPH_CORS_ORIGINS: "" }).corsOrigins).toBe(false);
  });

  it("stops start-up on anything else, naming the variable", () => {
    for (const bad of ["localhost:3000", "https://app.example.com/", "https://app.example.com/path", "ftp://files.example.com", "*, https://a.example"]) {
      expect(() => loadConfig({ NEWSGRAPH_CORS_ORIGINS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ NEWSGRAPH_CORS_ORIGINS: bad })).toThrow("NEWSGRAPH_CORS_ORIGINS");
    }
  });
});
