import { benchQueries } from "../bench/bench-data";
import { PlainListLoader } from "../src/db/plain-lists";
import * as prepared from "../src/db/prepared";
import { Affiliation } from "../src/modules/affiliation/affiliation.entity";
import { toGlobalId } from "../src/contract/global-id";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { startTestServer, type TestServer } from "./support/server";

/**
 * Every nested relation goes through per-request DataLoaders, so the number of SQL statements a
 * query costs depends on its shape (its depth), never on how many items its lists hold.
 */
let database: TestDatabase;
let server: TestServer;

const DEEP_QUERY = `query ($first: Int!) {
  events(first: $first, orderBy: { field: TITLE, direction: ASC }) {
    nodes {
      title
      participants { role organization { name } person { name } }
      places { role place { name } }
      sources { url }
      statements(first: 10) {
        nodes {
          text
          speaker { name affiliations { role organization { name parent { name } } } }
        }
      }
    }
  }
}`;

beforeAll(async () => {
  database = await createTestDatabase();
  // 20 events with 12 statements each, spoken by 30 people with 2 affiliations each, set-based.
  await database.db.query(`
    INSERT INTO organizations (name, kind) SELECT 'Org ' || i, 'OTHER' FROM generate_series(1, 10) i;
    UPDATE organizations SET parent_id = (SELECT id FROM organizations WHERE name = 'Org 1') WHERE name <> 'Org 1';
    INSERT INTO people (name) SELECT 'Person ' || i FROM generate_series(1, 30) i;
    INSERT INTO affiliations (person_id, organization_id, role)
      SELECT p.id, o.id, 'Role ' || o.name FROM people p CROSS JOIN LATERAL
        (SELECT id, name FROM organizations ORDER BY md5(name || p.name) LIMIT 2) o;
    INSERT INTO places (name) SELECT 'Place ' || i FROM generate_series(1, 5) i;
    INSERT INTO articles (url, title, body) SELECT 'https://example.org/' || i, 'Article ' || i, 'Body' FROM generate_series(1, 3) i;
    INSERT INTO events (title, kind, status) SELECT 'Event ' || lpad(i::text, 2, '0'), 'OTHER', 'REPORTED' FROM generate_series(1, 20) i;
    INSERT INTO event_participants (event_id, organization_id, role) SELECT e.id, o.id, 'ACTOR' FROM events e CROSS JOIN (SELECT id FROM organizations LIMIT 2) o;
    INSERT INTO event_participants (event_id, person_id, role) SELECT e.id, (SELECT id FROM people LIMIT 1), 'SUPPORTER' FROM events e;
    INSERT INTO event_places (event_id, place_id, role) SELECT e.id, p.id, 'LOCATION' FROM events e CROSS JOIN (SELECT id FROM places LIMIT 2) p;
    INSERT INTO event_sources (event_id, article_id) SELECT e.id, a.id FROM events e CROSS JOIN articles a;
    INSERT INTO statements (text, kind, speaker_id, event_id)
      SELECT 'Statement ' || n || ' on ' || e.title, 'PARAPHRASE', (SELECT id FROM people ORDER BY md5(e.title || n) LIMIT 1), e.id
      FROM events e CROSS JOIN generate_series(1, 12) n;
  `);
  // The resolvers' path: the read planner would answer most of these queries in one statement (planned-reads.test.ts).
  server = await startTestServer(database, { plannedReads: false });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

async function statementsFor(first: number): Promise<{ count: number; data: any }> {
  database.queries.reset();
  const { data, errors } = await server.gql(DEEP_QUERY, { first });
  expect(errors).toBeUndefined();
  return { count: database.queries.count, data };
}

it("sends no more SQL statements for 20 events with 10 statements each than for 1 event: one per level at most", async () => {
  const one = await statementsFor(1);
  const twenty = await statementsFor(20);

  expect(one.data.events.nodes).toHaveLength(1);
  expect(twenty.data.events.nodes).toHaveLength(20);
  for (const event of twenty.data.events.nodes) {
    expect(event.statements.nodes).toHaveLength(10);
    expect(event.participants).toHaveLength(3);
    expect(event.places).toHaveLength(2);
    expect(event.sources).toHaveLength(3);
    for (const statement of event.statements.nodes) expect(statement.speaker.affiliations).toHaveLength(2);
  }

  // At most one statement per level, and fewer where a level's references come joined with it:
  // events; participants with their organizations and people; places with their places; sources;
  // statements with their speakers; affiliations with their organizations. The organizations'
  // parent is among the participants' organizations: a lookup by id waits for the reads under way
  // (IdentityMap.settled), so it finds it there at every run, whichever branch answers first.
  for (const { count } of [one, twenty]) expect(count).toBe(6);
});

it("sends the same statements whichever branch of the query answers first", async () => {
  // The participants (with the organizations' parent among theirs) answer last: the parent's lookup
  // still waits for them rather than reading the parent itself.
  const original = prepared.queryPrepared;
  const slow = jest.spyOn(prepared, "queryPrepared").mockImplementation(async (db, sql, values) => {
    if (sql.includes("FROM event_participants")) await new Promise((resolve) => setTimeout(resolve, 300));
    return original(db, sql, values);
  });
  try {
    expect((await statementsFor(20)).count).toBe(6);
  } finally {
    slow.mockRestore();
  }
});

it("costs the benchmark queries fewer statements than levels: references come joined", async () => {
  const [{ event }] = await database.db.query(`SELECT id AS event FROM events ORDER BY title LIMIT 1`);
  const [{ person }] = await database.db.query(`SELECT speaker_id AS person FROM statements LIMIT 1`);
  const costs: { [name: string]: number } = {};
  for (const { name, query, variables } of benchQueries({ eventId: toGlobalId("Event", event), personId: toGlobalId("Person", person) })) {
    database.queries.reset();
    // This data set's statements say "statement", not "sanctions".
    const { data, errors } = await server.gql(query.replace('"sanctions"', '"statement"'), variables);
    expect(errors).toBeUndefined();
    expect(JSON.stringify(data)).toMatch(/"(text|title)":/);
    costs[name] = database.queries.count;
  }
  expect(costs).toEqual({
    "Q1 frontend nested": 3, // events; statements with speakers; affiliations with organizations
    "Q2 single lookup": 1, // the event with its participants and their organizations
    "Q3 search": 3, // hits; statements by id; speakers by id
    "Q4 person page": 2, // the person with affiliations and organizations; statements with events
  });
});

it("reads the speakers' affiliations along with a page of statements, so each resolves at once, without a promise", async () => {
  const original = PlainListLoader.prototype.get;
  const answers: unknown[] = [];
  const get = jest.spyOn(PlainListLoader.prototype, "get").mockImplementation(function (this: PlainListLoader<unknown>, owner: string) {
    const answer = original.call(this, owner);
    answers.push(answer);
    return answer;
  });
  try {
    database.queries.reset();
    const { errors } = await server.gql(DEEP_QUERY, { first: 20 });
    expect(errors).toBeUndefined();
  } finally {
    get.mockRestore();
  }
  const atOnce = answers.filter((answer) => Array.isArray(answer) && answer[0] instanceof Affiliation);
  expect(atOnce).toHaveLength(200); // the speakers of 20 × 10 statements
  expect(answers.filter((answer) => answer instanceof Promise).length).toBeLessThanOrEqual(40); // participants and places of 20 events
  expect(database.queries.count).toBe(6); // as above
});

it("batches a nested page for many parents into one statement, a LATERAL join that reads at most a page per parent", async () => {
  database.queries.reset();
  const { errors } = await server.gql(`{ events(first: 20) { nodes { statements(first: 3) { totalCount nodes { id } } } } }`);
  expect(errors).toBeUndefined();
  // events page, statements page for all 20 events, one count for all 20 events.
  expect(database.queries.count).toBe(3);
  expect(database.queries.statements.filter((sql) => sql.includes("CROSS JOIN LATERAL") && sql.includes("LIMIT 4"))).toHaveLength(1);
});

it("reads an event with its participants, or a person with their affiliations, in one statement, as the lists read them", async () => {
  const [{ id: bare }] = await database.db.query(`INSERT INTO events (title, kind, status) VALUES ('No one took part', 'OTHER', 'REPORTED') RETURNING id`);
  const [{ event }] = await database.db.query(`SELECT id AS event FROM events WHERE title = 'Event 01'`);
  const [{ person }] = await database.db.query(`SELECT speaker_id AS person FROM statements LIMIT 1`);
  const EVENT = `query ($id: ID!) { event(id: $id) { title participants { role organization { name } person { name } } } }`;
  const PERSON = `query ($id: ID!) { person(id: $id) { name affiliations { role organization { name shortName } } } }`;
  const oneStatement = async (query: string, id: string) => {
    database.queries.reset();
    const { data, errors } = await server.gql(query, { id });
    expect(errors).toBeUndefined();
    expect(database.queries.count).toBeLessThanOrEqual(1);
    return data;
  };
  // The same answers as when each list is read on its own (a query that does not start from the id).
  const listed = await server.gql(`{ events(first: 100) { nodes { id title participants { role organization { name } person { name } } } } }`);
  const fromList = listed.data.events.nodes.find((node: { title: string }) => node.title === "Event 01");
  expect((await oneStatement(EVENT, toGlobalId("Event", event))).event).toEqual({ title: "Event 01", participants: fromList.participants });
  expect(fromList.participants).toHaveLength(3);
  expect((await oneStatement(EVENT, toGlobalId("Event", bare))).event).toEqual({ title: "No one took part", participants: [] });
  expect((await oneStatement(EVENT, toGlobalId("Event", "00000000-0000-4000-8000-000000000000"))).event).toBeNull();

  const viaStatements = await server.gql(`query ($id: ID!) { statements(first: 1, filter: { speakerId: $id }) { nodes { speaker { name affiliations { role organization { name shortName } } } } } }`, {
    id: toGlobalId("Person", person),
  });
  const alone = (await oneStatement(PERSON, toGlobalId("Person", person))).person;
  expect(alone).toEqual(viaStatements.data.statements.nodes[0].speaker);
  expect(alone.affiliations).toHaveLength(2);
});

it("joins what the next level asks for, however the request spells it: fragments, inline fragments, aliases, edges", async () => {
  const spellings = [
    `{ events(first: 5) { nodes { statements(first: 3) { nodes { text speaker { name } } } } } }`,
    `{ events(first: 5) { nodes { statements(first: 3) { nodes { ...Said } } } } } fragment Said on Statement { text who: speaker { name } }`,
    `{ events(first: 5) { nodes { statements(first: 3) { edges { node { ... on Statement { speaker { name } } } } } } } }`,
    `{ events(first: 5) { nodes { statements(first: 3) { nodes { text } more: nodes { speaker { name } } } } } }`,
  ];
  for (const query of spellings) {
    database.queries.reset();
    const { errors } = await server.gql(query);
    expect(errors).toBeUndefined();
    expect({ query, statements: database.queries.count }).toEqual({ query, statements: 2 }); // events; statements with speakers
  }
});
