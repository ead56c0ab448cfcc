/**
 * Cost, root fields and document size: checked before execution over HTTP and WebSocket, so a
 * refused request never reaches the database (the test database counts every SQL statement).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { getOperationAST, parse, validate, type GraphQLSchema } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { ConfigError, DEFAULT_LIMITS, DEFAULT_MEMORY_BOUNDS, loadConfig } from "../src/config";
import { DEFAULT_MAX_COST, operationCost } from "../src/graphql/cost";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createSchema } from "../src/schema";
import { gqlAs, startTestServer, useSeededServer, type GraphQLResponse } from "./support/server";

const fixture = useSeededServer();

/** The benchmark's Q1: 20 events × 10 statements × speaker × affiliations. */
const Q1 = `{ events(first: 20) { nodes { title kind startDate statements(first: 10, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { text statedOn speaker { name affiliations { role organization { name shortName } } } } } } } }`;
const THREE_NESTED_PAGES = `{ events(first: 100) { nodes { statements(first: 100) { nodes { speaker { statements(first: 100) { nodes { text } } } } } } } }`;

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

function costOf(query: string, variables?: Record<string, unknown>): number | undefined {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  return operationCost(schema, document, getOperationAST(document)!, variables);
}

async function refusedBeforeTheDatabase(response: Promise<GraphQLResponse>, code: string) {
  fixture.database.queries.reset();
  const { status, data, errors } = await response;
  expect({ status, code: errors?.[0]?.extensions?.code }).toEqual({ status: 400, code });
  expect(data).toBeUndefined();
  expect(fixture.database.queries.count).toBe(0);
  return errors![0];
}

