import { parseGlobalId } from "../src/contract/global-id";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type TestServer } from "./support/server";

/** Every mutation's success path, checked in the stored rows; all-or-nothing; concurrency; audit; fresh loaders. */
let database: TestDatabase;
let server: TestServer;
let token: string;

const gql = (query: string, variables?: object) => gqlAs(server.url, token, query, variables);
const rows = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
const uuidOf = (globalId: string) => Buffer.from(globalId, "base64url").toString().split(":")[1];

async function ok<T = any>(query: string, variables?: object): Promise<T> {
  const { data, errors } = await gql(query, variables);
  expect(errors).toBeUndefined();
  return data;
}

/**
 * An audit entry's `changes` (or a row read here) in one spelling: camelCase keys, and global ids
 * as the database ids they name. The trail's spelling may change; what it records may not.
 */
function asRow(value: unknown): unknown {
  if (typeof value === "string") return parseGlobalId(value)?.id ?? value;
  if (Array.isArray(value)) return value.map(asRow);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(JSON.parse(JSON.stringify(value))).map(([key, field]) => [key.replace(/_([a-z])/g, (_, char: string) => char.toUpperCase()), asRow(field)]),
  );
}

async function idOf(query: string): Promise<string> {
  const data = await ok(query);
  return Object.values(data as { [field: string]: { nodes: { id: string }[] } })[0].nodes[0].id;
}

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  server = await startTestServer(database);
  token = await createToken(database.db, "test-editor", Role.EDITOR);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("organizations, people, affiliations, places and articles", () => {
  it("create, update (partially) and delete each, changing the stored rows", async () => {
    const { createOrganization: org } = await ok(`mutation {
      createOrganization(input: { name: "Reuters", shortName: "R", kind: MEDIA, countryCode: "GB", aliases: ["Thomson Reuters"], wikidataId: "Q130879" }) { id name updatedAt }
    }`);
    expect(await rows(`SELECT name, short_name, kind, country_code, aliases, wikidata_id FROM organizations WHERE id = $1`, [uuidOf(org.id)])).toEqual([
      { name: "Reuters", short_name: "R", kind: "MEDIA", country_code: "GB", aliases: ["Thomson Reuters"], wikidata_id: "Q130879" },
    ]);

    const { updateOrganization: updated } = await ok(`mutation ($id: ID!) { updateOrganization(input: { id: $id, shortName: null }) { name shortName updatedAt } }`, { id: org.id });
    expect(updated).toMatchObject({ name: "Reuters", shortName: null });
    expect(new Date(updated.updatedAt).getTime()).toBeGreaterThan(new Date(org.updatedAt).getTime());

    const { createPerson: person } = await ok(`mutation { createPerson(input: { name: "Jane Reporter", description: "Correspondent" }) { id } }`);
    const { createAffiliation: affiliation } = await ok(
      `mutation ($p: ID!, $o: ID!) { createAffiliation(input: { personId: $p, organizationId: $o, role: "Correspondent", startDate: "2020-01-01" }) { id role person { name } organization { name } } }`,
      { p: person.id, o: org.id },
    );
    expect(affiliation).toMatchObject({ role: "Correspondent", person: { name: "Jane Reporter" }, organization: { name: "Reuters" } });
    await ok(`mutation ($id: ID!) { updateAffiliation(input: { id: $id, endDate: "2024-12-31" }) { endDate } }`, { id: affiliation.id });
    expect(await rows(`SELECT start_date, end_date FROM affiliations WHERE id = $1`, [uuidOf(affiliation.id)])).toEqual([{ start_date: "2020-01-01", end_date: "2024-12-31" }]);

    const { createPlace: place } = await ok(`mutation { createPlace(input: { name: "London", countryCode: "GB", latitude: 51.5072, longitude: -0.1276 }) { id } }`);
    await ok(`mutation ($id: ID!) { updatePlace(input: { id: $id, aliases: ["Londres"] }) { aliases } }`, { id: place.id });
    expect(await rows(`SELECT name, aliases, latitude FROM places WHERE id = $1`, [uuidOf(place.id)])).toEqual([{ name: "London", aliases: ["Londres"], latitude: 51.5072 }]);

    const { createArticle: article } = await ok(`mutation {
      createArticle(input: { url: "https://example.org/news/1", title: "A report", body: "He said: \\"We are ready.\\"", publishedAt: "2024-10-24T08:00:00Z" }) { id publishedAt }
    }`);
    expect(article.publishedAt).toBe("2024-10-24T08:00:00.000Z");
    await ok(`mutation ($id: ID!) { updateArticle(input: { id: $id, title: "A better title" }) { title } }`, { id: article.id });

    // Deletes, in an order that leaves nothing referenced.
    for (const [mutation, id] of [
      ["deleteAffiliation", affiliation.id],
      ["deleteOrganization", org.id],
      ["deletePlace", place.id],
      ["deleteArticle", article.id],
    ]) {
      const data = await ok(`mutation ($id: ID!) { ${mutation}(input: { id: $id }) { deletedId } }`, { id });
      expect(data[mutation]).toEqual({ deletedId: id });
    }
    await ok(`mutation ($id: ID!) { deletePerson(input: { id: $id }) { deletedId } }`, { id: person.id });
    const left = await rows(
      `SELECT (SELECT count(*) FROM organizations WHERE name = 'Reuters') + (SELECT count(*) FROM people WHERE name = 'Jane Reporter')
            + (SELECT count(*) FROM places WHERE name = 'London') + (SELECT count(*) FROM articles WHERE url LIKE 'https://example.org/news/%') AS n`,
    );
    expect(Number(left[0].n)).toBe(0);
  });

  it("shows writes at once in lists and counts", async () => {
    const before = (await ok(`{ people { totalCount } }`)).people.totalCount;
    await ok(`mutation { createPerson(input: { name: "Counted Person" }) { id } }`);
    expect((await ok(`{ people { totalCount } }`)).people.totalCount).toBe(before + 1);
  });
});

