import { toGlobalId } from "../src/contract/global-id";
import { useSeededServer } from "./support/server";

const fixture = useSeededServer();

async function idOf(query: string): Promise<string> {
  const { data, errors } = await fixture.server.gql(query);
  expect(errors).toBeUndefined();
  return Object.values(data as { [field: string]: { nodes: { id: string }[] } })[0].nodes[0].id;
}

describe("node(id:)", () => {
  it("resolves an id of every type to its object", async () => {
    const ids = {
      Person: await idOf(`{ people(first: 1) { nodes { id } } }`),
      Organization: await idOf(`{ organizations(first: 1) { nodes { id } } }`),
      Event: await idOf(`{ events(first: 1) { nodes { id } } }`),
      Statement: await idOf(`{ statements(first: 1) { nodes { id } } }`),
    };
    for (const [type, id] of Object.entries(ids)) {
      const { data } = await fixture.server.gql(`query ($id: ID!) { node(id: $id) { __typename id } }`, { id });
      expect(data.node).toEqual({ __typename: type, id });
    }
    // Direct quotes always have a speaker (other statements may be an organization's alone).
    const { data } = await fixture.server.gql(`{ statements(first: 1, filter: { kind: [DIRECT_QUOTE] }) { nodes { source { id } speaker { affiliations { id } } } } }`);
    const statement = data.statements.nodes[0];
    for (const id of [statement.source.id, statement.speaker.affiliations[0].id]) {
      const { data: found } = await fixture.server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id });
      expect(found.node).toEqual({ id });
    }
  });

  it("uses opaque ids that do not show the database key, with one spelling each", async () => {
    const id = await idOf(`{ people(first: 1) { nodes { id } } }`);
    expect(id).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    const padded = await fixture.server.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id: `${id}==` });
    expect(padded.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("returns null for a well-formed id of nothing", async () => {
    const { data, errors } = await fixture.server.gql(`query ($id: ID!) { node(id: $id) { id } event(id: $id) { id } }`, {
      id: toGlobalId("Event", "00000000-0000-4000-8000-000000000000"),
    });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ node: null, event: null });
  });

  it("refuses a malformed id, and an id of the wrong type, with BAD_USER_INPUT and the field's path", async () => {
    const malformed = await fixture.server.gql(`{ node(id: "not-an-id") { id } }`);
    expect(malformed.errors?.[0]).toMatchObject({ path: ["node"], extensions: { code: "BAD_USER_INPUT" } });

    const personId = await idOf(`{ people(first: 1) { nodes { id } } }`);
    const wrongType = await fixture.server.gql(`query ($id: ID!) { event(id: $id) { id } }`, { id: personId });
    expect(wrongType.errors?.[0]).toMatchObject({ path: ["event"], extensions: { code: "BAD_USER_INPUT" } });
    expect(wrongType.errors?.[0].message).toMatch(/expected the id of a Event, got the id of a Person|Event.*Person/);
  });
});

