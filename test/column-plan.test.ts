import { execute, parse } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { createContext } from "../src/context";
import { storedTypesOf } from "../src/graphql/column-plan";
import { EventResolver } from "../src/modules/event/event.resolver";
import { createSchema } from "../src/schema";
import { createToken, Role } from "../src/modules/auth/tokens";
import { gqlAs, useSeededServer } from "./support/server";

/**
 * A query reads only the columns its fields need (graphql/column-plan.ts). The answers must be
 * exactly those of reading every column, whatever the shape of the document.
 */
// The resolvers' path (the read planner reads columns its own way: planned-reads.test.ts).
const fixture = useSeededServer({ plannedReads: false });

/** Documents that reach the same rows through different types, fragments and paths. */
const DOCUMENTS = [
  `{ events(first: 3) { nodes { title } } }`,
  `{ events(first: 10, orderBy: { field: TITLE, direction: ASC }) { nodes { id title kind status startDate endDate datePrecision summary createdAt updatedAt
      parent { title } subEvents(first: 5) { nodes { title } }
      participants { role organization { name shortName kind countryCode aliases wikidataId parent { name } } person { name aliases description } }
      places { role place { name aliases countryCode latitude longitude wikidataId } }
      sources { url title publisher publishedAt }
      statements(first: 10) { totalCount edges { cursor node { text kind statedOn sourceSpan { start end }
        speaker { name affiliations { role startDate endDate organization { name } person { name } } }
        organization { name } event { title } source { title } place { name } } } } } } }`,
  // The same person read as a speaker (name only) and from a list (description): one plan covers both.
  `{ statements(first: 15) { nodes { __typename speaker { name } } } people(first: 50) { nodes { name description wikidataId } } }`,
  // Through the Node interface and fragments, at any depth.
  `fragment Said on Statement { text sourceSpan { start end } speaker { ...Who } }
   fragment Who on Person { name description affiliations { role } }
   { statements(first: 15, orderBy: { field: CREATED_AT, direction: ASC }) { nodes { id ...Said } }
     organizations(first: 20) { nodes { ... on Node { id } ... on Organization { name members(first: 5) { nodes { role person { ...Who } } } } } } }`,
  // Through search hits, whose node is the Node interface.
  `{ search(query: "sanctions", first: 10) { nodes { rank node { __typename ... on Statement { text speaker { name } } ... on Event { title summary } ... on Person { name } ... on Organization { shortName } } } } }`,
  // Only the type name: the rows still come with their keys.
  `{ statements(first: 5) { nodes { __typename speaker { __typename } event { __typename } } } }`,
];

async function readWhole(query: string): Promise<unknown> {
  // Executed without a plan: every column of every row, as before column planning.
  const result = await execute({ schema: await createSchema(), document: parse(query), contextValue: createContext(fixture.database.db) });
  expect(result.errors).toBeUndefined();
  return JSON.parse(JSON.stringify(result.data)); // as it goes over the wire
}