describe("cost", () => {
  it("counts 1 a field, and page size × the items' selection a connection (20 when no size is given), its totalCount and pageInfo once", () => {
    expect(costOf(`{ events(first: 20) { nodes { title } } }`)).toBe(1 + 20 * (1 + 1));
    expect(costOf(`{ events { nodes { title } } }`)).toBe(1 + 20 * (1 + 1));
    expect(costOf(`{ events(first: 20) { totalCount pageInfo { hasNextPage endCursor } nodes { title } } }`)).toBe(1 + 1 + 3 + 20 * (1 + 1));
    expect(costOf(`{ events(last: 5) { edges { cursor node { title } } } }`)).toBe(1 + 5 * (1 + 1 + 2));
    expect(costOf(`query ($n: Int) { events(first: $n) { nodes { title } } }`, { n: 50 })).toBe(1 + 50 * 2);
    // Over the maximum counts as the maximum: the field itself refuses the size, with its own message.
    expect(costOf(`{ events(first: 1000) { nodes { title } } }`)).toBe(1 + 100 * 2);
    expect(costOf(`{ events(first: -5) { totalCount nodes { title } } }`)).toBe(1 + 1);
    // A plain (capped) list counts once, like any field.
    expect(costOf(`{ person(id: "x") { name affiliations { role } } }`)).toBe(1 + 1 + (1 + 1));
    expect(costOf(Q1)).toBe(2101);
    expect(costOf(THREE_NESTED_PAGES)).toBe(2_030_201);
  });

  it("remembers a document's cost per page-size and condition variables, never across them", () => {
    const document = parse(`query ($n: Int, $id: ID!, $more: Boolean!) {
      event(id: $id) { title statements(first: $n) { nodes { text speaker @include(if: $more) { name } } } } }`);
    const operation = getOperationAST(document)!;
    const cost = (variables: Record<string, unknown>) => operationCost(schema, document, operation, variables);
    expect(cost({ n: 10, id: "a", more: false })).toBe(1 + 1 + 1 + 10 * 2);
    expect(cost({ n: 10, id: "b", more: false })).toBe(1 + 1 + 1 + 10 * 2); // another id: the same cost
    expect(cost({ n: 100, id: "a", more: false })).toBe(1 + 1 + 1 + 100 * 2);
    expect(cost({ n: 100, id: "a", more: true })).toBe(1 + 1 + 1 + 100 * 4);
    // A variable left out takes its default; an explicit null does not: never the same cost.
    const defaulted = parse(`query ($n: Int = 100) { events(first: $n) { nodes { statements(first: $n) { nodes { text } } } } }`);
    const defaultedCost = (variables: Record<string, unknown>) => operationCost(schema, defaulted, getOperationAST(defaulted)!, variables);
    expect(defaultedCost({ n: null })).toBe(1 + 20 * (1 + 1 + 20 * 2));
    expect(defaultedCost({})).toBe(1 + 100 * (1 + 1 + 100 * 2));
    // Variables that do not fit are never answered from what was remembered.
    expect(cost({ n: 10, more: false })).toBeUndefined();
    expect(cost({ n: "ten", id: "a", more: false })).toBeUndefined();
  });

  it("never lets a repeated field lower the cost", () => {
    const repeated = `{ events(first: 100) { pageInfo { ${"hasNextPage ".repeat(50)} } nodes { title } } }`;
    expect(costOf(repeated)).toBeGreaterThanOrEqual(1 + 100 * 2);
  });

  it("leaves variables that do not fit the operation to execution, which refuses them before any resolver", async () => {
    expect(costOf(`query ($n: Int!) { events(first: $n) { nodes { title } } }`, {})).toBeUndefined();
    fixture.database.queries.reset();
    const { status, errors } = await fixture.server.gql(`query ($n: Int!) { events(first: $n) { nodes { title } } }`);
    expect({ status, code: errors?.[0].extensions?.code }).toEqual({ status: 400, code: "BAD_USER_INPUT" });
    expect(fixture.database.queries.count).toBe(0);
  });

  it("lets every example query of the README and the benchmark's Q1 through comfortably (under a tenth of the budget)", async () => {
    const readme = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const tooCostly: { example: string; cost: number | undefined }[] = [];
    for (const example of [...examples, Q1]) {
      const document = parse(example);
      for (const definition of document.definitions) {
        if (definition.kind !== "OperationDefinition") continue;
        const cost = operationCost(schema, document, definition, { id: "x", after: null });
        if (cost === undefined || cost > DEFAULT_MAX_COST / 10) tooCostly.push({ example: example.slice(0, 80), cost });
      }
    }
    expect(tooCostly).toEqual([]);
    const { errors, data } = await fixture.server.gql(Q1);
    expect(errors).toBeUndefined();
    expect(data.events.nodes.length).toBeGreaterThan(0);
  });

  it("refuses three nested pages of 100 before the database, giving the cost and the budget", async () => {
    const error = await refusedBeforeTheDatabase(fixture.server.gql(THREE_NESTED_PAGES), "QUERY_TOO_COSTLY");
    expect(error.message).toContain("2030201");
    expect(error.message).toContain(String(DEFAULT_MAX_COST));
    expect(error.extensions).toMatchObject({ cost: 2_030_201, maxCost: DEFAULT_MAX_COST });
  });

  it("costs page sizes given as variables, and fragments", async () => {
    const query = `query ($n: Int) { events(first: $n) { ...page } }
      fragment page on EventConnection { nodes { statements(first: $n) { nodes { speaker { statements(first: $n) { nodes { text } } } } } } }`;
    await refusedBeforeTheDatabase(fixture.server.gql(query, { n: 100 }), "QUERY_TOO_COSTLY");
    const small = await fixture.server.gql(query, { n: 5 });
    expect(small.errors).toBeUndefined();
  });

  it("costs mutations too, and refuses them before anything is written", async () => {
    const token = await createToken(fixture.database.db, "cost-editor", Role.EDITOR);
    const before = await fixture.database.db.query(`SELECT count(*)::int AS n FROM people`);
    const mutation = `mutation { createPerson(input: { name: "Costly" }) { name statements(first: 100) { nodes { event { statements(first: 100) { nodes { speaker { statements(first: 100) { nodes { text } } } } } } } } } }`;
    await refusedBeforeTheDatabase(gqlAs(fixture.server.url, token, mutation), "QUERY_TOO_COSTLY");
    expect(await fixture.database.db.query(`SELECT count(*)::int AS n FROM people`)).toEqual(before);
  });
});