describe("connections", () => {
  const STATEMENTS = `query ($first: Int, $after: String, $last: Int, $before: String) {
    statements(first: $first, after: $after, last: $last, before: $before, orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }`;

  it("pages forward with first/after through every item exactly once", async () => {
    const all = (await fixture.server.gql(STATEMENTS, { first: 100 })).data.statements;
    expect(all.totalCount).toBe(15);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await fixture.server.gql(STATEMENTS, { first: 4, after })).data.statements;
      expect(page.totalCount).toBe(15);
      expect(page.nodes).toEqual(page.edges.map((edge: { node: unknown }) => edge.node));
      seen.push(...page.nodes.map((node: { id: string }) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((node: { id: string }) => node.id));
  });

  it("pages backward with last/before", async () => {
    const all = (await fixture.server.gql(STATEMENTS, { first: 100 })).data.statements.nodes.map((node: { id: string }) => node.id);
    const lastThree = (await fixture.server.gql(STATEMENTS, { last: 3 })).data.statements;
    expect(lastThree.nodes.map((node: { id: string }) => node.id)).toEqual(all.slice(-3));
    expect(lastThree.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = (await fixture.server.gql(STATEMENTS, { last: 3, before: lastThree.pageInfo.startCursor })).data.statements;
    expect(before.nodes.map((node: { id: string }) => node.id)).toEqual(all.slice(-6, -3));
  });

  it("refuses a page over the maximum, a negative size, first with last, and a forged cursor", async () => {
    for (const [variables, argument] of [
      [{ first: 101 }, "first"],
      [{ last: 1000 }, "last"],
      [{ first: -1 }, "first"],
      [{ first: 1, last: 1 }, "last"],
      [{ first: 1, after: "Zm9yZ2Vk" }, "after"],
      [{ first: 1, before: "Zm9yZ2Vk" }, "before"],
      [{ last: 1, after: "Zm9yZ2Vk" }, "after"],
    ] as const) {
      const { data, errors } = await fixture.server.gql(STATEMENTS, variables);
      expect(data).toBeNull();
      expect(errors?.[0]).toMatchObject({ path: ["statements"], extensions: { code: "BAD_USER_INPUT", argumentName: argument } });
    }
    const { errors } = await fixture.server.gql(STATEMENTS, { first: 101 });
    expect(errors?.[0].message).toContain("between 0 and 100");
  });

  it("refuses a cursor made by another ordering, or with a forged sort value", async () => {
    const byTitle = await fixture.server.gql(`{ events(first: 1, orderBy: { field: TITLE }) { pageInfo { endCursor } } }`);
    const cursor = byTitle.data.events.pageInfo.endCursor;
    const { data, errors } = await fixture.server.gql(`query ($after: String) { events(first: 1, after: $after) { totalCount } }`, { after: cursor });
    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({ path: ["events"], extensions: { code: "BAD_USER_INPUT", argumentName: "after" } });

    const dated = (await fixture.server.gql(`{ events(first: 1) { pageInfo { endCursor } } }`)).data.events.pageInfo.endCursor;
    const [ordering, , id] = JSON.parse(Buffer.from(dated, "base64url").toString());
    const forged = Buffer.from(JSON.stringify([ordering, "not a date", id])).toString("base64url");
    const forgedPage = await fixture.server.gql(`query ($after: String) { events(first: 1, after: $after) { totalCount } }`, { after: forged });
    expect(forgedPage.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "after" });
  });

  it("pages nested lists per parent", async () => {
    const { data } = await fixture.server.gql(`{
      events(first: 10) { nodes { title statements(first: 2) { totalCount nodes { id } pageInfo { hasNextPage } } } }
    }`);
    for (const event of data.events.nodes) {
      expect(event.statements.nodes.length).toBe(Math.min(2, event.statements.totalCount));
      expect(event.statements.pageInfo.hasNextPage).toBe(event.statements.totalCount > 2);
    }
    expect(data.events.nodes.map((e: { statements: { totalCount: number } }) => e.statements.totalCount).reduce((a: number, b: number) => a + b)).toBe(15);
  });
});

