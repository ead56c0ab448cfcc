import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { article, people, statements as demoStatements } from "../src/seed/demo-data";
import { parseGlobalId } from "../src/contract/global-id";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type TestServer } from "./support/server";

/** ingestArticle on the real PostgreSQL: the seed article, idempotence, revisions, review, bad input. */
let database: TestDatabase;
let server: TestServer;
let token: string;

const SEED_BODY = readFileSync(path.join(__dirname, "../src/seed", article.bodyFile), "utf8");
const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) {
  changed kept markedStale article { id revision }
  added { id kind text reviewStatus sourceSpan { start end } sourceSpanStale sourceDescription statedOn
    speaker { name affiliations { role organization { name } } } organization { name } place { name } provenance { confidence extractor rule } } } }`;
const gql = (query: string, variables?: object) => gqlAs(server.url, token, query, variables);
const count = async (sql: string, params: unknown[] = []) => (await database.db.query(sql, params))[0].n as number;

async function ingest(input: object) {
  const { data, errors } = await gql(INGEST, { input: { title: "An article", ...input } });
  expect(errors).toBeUndefined();
  return data.ingestArticle;
}

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  token = await createToken(database.db, "ingest-editor", Role.EDITOR);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

describe("the seed article, ingested into an empty database", () => {
  let added: any[];
  beforeAll(async () => {
    const result = await ingest({ url: "https://example.org/seed", body: SEED_BODY, publishedAt: "2024-10-23T12:00:00Z" });
    added = result.added;
  });

  const demo = (kind: string) => demoStatements.filter((statement) => statement.kind === kind);
  const personOf = (key: string) => people.find((person) => person.key === key)!;

  it("reproduces each verbatim statement of the demo data: text, span, speaker, title and organization", () => {
    const verbatim = [...demo("DIRECT_QUOTE"), ...demo("WRITTEN_STATEMENT")];
    expect(verbatim).toHaveLength(4);
    for (const expected of verbatim) {
      const found = added.find((statement) => statement.text === expected.text);
      expect({ text: expected.text, found: !!found }).toEqual({ text: expected.text, found: true });
      expect(found.sourceSpan).toEqual({ start: expected.span![0], end: expected.span![1] });
      const speaker = expected.speaker ? personOf(expected.speaker).name : null;
      expect(found.speaker?.name ?? null).toBe(speaker);
      if (speaker) expect(found.speaker.affiliations.length).toBeGreaterThan(0);
    }
  });

  it("finds at least 9 of its 11 paraphrases, and Rome as the place of Austin's statement", () => {
    const paraphrases = demo("PARAPHRASE");
    expect(paraphrases).toHaveLength(11);
    const overlaps = (a: { start: number; end: number }, b: readonly [number, number]) => a.start < b[1] && b[0] < a.end;
    const found = paraphrases.filter((expected) => added.some((statement) => statement.kind === "PARAPHRASE" && overlaps(statement.sourceSpan, expected.span!)));
    expect(found.length).toBeGreaterThanOrEqual(9);
    const austin = added.filter((statement) => statement.speaker?.name === "Lloyd Austin");
    expect(austin.length).toBeGreaterThan(0);
    expect(austin.some((statement) => statement.place?.name === "Rome")).toBe(true);
  });

  it("records how each statement came to be, and accepts only the confident ones", () => {
    for (const statement of added) {
      expect(statement.provenance).toEqual({ confidence: expect.any(Number), extractor: expect.stringMatching(/@/), rule: expect.any(String) });
      expect(statement.reviewStatus).toBe(statement.provenance.confidence >= 0.85 ? "ACCEPTED" : "PROPOSED");
    }
  });

  it("records what it adds in the audit trail: the article by its body's SHA-256, each statement and new record with its fields", async () => {
    const [{ id: articleId }] = await database.db.query(`SELECT id FROM articles WHERE url = $1`, ["https://example.org/seed"]);
    const trail = async (type: string) => database.db.query(`SELECT entity_id AS id, action, changes FROM audit_log WHERE entity_type = $1 ORDER BY at, id`, [type]);
    expect(await trail("Article")).toEqual([
      { id: articleId, action: "CREATE", changes: expect.objectContaining({ url: "https://example.org/seed", bodySha256: createHash("sha256").update(SEED_BODY).digest("hex") }) },
    ]);
    const statements = await trail("Statement");
    expect(statements.map((entry: any) => entry.id).sort()).toEqual(added.map((statement) => parseGlobalId(statement.id)!.id).sort());
    for (const { action, changes } of statements) {
      expect(action).toBe("CREATE");
      expect(changes).toMatchObject({ sourceId: articleId, text: expect.any(String), kind: expect.any(String), spanStart: expect.any(Number), extractor: expect.stringMatching(/@/) });
    }
    expect(await trail("Person")).toContainEqual({ id: expect.any(String), action: "CREATE", changes: expect.objectContaining({ name: "John Kirby" }) });
  });

  it("changes nothing when the same url and body come again", async () => {
    const statements = await count(`SELECT count(*)::int AS n FROM statements`);
    const audit = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const again = await ingest({ url: "https://example.org/seed", body: SEED_BODY });
    expect(again).toMatchObject({ changed: false, added: [], article: { revision: 1 } });
    expect(await count(`SELECT count(*)::int AS n FROM statements`)).toBe(statements);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(audit);
  });

  it("matches people, organizations and places to stored ones: a second article adds no second Kirby", async () => {
    await ingest({ url: "https://example.org/seed-copy", body: SEED_BODY.replace("On October 23,", "On October 24,") });
    expect(await count(`SELECT count(*)::int AS n FROM people WHERE name = 'John Kirby'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM organizations WHERE name_key(name) = name_key('National Security Council')`)).toBe(1);
  });
});

describe("review", () => {
  it("shows proposals only to who asks for them; an editor's decision is audited and announced to statementAdded", async () => {
    const body = `Mayor Ana Ruiz said the city would open two shelters. “We are ready,” Ruiz said. She added that more volunteers were needed, according to a statement.`;
    const result = await ingest({ url: "https://example.org/review", body });
    const proposed = result.added.filter((statement: any) => statement.reviewStatus === "PROPOSED");
    const accepted = result.added.filter((statement: any) => statement.reviewStatus === "ACCEPTED");
    expect(result.added.length).toBeGreaterThan(0);

    const listed = async (filter: object) => (await gql(`query ($filter: StatementFilter) { statements(first: 100, filter: $filter) { nodes { id } } }`, { filter })).data.statements.nodes.map((node: { id: string }) => node.id);
    const source = result.article.id;
    const byDefault = await gql(`query ($id: ID!) { node(id: $id) { ... on Article { statements(first: 50) { nodes { id reviewStatus } } } } }`, { id: source });
    for (const node of byDefault.data.node.statements.nodes) expect(node.reviewStatus).toBe("ACCEPTED");
    expect(byDefault.data.node.statements.nodes).toHaveLength(accepted.length);
    expect(proposed.length).toBeGreaterThan(0);
    expect(await listed({ reviewStatus: ["PROPOSED"] })).toEqual(expect.arrayContaining(proposed.map((statement: any) => statement.id)));

    // A dashboard subscribed to accepted statements receives a proposal once an editor accepts it.
    const client = createClient({ url: server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const received = new Promise<any>((resolve, reject) => {
        client.subscribe({ query: `subscription { statementAdded { id reviewStatus } }` }, { next: resolve, error: reject, complete: () => undefined });
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const review = await gql(`mutation ($ids: [ID!]!) { reviewStatements(input: { ids: $ids, status: ACCEPTED }) { id reviewStatus } }`, { ids: [proposed[0].id] });
      expect(review.errors).toBeUndefined();
      expect(review.data.reviewStatements).toEqual([{ id: proposed[0].id, reviewStatus: "ACCEPTED" }]);
      expect((await received).data.statementAdded).toEqual({ id: proposed[0].id, reviewStatus: "ACCEPTED" });
    } finally {
      await client.dispose();
    }
    const audit = await database.db.query(`SELECT actor, action, changes FROM audit_log WHERE entity_type = 'Statement' AND changes ? 'reviewStatus' AND action = 'UPDATE' ORDER BY at DESC LIMIT 1`);
    expect(audit[0]).toMatchObject({ actor: "ingest-editor", action: "UPDATE", changes: { reviewStatus: { from: "PROPOSED", to: "ACCEPTED" } } });
  });

  it("keeps what an editor decided across a new revision, marks spans that no longer hold, and proposes nothing twice", async () => {
    const body = `“The bridge will reopen on Monday,” said Lena Park, the city's transport director. “We have checked every cable,” Park said.`;
    const first = await ingest({ url: "https://example.org/revision", body });
    const quotes = first.added.filter((statement: any) => statement.kind === "DIRECT_QUOTE");
    expect(quotes.map((quote: any) => quote.text)).toEqual(["The bridge will reopen on Monday", "We have checked every cable"]);
    // The editor rejects one and corrects the other.
    await gql(`mutation ($ids: [ID!]!) { reviewStatements(input: { ids: $ids, status: REJECTED }) { id } }`, { ids: [quotes[1].id] });
    const corrected = await gql(`mutation ($id: ID!) { updateStatement(input: { id: $id, statedOn: "2025-01-06", reviewStatus: ACCEPTED }) { id } }`, { id: quotes[0].id });
    expect(corrected.errors).toBeUndefined();

    const revised = `Updated: “The bridge will reopen on Monday,” said Lena Park, the city's transport director. “We have checked every cable,” Park said. “Traffic will be slow,” she added.`;
    const second = await ingest({ url: "https://example.org/revision", body: revised });
    expect(second).toMatchObject({ changed: true, article: { revision: 2 }, kept: 2, markedStale: 2 });
    expect(second.added.map((statement: any) => statement.text)).toEqual(["Traffic will be slow"]);
    const stored = await database.db.query(`SELECT text, review_status, stated_on, source_span_stale FROM statements WHERE source_id = (SELECT id FROM articles WHERE url = $1) ORDER BY span_start`, [
      "https://example.org/revision",
    ]);
    expect(stored).toEqual([
      { text: "The bridge will reopen on Monday", review_status: "ACCEPTED", stated_on: "2025-01-06", source_span_stale: true },
      { text: "We have checked every cable", review_status: "REJECTED", stated_on: null, source_span_stale: true },
      { text: "Traffic will be slow", review_status: expect.any(String), stated_on: null, source_span_stale: false },
    ]);
  });
});

