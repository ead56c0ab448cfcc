import { getIntrospectionQuery } from "graphql";
import { useSeededServer } from "./support/server";

/** Query limits are checked before execution: a refused request never reaches the database. */
const fixture = useSeededServer();

async function refusedBeforeTheDatabase(query: string): Promise<{ message: string; extensions?: { code?: string } }> {
  fixture.database.queries.reset();
  const { status, data, errors } = await fixture.server.gql(query);
  expect(data).toBeUndefined();
  expect(status).toBe(400);
  expect(errors!.length).toBeGreaterThanOrEqual(1);
  expect(errors![0].extensions?.code).toMatch(/^GRAPHQL_(VALIDATION|PARSE)_FAILED$/);
  expect(fixture.database.queries.count).toBe(0);
  return errors![0];
}

it("refuses a query deeper than 12 levels", async () => {
  const deep = `{ events { nodes { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } }`;
  const error = await refusedBeforeTheDatabase(deep);
  expect(error.message).toMatch(/depth/i);
});

it("refuses more than 15 aliases", async () => {
  const aliases = Array.from({ length: 16 }, (_, n) => `a${n}: people { totalCount }`).join(" ");
  expect((await refusedBeforeTheDatabase(`{ ${aliases} }`)).message).toMatch(/alias/i);
});

it("refuses a document of more than 2,000 tokens", async () => {
  const fields = Array.from({ length: 2100 }, () => "__typename").join(" ");
  expect((await refusedBeforeTheDatabase(`{ ${fields} }`)).message).toMatch(/token/i);
});

it("refuses more than 50 directives", async () => {
  const directives = Array.from({ length: 51 }, () => "@include(if: true)").join(" ");
  expect((await refusedBeforeTheDatabase(`{ __typename ${directives} }`)).message).toMatch(/directive/i);
});

it("serves the standard nested page and Playground's introspection within the limits", async () => {
  const nested = await fixture.server.gql(`{ events(first: 20) { nodes { title statements(first: 10) { nodes { text speaker { name affiliations { role organization { name shortName } } } } } } } }`);
  expect(nested.errors).toBeUndefined();
  const introspection = await fixture.server.gql(getIntrospectionQuery());
  expect(introspection.errors).toBeUndefined();
  expect(introspection.data.__schema.queryType.name).toBe("Query");
});

it("refuses batched HTTP requests", async () => {
  const response = await fetch(fixture.server.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
  });
  expect(response.status).toBe(400);
});

describe("health", () => {
  it("answers /health while the process lives and /ready while the database answers with no migration pending", async () => {
    const base = fixture.server.url.replace(/\/graphql$/, "");
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });
});