describe("root fields", () => {
  const rootFields = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `f${i}: people(first: 1) { totalCount }`).join(" ")} }`;

  it(`allows ${DEFAULT_LIMITS.maxRootFields} and refuses more before the database`, async () => {
    const allowed = await fixture.server.gql(rootFields(DEFAULT_LIMITS.maxRootFields));
    expect(allowed.errors).toBeUndefined();
    const error = await refusedBeforeTheDatabase(fixture.server.gql(rootFields(DEFAULT_LIMITS.maxRootFields + 1)), "TOO_MANY_ROOT_FIELDS");
    expect(error.message).toContain(`${DEFAULT_LIMITS.maxRootFields + 1} root fields`);
    expect(error.message).toContain(`limit of ${DEFAULT_LIMITS.maxRootFields}`);
  });

  it("counts the root fields of fragments, and a repeated field once", async () => {
    const spread = `{ ...a ... on Query { b0: __typename b1: __typename } } fragment a on Query { ${Array.from({ length: 9 }, (_, i) => `a${i}: __typename`).join(" ")} }`;
    await refusedBeforeTheDatabase(fixture.server.gql(spread), "TOO_MANY_ROOT_FIELDS");
    const repeated = await fixture.server.gql(`{ ${Array.from({ length: 12 }, () => "__typename").join(" ")} }`);
    expect(repeated.errors).toBeUndefined();
  });
});

describe("document size", () => {
  it("refuses a query text over the byte limit before the database, counting bytes, not characters", async () => {
    // 'é' is two bytes in UTF-8: about 40,000 characters, 80,000 bytes.
    const padded = `{ __typename } # ${"é".repeat(40_000)}`;
    expect(padded.length).toBeLessThan(DEFAULT_LIMITS.maxDocumentBytes);
    const error = await refusedBeforeTheDatabase(fixture.server.gql(padded), "DOCUMENT_TOO_LARGE");
    expect(error.message).toContain(`limit of ${DEFAULT_LIMITS.maxDocumentBytes}`);
    expect(error.extensions).toMatchObject({ bytes: Buffer.byteLength(padded), maxBytes: DEFAULT_LIMITS.maxDocumentBytes });
  });

  it("still takes a large article body as a variable (the request body may be far larger)", async () => {
    const token = await createToken(fixture.database.db, "size-editor", Role.EDITOR);
    const body = "A long article. ".repeat(20_000); // 320,000 characters
    const { errors, data } = await gqlAs(fixture.server.url, token, `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id } }`, {
      input: { url: "https://example.org/long", title: "Long", body },
    });
    expect(errors).toBeUndefined();
    expect(data.createArticle.id).toEqual(expect.any(String));
  });
});

