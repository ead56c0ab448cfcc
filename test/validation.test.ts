/**
 * Input validation of every mutation, over real HTTP against a seeded database: each broken rule
 * gives one GraphQL error with the right extensions.code, `extensions.fields` naming every
 * offending field (path and constraint), `data: null`, and no new, changed or deleted rows.
 */
import { toGlobalId } from "../src/contract/global-id";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type GraphQLResponse, type TestServer } from "./support/server";

let database: TestDatabase;
let server: TestServer;
let token: string;
/** Every response that carried errors, checked at the end for leaked SQL and stack traces. */
const errorResponses: GraphQLResponse[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  server = await startTestServer(database);
  token = await createToken(database.db, "validator", Role.EDITOR);
});

afterAll(async () => {
  await server?.close();
  await database?.close();
});

const NOWHERE = "00000000-0000-4000-8000-000000000000";
const DELETE_INPUT = new Set(["deleteOrganization", "deleteArticle", "deletePlace", "deleteStatement", "deleteAffiliation"]);

/** Sends `mutation { <field>(input: $input) { <selection> } }` with the editor token. */
async function mutate(field: string, input: object, selection = field.startsWith("delete") ? "deletedId" : "id"): Promise<GraphQLResponse> {
  const inputType = DELETE_INPUT.has(field) ? "DeleteInput" : `${field[0].toUpperCase()}${field.slice(1)}Input`;
  const response = await gqlAs(server.url, token, `mutation ($input: ${inputType}!) { ${field}(input: $input) { ${selection} } }`, { input });
  if (response.errors) errorResponses.push(response);
  return response;
}

async function query(document: string, variables?: object): Promise<any> {
  const { data, errors } = await gqlAs(server.url, token, document, variables);
  expect(errors).toBeUndefined();
  return data;
}

async function count(table: string, where = "TRUE", params: unknown[] = []): Promise<number> {
  const [{ n }] = await database.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return n;
}

/** The global id of the seed row of `table` whose `column` is `value`. */
async function idOf(type: string, table: string, column: string, value: string): Promise<string> {
  const rows: { id: string }[] = await database.db.query(`SELECT id FROM ${table} WHERE ${column} = $1`, [value]);
  expect(rows).toHaveLength(1);
  return toGlobalId(type, rows[0].id);
}

const dbId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];

type Expected = [path: string, constraint: string][];

/** The one error of a failed mutation: code, exactly the expected [path, constraint] pairs, data null. */
function expectFieldError(response: GraphQLResponse, field: string, code: string, expected: Expected) {
  expect(response.status).toBe(200);
  expect(response.data).toBeNull();
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.path).toEqual([field]);
  expect(error.extensions?.code).toBe(code);
  const fields = error.extensions?.fields as { path: string; constraint: string; message: string }[];
  expect(Array.isArray(fields)).toBe(true);
  const pairs = fields.map(({ path, constraint }) => `${path} ${constraint}`).sort();
  expect(pairs).toEqual(expected.map(([path, constraint]) => `${path} ${constraint}`).sort());
  for (const problem of fields) {
    expect(typeof problem.message).toBe("string");
    expect(problem.message.length).toBeGreaterThan(0);
    expect(error.message).toContain(problem.path);
  }
  return error;
}

const TRACKED = [
  "organizations", "people", "affiliations", "places", "articles", "events",
  "event_participants", "event_places", "event_sources", "statements", "audit_log",
];

async function snapshot(): Promise<{ [table: string]: number }> {
  const counts: { [table: string]: number } = {};
  for (const table of TRACKED) counts[table] = await count(table);
  return counts;
}

/** Sends a mutation that must fail as `expected`, and checks that no table gained or lost a row. */
async function expectRejected(field: string, input: object, code: string, expected: Expected) {
  const before = await snapshot();
  const response = await mutate(field, input);
  const error = expectFieldError(response, field, code, expected);
  expect(await snapshot()).toEqual(before);
  return error;
}

