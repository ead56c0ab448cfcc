import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type TestServer } from "./support/server";

/** Stance and Event.corroboration on the real PostgreSQL, starting from the demo data. */
let database: TestDatabase;
let server: TestServer;
let token: string;

const gql = (query: string, variables?: object) => gqlAs(server.url, token, query, variables);
async function ok(query: string, variables?: object) {
  const { data, errors } = await gql(query, variables);
  expect(errors).toBeUndefined();
  return data;
}

const CORROBORATION = `corroboration {
  sources publishers independentConfirmers participantDenial suggestedStatus firstReportedOn latestReportedOn
  statements { confirms denies disputes neutral none }
  confirmedBy { organization { name } via { name } } deniedBy { organization { name } } disputedBy { organization { name } }
  reportedBy { organization { name } via { name } } }`;
const names = (voices: { organization: { name: string } }[]) => voices.map((voice) => voice.organization.name).sort();

async function until(condition: () => Promise<boolean>, attempts = 25): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) if (await condition()) return;
  throw new Error("the database stayed busy");
}

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  server = await startTestServer(database);
  token = await createToken(database.db, "stance-editor", Role.EDITOR);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

it("answers the seed event: confirmed by the United States and NATO, reported by Ukraine and South Korea", async () => {
  const data = await ok(`{ events(first: 10, filter: { text: "troops eastern Russia" }) { nodes { title status ${CORROBORATION} } } }`);
  const deployment = data.events.nodes.find((event: { title: string }) => event.title === "North Korea sends troops to eastern Russia");
  const { corroboration } = deployment;
  expect(names(corroboration.confirmedBy)).toEqual(["North Atlantic Treaty Organization", "United States"]);
  const unitedStates = corroboration.confirmedBy.find((voice: any) => voice.organization.name === "United States");
  expect(unitedStates.via.map((organization: { name: string }) => organization.name).sort()).toEqual(["National Security Council", "United States Department of Defense"]);
  expect(names(corroboration.reportedBy)).toEqual(["South Korea", "Ukraine"]);
  expect(corroboration).toMatchObject({ independentConfirmers: 2, deniedBy: [], disputedBy: [], participantDenial: false, suggestedStatus: "CONFIRMED", sources: 1, firstReportedOn: "2024-10-23" });
  expect(corroboration.statements.confirms).toBeGreaterThanOrEqual(5);
});