describe("over WebSocket", () => {
  /** The first answer to a subscription over graphql-transport-ws: its errors, or what happened instead. */
  async function firstAnswer(query: string): Promise<unknown> {
    const client = createClient({ url: fixture.server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    try {
      return await new Promise<unknown>((resolve) => {
        const timer = setTimeout(() => resolve("no answer within 20 s"), 20_000);
        const settle = (outcome: unknown) => {
          clearTimeout(timer);
          resolve(outcome);
        };
        client.subscribe({ query }, { next: () => settle("delivered"), error: settle, complete: () => settle("completed") });
      });
    } finally {
      await client.dispose();
    }
  }

  it("refuses a subscription over the cost budget before it counts or runs, with the code", async () => {
    const refusal = await firstAnswer(`subscription { statementAdded { speaker { statements(first: 100) { nodes { event { statements(first: 100) { nodes { speaker { statements(first: 100) { nodes { text } } } } } } } } } } }`);
    expect(Array.isArray(refusal)).toBe(true);
    expect((refusal as { extensions?: object }[])[0].extensions).toEqual({ code: "QUERY_TOO_COSTLY", cost: expect.any(Number), maxCost: DEFAULT_MAX_COST });
  });

  it("refuses a subscription deeper than the limit, counting its fields through fragments, with the code", async () => {
    const refusal = await firstAnswer(`subscription { statementAdded { ...S } }
      fragment S on Statement { event { ...E } }
      fragment E on Event { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } }`);
    expect(Array.isArray(refusal)).toBe(true);
    expect((refusal as { extensions?: object }[])[0].extensions).toEqual({ code: "QUERY_TOO_DEEP", depth: 13, maxDepth: 12 });
  });
});

describe("configuration", () => {
  it("reads the memory bounds from the environment, with the documented defaults", () => {
    expect(loadConfig({}).bounds).toEqual({ maxRequestBytes: 8_000_000, maxResponseBytes: 16_777_216, documentCacheBytes: 31_457_280, maxUnsentBytes: 4_194_304, maxJsonNesting: 32 });
    const set = loadConfig({ NEWSGRAPH_MAX_REQUEST_BYTES: "1000000", NEWSGRAPH_MAX_RESPONSE_BYTES: "2000000", NEWSGRAPH_DOCUMENT_CACHE_BYTES: "3000000", NEWSGRAPH_MAX_UNSENT_BYTES: "400000", NEWSGRAPH_MAX_JSON_NESTING: "8" });
    expect(set.bounds).toEqual({ maxRequestBytes: 1_000_000, maxResponseBytes: 2_000_000, documentCacheBytes: 3_000_000, maxUnsentBytes: 400_000, maxJsonNesting: 8 });
    for (const variable of ["NEWSGRAPH_MAX_REQUEST_BYTES", "NEWSGRAPH_MAX_RESPONSE_BYTES", "NEWSGRAPH_DOCUMENT_CACHE_BYTES", "NEWSGRAPH_MAX_UNSENT_BYTES", "NEWSGRAPH_MAX_JSON_NESTING"]) {
      expect(() => loadConfig({ [variable]: "lots" })).toThrow(variable);
    }
  });

  it("applies configured bounds: a smaller request limit and JSON nesting over HTTP", async () => {
    const small = await startTestServer(fixture.database, { bounds: { ...DEFAULT_MEMORY_BOUNDS, maxRequestBytes: 1_000, maxJsonNesting: 3 } });
    try {
      const big = await fetch(small.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `{ __typename } # ${"x".repeat(2_000)}` }) });
      expect(big.status).toBe(413);
      const deep = await fetch(small.url, { method: "POST", headers: { "content-type": "application/json" }, body: `{"query":"{ __typename }","extensions":{"a":{"b":{}}}}` });
      expect(((await deep.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("JSON_TOO_DEEP");
      expect((await small.gql("{ __typename }")).data).toEqual({ __typename: "Query" });
    } finally {
      await small.close();
    }
  });

  it("reads the limits from the environment, with the documented defaults", () => {
    const defaults = loadConfig({});
    expect(defaults.limits).toMatchObject({ maxCost: 50_000, maxRootFields: 10, maxDocumentBytes: 65_536 });
    expect(defaults.limits).toEqual(DEFAULT_LIMITS);
    const set = loadConfig({ NEWSGRAPH_MAX_COST: "500", NEWSGRAPH_MAX_ROOT_FIELDS: "3", NEWSGRAPH_MAX_DOCUMENT_BYTES: "1024" });
    expect(set.limits).toMatchObject({ maxCost: 500, maxRootFields: 3, maxDocumentBytes: 1024 });
    for (const variable of ["NEWSGRAPH_MAX_COST", "NEWSGRAPH_MAX_ROOT_FIELDS", "NEWSGRAPH_MAX_DOCUMENT_BYTES"]) {
      expect(() => loadConfig({ [variable]: "lots" })).toThrow(ConfigError);
      expect(() => loadConfig({ [variable]: "0" })).toThrow(variable);
    }
  });
});
