/**
 * Attacks an anonymous client could make over HTTP to exhaust the service's memory or reach what a
 * proxy should hide, each replayed against the real service (issue 12's findings 2, 3, 6 and 9).
 * Bounds are asserted, never timings: `npm run bench:attacks` measures memory and latency.
 */
import http from "node:http";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { createToken, Role } from "../src/modules/auth/tokens";
import { DEFAULT_MEMORY_BOUNDS } from "../src/config";
import { exceedsResponseSize } from "../src/graphql/response-size";
import { freshDataDir, requireBuild, startService, stopAllChildren } from "./support/processes";
import { gqlAs, useSeededServer } from "./support/server";

const fixture = useSeededServer();

/** A GET with its path exactly as given: fetch and URL would resolve dot segments first. */
function rawGet(url: string, path: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    http.get({ hostname, port, path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on("error", reject);
  });
}

describe("the metrics endpoint through the GraphQL path", () => {
  it("is not served at a non-canonical path a proxy rule on /graphql would forward", async () => {
    const { url } = fixture.server;
    for (const path of ["/graphql/%2e%2e/metrics", "/graphql/../metrics", "/./metrics", "/graphql/%2E%2E/metrics", "//metrics"]) {
      expect([path, await rawGet(url, path)]).toEqual([path, 404]);
    }
    expect(await rawGet(url, "/metrics")).toBe(200);
    expect(await rawGet(url, "/graphql?query=%7B__typename%7D")).toBe(200);
    // The absolute form of a request target (RFC 9112), as some proxies send it, is served too.
    const { host } = new URL(url);
    expect(await rawGet(url, `http://${host}/graphql?query=%7B__typename%7D`)).toBe(200);
    expect(await rawGet(url, `http://${host}/graphql/../metrics`)).toBe(404);
  });
});

describe("deeply nested JSON", () => {
  const nested = (depth: number, open = "[", close = "]") => `${open.repeat(depth)}${close.repeat(depth)}`;

  it("is refused at once with a 400 and its own code, in variables and extensions, before anything runs", async () => {
    const { url } = fixture.server;
    const bodies = [
      `{"query":"query ($v: [Int]) { __typename }","variables":{"v":${nested(3_000_000)}}}`, // 6 MB
      `{"query":"{ __typename }","extensions":${nested(100_000, '{"a":', "}")}}`,
    ];
    for (const body of bodies) {
      fixture.database.queries.reset();
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(response.status).toBe(400);
      const { errors } = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(errors[0].extensions.code).toBe("JSON_TOO_DEEP");
      expect(errors[0].message).toContain(String(DEFAULT_MEMORY_BOUNDS.maxJsonNesting));
      expect(fixture.database.queries.count).toBe(0);
    }
    const get = await fetch(`${url}?query=${encodeURIComponent("{ __typename }")}&variables=${encodeURIComponent(`{"v":${nested(2_000)}}`)}`);
    expect(get.status).toBe(400);
    expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("JSON_TOO_DEEP");
  });

  it("lets JSON at the bound through, and brackets inside strings never count", async () => {
    const { url } = fixture.server;
    const atBound = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"query":"{ __typename }","extensions":{"x":${nested(DEFAULT_MEMORY_BOUNDS.maxJsonNesting - 2)}}}`,
    });
    expect(await atBound.json()).toEqual({ data: { __typename: "Query" } });
    const bracketsInText = await fixture.server.gql(`query ($q: String!) { search(query: $q, first: 1) { totalCount } }`, { q: `${"[{".repeat(40)} \\" ${"[".repeat(40)}` });
    expect(bracketsInText.errors?.find((error) => error.extensions?.code === "JSON_TOO_DEEP")).toBeUndefined();
  });
});