/** Sends a mutation that must succeed and returns its result; `grows` names the table that gains a row. */
async function expectAccepted(field: string, input: object, selection?: string, grows?: string) {
  const before = grows ? await count(grows) : 0;
  const response = await mutate(field, input, selection);
  expect(response.errors).toBeUndefined();
  if (grows) expect(await count(grows)).toBe(before + 1);
  return response.data[field];
}

const BAD = "BAD_USER_INPUT";

describe("text", () => {
  it("refuses blank required text", async () => {
    await expectRejected("createOrganization", { name: "   ", kind: "OTHER" }, BAD, [["input.name", "matches"]]);
    await expectRejected("createPerson", { name: " \t\n " }, BAD, [["input.name", "matches"]]);
    await expectRejected("createPlace", { name: "" }, BAD, [["input.name", "matches"]]);
    await expectRejected("createEvent", { title: "  ", kind: "OTHER", status: "REPORTED" }, BAD, [["input.title", "matches"]]);
  });

  it("refuses blank text in an update and leaves the row as it was", async () => {
    const kirby = await idOf("Person", "people", "name", "John Kirby");
    await expectRejected("updatePerson", { id: kirby, name: "   " }, BAD, [["input.name", "matches"]]);
    expect(await count("people", "name = 'John Kirby'")).toBe(1);
  });

  it("refuses null for a required field in an update", async () => {
    const kirby = await idOf("Person", "people", "name", "John Kirby");
    await expectRejected("updatePerson", { id: kirby, name: null }, BAD, [["input.name", "notNull"]]);
  });

  it("refuses text over the limit, and takes text at the limit", async () => {
    await expectRejected("createOrganization", { name: "x".repeat(301), kind: "OTHER" }, BAD, [["input.name", "maxLength"]]);
    await expectRejected("createPerson", { name: "x".repeat(301) }, BAD, [["input.name", "maxLength"]]);
    await expectRejected("createOrganization", { name: "Acme", shortName: "x".repeat(51), kind: "COMPANY" }, BAD, [["input.shortName", "maxLength"]]);
    const person = await expectAccepted("createPerson", { name: "y".repeat(300) }, "id name", "people");
    expect(person.name).toHaveLength(300);
  });

  it("refuses a blank alias in a list", async () => {
    await expectRejected("createPerson", { name: "Jane Doe", aliases: ["Jane", "   "] }, BAD, [["input.aliases", "matches"]]);
    await expectRejected("createOrganization", { name: "Acme", kind: "COMPANY", aliases: [""] }, BAD, [["input.aliases", "matches"]]);
    await expectRejected("createPlace", { name: "Somewhere", aliases: ["x".repeat(301)] }, BAD, [["input.aliases", "maxLength"]]);
  });
});