describe("with statements of our own", () => {
  let eventId: string;
  let parentId: string;
  let childIds: string[];
  let otherId: string;

  beforeAll(async () => {
    const org = async (name: string, parent?: string) =>
      (await ok(`mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`, { input: { name, kind: "GOVERNMENT_BODY", ...(parent && { parentId: parent }) } })).createOrganization.id;
    parentId = await org("Republic of Testland");
    childIds = [await org("Testland Ministry of Defence", parentId), await org("Testland Foreign Office", parentId)];
    otherId = await org("Neighbouria");
    eventId = (await ok(`mutation { createEvent(input: { title: "Border post moved", kind: OTHER, status: REPORTED, participants: [] }) { id } }`)).createEvent.id;
    await ok(`mutation ($id: ID!, $org: ID!) { updateEvent(input: { id: $id, participants: [{ organizationId: $org, role: ACTOR }] }) { id } }`, { id: eventId, org: otherId });
    const article = async (url: string, body: string, publisher: string) =>
      (await ok(`mutation ($input: CreateArticleInput!) { createArticle(input: $input) { id } }`, { input: { url, title: "Border", body, publisher, publishedAt: "2025-02-01T08:00:00Z" } })).createArticle.id;
    // One wire story twice (case and spacing aside) and one story of its own.
    const wire = await article("https://example.org/wire-1", "The post moved   two kilometres.", "Wire A");
    const copy = await article("https://example.org/wire-2", "the post moved two kilometres.", "wire a");
    const own = await article("https://example.org/own", "Locals saw the post move.", "Daily B");
    const statement = (organizationId: string, stance: string, sourceId: string) =>
      ok(`mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id stance } }`, {
        input: { text: `A statement with ${stance}`, kind: "PARAPHRASE", organizationId, eventId, stance, sourceId, statedOn: "2025-02-02" },
      });
    await statement(childIds[0], "CONFIRMS", wire);
    await statement(childIds[1], "CONFIRMS", copy);
    await statement(otherId, "DENIES", own);
  });

  it("counts a wire story's copies as one source, an organization's parent as the one independent confirmer, and flags a participant's denial", async () => {
    const { node } = await ok(`query ($id: ID!) { node(id: $id) { ... on Event { ${CORROBORATION} } } }`, { id: eventId });
    expect(node.corroboration).toMatchObject({
      sources: 2,
      publishers: 2,
      independentConfirmers: 1,
      participantDenial: true,
      suggestedStatus: "REPORTED",
      statements: { confirms: 2, denies: 1, disputes: 0, neutral: 0, none: 0 },
      firstReportedOn: "2025-02-01",
      latestReportedOn: "2025-02-02",
    });
    expect(names(node.corroboration.confirmedBy)).toEqual(["Republic of Testland"]);
    expect(node.corroboration.confirmedBy[0].via.map((organization: { name: string }) => organization.name).sort()).toEqual(["Testland Foreign Office", "Testland Ministry of Defence"]);
    expect(names(node.corroboration.deniedBy)).toEqual(["Neighbouria"]);
  });

  it("sets, changes and clears a stance through the statement mutations, validated and audited, and filters by it", async () => {
    const created = await ok(`mutation ($event: ID!, $org: ID!) { createStatement(input: { text: "We doubt it", kind: PARAPHRASE, organizationId: $org, eventId: $event, stance: DISPUTES }) { id stance } }`, {
      event: eventId,
      org: otherId,
    });
    const id = created.createStatement.id;
    const bad = await gql(`mutation ($id: ID!) { updateStatement(input: { id: $id, stance: MAYBE }) { id } }`, { id });
    expect(bad.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const disputed = await ok(`query ($event: ID!) { statements(first: 10, filter: { eventId: $event, stance: [DISPUTES] }) { nodes { id } } }`, { event: eventId });
    expect(disputed.statements.nodes).toEqual([{ id }]);
    await ok(`mutation ($id: ID!) { updateStatement(input: { id: $id, stance: null }) { id } }`, { id });
    const without = await ok(`query ($event: ID!) { statements(first: 10, filter: { eventId: $event, hasStance: false }) { nodes { id } } }`, { event: eventId });
    expect(without.statements.nodes).toEqual([{ id }]);
    const [entry] = await database.db.query(`SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'UPDATE'`, [Buffer.from(id, "base64url").toString().split(":")[1]]);
    expect(entry.changes).toMatchObject({ stance: { from: "DISPUTES", to: null } });
  });

  it("pushes the new corroboration to eventCorroborationChanged when a statement with a stance is added for the event", async () => {
    const client = createClient({ url: server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const received = new Promise<any>((resolve, reject) => {
        client.subscribe(
          { query: `subscription ($id: ID!) { eventCorroborationChanged(filter: { eventId: $id }) { title corroboration { independentConfirmers deniedBy { organization { name } } } } }`, variables: { id: eventId } },
          { next: resolve, error: reject, complete: () => undefined },
        );
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Written straight to the database, as another instance (or any writer) would: the change
      // reaches this instance's subscribers through the triggers' NOTIFY, not through its own write.
      const uuid = (globalId: string) => Buffer.from(globalId, "base64url").toString().split(":")[1];
      await database.db.query(`INSERT INTO statements (text, kind, organization_id, event_id, stance) VALUES ('They did move it', 'PARAPHRASE', $1, $2, 'CONFIRMS')`, [uuid(otherId), uuid(eventId)]);
      // Neighbouria now confirms too: two independent confirmers, while it still denies as well.
      expect((await received).data.eventCorroborationChanged).toEqual({ title: "Border post moved", corroboration: { independentConfirmers: 2, deniedBy: [{ organization: { name: "Neighbouria" } }] } });
    } finally {
      await client.dispose();
    }
  });

  it("filters and orders events by corroboration, with exact keyset pages both ways, as the corroboration field counts", async () => {
    const all = await ok(`{ events(first: 100, orderBy: { field: INDEPENDENT_CONFIRMERS, direction: DESC }) { nodes { id corroboration { independentConfirmers sources deniedBy { organization { id } } } } } }`);
    const nodes = all.events.nodes;
    const confirmers = nodes.map((node: any) => node.corroboration.independentConfirmers);
    expect(confirmers).toEqual([...confirmers].sort((a, b) => b - a));
    expect(confirmers[0]).toBeGreaterThanOrEqual(2);
    // Page forward two at a time, then back from the end: the same order, nothing lost or repeated.
    const forward: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await ok(`query ($after: String) { events(first: 2, after: $after, orderBy: { field: INDEPENDENT_CONFIRMERS, direction: DESC }) { nodes { id } pageInfo { hasNextPage endCursor } } }`, { after });
      forward.push(...page.events.nodes.map((node: { id: string }) => node.id));
      after = page.events.pageInfo.hasNextPage ? page.events.pageInfo.endCursor : null;
    } while (after);
    expect(forward).toEqual(nodes.map((node: { id: string }) => node.id));
    const backward: string[] = [];
    let before: string | null = null;
    do {
      const page: any = await ok(`query ($before: String) { events(last: 3, before: $before, orderBy: { field: INDEPENDENT_CONFIRMERS, direction: DESC }) { nodes { id } pageInfo { hasPreviousPage startCursor } } }`, { before });
      backward.unshift(...page.events.nodes.map((node: { id: string }) => node.id));
      before = page.events.pageInfo.hasPreviousPage ? page.events.pageInfo.startCursor : null;
    } while (before);
    expect(backward).toEqual(forward);

    const ids = (query: string) => ok(query).then((data) => data.events.nodes.map((node: { id: string }) => node.id).sort());
    const expected = (keep: (node: any) => boolean) => nodes.filter(keep).map((node: { id: string }) => node.id).sort();
    expect(await ids(`{ events(first: 100, filter: { minIndependentConfirmers: 2 }) { nodes { id } } }`)).toEqual(expected((node) => node.corroboration.independentConfirmers >= 2));
    expect(await ids(`{ events(first: 100, filter: { minSources: 2 }) { nodes { id } } }`)).toEqual(expected((node) => node.corroboration.sources >= 2));
    expect(await ids(`{ events(first: 100, filter: { denied: true }) { nodes { id } } }`)).toEqual(expected((node) => node.corroboration.deniedBy.length > 0));
    expect(await ids(`{ events(first: 100, filter: { denied: false }) { nodes { id } } }`)).toEqual(expected((node) => node.corroboration.deniedBy.length === 0));
    const bySources = await ok(`{ events(first: 100, orderBy: { field: SOURCES, direction: DESC }) { nodes { corroboration { sources } } } }`);
    const sources = bySources.events.nodes.map((node: any) => node.corroboration.sources);
    expect(sources).toEqual([...sources].sort((a, b) => b - a));
  });

  it("counts again when an organization moves under another parent", async () => {
    const withThree = () => ok(`{ events(first: 100, filter: { minIndependentConfirmers: 3 }) { nodes { id } } }`).then((data) => data.events.nodes.map((node: { id: string }) => node.id));
    expect(await withThree()).not.toContain(eventId);
    await ok(`mutation ($id: ID!) { updateOrganization(input: { id: $id, parentId: null }) { id } }`, { id: childIds[1] });
    // The Foreign Office is now a top level of its own: Testland, it and Neighbouria confirm.
    expect(await withThree()).toContain(eventId);
    const { node } = await ok(`query ($id: ID!) { node(id: $id) { ... on Event { corroboration { independentConfirmers } } } }`, { id: eventId });
    expect(node.corroboration.independentConfirmers).toBe(3);
  });

  it("delivers to statementAdded only the stances asked for", async () => {
    const client = createClient({ url: server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const received = new Promise<any>((resolve, reject) => {
        client.subscribe({ query: `subscription { statementAdded(filter: { stance: [DENIES] }) { text stance } }` }, { next: resolve, error: reject, complete: () => undefined });
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const stance of ["CONFIRMS", "DENIES"]) {
        await ok(`mutation ($org: ID!, $stance: Stance!) { createStatement(input: { text: "Live", kind: PARAPHRASE, organizationId: $org, stance: $stance }) { id } }`, { org: otherId, stance });
      }
      expect((await received).data.statementAdded).toEqual({ text: "Live", stance: "DENIES" });
    } finally {
      await client.dispose();
    }
  });
});

it("keeps the counts of two writers confirming one event at once (neither count is lost)", async () => {
  const [{ event }] = await database.db.query(`INSERT INTO events (title, kind, status) VALUES ('Raced', 'OTHER', 'REPORTED') RETURNING id AS event`);
  const orgs: { id: string }[] = await database.db.query(`INSERT INTO organizations (name, kind) VALUES ('Racer One', 'OTHER'), ('Racer Two', 'OTHER') RETURNING id`);
  const [first, second] = [database.db.createQueryRunner(), database.db.createQueryRunner()];
  try {
    for (const runner of [first, second]) await runner.startTransaction();
    const confirm = (runner: typeof first, organization: string) =>
      runner.query(`INSERT INTO statements (text, kind, organization_id, event_id, stance) VALUES ('It happened', 'PARAPHRASE', $1, $2, 'CONFIRMS')`, [organization, event]);
    await confirm(first, orgs[0].id);
    const waiting = confirm(second, orgs[1].id); // counts for the same event: waits for the first
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.commitTransaction();
    await waiting;
    await second.commitTransaction();
  } finally {
    await first.release();
    await second.release();
  }
  const [{ independent_confirmers }] = await database.db.query(`SELECT independent_confirmers FROM event_corroboration WHERE event_id = $1`, [event]);
  expect(independent_confirmers).toBe(2);
});

it("reads the corroboration of a page of events in the same number of SQL statements for 1 event as for 20", async () => {
  const statementsFor = async (first: number) => {
    database.queries.reset();
    const { data, errors } = await gql(`query ($first: Int!) { events(first: $first) { nodes { title ${CORROBORATION} } } }`, { first });
    expect(errors).toBeUndefined();
    expect(data.events.nodes).toHaveLength(first);
    return database.queries.count;
  };
  await database.db.query(`INSERT INTO events (title, kind, status) SELECT 'Filler ' || i, 'OTHER', 'REPORTED' FROM generate_series(1, 20) i`);
  // The statement feed reads the statements the tests above announced, on the same pool: let it
  // finish first, so only this query's statements are counted.
  await until(async () => {
    database.queries.reset();
    await new Promise((resolve) => setTimeout(resolve, 200));
    return database.queries.count === 0;
  });
  const one = await statementsFor(1);
  expect(await statementsFor(20)).toBe(one);
  expect(one).toBeLessThanOrEqual(3); // events; corroboration; organizations by id
});

it("ingestion proposes a stance from the reporting verb", async () => {
  const body = `Officials in Harbor City confirmed that the bridge had closed. Mayor Dana Cole denied reports that it was unsafe. "We have no evidence of any damage," Cole said.`;
  const data = await ok(`mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { added { text stance } } }`, {
    input: { url: "https://example.org/stance", title: "Bridge", body, publishedAt: "2025-03-01T00:00:00Z" },
  });
  const stanceOf = (start: string) => data.ingestArticle.added.find((statement: { text: string }) => statement.text.startsWith(start))?.stance;
  expect(stanceOf("We have no evidence")).toBe("DENIES");
  expect(data.ingestArticle.added.some((statement: { stance: string }) => statement.stance === "CONFIRMS" || statement.stance === "DENIES")).toBe(true);
});
