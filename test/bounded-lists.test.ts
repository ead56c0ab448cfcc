/**
 * No unbounded lists: every list a query can return is a connection (paged, at most 100 a page) or
 * a plain list with a cap that writes cannot exceed. The caps are tested over real HTTP.
 */
import { getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, type GraphQLSchema } from "graphql";
import { toGlobalId } from "../src/contract/global-id";
import { LIST_CAPS } from "../src/graphql/list-caps";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createSchema } from "../src/schema";
import { gqlAs, useSeededServer, type GraphQLResponse } from "./support/server";

const fixture = useSeededServer();

/** A connection: the type of `edges` and `nodes`, paged by its field's first/last. */
const isConnectionType = (type: unknown) => isObjectType(type) && "pageInfo" in type.getFields();

/** Every list field of an output type: `Type.field` → its cap (maxItems), or "connection", or "UNBOUNDED". */
function listFields(schema: GraphQLSchema): { [field: string]: number | "connection" | "UNBOUNDED" } {
  const found: { [field: string]: number | "connection" | "UNBOUNDED" } = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type))) continue;
      const cap = field.extensions?.maxItems;
      found[`${type.name}.${field.name}`] =
        isConnectionType(type) && (field.name === "edges" || field.name === "nodes") ? "connection" : typeof cap === "number" && cap > 0 ? cap : "UNBOUNDED";
    }
  }
  return found;
}

describe("the schema", () => {
  it("has no list that is neither a connection nor capped", async () => {
    const fields = listFields(await createSchema());
    const unbounded = Object.entries(fields).filter(([, bound]) => bound === "UNBOUNDED").map(([field]) => field);
    expect(unbounded).toEqual([]);
    // The capped plain lists, each documented in its description.
    expect(Object.fromEntries(Object.entries(fields).filter(([, bound]) => typeof bound === "number"))).toEqual({
      "Event.participants": LIST_CAPS.participants,
      "Event.places": LIST_CAPS.places,
      "Event.sources": LIST_CAPS.sources,
      "Organization.aliases": LIST_CAPS.aliases,
      "Person.affiliations": LIST_CAPS.affiliations,
      "Person.aliases": LIST_CAPS.aliases,
      "Place.aliases": LIST_CAPS.aliases,
      "Mutation.reviewStatements": LIST_CAPS.written,
      "IngestArticlePayload.added": LIST_CAPS.written,
      "EventCorroboration.confirmedBy": LIST_CAPS.corroborators,
      "EventCorroboration.deniedBy": LIST_CAPS.corroborators,
      "EventCorroboration.disputedBy": LIST_CAPS.corroborators,
      "EventCorroboration.reportedBy": LIST_CAPS.corroborators,
      "Corroborator.via": LIST_CAPS.corroborators,
    });
  });

  it("says each cap in the field's description", async () => {
    const schema = await createSchema();
    for (const [type, field] of [["Event", "participants"], ["Event", "places"], ["Event", "sources"], ["Person", "affiliations"], ["Person", "aliases"]]) {
      const definition = (schema.getType(type) as import("graphql").GraphQLObjectType).getFields()[field];
      expect(definition.description).toContain(`At most ${definition.extensions.maxItems}.`);
    }
  });

  it("finds connections by shape: every connection field takes a page size", async () => {
    const schema = await createSchema();
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isConnectionType(getNamedType(field.type))) continue;
        expect({ field: `${type.name}.${field.name}`, args: field.args.map((arg) => arg.name) }).toEqual({
          field: `${type.name}.${field.name}`,
          args: expect.arrayContaining(["first"]),
        });
      }
    }
  });
});