describe("dates", () => {
  it("refuses an impossible date while coercing the variables, before anything runs", async () => {
    const before = await snapshot();
    const response = await mutate("createEvent", { title: "Leap", kind: "OTHER", status: "REPORTED", startDate: "2024-02-30" });
    // Apollo Server 5 answers variable coercion errors with HTTP 400 and no `data` at all.
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions?.code).toBe(BAD);
    expect(response.errors![0].message).toBe(
      'Variable "$input" got invalid value "2024-02-30" at "input.startDate"; Value is not a valid LocalDate: 2024-02-30',
    );
    expect(await snapshot()).toEqual(before);

    const affiliation = await mutate("createAffiliation", {
      personId: await idOf("Person", "people", "name", "John Kirby"),
      organizationId: await idOf("Organization", "organizations", "name", "United Nations"),
      role: "Adviser",
      endDate: "2023-13-01",
    });
    expect(affiliation.status).toBe(400);
    expect(affiliation.errors![0].extensions?.code).toBe(BAD);
    expect(affiliation.errors![0].message).toContain('"2023-13-01"');
  });

  it("refuses an end before the start in the same input", async () => {
    await expectRejected(
      "createEvent",
      { title: "Backwards", kind: "OTHER", status: "REPORTED", startDate: "2024-10-10", endDate: "2024-10-09" },
      BAD,
      [["input.endDate", "notBefore"]],
    );
    await expectRejected(
      "createAffiliation",
      {
        personId: await idOf("Person", "people", "name", "John Kirby"),
        organizationId: await idOf("Organization", "organizations", "name", "United Nations"),
        role: "Adviser",
        startDate: "2020-01-01",
        endDate: "2019-12-31",
      },
      BAD,
      [["input.endDate", "notBefore"]],
    );
    const event = await expectRejected(
      "updateEvent",
      { id: await idOf("Event", "events", "title", "U.S. plans sanctions against those aiding Russia"), startDate: "2024-11-02", endDate: "2024-11-01" },
      BAD,
      [["input.endDate", "notBefore"]],
    );
    expect(event.message).toContain("input.endDate");
  });

  it("refuses an end without a start (the database's check)", async () => {
    await expectRejected("createEvent", { title: "Open start", kind: "OTHER", status: "REPORTED", endDate: "2024-01-01" }, BAD, [
      ["input.startDate", "events_end_needs_start"],
    ]);
  });

  it("takes an end on the start day", async () => {
    const event = await expectAccepted(
      "createEvent",
      { title: "One-day summit", kind: "DIPLOMATIC_MEETING", status: "PLANNED", startDate: "2024-11-05", endDate: "2024-11-05" },
      "startDate endDate datePrecision",
      "events",
    );
    expect(event).toEqual({ startDate: "2024-11-05", endDate: "2024-11-05", datePrecision: "DAY" });
  });

  it("refuses an update whose endDate is before the stored startDate (the database's check)", async () => {
    const deployment = await idOf("Event", "events", "title", "North Korea sends troops to eastern Russia");
    await expectRejected("updateEvent", { id: deployment, endDate: "2024-09-30" }, BAD, [["input.endDate", "events_dates_ordered"]]);
    const [row] = await database.db.query(`SELECT start_date::text AS start, end_date::text AS "end" FROM events WHERE id = $1`, [dbId(deployment)]);
    expect(row).toEqual({ start: "2024-10-01", end: "2024-10-31" });

    const affiliation = await expectAccepted(
      "createAffiliation",
      {
        personId: await idOf("Person", "people", "name", "Lloyd Austin"),
        organizationId: await idOf("Organization", "organizations", "name", "United States"),
        role: "Cabinet member",
        startDate: "2021-01-22",
      },
      "id startDate endDate",
      "affiliations",
    );
    expect(affiliation).toMatchObject({ startDate: "2021-01-22", endDate: null });
    await expectRejected("updateAffiliation", { id: affiliation.id, endDate: "2021-01-21" }, BAD, [["input.endDate", "affiliations_dates_ordered"]]);
    const [stored] = await database.db.query(`SELECT end_date FROM affiliations WHERE id = $1`, [dbId(affiliation.id)]);
    expect(stored.end_date).toBeNull();
  });
});