describe("column planning", () => {
  it("describes what every field of every stored type reads (no field falls back to every column)", async () => {
    const types = storedTypesOf(fixture.database.db, await createSchema());
    expect([...types.keys()].sort()).toEqual(["Affiliation", "Article", "AuditEntry", "Event", "EventParticipant", "EventPlace", "Organization", "Person", "Place", "Statement"]);
    for (const [name, type] of types) {
      const properties = new Set(type.columns.map((column) => column.propertyName));
      for (const [field, reads] of type.reads) {
        expect({ field: `${name}.${field}`, reads }).not.toEqual({ field: `${name}.${field}`, reads: "all" });
        if (reads !== "all") for (const property of reads) expect({ field: `${name}.${field}`, property, known: properties.has(property) }).toEqual({ field: `${name}.${field}`, property, known: true });
      }
    }
  });

  it("selects only the columns of the fields asked for, plus the keys", async () => {
    const { database, server } = fixture;
    database.queries.reset();
    const { data, errors } = await server.gql(`{ events(first: 3) { nodes { title statements(first: 2) { nodes { text speaker { name } } } } } }`);
    expect(errors).toBeUndefined();
    expect(data.events.nodes).toHaveLength(3);
    const [events, statements] = database.queries.statements;
    expect(events).toMatch(/e\.id, e\.title, e\.parent_id/);
    expect(events).not.toMatch(/summary|created_at,|updated_at/);
    expect(statements).toMatch(/s\.text/);
    expect(statements).toMatch(/j_speaker\.name/);
    expect(statements).not.toMatch(/s\.kind|s\.span_start|s\.updated_at|j_speaker\.description|j_speaker\.aliases/);

    // Lists read through a join table too: an event's sources without their (long) bodies.
    database.queries.reset();
    const sources = await server.gql(`{ events(first: 3) { nodes { sources { url } } } }`);
    expect(sources.errors).toBeUndefined();
    expect(database.queries.statements[1]).toMatch(/a\.url/);
    expect(database.queries.statements[1]).not.toMatch(/a\.body/);
  });

  it("fails loudly, in the tests, when a resolver reads a column its field does not declare", async () => {
    const original = EventResolver.prototype.parent;
    const parent = jest.spyOn(EventResolver.prototype, "parent").mockImplementation(function (this: EventResolver, event, context) {
      void event.summary; // a column `parent` does not declare
      return original.call(this, event, context);
    });
    try {
      const { errors } = await fixture.server.gql(`{ events(first: 3) { nodes { title parent { title } } } }`);
      expect(errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
      const declared = await fixture.server.gql(`{ events(first: 3) { nodes { title summary parent { title } } } }`);
      expect(declared.errors).toBeUndefined();
    } finally {
      parent.mockRestore();
    }
  });

  it.each(DOCUMENTS.map((query, index) => [index, query]))("answers document %i exactly as reading every column does", async (_index, query) => {
    const { data, errors } = await fixture.server.gql(query as string);
    expect(errors).toBeUndefined();
    expect(data).toEqual(await readWhole(query as string));
  });

  it("plans queries over WebSocket too", async () => {
    const { database, server } = fixture;
    const client = createClient({ url: server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      database.queries.reset();
      const query = DOCUMENTS[0];
      const data = await new Promise((resolve, reject) => {
        client.subscribe({ query }, { next: (result) => (result.errors ? reject(new Error(JSON.stringify(result.errors))) : resolve(result.data)), error: reject, complete: () => undefined });
      });
      expect(database.queries.statements[0]).toMatch(/e\.title/);
      expect(database.queries.statements[0]).not.toMatch(/e\.summary/);
      expect(data).toEqual(await readWhole(query));
    } finally {
      await client.dispose();
    }
  });

  it("plans queries over the legacy WebSocket protocol too", async () => {
    const { database, server } = fixture;
    const socket = new WebSocket(server.url.replace(/^http/, "ws"), "graphql-ws");
    try {
      database.queries.reset();
      const query = DOCUMENTS[0];
      const data = await new Promise((resolve, reject) => {
        socket.on("open", () => {
          socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
          socket.send(JSON.stringify({ id: "1", type: "start", payload: { query } }));
        });
        socket.on("message", (raw) => {
          const message = JSON.parse(raw.toString());
          if (message.type === "data") (message.payload.errors ? reject(new Error(JSON.stringify(message.payload.errors))) : resolve(message.payload.data));
          if (message.type === "error" || message.type === "connection_error") reject(new Error(JSON.stringify(message.payload)));
        });
      });
      expect(database.queries.statements[0]).toMatch(/e\.title/);
      expect(database.queries.statements[0]).not.toMatch(/e\.summary/);
      expect(data).toEqual(await readWhole(query));
    } finally {
      socket.close();
    }
  });

  it("reads whole rows for mutations, whose checks and audit need every column", async () => {
    const { database, server } = fixture;
    const token = await createToken(database.db, "column-plan-editor", Role.EDITOR);
    const { data } = await server.gql(`{ events(first: 20) { nodes { id title parent { id } } } }`);
    const child = data.events.nodes.find((event: { parent: unknown }) => event.parent);
    database.queries.reset();
    const result = await gqlAs(server.url, token, `mutation ($id: ID!, $title: String!) { updateEvent(input: { id: $id, title: $title }) { title parent { title } } }`, { id: child.id, title: child.title });
    expect(result.errors).toBeUndefined();
    const parentLookup = database.queries.statements.find((sql) => /FROM events WHERE id =/.test(sql));
    expect(parentLookup).toMatch(/summary/);
  });
});
