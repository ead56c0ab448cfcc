import { Client } from "pg";
import { parseGlobalId } from "../src/contract/global-id";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type GraphQLResponse, type TestServer } from "./support/server";

/**
 * deleteArticle racing createStatement with a sourceSpan into that article: the loser gets a coded
 * error (NOT_FOUND for the article, or CONFLICT), never INTERNAL_SERVER_ERROR, and nothing is half
 * written. The span check used to read an article that a delete had removed since the reference
 * was resolved (a TypeError); now the article is locked as the reference is resolved.
 */
let database: TestDatabase;
let server: TestServer;
let editor: string;
let speakerId: string;

const QUOTE = "We are ready.";
const BODY = `He said: "${QUOTE}" and left.`;
const SPAN = { start: BODY.indexOf(QUOTE), end: BODY.indexOf(QUOTE) + QUOTE.length };

const write = (query: string, variables?: object) => gqlAs(server.url, editor, query, variables);
const rawId = (globalId: string) => parseGlobalId(globalId)!.id;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  editor = await createToken(database.db, "races-editor", Role.EDITOR);
  const { data } = await write(`mutation { createPerson(input: { name: "Race Speaker" }) { id } }`);
  speakerId = data.createPerson.id;
});
afterAll(async () => {
  await server.close();
  await database.close();
});

let articles = 0;
async function createArticle(): Promise<string> {
  articles += 1;
  const { data, errors } = await write(`mutation ($url: String!, $body: String!) { createArticle(input: { url: $url, title: "Race", body: $body }) { id } }`, {
    url: `https://example.org/race/${articles}`,
    body: BODY,
  });
  expect(errors).toBeUndefined();
  return data.createArticle.id;
}

const createStatement = (sourceId: string) =>
  write(`mutation ($input: CreateStatementInput!) { createStatement(input: $input) { id source { id } sourceSpan { start end } } }`, {
    input: { text: QUOTE, kind: "DIRECT_QUOTE", speakerId, sourceId, sourceSpan: SPAN },
  });
const deleteArticle = (id: string) => write(`mutation ($id: ID!) { deleteArticle(input: { id: $id }) { deletedId } }`, { id });

const codes = (result: GraphQLResponse) => (result.errors ?? []).map((error) => error.extensions?.code);
const count = async (sql: string, parameters: unknown[] = []) => Number((await database.db.query(sql, parameters))[0].n);

describe("deleteArticle racing createStatement with a sourceSpan", () => {
  it("leaves a NOT_FOUND, not an internal error, when the delete commits while the statement waits", async () => {
    // The delete, step by step: its row lock taken, then (once createStatement waits on it) committed.
    const article = await createArticle();
    const deleter = new Client({ connectionString: database.url });
    await deleter.connect();
    try {
      await deleter.query("BEGIN");
      await deleter.query(`SELECT 1 FROM articles WHERE id = $1 FOR UPDATE`, [rawId(article)]);
      const statement = createStatement(article);
      for (let waited = 0; ; waited += 20) {
        const [{ n }] = (await deleter.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows;
        if (n > 0) break;
        if (waited > 10_000) throw new Error("createStatement never waited for the article's lock");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await deleter.query(`DELETE FROM articles WHERE id = $1`, [rawId(article)]);
      await deleter.query("COMMIT");
      const result = await statement;
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: "NOT_FOUND", fields: [{ path: "input.sourceId", constraint: "exists" }] });
    } finally {
      await deleter.end();
    }
    expect(await count(`SELECT count(*) AS n FROM statements WHERE source_id = $1`, [rawId(article)])).toBe(0);
  });

  it("gives exactly one of them success and the other a coded error, 20 rounds over HTTP", async () => {
    const outcomes: string[] = [];
    const statementsBefore = await count(`SELECT count(*) AS n FROM statements`);
    const auditBefore = await count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'Statement'`);
    let created = 0;
    for (let round = 0; round < 20; round += 1) {
      const article = await createArticle();
      // Sent at once, in turns the one and the other first.
      const [deleted, statement] =
        round % 2 === 0
          ? await Promise.all([deleteArticle(article), createStatement(article)])
          : await Promise.all([createStatement(article), deleteArticle(article)]).then(([made, gone]) => [gone, made]);
      for (const result of [deleted, statement]) {
        expect(result.status).toBe(200);
        expect(codes(result)).not.toContain("INTERNAL_SERVER_ERROR");
        for (const code of codes(result)) expect(["NOT_FOUND", "CONFLICT"]).toContain(code);
      }
      const articleGone = deleted.data?.deleteArticle?.deletedId === article;
      const statementMade = Boolean(statement.data?.createStatement);
      // Exactly one wins; the other's error says why.
      expect(articleGone !== statementMade).toBe(true);
      if (articleGone) {
        expect(statement.errors![0].extensions).toMatchObject({ fields: [{ path: "input.sourceId" }] });
        expect(await count(`SELECT count(*) AS n FROM articles WHERE id = $1`, [rawId(article)])).toBe(0);
        expect(await count(`SELECT count(*) AS n FROM statements WHERE source_id = $1`, [rawId(article)])).toBe(0);
        outcomes.push(`delete won; statement: ${codes(statement)}`);
      } else {
        created += 1;
        expect(statement.data.createStatement).toMatchObject({ source: { id: article }, sourceSpan: SPAN });
        expect(deleted.errors![0].extensions).toMatchObject({ code: "CONFLICT", fields: [{ path: "input.id", constraint: "notReferenced" }] });
        expect(await count(`SELECT count(*) AS n FROM statements WHERE source_id = $1 AND span_start = $2`, [rawId(article), SPAN.start])).toBe(1);
        outcomes.push(`statement won; delete: ${codes(deleted)}`);
      }
    }
    // Nothing half written: one stored statement and one audit entry per statement answered as created.
    expect(await count(`SELECT count(*) AS n FROM statements`)).toBe(statementsBefore + created);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'Statement'`)).toBe(auditBefore + created);
    expect(await count(`SELECT count(*) AS n FROM statements s LEFT JOIN articles a ON a.id = s.source_id WHERE s.source_id IS NOT NULL AND a.id IS NULL`)).toBe(0);
    expect(outcomes).toHaveLength(20);
  });
});