describe("response amplification", () => {
  it("refuses an answer over the size limit with its own code, instead of building it", async () => {
    const token = await createToken(fixture.database.db, "amplifier", Role.EDITOR);
    const body = "Wire copy. ".repeat(90_909); // 999,999 characters: at the limit
    const article = await gqlAs(fixture.server.url, token, `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id } }`, {
      input: { url: "https://example.org/very-long", title: "A very long article", body },
    });
    expect(article.errors).toBeUndefined();
    const { data: people } = await fixture.server.gql(`{ people(first: 1) { nodes { id } } }`);
    for (let i = 0; i < 30; i++) {
      const { errors } = await gqlAs(fixture.server.url, token, `mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id } }`, {
        input: { text: `Claim ${i}.`, kind: "PARAPHRASE", speakerId: people.people.nodes[0].id, sourceId: article.data.createArticle.id },
      });
      expect(errors).toBeUndefined();
    }
    // 30 copies of a 1 MB body under each of two aliases: about 60 MB of JSON, well within cost.
    const page = `statements(first: 100, filter: { text: "Claim" }) { nodes { source { body } } }`;
    const { status, data, errors } = await fixture.server.gql(`{ a: ${page} b: ${page} }`);
    expect(status).toBe(400);
    expect(data).toBeUndefined();
    expect(errors).toEqual([{ message: expect.stringContaining(String(DEFAULT_MEMORY_BOUNDS.maxResponseBytes)), extensions: { code: "RESPONSE_TOO_LARGE", maxBytes: DEFAULT_MEMORY_BOUNDS.maxResponseBytes } }]);
    // The same over WebSocket (graphql-transport-ws), where a query may run too.
    const client = createClient({ url: fixture.server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const overSocket = await new Promise<unknown>((resolve, reject) =>
        client.subscribe({ query: `{ a: ${page} b: ${page} }` }, { next: resolve, error: reject, complete: () => resolve("completed with nothing") }),
      );
      expect(overSocket).toEqual({ errors: [{ message: expect.stringContaining(String(DEFAULT_MEMORY_BOUNDS.maxResponseBytes)), extensions: { code: "RESPONSE_TOO_LARGE", maxBytes: DEFAULT_MEMORY_BOUNDS.maxResponseBytes } }] });
    } finally {
      await client.dispose();
    }
    // Text counts as it is sent: in UTF-8, escapes included (a control character takes 6 bytes).
    expect(exceedsResponseSize({ body: "\u0001".repeat(3_000_000) }, DEFAULT_MEMORY_BOUNDS.maxResponseBytes)).toBe(true);
    expect(exceedsResponseSize({ body: "x".repeat(3_000_000) }, DEFAULT_MEMORY_BOUNDS.maxResponseBytes)).toBe(false);
    expect(exceedsResponseSize({ body: "新".repeat(6_000_000) }, DEFAULT_MEMORY_BOUNDS.maxResponseBytes)).toBe(true);
    // Under the limit, the same field answers.
    const one = await fixture.server.gql(`{ statements(first: 2, filter: { text: "Claim" }) { nodes { source { body } } } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data.statements.nodes[0].source.body).toHaveLength(body.length);
  });
});

describe("a flood of distinct documents with long comments", () => {
  beforeAll(() => requireBuild());
  afterAll(() => stopAllChildren(), 30_000);

  it("is held to the document cache's byte budget: a service with a 192 MB heap survives 3,000 of them", async () => {
    // Each is 60 KB, nearly all comment; the parsed tree keeps the whole text. Before the cache
    // counted text, they were kept as tiny entries (+207 MB of heap), and this heap died.
    const service = await startService({ NEWSGRAPH_DATA_DIR: await freshDataDir(), NODE_OPTIONS: "--max-old-space-size=192" }, "newsgraph under a document flood");
    const comment = "#".repeat(60_000);
    let sent = 0;
    const sender = async () => {
      while (sent < 3_000) {
        const n = sent++;
        const response = await fetch(service.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ __typename } # ${n} ${comment}` }) });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    const { data } = await gqlAs(service.url, undefined, "{ people { totalCount } }");
    expect(data.people.totalCount).toBe(3);
    expect(service.process.exitCode).toBeNull();
    await service.stop();
  }, 180_000);
});
