import { getIntrospectionQuery } from "graphql";
import { useSeededServer } from "./support/server";

/** Query limits are checked before execution: a refused request never reaches the database. */
const fixture = useSeededServer();

async function refusedBeforeTheDatabase(query: string, code: string): Promise<{ message: string; extensions?: { code?: string; [detail: string]: unknown } }> {
  fixture.database.queries.reset();
  const { status, data, errors } = await fixture.server.gql(query);
  expect(data).toBeUndefined();
  expect(status).toBe(400);
  expect(errors).toHaveLength(1);
  expect(errors![0].extensions?.code).toBe(code);
  expect(errors![0].message).not.toMatch(/syntax/i);
  expect(fixture.database.queries.count).toBe(0);
  return errors![0];
}

/** `parent` nested n times under events' nodes: 2 + n + 1 fields deep. */
const parents = (n: number) => `{ events { nodes { ${"parent { ".repeat(n)}id${" }".repeat(n)} } } }`;

describe("depth", () => {
  it("refuses a query deeper than 12 fields, saying it is the depth limit", async () => {
    const error = await refusedBeforeTheDatabase(parents(10), "QUERY_TOO_DEEP");
    expect(error.message).toBe("The query is 13 fields deep, over the depth limit of 12: ask for fewer nested levels");
    expect(error.extensions).toMatchObject({ depth: 13, maxDepth: 12 });
  });

  it("serves a query exactly 12 fields deep", async () => {
    const { errors } = await fixture.server.gql(parents(9));
    expect(errors).toBeUndefined();
  });

  it("counts fields only: a document built from fragments is as deep as the same query written inline", async () => {
    // 8 fields deep, three named fragments: graphql-armor counted it 14 and refused it as a "Syntax Error".
    const throughFragments = `{ ...Q }
      fragment Q on Query { statements(first: 1) { edges { node { ...S } } } }
      fragment S on Statement { speaker { ...P } }
      fragment P on Person { affiliations { organization { parent { name } } } }`;
    const inline = `{ statements(first: 1) { edges { node { speaker { affiliations { organization { parent { name } } } } } } } }`;
    const throughInlineFragments = `{ ... on Query { statements(first: 1) { edges { node { ... on Statement { speaker { ... { affiliations { organization { parent { name } } } } } } } } } } }`;
    const answers = await Promise.all([throughFragments, inline, throughInlineFragments].map((query) => fixture.server.gql(query)));
    for (const { errors } of answers) expect(errors).toBeUndefined();
    expect(answers[0].data).toEqual(answers[1].data);
    expect(answers[2].data).toEqual(answers[1].data);
  });

  it("serves a Relay-style document whose components nest fragments four levels down", async () => {
    const relayStyle = `query EventPageQuery {
        events(first: 2) { edges { node { id ...EventPage_event } } }
      }
      fragment EventPage_event on Event { title ...EventStatements_event }
      fragment EventStatements_event on Event {
        statements(first: 3) { edges { cursor node { id ...StatementCard_statement } } pageInfo { hasNextPage endCursor } }
      }
      fragment StatementCard_statement on Statement { text kind speaker { id ...SpeakerBadge_person } }
      fragment SpeakerBadge_person on Person { name affiliations { role organization { name parent { name } } } }`;
    const { errors, data } = await fixture.server.gql(relayStyle);
    expect(errors).toBeUndefined();
    const statements = data.events.edges.flatMap((edge: any) => edge.node.statements.edges);
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.some((edge: any) => edge.node.speaker?.affiliations?.length > 0)).toBe(true);
  });

  it("still refuses a deep query hidden in fragments", async () => {
    const hidden = `{ events { nodes { ...A } } } fragment A on Event { parent { ...B } } fragment B on Event { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } }`;
    expect((await refusedBeforeTheDatabase(hidden, "QUERY_TOO_DEEP")).extensions).toMatchObject({ depth: 13 });
  });
});

it("refuses more than 15 aliases", async () => {
  const aliases = Array.from({ length: 16 }, (_, n) => `a${n}: people { totalCount }`).join(" ");
  const error = await refusedBeforeTheDatabase(`{ ${aliases} }`, "TOO_MANY_ALIASES");
  expect(error.message).toBe("The query has 16 aliases, over the limit of 15");
});

it("counts aliases inside introspection, and a fragment's aliases at every place it is spread", async () => {
  const introspection = `{ __type(name: "Query") { ${Array.from({ length: 16 }, (_, n) => `a${n}: name`).join(" ")} } }`;
  expect((await refusedBeforeTheDatabase(introspection, "TOO_MANY_ALIASES")).extensions).toMatchObject({ aliases: 16 });
  const spreadTwice = `{ statements(first: 1) { nodes { ...F } edges { node { ...F } } } } fragment F on Statement { ${Array.from({ length: 8 }, (_, n) => `a${n}: id`).join(" ")} }`;
  expect((await refusedBeforeTheDatabase(spreadTwice, "TOO_MANY_ALIASES")).extensions).toMatchObject({ aliases: 16 });
});

it("refuses a document of more than 2,000 tokens", async () => {
  // The parser's own limit: it stops reading there, so nothing larger is ever built.
  const fields = Array.from({ length: 2100 }, () => "__typename").join(" ");
  const { status, errors } = await fixture.server.gql(`{ ${fields} }`);
  expect(status).toBe(400);
  expect(errors![0].extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  expect(errors![0].message).toMatch(/2000 tokens/);
});

it("refuses more than 50 directives", async () => {
  // One a field, so the document stays valid (a directive may appear once at a location).
  const fields = Array.from({ length: 51 }, () => "__typename @include(if: true)").join(" ");
  const error = await refusedBeforeTheDatabase(`{ ${fields} }`, "TOO_MANY_DIRECTIVES");
  expect(error.message).toBe("The query has 51 directives, over the limit of 50");
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