it("links an event given with the same body again: the article becomes its source and its statements are about it", async () => {
  const body = `“The harbour will reopen on Friday,” said Ines Moreau, the port's director.`;
  await ingest({ url: "https://example.org/harbour", body });
  const { data } = await gql(`mutation { createEvent(input: { title: "Harbour reopens", kind: OTHER, status: REPORTED }) { id } }`);
  const eventId = data.createEvent.id;
  const again = await ingest({ url: "https://example.org/harbour", body, eventId });
  expect(again.changed).toBe(false);
  const event = await gql(`query ($id: ID!) { event(id: $id) { sources { url } statements(first: 10) { nodes { id text } } } }`, { id: eventId });
  expect(event.data.event).toEqual({ sources: [{ url: "https://example.org/harbour" }], statements: { nodes: [{ id: expect.any(String), text: "The harbour will reopen on Friday" }] } });
  // The trail says the statement is now about the event, as any change of a statement.
  const statementId = parseGlobalId(event.data.event.statements.nodes[0].id)!.id;
  const eventDbId = parseGlobalId(eventId)!.id;
  const [entry] = await database.db.query(`SELECT action, changes FROM audit_log WHERE entity_id = $1 ORDER BY at DESC, id DESC LIMIT 1`, [statementId]);
  expect(entry).toEqual({ action: "UPDATE", changes: { eventId: { from: null, to: eventDbId } } });
});