describe("the caps, when writing", () => {
  let token: string;
  let organizationIds: string[];
  beforeAll(async () => {
    token = await createToken(fixture.database.db, "caps-editor", Role.EDITOR);
    // Enough organizations to list one more participant than the cap, each once.
    await fixture.database.db.query(
      `INSERT INTO organizations (name, kind) SELECT 'Cap test ' || n, 'OTHER' FROM generate_series(1, ${LIST_CAPS.participants + 1}) AS n`,
    );
    const rows: { id: string }[] = await fixture.database.db.query(`SELECT id FROM organizations WHERE name LIKE 'Cap test %' ORDER BY name`);
    organizationIds = rows.map((row) => toGlobalId("Organization", row.id));
  });

  const mutate = (mutation: string, input: object): Promise<GraphQLResponse> => gqlAs(fixture.server.url, token, mutation, { input });
  const fieldsOf = (response: GraphQLResponse) => (response.errors?.[0].extensions?.fields as { path: string; constraint: string }[] | undefined)?.map(({ path, constraint }) => `${path} ${constraint}`);

  it(`refuses more than ${LIST_CAPS.participants} participants, ${LIST_CAPS.places} places or ${LIST_CAPS.sources} sources for an event, and takes the cap`, async () => {
    const participants = (n: number) => organizationIds.slice(0, n).map((organizationId) => ({ organizationId, role: "ACTOR" }));
    const createEvent = `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id participants { role } } }`;
    const over = await mutate(createEvent, {
      title: "Too many",
      kind: "OTHER",
      status: "REPORTED",
      participants: participants(LIST_CAPS.participants + 1),
      places: Array.from({ length: LIST_CAPS.places + 1 }, () => ({ placeId: toGlobalId("Place", "00000000-0000-4000-8000-000000000000"), role: "LOCATION" })),
      sourceIds: Array.from({ length: LIST_CAPS.sources + 1 }, () => toGlobalId("Article", "00000000-0000-4000-8000-000000000000")),
    });
    expect(over.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldsOf(over)).toEqual(["input.participants arrayMaxSize", "input.places arrayMaxSize", "input.sourceIds arrayMaxSize"]);

    const atCap = await mutate(createEvent, { title: "A full summit", kind: "DIPLOMATIC_MEETING", status: "CONFIRMED", participants: participants(LIST_CAPS.participants) });
    expect(atCap.errors).toBeUndefined();
    expect(atCap.data.createEvent.participants).toHaveLength(LIST_CAPS.participants);

    const updated = await mutate(`mutation ($input: UpdateEventInput!) { updateEvent(input: $input) { id } }`, {
      id: atCap.data.createEvent.id,
      participants: participants(LIST_CAPS.participants + 1),
    });
    expect(fieldsOf(updated)).toEqual(["input.participants arrayMaxSize"]);
  });

  it(`refuses more than ${LIST_CAPS.aliases} aliases`, async () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `Alias ${i}`);
    for (const type of ["Person", "Organization", "Place"]) {
      const extra = type === "Organization" ? { kind: "OTHER" } : {};
      const over = await mutate(`mutation ($input: Create${type}Input!) { create${type}(input: $input) { id } }`, { name: `${type} with aliases`, aliases: aliases(LIST_CAPS.aliases + 1), ...extra });
      expect(fieldsOf(over)).toEqual(["input.aliases arrayMaxSize"]);
      const atCap = await mutate(`mutation ($input: Create${type}Input!) { create${type}(input: $input) { aliases } }`, { name: `${type} with aliases`, aliases: aliases(LIST_CAPS.aliases), ...extra });
      expect(atCap.errors).toBeUndefined();
    }
  });

  it(`refuses a person's affiliation past ${LIST_CAPS.affiliations}, even when created concurrently`, async () => {
    const person = await mutate(`mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }`, { name: "Many hats" });
    const personId = person.data.createPerson.id;
    const createAffiliation = `mutation ($input: CreateAffiliationInput!) { createAffiliation(input: $input) { id } }`;
    const attempts = await Promise.all(
      Array.from({ length: LIST_CAPS.affiliations + 5 }, (_, i) => mutate(createAffiliation, { personId, organizationId: organizationIds[i], role: "Adviser" })),
    );
    const refused = attempts.filter((attempt) => attempt.errors);
    expect(attempts.length - refused.length).toBe(LIST_CAPS.affiliations);
    for (const attempt of refused) {
      expect(attempt.errors?.[0].extensions?.code).toBe("CONFLICT");
      expect(fieldsOf(attempt)).toEqual(["input.personId maxAffiliations"]);
    }
    const read = await gqlAs(fixture.server.url, undefined, `query ($id: ID!) { person(id: $id) { affiliations { role } } }`, { id: personId });
    expect(read.data.person.affiliations).toHaveLength(LIST_CAPS.affiliations);
  });
});