describe("country codes and coordinates", () => {
  it('refuses "gb" and "XX", and takes "GB"', async () => {
    await expectRejected("createPlace", { name: "London", countryCode: "gb" }, BAD, [["input.countryCode", "matches"]]);
    await expectRejected("createPlace", { name: "London", countryCode: "XX" }, BAD, [["input.countryCode", "isISO31661Alpha2"]]);
    await expectRejected("createOrganization", { name: "Acme", kind: "COMPANY", countryCode: "gb" }, BAD, [["input.countryCode", "matches"]]);
    await expectRejected("createOrganization", { name: "Acme", kind: "COMPANY", countryCode: "GBR" }, BAD, [
      ["input.countryCode", "matches"],
      ["input.countryCode", "isISO31661Alpha2"],
    ]);
    const place = await expectAccepted("createPlace", { name: "London", countryCode: "GB", latitude: 51.5072, longitude: -0.1276 }, "countryCode latitude longitude", "places");
    expect(place).toEqual({ countryCode: "GB", latitude: 51.5072, longitude: -0.1276 });
  });

  it("refuses latitude 91 and longitude -181", async () => {
    await expectRejected("createPlace", { name: "North of north", latitude: 91, longitude: 0 }, BAD, [["input.latitude", "max"]]);
    await expectRejected("createPlace", { name: "West of west", latitude: 0, longitude: -181 }, BAD, [["input.longitude", "min"]]);
    const vladivostok = await idOf("Place", "places", "name", "Vladivostok");
    await expectRejected("updatePlace", { id: vladivostok, latitude: -90.5 }, BAD, [["input.latitude", "min"]]);
  });

  it("refuses only one of latitude and longitude", async () => {
    await expectRejected("createPlace", { name: "Half a point", latitude: 10 }, BAD, [["input.longitude", "places_coordinates_together"]]);
    await expectRejected("createPlace", { name: "Half a point", longitude: 10 }, BAD, [["input.longitude", "places_coordinates_together"]]);
    const rome = await idOf("Place", "places", "name", "Rome");
    await expectRejected("updatePlace", { id: rome, longitude: null }, BAD, [["input.longitude", "places_coordinates_together"]]);
    const [row] = await database.db.query(`SELECT latitude, longitude FROM places WHERE id = $1`, [dbId(rome)]);
    expect(row).toEqual({ latitude: 41.8933, longitude: 12.4828 });
  });
});

describe("URLs and Wikidata ids", () => {
  const article = { title: "A title", body: "Some body text." };

  it('refuses "not a url" and "ftp://x.org/a"', async () => {
    await expectRejected("createArticle", { ...article, url: "not a url" }, BAD, [["input.url", "isUrl"]]);
    await expectRejected("createArticle", { ...article, url: "ftp://x.org/a" }, BAD, [["input.url", "isUrl"]]);
    await expectAccepted("createArticle", { ...article, url: "https://example.org/news/1" }, "id", "articles");
  });

  it("refuses a duplicate article url with CONFLICT naming input.url", async () => {
    const error = await expectRejected(
      "createArticle",
      { ...article, url: "https://newsgraph.example/articles/north-korean-troops-in-eastern-russia" },
      "CONFLICT",
      [["input.url", "unique"]],
    );
    expect(error.message).toContain("already taken");
    // The same on an update that takes another article's url.
    const other = await expectAccepted("createArticle", { ...article, url: "https://example.org/news/2" }, "id", "articles");
    await expectRejected("updateArticle", { id: other.id, url: "https://example.org/news/1" }, "CONFLICT", [["input.url", "unique"]]);
  });

  it("refuses a duplicate Wikidata id with CONFLICT naming input.wikidataId", async () => {
    await expectRejected("createOrganization", { name: "USA again", kind: "STATE", wikidataId: "Q30" }, "CONFLICT", [["input.wikidataId", "unique"]]);
    await expectRejected("createPlace", { name: "Vladivostok again", wikidataId: "Q959" }, "CONFLICT", [["input.wikidataId", "unique"]]);
    const nato = await idOf("Organization", "organizations", "name", "North Atlantic Treaty Organization");
    await expectRejected("updateOrganization", { id: nato, wikidataId: "Q30" }, "CONFLICT", [["input.wikidataId", "unique"]]);
    expect(await count("organizations", "wikidata_id = 'Q7184'")).toBe(1);
  });

  it('refuses the Wikidata id "X12"', async () => {
    await expectRejected("createPerson", { name: "Jane Doe", wikidataId: "X12" }, BAD, [["input.wikidataId", "matches"]]);
    await expectRejected("createOrganization", { name: "Acme", kind: "COMPANY", wikidataId: "X12" }, BAD, [["input.wikidataId", "matches"]]);
    await expectRejected("createPlace", { name: "Somewhere", wikidataId: "Q012" }, BAD, [["input.wikidataId", "matches"]]);
  });
});