describe("events", () => {
  it("stores an event with its participants, places and sources in one input, and replaces the lists on update", async () => {
    const russia = await idOf(`{ organizations(filter: { name: "russia", kind: [STATE] }) { nodes { id } } }`);
    const kirby = await idOf(`{ people(filter: { name: "kirby" }) { nodes { id } } }`);
    const rome = await idOf(`{ places(filter: { name: "rome" }) { nodes { id } } }`);
    const article = await idOf(`{ articles { nodes { id } } }`);
    const deployment = await idOf(`{ events(filter: { kind: [MILITARY_DEPLOYMENT] }) { nodes { id } } }`);

    const { createEvent: event } = await ok(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) {
        id title datePrecision parent { id } participants { role organization { name } person { name } } places { role place { name } } sources { id }
      } }`,
      {
        input: {
          title: "Press briefing", kind: "ANNOUNCEMENT", status: "CONFIRMED", startDate: "2024-10-23", parentId: deployment,
          participants: [{ organizationId: russia, role: "TARGET" }, { personId: kirby, role: "ACTOR" }],
          places: [{ placeId: rome, role: "LOCATION" }],
          sourceIds: [article],
        },
      },
    );
    expect(event).toMatchObject({
      title: "Press briefing",
      datePrecision: "DAY",
      parent: { id: deployment },
      places: [{ role: "LOCATION", place: { name: "Rome" } }],
      sources: [{ id: article }],
    });
    expect(event.participants).toEqual(
      expect.arrayContaining([{ role: "TARGET", organization: { name: "Russia" }, person: null }, { role: "ACTOR", organization: null, person: { name: "John Kirby" } }]),
    );

    const { updateEvent: updated } = await ok(
      `mutation ($id: ID!, $kirby: ID!) { updateEvent(input: { id: $id, status: DENIED, participants: [{ personId: $kirby, role: OBSERVER }] }) {
        title status participants { role } places { role } } }`,
      { id: event.id, kirby },
    );
    expect(updated).toEqual({ title: "Press briefing", status: "DENIED", participants: [{ role: "OBSERVER" }], places: [{ role: "LOCATION" }] });

    await ok(`mutation ($id: ID!) { deleteEvent(input: { id: $id }) { deletedId } }`, { id: event.id });
    expect(await rows(`SELECT count(*)::int AS n FROM event_participants WHERE event_id = $1`, [uuidOf(event.id)])).toEqual([{ n: 0 }]);
  });

  it("deletes an event with statements only when told what to do with them", async () => {
    const nato = await idOf(`{ organizations(filter: { name: "nato" }) { nodes { id } } }`);
    const { createEvent: event } = await ok(`mutation { createEvent(input: { title: "Short-lived", kind: OTHER, status: REPORTED }) { id } }`);
    const { createStatement: statement } = await ok(
      `mutation ($e: ID!, $o: ID!) { createStatement(input: { text: "About it.", kind: PARAPHRASE, organizationId: $o, eventId: $e }) { id } }`,
      { e: event.id, o: nato },
    );
    const refused = await gql(`mutation ($id: ID!) { deleteEvent(input: { id: $id }) { deletedId } }`, { id: event.id });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", fields: [{ path: "input.id", constraint: "notReferenced" }] });
    expect(refused.errors?.[0].message).toContain("1 statements");

    await ok(`mutation ($id: ID!) { deleteEvent(input: { id: $id, statements: DETACH }) { deletedId } }`, { id: event.id });
    expect(await rows(`SELECT event_id FROM statements WHERE id = $1`, [uuidOf(statement.id)])).toEqual([{ event_id: null }]);
    const audit = await rows(`SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY at`, [uuidOf(statement.id)]);
    expect(audit.map((row: { action: string }) => row.action)).toEqual(["CREATE", "UPDATE"]);
  });

  it("dates an undated event at DAY precision, and undates it again", async () => {
    const { createEvent: event } = await ok(`mutation { createEvent(input: { title: "Undated", kind: OTHER, status: REPORTED }) { id datePrecision } }`);
    expect(event.datePrecision).toBeNull();
    const dated = await ok(`mutation ($id: ID!) { updateEvent(input: { id: $id, startDate: "2024-10-01" }) { startDate datePrecision } }`, { id: event.id });
    expect(dated.updateEvent).toEqual({ startDate: "2024-10-01", datePrecision: "DAY" });
    const undated = await ok(`mutation ($id: ID!) { updateEvent(input: { id: $id, startDate: null }) { startDate datePrecision } }`, { id: event.id });
    expect(undated.updateEvent).toEqual({ startDate: null, datePrecision: null });
  });

  it("stores nothing of an event whose third participant is invalid", async () => {
    const russia = await idOf(`{ organizations(filter: { name: "russia", kind: [STATE] }) { nodes { id } } }`);
    const counts = () => rows(`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM event_participants)::int AS participants, (SELECT count(*) FROM audit_log)::int AS audit`);
    const before = await counts();
    const missing = Buffer.from("Organization:00000000-0000-4000-8000-000000000000").toString("base64url");
    const { data, errors } = await gql(`mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`, {
      input: {
        title: "Half an event", kind: "OTHER", status: "REPORTED",
        participants: [{ organizationId: russia, role: "ACTOR" }, { organizationId: russia, role: "HOST" }, { organizationId: missing, role: "TARGET" }],
      },
    });
    expect(data).toBeNull();
    expect(errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", fields: [{ path: "input.participants.2.organizationId", constraint: "exists" }] });
    expect(await counts()).toEqual(before);
  });

  it("keeps both of two concurrent updates of one event (last writer wins field by field)", async () => {
    const { createEvent: event } = await ok(`mutation { createEvent(input: { title: "Contested", kind: OTHER, status: REPORTED }) { id } }`);
    const results = await Promise.all([
      gql(`mutation ($id: ID!) { updateEvent(input: { id: $id, title: "Retitled" }) { id } }`, { id: event.id }),
      gql(`mutation ($id: ID!) { updateEvent(input: { id: $id, summary: "Summarized", status: CONFIRMED }) { id } }`, { id: event.id }),
    ]);
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(await rows(`SELECT title, summary, status FROM events WHERE id = $1`, [uuidOf(event.id)])).toEqual([
      { title: "Retitled", summary: "Summarized", status: "CONFIRMED" },
    ]);
  });
  it("lists an event once under an organization that has two roles in it, and counts it once", async () => {
    const { createOrganization: org } = await ok(`mutation { createOrganization(input: { name: "Two Hats Ministry", kind: STATE }) { id } }`);
    const { createEvent: both } = await ok(
      `mutation ($o: ID!) { createEvent(input: { title: "Hosted and acted", kind: OTHER, status: REPORTED, startDate: "2024-11-02",
        participants: [{ organizationId: $o, role: ACTOR }, { organizationId: $o, role: HOST }] }) { id participants { role } } }`,
      { o: org.id },
    );
    expect(both.participants.map((p: { role: string }) => p.role).sort()).toEqual(["ACTOR", "HOST"]);
    const { createEvent: one } = await ok(
      `mutation ($o: ID!) { createEvent(input: { title: "Only acted", kind: OTHER, status: REPORTED, startDate: "2024-11-01",
        participants: [{ organizationId: $o, role: ACTOR }] }) { id } }`,
      { o: org.id },
    );

    // A single organization, and the same organization inside a list (the batched, partitioned read).
    const EVENTS = `events(first: $first, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }`;
    const alone = await ok(`query ($id: ID!, $first: Int, $after: String) { organization(id: $id) { ${EVENTS} } }`, { id: org.id, first: 10 });
    expect(alone.organization.events).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false } });
    expect(alone.organization.events.nodes.map((node: { id: string }) => node.id).sort()).toEqual([both.id, one.id].sort());
    const listed = await ok(`query ($first: Int, $after: String) { organizations(filter: { name: "two hats" }) { nodes { id ${EVENTS} } } }`, { first: 10 });
    expect(listed.organizations.nodes).toHaveLength(1);
    expect(listed.organizations.nodes[0].events).toEqual(alone.organization.events);

    // Paged one at a time: each event once, then the end.
    const paged: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const { organization } = await ok(`query ($id: ID!, $first: Int, $after: String) { organization(id: $id) { ${EVENTS} } }`, { id: org.id, first: 1, after });
      expect(organization.events.totalCount).toBe(2);
      paged.push(...organization.events.nodes.map((node: { id: string }) => node.id));
      if (!organization.events.pageInfo.hasNextPage) break;
      after = organization.events.pageInfo.endCursor;
    }
    expect(paged.sort()).toEqual([both.id, one.id].sort());
  });
});

describe("statements", () => {
  it("creates, updates and deletes a statement", async () => {
    const kirby = await idOf(`{ people(filter: { name: "kirby" }) { nodes { id } } }`);
    const { createStatement: statement } = await ok(
      `mutation ($kirby: ID!) { createStatement(input: { text: "We are watching closely.", kind: PARAPHRASE, speakerId: $kirby, statedOn: "2024-10-24" }) {
        id text speaker { name } sourceSpan { start } } }`,
      { kirby },
    );
    expect(statement).toMatchObject({ text: "We are watching closely.", speaker: { name: "John Kirby" }, sourceSpan: null });
    const { updateStatement: updated } = await ok(`mutation ($id: ID!) { updateStatement(input: { id: $id, statedOn: "2024-10-25" }) { statedOn text } }`, { id: statement.id });
    expect(updated).toEqual({ statedOn: "2024-10-25", text: "We are watching closely." });
    await ok(`mutation ($id: ID!) { deleteStatement(input: { id: $id }) { deletedId } }`, { id: statement.id });
    expect(await rows(`SELECT count(*)::int AS n FROM statements WHERE id = $1`, [uuidOf(statement.id)])).toEqual([{ n: 0 }]);
  });

  it("answers later fields of the same request with fresh data (loaders see writes)", async () => {
    const nato = await idOf(`{ organizations(filter: { name: "nato" }) { nodes { id } } }`);
    const data = await ok(
      `mutation ($nato: ID!) {
        first: createStatement(input: { text: "One.", kind: PARAPHRASE, organizationId: $nato }) { organization { name statements { totalCount } } }
        rename: updateOrganization(input: { id: $nato, name: "NATO (renamed)" }) { name }
        second: createStatement(input: { text: "Two.", kind: PARAPHRASE, organizationId: $nato }) { organization { name statements { totalCount } } }
      }`,
      { nato },
    );
    expect(data.second.organization.name).toBe("NATO (renamed)");
    expect(data.second.organization.statements.totalCount).toBe(data.first.organization.statements.totalCount + 1);
    await ok(`mutation ($nato: ID!) { updateOrganization(input: { id: $nato, name: "North Atlantic Treaty Organization" }) { name } }`, { nato });
  });
});

describe("deleting people", () => {
  it("refuses to DETACH statements that would be left without an author", async () => {
    const { createPerson: person } = await ok(`mutation { createPerson(input: { name: "Lone Speaker" }) { id } }`);
    await ok(`mutation ($p: ID!) { createStatement(input: { text: "Alone.", kind: PARAPHRASE, speakerId: $p }) { id } }`, { p: person.id });
    const { errors } = await gql(`mutation ($id: ID!) { deletePerson(input: { id: $id, statements: DETACH }) { deletedId } }`, { id: person.id });
    expect(errors?.[0].extensions).toMatchObject({ code: "CONFLICT", fields: [{ path: "input.statements", constraint: "keepsAuthor" }] });
    expect(await rows(`SELECT count(*)::int AS n FROM people WHERE id = $1`, [uuidOf(person.id)])).toEqual([{ n: 1 }]);
  });
});

describe("review rules", () => {
  it("reports every field an update wrongly clears, with the others, in one response", async () => {
    const { createEvent: event } = await ok(`mutation { createEvent(input: { title: "Keep me", kind: OTHER, status: REPORTED }) { id } }`);
    const { data, errors } = await gql(`mutation ($id: ID!) { updateEvent(input: { id: $id, title: null, kind: null, summary: "  " }) { id } }`, { id: event.id });
    expect(data).toBeNull();
    const fields = (errors?.[0].extensions?.fields as { path: string; constraint: string }[]).map((f) => `${f.path} ${f.constraint}`).sort();
    expect(fields).toEqual(["input.kind notNull", "input.summary matches", "input.title notNull"]);
  });

  it("refuses a parent that would make a cycle", async () => {
    const a = (await ok(`mutation { createOrganization(input: { name: "Cycle A", kind: OTHER }) { id } }`)).createOrganization.id;
    const b = (await ok(`mutation ($a: ID) { createOrganization(input: { name: "Cycle B", kind: OTHER, parentId: $a }) { id } }`, { a })).createOrganization.id;
    const { errors } = await gql(`mutation ($a: ID!, $b: ID) { updateOrganization(input: { id: $a, parentId: $b }) { id } }`, { a, b });
    expect(errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "input.parentId", constraint: "noCycle" }] });
  });

  it("refuses an event parent that would make the event its own ancestor, writing nothing", async () => {
    const create = async (title: string, parentId?: string) =>
      (await ok(`mutation ($title: String!, $parentId: ID) { createEvent(input: { title: $title, kind: OTHER, status: REPORTED, parentId: $parentId }) { id } }`, { title, parentId }))
        .createEvent.id as string;
    const root = await create("Cycle root");
    const child = await create("Cycle child", root);
    const grandchild = await create("Cycle grandchild", child);
    const nato = await idOf(`{ organizations(filter: { name: "nato" }) { nodes { id } } }`);
    const stored = () =>
      rows(
        `SELECT e.id, e.parent_id, e.title, e.updated_at, (SELECT count(*)::int FROM event_participants p WHERE p.event_id = e.id) AS participants,
                (SELECT count(*)::int FROM audit_log l WHERE l.entity_id = e.id) AS audit
           FROM events e WHERE e.id = ANY($1::uuid[]) ORDER BY e.title`,
        [[root, child, grandchild].map(uuidOf)],
      );
    const before = await stored();

    // Its grandchild, its child, itself; with other changes in the same input, none of which may be stored.
    for (const [id, parentId] of [[root, grandchild], [root, child], [child, child], [child, grandchild]]) {
      const { data, errors } = await gql(
        `mutation ($id: ID!, $parentId: ID, $nato: ID!) { updateEvent(input: { id: $id, parentId: $parentId, title: "Renamed", participants: [{ organizationId: $nato, role: ACTOR }] }) { id } }`,
        { id, parentId, nato },
      );
      expect(data).toBeNull();
      expect(errors).toHaveLength(1);
      expect(errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "input.parentId", constraint: "noCycle" }] });
    }
    expect(await stored()).toEqual(before);

    // Moving it under an event that is not its descendant is fine.
    const other = await create("Cycle elsewhere");
    await ok(`mutation ($id: ID!, $parentId: ID) { updateEvent(input: { id: $id, parentId: $parentId }) { id } }`, { id: child, parentId: other });
    expect(await rows(`SELECT parent_id FROM events WHERE id = $1`, [uuidOf(child)])).toEqual([{ parent_id: uuidOf(other) }]);
  });

  it("refuses an event list that names an item twice", async () => {
    const rome = await idOf(`{ places(filter: { name: "rome" }) { nodes { id } } }`);
    const { errors } = await gql(`mutation ($rome: ID!) { createEvent(input: { title: "Twice", kind: OTHER, status: REPORTED,
      places: [{ placeId: $rome, role: LOCATION }, { placeId: $rome, role: LOCATION }] }) { id } }`, { rome });
    expect(errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "input.places.1", constraint: "unique" }] });
  });

  it("records one audit entry for an event created with its lists", async () => {
    const rome = await idOf(`{ places(filter: { name: "rome" }) { nodes { id } } }`);
    const { createEvent: event } = await ok(`mutation ($rome: ID!) { createEvent(input: { title: "Audited whole", kind: OTHER, status: REPORTED,
      places: [{ placeId: $rome, role: LOCATION }] }) { id } }`, { rome });
    const entries = await rows(`SELECT action, changes FROM audit_log WHERE entity_id = $1`, [uuidOf(event.id)]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "CREATE", changes: { title: "Audited whole", links: { places: [{ placeId: uuidOf(rome), role: "LOCATION" }] } } });
  });

  it("keeps a person who takes part in events, and audits the affiliations that go with a deleted one", async () => {
    const nato = await idOf(`{ organizations(filter: { name: "nato" }) { nodes { id } } }`);
    const { createPerson: person } = await ok(`mutation { createPerson(input: { name: "Departing" }) { id } }`);
    const { createAffiliation: role } = await ok(`mutation ($p: ID!, $o: ID!) { createAffiliation(input: { personId: $p, organizationId: $o, role: "Adviser" }) { id } }`, { p: person.id, o: nato });
    const { createEvent: event } = await ok(`mutation ($p: ID!) { createEvent(input: { title: "With them", kind: OTHER, status: REPORTED, participants: [{ personId: $p, role: ACTOR }] }) { id } }`, { p: person.id });
    const refused = await gql(`mutation ($id: ID!) { deletePerson(input: { id: $id }) { deletedId } }`, { id: person.id });
    expect(refused.errors?.[0].extensions?.code).toBe("CONFLICT");
    expect(refused.errors?.[0].message).toContain("event participations");
    await ok(`mutation ($id: ID!) { updateEvent(input: { id: $id, participants: [] }) { id } }`, { id: event.id });
    await ok(`mutation ($id: ID!) { deletePerson(input: { id: $id }) { deletedId } }`, { id: person.id });
    expect(await rows(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at`, [uuidOf(role.id)])).toEqual([{ action: "CREATE" }, { action: "DELETE" }]);
  });
});

