import { createToken, Role } from "../src/modules/auth/tokens";
import { RANK_WINDOW } from "../src/db/search";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type TestServer } from "./support/server";

/** search(): ranked full-text and fuzzy-name hits across the graph, on the seed and on generated data. */
let database: TestDatabase;
let server: TestServer;

const SEARCH = `query ($query: String!, $first: Int, $after: String) {
  search(query: $query, first: $first, after: $after) {
    totalCount
    edges { cursor node { rank snippet node { __typename id ... on Person { name } ... on Organization { name } ... on Event { title } ... on Statement { text } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function search(query: string, first?: number, after?: string) {
  const { data, errors } = await gqlAs(server.url, undefined, SEARCH, { query, first, after });
  expect(errors).toBeUndefined();
  return data.search as { totalCount: number; edges: { cursor: string; node: any }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}
const hits = async (query: string, first?: number) => (await search(query, first)).edges.map((edge) => edge.node);

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  server = await startTestServer(database);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("on the seed data", () => {
  it("finds names fuzzily and without accents", async () => {
    const [kirby] = await hits("kirbi");
    expect(kirby.node).toMatchObject({ __typename: "Person", name: "John Kirby" });
    const [farah] = await hits("dakhlalah");
    expect(farah.node).toMatchObject({ __typename: "Person", name: "Farah Dakhlallah" });
    const [accented] = await hits("Dákhlallah");
    expect(accented.node.name).toBe("Farah Dakhlallah");
  });

  it("matches quoted phrases as phrases", async () => {
    const phrase = await hits('"legitimate targets"');
    expect(phrase.map((hit) => hit.node.text)).toEqual([
      "if North Korean troops were to be deployed to the Ukrainian front, they would be considered legitimate targets by Ukrainian forces",
    ]);
    expect(await hits('"targets legitimate"')).toEqual([]);
  });

  it("excludes -words and accepts or", async () => {
    const withRussia = (await hits("troops", 100)).map((hit) => JSON.stringify(hit.node));
    const withoutRussia = (await hits("troops -russia", 100)).map((hit) => JSON.stringify(hit.node));
    expect(withoutRussia.length).toBeGreaterThan(0);
    expect(withoutRussia.length).toBeLessThan(withRussia.length);
    for (const hit of withoutRussia) expect(hit.toLowerCase()).not.toContain("russia");
    const either = (await hits("vladivostok or brussels", 100)).map((hit) => hit.node.__typename);
    expect(either.length).toBeGreaterThanOrEqual(2);
  });

  it("ranks a title or name above body text", async () => {
    const ranked = await hits("sanctions", 10);
    expect(ranked[0].node).toMatchObject({ __typename: "Event", title: "U.S. plans sanctions against those aiding Russia" });
    expect(ranked.map((hit) => hit.node.__typename)).toContain("Statement");
    for (let index = 1; index < ranked.length; index += 1) expect(ranked[index].rank).toBeLessThanOrEqual(ranked[index - 1].rank);
  });

  it("marks the matched words in the snippet", async () => {
    const [hit] = (await hits('"significant sanctions"')).filter((found) => found.node.__typename === "Statement");
    expect(hit.snippet).toContain("<mark>significant</mark> <mark>sanctions</mark>");
  });

  it("answers an empty query with an error and a meaningless one with no hits, never a crash", async () => {
    for (const query of ["", "   "]) {
      const { data, errors } = await gqlAs(server.url, undefined, SEARCH, { query });
      expect(data).toBeNull();
      expect(errors?.[0]).toMatchObject({ path: ["search"], extensions: { code: "BAD_USER_INPUT", argumentName: "query" } });
    }
    for (const query of ["!!!", "the", "-", '"', "or or or", "&|!:*()", "x".repeat(400), "🙂"]) {
      const result = await search(query);
      expect(result.totalCount).toBe(0);
    }
    const tooLong = await gqlAs(server.url, undefined, SEARCH, { query: "x".repeat(501) });
    expect(tooLong.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("drives the text filters of statements and events with the same machinery", async () => {
    const { data } = await gqlAs(server.url, undefined, `{
      statements(filter: { text: "\\"legitimate targets\\" -russia" }) { totalCount }
      events(filter: { text: "deployment or briefing" }) { totalCount }
    }`);
    expect(data.statements.totalCount).toBe(1);
    expect(data.events.totalCount).toBeGreaterThanOrEqual(1);
  });
});

describe("on generated data", () => {
  beforeAll(async () => {
    // 120 statements that all say "reservoir", for paging; the search columns fill themselves.
    await database.db.query(`
      INSERT INTO statements (text, kind, organization_id)
      SELECT 'The reservoir level was reported at mark ' || n, 'PARAPHRASE', (SELECT id FROM organizations LIMIT 1)
      FROM generate_series(1, 120) n`);
  });

  it("pages through every hit once, with cursors", async () => {
    const seen = new Set<string>();
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await search("reservoir", 50, after);
      expect(page.totalCount).toBe(120);
      for (const edge of page.edges) seen.add(edge.node.node.id);
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(120);
  });

  it("ranks the newest matches of a common word, newest first among equals, and counts them all", async () => {
    // More statements saying "aquifer" than the ranked window holds, a minute apart; the oldest
    // says it twice (the best rank by words alone), the rest once.
    await database.db.query(`
      INSERT INTO statements (text, kind, organization_id, created_at)
      SELECT CASE WHEN n = 1 THEN 'The aquifer, the aquifer again, ' ELSE 'The aquifer ' END || 'was measured, reading ' || n,
             'PARAPHRASE', (SELECT id FROM organizations LIMIT 1), timestamptz '2024-01-01' + n * interval '1 minute'
      FROM generate_series(1, ${RANK_WINDOW + 100}) n`);
    const page = await search("aquifer", 3);
    expect(page.totalCount).toBe(RANK_WINDOW + 100);
    expect(page.edges.map((edge) => edge.node.node.text)).toEqual([RANK_WINDOW + 100, RANK_WINDOW + 99, RANK_WINDOW + 98].map((n) => `The aquifer was measured, reading ${n}`));
    // The oldest is outside the window of the newest RANK_WINDOW matches, so its better rank does not count.
    const texts = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const next = await search("aquifer", 100, after);
      for (const edge of next.edges) texts.add(edge.node.node.text);
      if (!next.pageInfo.hasNextPage) break;
      after = next.pageInfo.endCursor;
    }
    expect(texts.size).toBe(RANK_WINDOW);
    expect(texts.has("The aquifer was measured, reading 101")).toBe(true);
    expect(texts.has("The aquifer was measured, reading 100")).toBe(false);
  });

  it("finds what an editor just wrote", async () => {
    const token = await createToken(database.db, "search-editor", Role.EDITOR);
    await gqlAs(server.url, token, `mutation { createPerson(input: { name: "Oleksandra Matviichuk" }) { id } }`);
    const [hit] = await hits("matviichuk");
    expect(hit.node).toMatchObject({ __typename: "Person", name: "Oleksandra Matviichuk" });
  });

  it("escapes HTML in snippets, so only the <mark> tags are markup", async () => {
    const token = await createToken(database.db, "search-escaper", Role.EDITOR);
    await gqlAs(server.url, token, `mutation { createPerson(input: { name: "Zorglub <img src=x onerror=alert(1)>" }) { id } }`);
    const [hit] = await hits("zorglub");
    expect(hit.snippet).toContain("&lt;img src=x");
    expect(hit.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });

  it("pages at most 1,000 hits deep: a cursor past the first 1,000 hits is refused, not answered", async () => {
    // More hits than the cap: RANK_WINDOW statements (the most one table ranks) and a few people.
    await database.db.query(`
      INSERT INTO statements (text, kind, organization_id)
      SELECT 'The cistern was inspected, visit ' || n, 'PARAPHRASE', (SELECT id FROM organizations LIMIT 1) FROM generate_series(1, ${RANK_WINDOW}) n`);
    await database.db.query(`INSERT INTO people (name) SELECT 'Cistern Keeper ' || n FROM generate_series(1, 5) n`);
    const cursors: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await search("cistern", 100, after);
      cursors.push(...page.edges.map((edge) => edge.cursor));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(cursors.length).toBe(RANK_WINDOW + 5);
    // The 1,000th hit's cursor still pages on; the 1,001st's (and any later one's) is refused.
    const last = await gqlAs(server.url, undefined, SEARCH, { query: "cistern", first: 2, after: cursors[999] });
    expect(last.errors).toBeUndefined();
    expect(last.data.search.edges.map((edge: { cursor: string }) => edge.cursor)).toEqual(cursors.slice(1000, 1002));
    for (const cursor of [cursors[1000], cursors[RANK_WINDOW + 4]]) {
      const deeper = await gqlAs(server.url, undefined, SEARCH, { query: "cistern", first: 2, after: cursor });
      expect(deeper.data).toBeNull();
      expect(deeper.errors?.[0]).toMatchObject({ path: ["search"], extensions: { code: "BAD_USER_INPUT", argumentName: "after" } });
      expect(deeper.errors?.[0].message).toMatch(/1,?000/);
    }
  });

  it("refuses a page over the maximum and a forged cursor", async () => {
    const big = await gqlAs(server.url, undefined, SEARCH, { query: "reservoir", first: 101 });
    expect(big.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "first" });
    const forged = await gqlAs(server.url, undefined, SEARCH, { query: "reservoir", after: "bm9wZQ" });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "after" });
  });
});

describe("snippets", () => {
  const ranking = async (query: string) => {
    database.queries.reset();
    const { data, errors } = await gqlAs(server.url, undefined, query, { query: "troops" });
    expect(errors).toBeUndefined();
    return { data: data.search, statements: [...database.queries.statements] };
  };

  it("are made only when a hit's snippet is selected: ts_headline re-parses every hit's text", async () => {
    const without = await ranking(`query ($query: String!) { search(query: $query, first: 5) { nodes { rank node { id } } } }`);
    const withSnippets = await ranking(`query ($query: String!) { search(query: $query, first: 5) { edges { node { ...Hit } } } } fragment Hit on SearchHit { rank snippet node { id } }`);
    expect(without.statements.some((sql) => sql.includes("ts_headline"))).toBe(false);
    expect(withSnippets.statements.some((sql) => sql.includes("ts_headline"))).toBe(true);
    // The same hits, in the same order, either way.
    expect(without.data.nodes.map((hit: any) => [hit.node.id, hit.rank])).toEqual(withSnippets.data.edges.map((edge: any) => [edge.node.node.id, edge.node.rank]));
    expect(withSnippets.data.edges.every((edge: any) => edge.node.snippet.length > 0)).toBe(true);
    expect(withSnippets.data.edges.some((edge: any) => edge.node.snippet.includes("<mark>troops</mark>"))).toBe(true);
  });
});