describe("several problems in one input", () => {
  it("lists every offending field in one response", async () => {
    const error = await expectRejected(
      "createOrganization",
      { name: "   ", shortName: "x".repeat(51), kind: "OTHER", countryCode: "XX", aliases: ["ok", " "], wikidataId: "X12" },
      BAD,
      [
        ["input.name", "matches"],
        ["input.shortName", "maxLength"],
        ["input.countryCode", "isISO31661Alpha2"],
        ["input.aliases", "matches"],
        ["input.wikidataId", "matches"],
      ],
    );
    expect(error.message).toMatch(/^Invalid input: /);

    await expectRejected(
      "createPlace",
      { name: "", countryCode: "gb", latitude: 91, longitude: -181, wikidataId: "X1" },
      BAD,
      [
        ["input.name", "matches"],
        ["input.countryCode", "matches"],
        ["input.latitude", "max"],
        ["input.longitude", "min"],
        ["input.wikidataId", "matches"],
      ],
    );
  });

  it("lists every bad reference of one input together", async () => {
    await expectRejected(
      "createEvent",
      {
        title: "Many bad links",
        kind: "OTHER",
        status: "REPORTED",
        parentId: toGlobalId("Event", NOWHERE),
        participants: [{ organizationId: "junk", role: "ACTOR" }],
        places: [{ placeId: await idOf("Person", "people", "name", "John Kirby"), role: "LOCATION" }],
        sourceIds: [toGlobalId("Article", NOWHERE)],
      },
      BAD,
      [
        ["input.parentId", "exists"],
        ["input.participants.0.organizationId", "isId"],
        ["input.places.0.placeId", "idType"],
        ["input.sourceIds.0", "exists"],
      ],
    );
  });
});

describe("references", () => {
  let kirby: string;
  let un: string;

  beforeAll(async () => {
    kirby = await idOf("Person", "people", "name", "John Kirby");
    un = await idOf("Organization", "organizations", "name", "United Nations");
  });

  it("refuses the id of another type with idType naming the field", async () => {
    const error = await expectRejected("createAffiliation", { personId: kirby, organizationId: kirby, role: "Adviser" }, BAD, [["input.organizationId", "idType"]]);
    expect(error.message).toContain("expected the id of a Organization, got the id of a Person");
  });

  it("refuses a well-formed id of nothing with NOT_FOUND naming the field", async () => {
    const missing = toGlobalId("Organization", NOWHERE);
    const error = await expectRejected("createAffiliation", { personId: kirby, organizationId: missing, role: "Adviser" }, "NOT_FOUND", [["input.organizationId", "exists"]]);
    expect(error.message).toContain(missing);
    await expectRejected("updatePerson", { id: toGlobalId("Person", NOWHERE), name: "Nobody" }, "NOT_FOUND", [["input.id", "exists"]]);
    await expectRejected("deleteOrganization", { id: missing }, "NOT_FOUND", [["input.id", "exists"]]);
  });

  it("refuses a malformed id with BAD_USER_INPUT", async () => {
    await expectRejected("createAffiliation", { personId: "not-an-id", organizationId: un, role: "Adviser" }, BAD, [["input.personId", "isId"]]);
    await expectRejected("createAffiliation", { personId: `${kirby}==`, organizationId: un, role: "Adviser" }, BAD, [["input.personId", "isId"]]);
    await expectRejected("updatePlace", { id: "", name: "Nowhere" }, BAD, [["input.id", "isId"]]);
  });

  it("reports a missing and a malformed id together, as BAD_USER_INPUT", async () => {
    await expectRejected(
      "createAffiliation",
      { personId: toGlobalId("Person", NOWHERE), organizationId: "nope", role: "Adviser" },
      BAD,
      [
        ["input.personId", "exists"],
        ["input.organizationId", "isId"],
      ],
    );
  });

  it("refuses a duplicate affiliation with CONFLICT", async () => {
    const nsc = await idOf("Organization", "organizations", "name", "National Security Council");
    await expectRejected("createAffiliation", { personId: kirby, organizationId: nsc, role: "Strategic Communications Coordinator" }, "CONFLICT", [["input.role", "unique"]]);
  });
});

