import { benchQueries } from "../bench/bench-data";
import { toGlobalId } from "../src/contract/global-id";
import { unguardedField } from "../src/graphql/direct-resolvers";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

/**
 * The read planner (src/graphql/planned-reads.ts) answers a query in one SQL statement when the
 * registry describes every field it selects. Its answers must be the resolvers' answers, byte for
 * byte: each query here is asked of a planned server and of a server without the planner, on one
 * seeded database. (Elsewhere in the suite, NEWSGRAPH_CHECK_PLANNED_READS compares every planned
 * answer with the resolvers' too; here the check is off, so the statements can be counted.)
 */
let database: TestDatabase;
let planned: TestServer;
let resolvers: TestServer;
const PLANNED_STATEMENT = /^SELECT json_build_array\(/;

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  // A proposal awaiting review, the newest statement of its event: lists leave it out unless asked for.
  await database.db.query(`INSERT INTO statements (text, kind, event_id, speaker_id, review_status, created_at)
    SELECT 'A proposal nobody has reviewed', 'PARAPHRASE', e.id, (SELECT id FROM people ORDER BY name LIMIT 1), 'PROPOSED', now() + interval '1 day'
    FROM events e ORDER BY e.title LIMIT 1`);
  const check = process.env.NEWSGRAPH_CHECK_PLANNED_READS;
  process.env.NEWSGRAPH_CHECK_PLANNED_READS = "false";
  try {
    planned = await startTestServer(database);
  } finally {
    process.env.NEWSGRAPH_CHECK_PLANNED_READS = check;
  }
  resolvers = await startTestServer(database, { plannedReads: false });
});
afterAll(async () => {
  await planned?.close();
  await resolvers?.close();
  await database?.close();
});

/** The answer of each server, and the statements the planned one ran. */
async function both(query: string, variables?: object) {
  database.queries.reset();
  const plannedAnswer = await planned.gql(query, variables);
  const statements = [...database.queries.statements];
  const resolverAnswer = await resolvers.gql(query, variables);
  return { planned: plannedAnswer, resolvers: resolverAnswer, statements };
}

async function expectPlanned(query: string, variables?: object) {
  const answer = await both(query, variables);
  expect(answer.planned.errors).toBeUndefined();
  expect(JSON.stringify(answer.planned)).toBe(JSON.stringify(answer.resolvers));
  expect(answer.statements).toHaveLength(1);
  expect(answer.statements[0]).toMatch(PLANNED_STATEMENT);
  return answer.planned.data;
}

async function ids() {
  const { data } = await resolvers.gql(`{ events(first: 1, orderBy: { field: TITLE, direction: ASC }) { nodes { id } }
    statements(first: 1, filter: { kind: [DIRECT_QUOTE] }) { nodes { id speaker { id } place { id } source { id } organization { id } } } }`);
  const statement = data.statements.nodes[0];
  return { eventId: data.events.nodes[0].id, statementId: statement.id, personId: statement.speaker.id, articleId: statement.source.id, organizationId: statement.organization?.id };
}

