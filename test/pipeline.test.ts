/**
 * Every guard of the request pipeline holds on every transport: each offending request below is
 * sent over HTTP, over graphql-transport-ws and over the legacy graphql-ws protocol, and refused alike
 * (the same message; the same code where the protocol carries one: the legacy protocol's operation
 * errors carry only a message). Guards needing another configuration are run per transport in their
 * own files: allow-list mode (allow-list.test.ts), introspection off (production-mode.test.ts), the
 * response size (attacks.test.ts), masking (observability.test.ts).
 */
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { useSeededServer } from "./support/server";

const fixture = useSeededServer();

interface Refusal {
  message: string;
  code?: string;
}

const parents = (n: number) => `{ events { nodes { ${"parent { ".repeat(n)}id${" }".repeat(n)} } } }`;

/** name, the offending document, and the code HTTP and graphql-transport-ws answer it with. */
const GUARDS: [string, string, string][] = [
  ["document size", `{ __typename } # ${"x".repeat(70_000)}`, "DOCUMENT_TOO_LARGE"],
  ["token cap", `{ ${Array(2_100).fill("__typename").join(" ")} }`, "GRAPHQL_PARSE_FAILED"],
  ["validation", `{ nope }`, "GRAPHQL_VALIDATION_FAILED"],
  ["depth", parents(10), "QUERY_TOO_DEEP"],
  ["aliases", `{ ${Array.from({ length: 16 }, (_, n) => `a${n}: __typename`).join(" ")} }`, "TOO_MANY_ALIASES"],
  ["directives", `{ ${Array(51).fill("__typename @include(if: true)").join(" ")} }`, "TOO_MANY_DIRECTIVES"],
  ["root fields", `{ ${["events", "people", "organizations", "statements", "articles", "places", "search(query: \"x\")", "node(id: \"x\")", "event(id: \"x\")", "person(id: \"x\")", "statement(id: \"x\")"].map((field, n) => `f${n}: ${field.includes("(") ? `${field} { __typename }` : `${field} { totalCount }`}`).join(" ")} }`, "TOO_MANY_ROOT_FIELDS"],
  ["cost", `{ events(first: 100) { nodes { statements(first: 100) { nodes { speaker { statements(first: 100) { nodes { text } } } } } } } }`, "QUERY_TOO_COSTLY"],
];

async function overHttp(query: string): Promise<Refusal> {
  const { errors } = await fixture.server.gql(query);
  return { message: errors![0].message, code: errors![0].extensions?.code };
}

async function overCurrentProtocol(query: string): Promise<Refusal> {
  const client = createClient({ url: fixture.server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
  try {
    const outcome = await new Promise<unknown>((resolve) => client.subscribe({ query }, { next: resolve, error: resolve, complete: () => resolve("completed") }));
    const errors = (Array.isArray(outcome) ? outcome : (outcome as { errors?: unknown[] }).errors) as { message: string; extensions?: { code?: string } }[];
    return { message: errors[0].message, code: errors[0].extensions?.code };
  } finally {
    await client.dispose();
  }
}

function overLegacyProtocol(query: string): Promise<Refusal> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(fixture.server.url.replace(/^http/, "ws"), "graphql-ws");
    socket.on("error", reject);
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: {} })));
    socket.on("message", (raw) => {
      const message = JSON.parse(raw.toString());
      if (message.type === "connection_ack") socket.send(JSON.stringify({ id: "1", type: "start", payload: { query } }));
      if (message.type === "error" || (message.type === "data" && message.payload.errors)) {
        socket.close();
        const error = message.type === "error" ? message.payload : message.payload.errors[0];
        resolve({ message: error.message, code: error.extensions?.code });
      }
    });
  });
}

describe.each(GUARDS)("the %s guard", (_name, query, code) => {
  it("refuses alike over HTTP and both WebSocket protocols, before the database", async () => {
    fixture.database.queries.reset();
    const http = await overHttp(query);
    expect(http.code).toBe(code);
    expect(await overCurrentProtocol(query)).toEqual(http);
    // The legacy protocol joins a refusal's messages; its errors carry no code.
    expect((await overLegacyProtocol(query)).message).toContain(http.message.split("\n")[0]);
    expect(fixture.database.queries.count).toBe(0);
  });
});

it("authorization holds on every transport: a mutation without a token is UNAUTHENTICATED over HTTP and both WebSocket protocols", async () => {
  const mutation = `mutation { createPerson(input: { name: "Nobody" }) { id } }`;
  const http = await overHttp(mutation);
  expect(http).toEqual({ message: expect.stringMatching(/editor token is required/), code: "UNAUTHENTICATED" });
  expect(await overCurrentProtocol(mutation)).toEqual(http);
  expect(await overLegacyProtocol(mutation)).toEqual(http);
  const [{ n }] = await fixture.database.db.query("SELECT count(*)::int AS n FROM people WHERE name = 'Nobody'");
  expect(n).toBe(0);
});