describe("statements", () => {
  interface Quote {
    text: string;
    sourceSpan: { start: number; end: number };
    source: { id: string; body: string };
    speaker: { id: string } | null;
    organization: { id: string } | null;
  }
  let quote: Quote;
  let bodyLength: number;

  beforeAll(async () => {
    const data = await query(`{
      statements(filter: { kind: [DIRECT_QUOTE] }) {
        nodes { text sourceSpan { start end } source { id body } speaker { id } organization { id } }
      }
    }`);
    expect(data.statements.nodes.length).toBeGreaterThan(0);
    quote = data.statements.nodes[0];
    bodyLength = [...quote.source.body].length;
    // The seed's span really is the quote (counted in code points).
    expect([...quote.source.body].slice(quote.sourceSpan.start, quote.sourceSpan.end).join("")).toBe(quote.text);
  });

  const statement = (overrides: object = {}) => ({
    text: quote.text,
    kind: "DIRECT_QUOTE",
    speakerId: quote.speaker?.id ?? null,
    organizationId: quote.organization?.id ?? null,
    sourceId: quote.source.id,
    sourceSpan: quote.sourceSpan,
    ...overrides,
  });

  it("takes a DIRECT_QUOTE whose span matches the article body", async () => {
    const created = await expectAccepted("createStatement", statement(), "text kind sourceSpan { start end } source { id }", "statements");
    expect(created).toEqual({ text: quote.text, kind: "DIRECT_QUOTE", sourceSpan: quote.sourceSpan, source: { id: quote.source.id } });
  });

  it("refuses a DIRECT_QUOTE whose span is shifted by one (matchesText)", async () => {
    const shifted = { start: quote.sourceSpan.start + 1, end: quote.sourceSpan.end + 1 };
    const error = await expectRejected("createStatement", statement({ sourceSpan: shifted }), BAD, [["input.sourceSpan", "matchesText"]]);
    expect(error.message).toContain("not the statement's text");
  });

  it("refuses a span that ends beyond the body (withinBody)", async () => {
    const error = await expectRejected(
      "createStatement",
      statement({ kind: "PARAPHRASE", sourceSpan: { start: bodyLength - 5, end: bodyLength + 1 } }),
      BAD,
      [["input.sourceSpan.end", "withinBody"]],
    );
    expect(error.message).toContain(String(bodyLength));
    // Ending exactly at the end of the body is fine.
    const tail = [...quote.source.body].slice(bodyLength - 5).join("");
    await expectAccepted("createStatement", statement({ text: tail, sourceSpan: { start: bodyLength - 5, end: bodyLength } }), "id", "statements");
  });

  it("refuses an empty or reversed span (afterStart)", async () => {
    const { start } = quote.sourceSpan;
    await expectRejected("createStatement", statement({ sourceSpan: { start, end: start } }), BAD, [["input.sourceSpan.end", "afterStart"]]);
  });

  it("refuses a span without a sourceId (needsSource)", async () => {
    await expectRejected("createStatement", statement({ sourceId: null }), BAD, [["input.sourceSpan", "needsSource"]]);
    await expectRejected("createStatement", statement({ sourceId: undefined }), BAD, [["input.sourceSpan", "needsSource"]]);
  });

  it("refuses a statement with neither speakerId nor organizationId (hasAuthor)", async () => {
    await expectRejected("createStatement", statement({ speakerId: null, organizationId: null }), BAD, [["input.speakerId", "hasAuthor"]]);
    await expectRejected("createStatement", { text: "Something was said.", kind: "PARAPHRASE" }, BAD, [["input.speakerId", "hasAuthor"]]);
  });

  it("refuses an update that removes the last author", async () => {
    const data = await query(`{ statements(filter: { kind: [PARAPHRASE] }) { nodes { id speaker { id } organization { id } } } }`);
    const withBoth = data.statements.nodes.find((node: { speaker: unknown; organization: unknown }) => node.speaker && node.organization);
    await expectRejected("updateStatement", { id: withBoth.id, speakerId: null, organizationId: null }, BAD, [["input.speakerId", "hasAuthor"]]);
  });

  it("takes a PARAPHRASE whose span does not match its text", async () => {
    const shifted = { start: quote.sourceSpan.start + 1, end: quote.sourceSpan.end + 1 };
    const created = await expectAccepted(
      "createStatement",
      statement({ kind: "PARAPHRASE", text: "In other words, something else.", sourceSpan: shifted }),
      "kind text sourceSpan { start end }",
      "statements",
    );
    expect(created).toEqual({ kind: "PARAPHRASE", text: "In other words, something else.", sourceSpan: shifted });
  });

  it("refuses a negative span start, or an end below 1, at the span's own fields", async () => {
    for (const kind of ["PARAPHRASE", "DIRECT_QUOTE"]) {
      await expectRejected("createStatement", statement({ kind, sourceSpan: { start: -1, end: 3 } }), BAD, [["input.sourceSpan.start", "min"]]);
    }
    await expectRejected("createStatement", statement({ sourceSpan: { start: -2, end: 0 } }), BAD, [
      ["input.sourceSpan.start", "min"],
      ["input.sourceSpan.end", "min"],
    ]);
    const [{ id }] = await database.db.query(`SELECT id FROM statements WHERE span_start IS NOT NULL LIMIT 1`);
    await expectRejected("updateStatement", { id: toGlobalId("Statement", id), sourceSpan: { start: -1, end: 3 } }, BAD, [["input.sourceSpan.start", "min"]]);
  });
});