describe("the audit trail", () => {
  it("records who wrote what, when, and the changed fields", async () => {
    const { createPlace: place } = await ok(`mutation { createPlace(input: { name: "Kyiv", countryCode: "UA" }) { id } }`);
    await ok(`mutation ($id: ID!) { updatePlace(input: { id: $id, name: "Kyiv", latitude: 50.45, longitude: 30.52 }) { id } }`, { id: place.id });
    await ok(`mutation ($id: ID!) { deletePlace(input: { id: $id }) { deletedId } }`, { id: place.id });

    const stored = await rows(`SELECT actor, entity_type, action, changes FROM audit_log WHERE entity_id = $1 ORDER BY at`, [uuidOf(place.id)]);
    expect(stored.map((row: { action: string }) => row.action)).toEqual(["CREATE", "UPDATE", "DELETE"]);
    expect(stored.every((row: { actor: string; entity_type: string }) => row.actor === "test-editor" && row.entity_type === "Place")).toBe(true);
    expect(stored[0].changes).toEqual({ name: "Kyiv", countryCode: "UA" });
    // Only what changed: the name was given again but stayed the same.
    expect(stored[1].changes).toEqual({ latitude: { from: null, to: 50.45 }, longitude: { from: null, to: 30.52 } });

    const { auditLog } = await ok(`query ($id: ID) { auditLog(entityId: $id) { totalCount nodes { actor action entityType entityId } } }`, { id: place.id });
    expect(auditLog.totalCount).toBe(3);
    expect(auditLog.nodes[0]).toEqual({ actor: "test-editor", action: "DELETE", entityType: "Place", entityId: place.id });
  });

  it("keeps, for each row a delete takes or changes with it, that row as it was", async () => {
    const nato = await idOf(`{ organizations(filter: { name: "nato" }) { nodes { id } } }`);
    const { createPerson: person } = await ok(`mutation { createPerson(input: { name: "Cascaded Speaker" }) { id } }`);
    const { createAffiliation: role } = await ok(
      `mutation ($p: ID!, $o: ID!) { createAffiliation(input: { personId: $p, organizationId: $o, role: "Spokesperson", startDate: "2021-03-01", endDate: "2023-06-30" }) { id } }`,
      { p: person.id, o: nato },
    );
    const { createStatement: statement } = await ok(
      `mutation ($p: ID!, $o: ID!) { createStatement(input: { text: "Said before leaving.", kind: PARAPHRASE, speakerId: $p, organizationId: $o, statedOn: "2022-05-04" }) { id } }`,
      { p: person.id, o: nato },
    );
    const AFFILIATION = `SELECT id, person_id, organization_id, role, start_date, end_date FROM affiliations WHERE id = $1`;
    const STATEMENT = `SELECT id, text, kind, speaker_id, organization_id, event_id, source_id, stated_on FROM statements WHERE id = $1`;
    const [affiliationRow] = await rows(AFFILIATION, [uuidOf(role.id)]);
    const [statementRow] = await rows(STATEMENT, [uuidOf(statement.id)]);
    expect(affiliationRow).toMatchObject({ role: "Spokesperson", start_date: "2021-03-01", end_date: "2023-06-30" });
    expect(statementRow).toMatchObject({ text: "Said before leaving.", stated_on: "2022-05-04" });

    await ok(`mutation ($id: ID!) { deletePerson(input: { id: $id, statements: DELETE }) { deletedId } }`, { id: person.id });
    const deleted = async (globalId: string) => {
      const entries = await rows(`SELECT entity_type, action, changes FROM audit_log WHERE entity_id = $1 AND action = 'DELETE'`, [uuidOf(globalId)]);
      expect(entries).toHaveLength(1);
      return entries[0];
    };
    const affiliationEntry = await deleted(role.id);
    expect(affiliationEntry.entity_type).toBe("Affiliation");
    expect(asRow(affiliationEntry.changes)).toMatchObject(asRow(affiliationRow) as object);
    const statementEntry = await deleted(statement.id);
    expect(statementEntry.entity_type).toBe("Statement");
    expect(asRow(statementEntry.changes)).toMatchObject(asRow(statementRow) as object);

    // Deleting an event changes rows too: detached statements lose it, sub-events lose their parent.
    const { createEvent: event } = await ok(`mutation { createEvent(input: { title: "Cascading parent", kind: OTHER, status: REPORTED }) { id } }`);
    const { createEvent: sub } = await ok(`mutation ($e: ID) { createEvent(input: { title: "Cascading child", kind: OTHER, status: REPORTED, parentId: $e }) { id } }`, { e: event.id });
    const { createStatement: about } = await ok(
      `mutation ($e: ID!, $o: ID!) { createStatement(input: { text: "About the parent.", kind: PARAPHRASE, organizationId: $o, eventId: $e }) { id } }`,
      { e: event.id, o: nato },
    );
    await ok(`mutation ($id: ID!) { deleteEvent(input: { id: $id, statements: DETACH }) { deletedId } }`, { id: event.id });
    const updated = async (globalId: string) => {
      const entries = await rows(`SELECT changes FROM audit_log WHERE entity_id = $1 AND action = 'UPDATE'`, [uuidOf(globalId)]);
      expect(entries).toHaveLength(1);
      return asRow(entries[0].changes);
    };
    expect(await updated(about.id)).toEqual({ eventId: { from: uuidOf(event.id), to: null } });
    expect(await updated(sub.id)).toEqual({ parentId: { from: uuidOf(event.id), to: null } });
  });

  it("is append-only, even for a direct SQL client", async () => {
    await expect(rows(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(rows(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
  });
});