describe("bad input", () => {
  const refused = async (body: string, constraint: string) => {
    const url = `https://example.org/bad-${constraint}`;
    const { data, errors } = await gql(INGEST, { input: { url, title: "Bad", body } });
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [expect.objectContaining({ path: "input.body", constraint })] });
    expect(await count(`SELECT count(*)::int AS n FROM articles WHERE url = $1`, [url])).toBe(0);
  };

  it("refuses a blank body, one over 1,000,000 characters, HTML and text in another language, storing nothing", async () => {
    await refused(" \n\t ", "notBlank");
    await refused("a".repeat(1_000_001), "maxLength");
    await refused("<p>“We are ready,” the mayor said.</p>", "plainText");
    await refused(
      "Le maire a déclaré que la ville ouvrirait deux refuges pour les sans-abri pendant la vague de froid, et que les bénévoles seraient les bienvenus dans les quartiers du nord comme du sud, selon un communiqué publié mardi soir par la mairie.",
      "english",
    );
  });

  it("answers an article without statements with nothing proposed, and extracts the rest of one with an unclosed quote", async () => {
    const none = await ingest({ url: "https://example.org/markets", body: "Stocks rose 2% on Tuesday. The dollar fell against the yen. Oil was flat at $71 a barrel." });
    expect(none).toMatchObject({ changed: true, added: [] });
    const unclosed = await ingest({ url: "https://example.org/unclosed", body: `“We will strike on Friday, union leader Tom Baker said. “Nobody wants this,” Baker said.` });
    expect(unclosed.added.map((statement: any) => statement.text)).toContain("Nobody wants this");
  });

  it("leaves nothing of an article whose transaction fails: an unknown event", async () => {
    const { errors } = await gql(INGEST, { input: { url: "https://example.org/unknown-event", title: "T", body: SEED_BODY, eventId: "RXZlbnQ6MDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAw" } });
    expect(errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await count(`SELECT count(*)::int AS n FROM articles WHERE url = 'https://example.org/unknown-event'`)).toBe(0);
  });

  it("needs an editor's token", async () => {
    const { errors } = await gqlAs(server.url, undefined, INGEST, { input: { url: "https://example.org/anonymous", title: "T", body: SEED_BODY } });
    expect(errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