describe("filters and orderings", () => {
  const names = (nodes: { name: string }[]) => nodes.map((node) => node.name);

  it("finds people by name ignoring case and accents, and by alias", async () => {
    for (const name of ["dakhlallah", "DÁKHLALLAH", "farah d"]) {
      const { data } = await fixture.server.gql(`query ($name: String) { people(filter: { name: $name }) { nodes { name } } }`, { name });
      expect(names(data.people.nodes)).toEqual(["Farah Dakhlallah"]);
    }
    const { data } = await fixture.server.gql(`{ people(filter: { name: "Lloyd J. Austin III" }) { nodes { name } } }`);
    expect(names(data.people.nodes)).toEqual(["Lloyd Austin"]);
  });

  it("finds organizations by name, short name and kind, and orders them", async () => {
    const nato = await fixture.server.gql(`{ organizations(filter: { name: "nato" }) { nodes { name } } }`);
    expect(names(nato.data.organizations.nodes)).toEqual(["North Atlantic Treaty Organization"]);
    const states = await fixture.server.gql(`{ organizations(filter: { kind: [STATE] }, orderBy: { field: NAME, direction: DESC }) { nodes { name } } }`);
    expect(names(states.data.organizations.nodes)).toEqual(["United States", "Ukraine", "South Korea", "Russia", "North Korea"]);
    const literal = await fixture.server.gql(`{ organizations(filter: { name: "%" }) { totalCount } }`);
    expect(literal.data.organizations.totalCount).toBe(0); // LIKE wildcards are taken literally
  });

  it("filters statements by speaker, organization, event, kind, date range and text", async () => {
    const kirby = await idOf(`{ people(filter: { name: "kirby" }) { nodes { id } } }`);
    const nato = await idOf(`{ organizations(filter: { name: "nato" }) { nodes { id } } }`);
    const sanctions = await idOf(`{ events(filter: { kind: [SANCTIONS] }) { nodes { id } } }`);
    const count = async (filter: object) => {
      const { data, errors } = await fixture.server.gql(`query ($filter: StatementFilter) { statements(filter: $filter) { totalCount } }`, { filter });
      expect(errors).toBeUndefined();
      return data.statements.totalCount;
    };
    expect(await count({ speakerId: kirby })).toBe(7);
    expect(await count({ speakerId: kirby, kind: ["DIRECT_QUOTE"] })).toBe(2);
    expect(await count({ organizationId: nato })).toBe(3);
    expect(await count({ eventId: sanctions })).toBe(1);
    expect(await count({ kind: ["WRITTEN_STATEMENT"] })).toBe(1);
    expect(await count({ statedOn: { from: "2024-10-23", to: "2024-10-23" } })).toBe(13);
    expect(await count({ statedOn: { to: "2024-10-22" } })).toBe(0);
    expect(await count({ text: "VLADIVOSTOK" })).toBe(1);
  });

  it("filters events by kind, status, participant, place, date range and text", async () => {
    const russia = await idOf(`{ organizations(filter: { name: "russia", kind: [STATE] }) { nodes { id } } }`);
    const brussels = (await fixture.server.gql(`{ events(filter: { kind: [DIPLOMATIC_MEETING] }) { nodes { places { place { id } } } } }`)).data.events.nodes[0].places[0].place.id;
    const titles = async (filter: object) => {
      const { data, errors } = await fixture.server.gql(
        `query ($filter: EventFilter) { events(filter: $filter, orderBy: { field: TITLE, direction: ASC }) { nodes { title } } }`,
        { filter },
      );
      expect(errors).toBeUndefined();
      return data.events.nodes.map((node: { title: string }) => node.title);
    };
    expect(await titles({ status: ["PLANNED"] })).toEqual(["South Korean delegation briefs NATO in Brussels", "U.S. plans sanctions against those aiding Russia"]);
    expect(await titles({ participantId: russia })).toEqual(["North Korea sends troops to eastern Russia"]);
    expect(await titles({ placeId: brussels })).toEqual(["South Korean delegation briefs NATO in Brussels"]);
    expect(await titles({ date: { from: "2024-11-01" } })).toEqual(["South Korean delegation briefs NATO in Brussels"]);
    // The training has no end date but MONTH precision: it is "some time in October 2024".
    expect(await titles({ date: { from: "2024-10-15", to: "2024-10-20" } })).toEqual([
      "North Korea sends troops to eastern Russia",
      "North Korean troops train at Russian military bases",
    ]);
    expect(await titles({ text: "wonsan", kind: ["MILITARY_DEPLOYMENT"] })).toEqual(["North Korea sends troops to eastern Russia"]);
  });

  it("orders events by start date, latest first, undated last", async () => {
    const { data } = await fixture.server.gql(`{ events { nodes { startDate } } }`);
    expect(data.events.nodes.map((node: { startDate: string | null }) => node.startDate)).toEqual(["2024-10-28", "2024-10-01", "2024-10-01", null]);
  });

  it("rejects impossible dates, reversed ranges and ids of the wrong type in filters", async () => {
    const badDate = await fixture.server.gql(`{ statements(filter: { statedOn: { from: "2024-02-30" } }) { totalCount } }`);
    expect(badDate.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    expect(badDate.errors?.[0].message).toContain("2024-02-30");
    const reversed = await fixture.server.gql(`{ events(filter: { date: { from: "2024-12-01", to: "2024-01-01" } }) { totalCount } }`);
    expect(reversed.errors?.[0]).toMatchObject({ path: ["events"], extensions: { code: "BAD_USER_INPUT", argumentName: "filter.date" } });
    const eventId = await idOf(`{ events(first: 1) { nodes { id } } }`);
    const wrongType = await fixture.server.gql(`query ($id: ID) { statements(filter: { speakerId: $id }) { totalCount } }`, { id: eventId });
    expect(wrongType.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", argumentName: "filter.speakerId" } });
  });
});

describe("places and articles", () => {
  it("lists places by name, found by another spelling or country", async () => {
    const all = await fixture.server.gql(`{ places { totalCount nodes { name } } }`);
    expect(all.data.places.nodes.map((p: { name: string }) => p.name)).toEqual(["Brussels", "Eastern Russia", "Rome", "Vladivostok", "Wonsan"]);
    const wonson = await fixture.server.gql(`{ places(filter: { name: "wonson" }) { nodes { name countryCode latitude longitude } } }`);
    expect(wonson.data.places.nodes).toEqual([{ name: "Wonsan", countryCode: "KP", latitude: 39.1528, longitude: 127.4436 }]);
    const russian = await fixture.server.gql(`{ places(filter: { countryCode: "ru" }) { totalCount } }`);
    expect(russian.data.places.totalCount).toBe(2);
  });

  it("lists the articles", async () => {
    const { data } = await fixture.server.gql(`{ articles { totalCount nodes { title url publisher publishedAt } } }`);
    expect(data.articles.totalCount).toBe(1);
    expect(data.articles.nodes[0]).toMatchObject({ publisher: null, publishedAt: null });
  });
});

describe("the organization graph", () => {
  it("links parents, sub-organizations, members, statements and events", async () => {
    const { data, errors } = await fixture.server.gql(`{
      organizations(filter: { name: "United States", kind: [STATE] }) { nodes {
        name subOrganizations(orderBy: { field: NAME }) { nodes { name members { totalCount nodes { role person { name } } } statements { totalCount } } }
        events { nodes { title } }
      } }
    }`);
    expect(errors).toBeUndefined();
    const us = data.organizations.nodes[0];
    expect(us.subOrganizations.nodes).toEqual([
      { name: "National Security Council", members: { totalCount: 1, nodes: [{ role: "Strategic Communications Coordinator", person: { name: "John Kirby" } }] }, statements: { totalCount: 7 } },
      { name: "United States Department of Defense", members: { totalCount: 1, nodes: [{ role: "Secretary of Defense", person: { name: "Lloyd Austin" } }] }, statements: { totalCount: 3 } },
    ]);
    expect(us.events.nodes).toEqual([{ title: "U.S. plans sanctions against those aiding Russia" }]);
  });

  it("lists an article's statements and events", async () => {
    const articleId = (await fixture.server.gql(`{ statements(first: 1) { nodes { source { id } } } }`)).data.statements.nodes[0].source.id;
    const { data } = await fixture.server.gql(`query ($id: ID!) { article(id: $id) { title body statements { totalCount } events { totalCount } } }`, { id: articleId });
    expect(data.article.statements.totalCount).toBe(15);
    expect(data.article.events.totalCount).toBe(4);
    expect(data.article.body).toContain("Farah Dakhlallah released a written statement");
  });
});

describe("errors", () => {
  it("never shows a stack trace or SQL to clients", async () => {
    const { errors } = await fixture.server.gql(`{ events(first: 1000) { totalCount } }`);
    expect(JSON.stringify(errors)).not.toMatch(/stacktrace|SELECT|at .*\.ts/);
  });

  it("answers malformed JSON with a 400 and a GraphQL-shaped error", async () => {
    const response = await fetch(fixture.server.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });
});