describe("answers in one statement what the registry describes, as the resolvers would", () => {
  it("the benchmark's frontend page, single lookup and person page (Q1, Q2, Q4)", async () => {
    const { eventId, personId } = await ids();
    const [q1, q2, , q4] = benchQueries({ eventId, personId, organizationId: "" } as never);
    const first = await expectPlanned(q1.query, q1.variables);
    expect(first.events.nodes.length).toBeGreaterThan(0);
    expect(first.events.nodes.some((event: any) => event.statements.nodes.some((statement: any) => statement.speaker?.affiliations.length > 0))).toBe(true);
    expect((await expectPlanned(q2.query, q2.variables)).event.participants.length).toBeGreaterThan(0);
    expect((await expectPlanned(q4.query, q4.variables)).person.statements.nodes.length).toBeGreaterThan(0);
  });

  it("every kind of field: columns of each scalar type, enums, global ids, references (null ones too), plain lists, pages with edges, cursors and counts", async () => {
    const data = await expectPlanned(`{
      events(first: 3, orderBy: { field: TITLE, direction: ASC }) {
        __typename totalCount
        pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
        edges { __typename cursor node {
          __typename id title summary kind status startDate endDate datePrecision createdAt updatedAt
          parent { title } subEvents(first: 2) { totalCount nodes { title } }
          participants { __typename role organization { name shortName kind countryCode aliases wikidataId } person { name } }
          places { role place { name } }
          statements(last: 2) { totalCount pageInfo { hasNextPage hasPreviousPage } nodes {
            id text kind statedOn stance reviewStatus
            speaker { name aliases description affiliations { role startDate endDate organization { name parent { name } } person { name } } }
            organization { name parent { name parent { name } } }
            event { title } source { url title publishedAt } place { name }
          } }
        } }
      }
    }`);
    expect(data.events.edges).toHaveLength(3);
    expect(data.events.edges.some((edge: any) => edge.node.statements.nodes.some((statement: any) => statement.speaker === null || statement.organization === null))).toBe(true);
  });

  it("people, organizations, places and articles, at the root and by id", async () => {
    const { statementId, personId, articleId, organizationId } = await ids();
    await expectPlanned(`{ people(first: 5, orderBy: { field: NAME, direction: DESC }) { nodes { id name affiliations { role organization { name } } statements(first: 2) { nodes { text } } } } }`);
    await expectPlanned(`{ organizations(first: 5) { totalCount nodes { name parent { name } subOrganizations(first: 3) { nodes { name } }
      members(first: 3) { nodes { role person { name } } } statements(first: 2, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { text } } } } }`);
    await expectPlanned(`{ places(first: 3) { nodes { id name } } articles(first: 2) { nodes { url title statements(first: 3) { totalCount nodes { text } } } } }`);
    await expectPlanned(
      `query ($s: ID!, $p: ID!, $a: ID!, $o: ID!, $none: ID!) { statement(id: $s) { text speaker { name } } person(id: $p) { name } article(id: $a) { title }
        organization(id: $o) { name } missing: event(id: $none) { title } }`,
      { s: statementId, p: personId, a: articleId, o: organizationId, none: toGlobalId("Event", "00000000-0000-4000-8000-000000000000") },
    );
  });

  it("fragments, inline fragments on the type or an interface of it, aliases, and one field selected twice", async () => {
    const data = await expectPlanned(`
      query Page { first: events(first: 2) { ...Titles } again: events(first: 1) { nodes { ... on Event { title } ... on Node { id } ... { kind } title } } }
      fragment Titles on EventConnection { nodes { title heading: title statements(first: 1) { nodes { text } } statements(first: 1) { nodes { kind } } } }`);
    expect(Object.keys(data.first.nodes[0])).toEqual(["title", "heading", "statements"]);
    expect(Object.keys(data.again.nodes[0])).toEqual(["title", "id", "kind"]);
  });

  it("pages forward and back with cursors as the resolvers do", async () => {
    const query = `query ($first: Int, $after: String, $last: Int, $before: String) {
      statements(first: $first, after: $after, last: $last, before: $before, orderBy: { field: CREATED_AT, direction: ASC }) {
        edges { cursor node { text } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const page = await expectPlanned(query, { first: 3 });
    const next = await expectPlanned(query, { first: 3, after: page.statements.pageInfo.endCursor });
    expect(next.statements.pageInfo.hasPreviousPage).toBe(true);
    const back = await expectPlanned(query, { last: 3, before: next.statements.pageInfo.startCursor });
    expect(back.statements.edges).toEqual(page.statements.edges);
  });

  it("reads one item past a page only when its pageInfo asks whether more follow", async () => {
    const limits = async (query: string) => {
      const answer = await both(query);
      expect(JSON.stringify(answer.planned)).toBe(JSON.stringify(answer.resolvers));
      expect(answer.statements).toHaveLength(1);
      return { limits: [...answer.statements[0].matchAll(/LIMIT (\d+)/g)].map((match) => Number(match[1])).sort((a, b) => a - b), parameters: database.queries.calls[0].parameters };
    };
    const page = (info: string) => `{ events(first: 2, orderBy: { field: TITLE, direction: ASC }) { ${info} nodes { title statements(first: 5) { nodes { text } } } } }`;
    expect((await limits(page(""))).limits).toEqual([2, 5]);
    expect((await limits(page("pageInfo { hasNextPage }"))).limits).toEqual([3, 5]);
    expect((await limits(page("pageInfo { hasPreviousPage endCursor }"))).limits).toEqual([3, 5]);
    expect((await limits(page("pageInfo { endCursor } totalCount"))).limits).toEqual([2, 5]);
    // Search's values are written into its statement (db/search.ts): the limit of each kind's best
    // hits (four kinds) and of the page, beside each text kind's window of the newest matches.
    const search = await limits(`{ search(query: "troops", first: 4) { nodes { rank } } }`);
    expect(search).toEqual({ limits: [4, 4, 4, 4, 4, 1000, 1000], parameters: [] });
    expect((await limits(`{ search(query: "troops", first: 4) { pageInfo { hasNextPage } nodes { rank } } }`)).limits).toEqual([5, 5, 5, 5, 5, 1000, 1000]);
  });

  it("search: hits of every type with their objects, snippets, edges with cursors, and the next page", async () => {
    const query = `query ($after: String) { search(query: "troops", first: 4, after: $after) {
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      nodes { __typename rank snippet node { __typename id ... on Statement { text speaker { name } } ... on Event { title } ... on Person { name } ... on Organization { name } } }
      edges { cursor node { rank node { id } } } } }`;
    const page = await expectPlanned(query);
    expect(page.search.nodes).toHaveLength(4);
    expect(page.search.nodes[0].snippet).toMatch(/<mark>/);
    const next = await expectPlanned(query, { after: page.search.pageInfo.endCursor });
    expect(next.search.pageInfo.hasPreviousPage).toBe(true);
    const kinds = await expectPlanned(`{ search(query: "korea", first: 30) { nodes { node { __typename } } } }`);
    expect(new Set(kinds.search.nodes.map((hit: any) => hit.node.__typename)).size).toBeGreaterThan(1);
  });
});

describe("leaves to the resolvers what they must answer", () => {
  it.each([
    ["a filter (validated by the resolvers)", `{ statements(first: 2, filter: { kind: [DIRECT_QUOTE] }) { nodes { text } } }`],
    ["a directive", `query ($show: Boolean!) { events(first: 2) { nodes { title @include(if: $show) } } }`],
    ["an abstract type", `{ events(first: 1) { nodes { id } } node(id: "x") { id } }`],
    ["a field with logic of its own", `{ events(first: 2) { nodes { title corroboration { sources } } } }`],
    ["a relation the registry does not describe", `{ events(first: 2) { nodes { title sources { url } } } }`],
    ["the count of all search hits", `{ search(query: "troops") { totalCount nodes { rank } } }`],
    ["introspection", `{ __schema { queryType { name } } }`],
  ])("%s", async (_, query) => {
    const answer = await both(query, { show: true });
    expect(JSON.stringify(answer.planned)).toBe(JSON.stringify(answer.resolvers));
    expect(answer.statements.filter((statement) => PLANNED_STATEMENT.test(statement))).toEqual([]);
  });

  it("arguments the resolvers refuse, with their errors and paths: a page size out of range, a foreign cursor, an id of another type", async () => {
    const { personId } = await ids();
    const cases: [string, object?][] = [
      [`{ events(first: 1000) { nodes { title } } }`],
      [`{ events(first: 1, after: "bm9wZQ") { nodes { title } } }`],
      [`query ($id: ID!) { event(id: $id) { title } }`, { id: personId }],
      [`{ events(first: 1) { nodes { statements(first: -1) { nodes { text } } } } }`],
      [`{ search(query: "  ") { nodes { rank } } }`],
      [`{ search(query: "troops", after: "bm9wZQ") { nodes { rank } } }`],
    ];
    for (const [query, variables] of cases) {
      const answer = await both(query, variables);
      expect(answer.planned.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(answer.planned.errors?.[0]?.path).toBeDefined();
      expect(JSON.stringify(answer.planned)).toBe(JSON.stringify(answer.resolvers));
    }
  });

  it("lists accepted statements only, as the resolvers do, unless the filter names other review statuses", async () => {
    const query = `{ events(first: 1, orderBy: { field: TITLE, direction: ASC }) { nodes { statements(first: 1, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount nodes { text } } } } }`;
    const data = await expectPlanned(query);
    expect(data.events.nodes[0].statements.nodes[0].text).not.toBe("A proposal nobody has reviewed");
    const proposed = await both(`{ statements(first: 1, filter: { reviewStatus: [PROPOSED] }) { nodes { text } } }`);
    expect(proposed.planned.data.statements.nodes[0].text).toBe("A proposal nobody has reviewed");
  });

  it("leaves guarded fields to their guards: the audit log without a token is refused, not read", async () => {
    const answer = await both(`{ auditLog(first: 1) { totalCount } }`);
    expect(answer.planned.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(answer.planned.data).toBeNull();
    expect(answer.statements.filter((statement) => PLANNED_STATEMENT.test(statement))).toEqual([]);
  });

  it("plans only fields without guards: the editors' audit log is guarded, the public lists are not", () => {
    expect(unguardedField("Query", "auditLog")).toBe(false);
    expect(unguardedField("Query", "events")).toBe(true);
    expect(unguardedField("Event", "statements")).toBe(true);
    expect(unguardedField("Event", "title")).toBe(true);
    expect(unguardedField("Event", "nothing")).toBe(false);
  });
});