describe("events", () => {
  let nato: string;
  let kirby: string;

  beforeAll(async () => {
    nato = await idOf("Organization", "organizations", "name", "North Atlantic Treaty Organization");
    kirby = await idOf("Person", "people", "name", "John Kirby");
  });

  const event = (participants: object[]) => ({ title: "A meeting", kind: "DIPLOMATIC_MEETING", status: "PLANNED", participants });

  it("refuses a participant with both organizationId and personId (oneParty)", async () => {
    await expectRejected("createEvent", event([{ organizationId: nato, personId: kirby, role: "HOST" }]), BAD, [["input.participants.0", "oneParty"]]);
  });

  it("refuses a participant with neither, naming its index", async () => {
    await expectRejected(
      "createEvent",
      event([{ organizationId: nato, role: "HOST" }, { role: "OBSERVER" }]),
      BAD,
      [["input.participants.1", "oneParty"]],
    );
  });

  it("refuses a bad participant in an update and keeps the old list", async () => {
    const briefing = await idOf("Event", "events", "title", "South Korean delegation briefs NATO in Brussels");
    const before = await count("event_participants", "event_id = $1", [dbId(briefing)]);
    await expectRejected("updateEvent", { id: briefing, participants: [{ organizationId: nato, personId: kirby, role: "HOST" }] }, BAD, [["input.participants.0", "oneParty"]]);
    expect(await count("event_participants", "event_id = $1", [dbId(briefing)])).toBe(before);
  });

  it("takes one party per participant", async () => {
    const created = await expectAccepted(
      "createEvent",
      event([{ organizationId: nato, role: "HOST" }, { personId: kirby, role: "OBSERVER" }]),
      "participants { role }",
      "events",
    );
    expect(created.participants).toHaveLength(2);
  });
});

