import { benchQueries } from "../bench/bench-data";
import * as prepared from "../src/db/prepared";
import { generateSyntheticData } from "../bench/synthetic-data";
import { toGlobalId } from "../src/contract/global-id";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

/**
 * The standard queries on generated data (half the benchmark's scale: 50,000 statements,
 * 5,000 events): every SQL statement they send is EXPLAINed as it was run, with its parameters,
 * and none may read statements or events with a sequential scan. (Counting every match of a word
 * found in a third of all rows, as the synthetic vocabulary's words are, is a scan by nature and
 * the planner rightly chooses one, so text totalCounts are not among these queries.) The statements
 * the server prepares must also be planned once, not at every execution.
 */
let database: TestDatabase;
let server: TestServer;
let queries: { name: string; query: string; variables?: object }[];

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: PlanNode[];
}

function seqScans(plan: PlanNode): string[] {
  const own = plan["Node Type"] === "Seq Scan" && ["statements", "events"].includes(plan["Relation Name"] ?? "") ? [plan["Relation Name"]!] : [];
  return [...own, ...(plan.Plans ?? []).flatMap(seqScans)];
}

beforeAll(async () => {
  // One pooled connection, so pg_prepared_statements (per connection) shows every statement the server prepared.
  database = await createTestDatabase({ settings: { poolSize: 1 } });
  await generateSyntheticData(database.db, 0.5);
  server = await startTestServer(database);
  const [{ event }] = await database.db.query(`SELECT id AS event FROM events WHERE kind = 'ANNOUNCEMENT' ORDER BY start_date DESC, id LIMIT 1`);
  const [{ speaker }] = await database.db.query(`SELECT speaker_id AS speaker FROM statements GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
  const [{ organization }] = await database.db.query(`SELECT organization_id AS organization FROM statements WHERE organization_id IS NOT NULL LIMIT 1`);
  const personId = toGlobalId("Person", speaker);
  queries = [
    ...benchQueries({ eventId: toGlobalId("Event", event), personId }),
    { name: "statements of a speaker by date", query: `query ($id: ID!) { statements(first: 20, filter: { speakerId: $id }) { totalCount nodes { text } } }`, variables: { id: personId } },
    {
      name: "statements of an organization in a date range",
      query: `query ($id: ID!) { statements(first: 20, filter: { organizationId: $id, statedOn: { from: "2021-01-01", to: "2021-06-30" } }) { nodes { text } } }`,
      variables: { id: toGlobalId("Organization", organization) },
    },
    { name: "statements by text", query: `{ statements(first: 20, filter: { text: "ceasefire talks" }) { nodes { text } } }` },
    { name: "events in a date range", query: `{ events(first: 20, filter: { date: { from: "2022-03-01", to: "2022-03-31" } }) { nodes { title } } }` },
    { name: "events by text", query: `{ events(first: 20, filter: { text: "summit" }) { nodes { title } } }` },
    { name: "latest events with their latest statements", query: `{ events(first: 20, orderBy: { field: START_DATE, direction: DESC }) { nodes { statements(first: 5) { totalCount nodes { text } } } } }` },
    { name: "search, a phrase", query: `{ search(query: "\\"border talks\\"", first: 50) { nodes { rank } } }` },
  ];
}, 120_000);

afterAll(async () => {
  await server?.close();
  await database?.close();
});

it("reads statements and events through indexes only, in every standard query", async () => {
  const findings: string[] = [];
  for (const { name, query, variables } of queries) {
    database.queries.reset();
    const response = await server.gql(query, variables);
    expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
    const calls = [...database.queries.calls];
    expect(calls.length).toBeGreaterThan(0);
    for (const { sql, parameters } of calls) {
      const [{ "QUERY PLAN": [{ Plan }] }] = await database.db.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
      for (const table of seqScans(Plan)) findings.push(`${name}: sequential scan on ${table} in ${sql.replace(/\s+/g, " ").slice(0, 160)}`);
    }
  }
  expect(findings).toEqual([]);
});

const queryPrepared = prepared.queryPrepared;

it("prepares the lookups that recur, and plans each once per connection, not at every execution", async () => {
  const sentPrepared = new Set<string>();
  const spy = jest.spyOn(prepared, "queryPrepared").mockImplementation((...args) => {
    sentPrepared.add(args[1]);
    return queryPrepared(...args);
  });
  try {
    for (let round = 0; round < 8; round += 1) {
      for (const { name, query, variables } of queries) {
        const response = await server.gql(query, variables);
        expect({ name, errors: response.errors }).toEqual({ name, errors: undefined });
      }
    }
  } finally {
    spy.mockRestore();
  }
  const statements: { statement: string; generic_plans: number; custom_plans: number }[] = await database.db.query(
    `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'newsgraph_%'`,
  );
  // Every lookup the standard queries send 8 times has been prepared (the names are not used up),
  // and so have the searches among them (their words written in, under names of their own).
  expect([...sentPrepared].filter((sql) => !statements.some((statement) => statement.statement === sql))).toEqual([]);
  expect(sentPrepared.size).toBeGreaterThanOrEqual(5);
  expect(statements.filter((statement) => statement.statement.includes("websearch_to_tsquery")).length).toBeGreaterThanOrEqual(2);
  // Postgres tries the values' own plans for the first five executions, then settles on one plan
  // when it looks no worse. Lookups by id must settle; a nested page's rows depend on its parent
  // (a prolific speaker has more), so whether planning for the parent pays is Postgres's call.
  const replanned = statements.filter((statement) => statement.custom_plans > 5 && !statement.statement.includes("AS __parent")).map((statement) => statement.statement.replace(/\s+/g, " ").slice(0, 200));
  expect(replanned).toEqual([]);
});

it("plans a search without trying the fuzzy-name operator on a histogram of names (migration FuzzyNameStatistics)", async () => {
  await database.db.query(`ANALYZE people, organizations`);
  const histograms: { index: string; values: number | null }[] = await database.db.query(
    `SELECT tablename AS index, array_length(histogram_bounds::text::text[], 1) AS values FROM pg_stats WHERE tablename IN ('people_name_trgm_idx', 'organizations_name_trgm_idx') ORDER BY 1`,
  );
  // Generated data: 1,000 people and 150 organizations, each name its own, so the default target would keep 101.
  expect(histograms.map((histogram) => histogram.index)).toEqual(["organizations_name_trgm_idx", "people_name_trgm_idx"]);
  for (const histogram of histograms) expect(histogram.values ?? 0).toBeLessThan(100);
  const [{ people }] = await database.db.query(`SELECT count(DISTINCT name)::int AS people FROM people`);
  expect(people).toBeGreaterThan(100);
});