describe("deletes", () => {
  it("refuses to delete an organization that members and statements still refer to", async () => {
    const nsc = await idOf("Organization", "organizations", "name", "National Security Council");
    const error = await expectRejected("deleteOrganization", { id: nsc }, "CONFLICT", [
      ["input.id", "notReferenced"],
      ["input.id", "notReferenced"],
    ]);
    expect(error.message).toMatch(/still referenced by 1 affiliations \(members\)/);
    expect(error.message).toMatch(/still referenced by \d+ statements/);
    expect(await count("organizations", "id = $1", [dbId(nsc)])).toBe(1);
  });

  it("refuses to delete an organization with sub-organizations", async () => {
    const un = await idOf("Organization", "organizations", "name", "United Nations");
    const error = await expectRejected("deleteOrganization", { id: un }, "CONFLICT", [["input.id", "notReferenced"]]);
    expect(error.message).toContain("sub-organizations");
    expect(await count("organizations", "id = $1", [dbId(un)])).toBe(1);
  });

  it("refuses to delete a person with statements by default (REFUSE)", async () => {
    const kirby = await idOf("Person", "people", "name", "John Kirby");
    const statements = await count("statements", "speaker_id = $1", [dbId(kirby)]);
    expect(statements).toBeGreaterThan(0);
    // Earlier tests in this file made Kirby an event participant too: both references are reported.
    const participations = await count("event_participants", "person_id = $1", [dbId(kirby)]);
    const expected: [string, string][] = participations > 0 ? [["input.id", "notReferenced"], ["input.id", "notReferenced"]] : [["input.id", "notReferenced"]];
    const error = await expectRejected("deletePerson", { id: kirby }, "CONFLICT", expected);
    expect(error.message).toContain(`still referenced by ${statements} statements`);
    expect(await count("people", "id = $1", [dbId(kirby)])).toBe(1);
    expect(await count("statements", "speaker_id = $1", [dbId(kirby)])).toBe(statements);
  });

  it("deletes a person with their statements and affiliations when asked (statements: DELETE)", async () => {
    const person = await expectAccepted("createPerson", { name: "Short-lived Spokesperson" }, "id", "people");
    const un = await idOf("Organization", "organizations", "name", "United Nations");
    await expectAccepted("createAffiliation", { personId: person.id, organizationId: un, role: "Spokesperson" }, "id", "affiliations");
    for (const text of ["First remark.", "Second remark."]) {
      await expectAccepted("createStatement", { text, kind: "PARAPHRASE", speakerId: person.id }, "id", "statements");
    }
    const statements = await count("statements");

    const refused = await mutate("deletePerson", { id: person.id });
    expect(refused.errors?.[0].extensions?.code).toBe("CONFLICT");

    const response = await mutate("deletePerson", { id: person.id, statements: "DELETE" });
    expect(response.errors).toBeUndefined();
    expect(response.data.deletePerson).toEqual({ deletedId: person.id });
    expect(await count("people", "id = $1", [dbId(person.id)])).toBe(0);
    expect(await count("statements", "speaker_id = $1", [dbId(person.id)])).toBe(0);
    expect(await count("statements")).toBe(statements - 2);
    expect(await count("affiliations", "person_id = $1", [dbId(person.id)])).toBe(0);
  });

  it("refuses to change the body of an article whose statements quote it by span", async () => {
    const articleId = await idOf("Article", "articles", "url", "https://newsgraph.example/articles/north-korean-troops-in-eastern-russia");
    const [{ body: before }] = await database.db.query(`SELECT body FROM articles WHERE id = $1`, [dbId(articleId)]);
    const error = await expectRejected("updateArticle", { id: articleId, body: `${before} (updated)` }, "CONFLICT", [["input.body", "spansIntact"]]);
    expect(error.message).toContain("quote this body by position");
    const [{ body: after }] = await database.db.query(`SELECT body FROM articles WHERE id = $1`, [dbId(articleId)]);
    expect(after).toBe(before);
    // Other fields of it still change.
    const updated = await expectAccepted("updateArticle", { id: articleId, title: "A better title", body: before }, "title");
    expect(updated).toEqual({ title: "A better title" });
  });
});

describe("error responses", () => {
  it("never contain SQL, driver errors or stack traces", () => {
    expect(errorResponses.length).toBeGreaterThan(30);
    for (const response of errorResponses) {
      const json = JSON.stringify(response);
      expect(json).not.toMatch(/SELECT|INSERT INTO|QueryFailedError|at \/|stacktrace|node_modules/);
    }
  });
});
