import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { INGEST_SCRIPT, requireBuild, run } from "./support/processes";

/** `npm run ingest`: files and folders into the database, and the dry run's JSON. */
const ARTICLES = path.join(__dirname, "fixtures", "articles");
const ARTICLE_COUNT = readdirSync(ARTICLES).filter((name) => name.endsWith(".txt")).length;
let database: TestDatabase;

beforeAll(async () => {
  requireBuild(INGEST_SCRIPT);
  database = await createTestDatabase();
});
afterAll(() => database.close());

it("--dry-run --json prints the proposals of a file as one JSON object and writes nothing", async () => {
  const result = await run(INGEST_SCRIPT, ["--dry-run", "--json", path.join(ARTICLES, "00-seed.txt"), "--published-at", "2024-10-23"], { DATABASE_URL: database.url });
  expect(result.code).toBe(0);
  const extraction = JSON.parse(result.stdout);
  expect(extraction.statements.length).toBeGreaterThan(10);
  for (const statement of extraction.statements) {
    expect(statement).toEqual(expect.objectContaining({ kind: expect.any(String), text: expect.any(String), span: { start: expect.any(Number), end: expect.any(Number) }, confidence: expect.any(Number), rule: expect.any(String) }));
  }
  expect(extraction).toEqual(expect.objectContaining({ people: expect.any(Array), organizations: expect.any(Array), places: expect.any(Array) }));
  expect((await database.db.query(`SELECT count(*)::int AS n FROM articles`))[0].n).toBe(0);
});

it("ingests every .txt of a folder, one transaction each, and changes nothing the second time", async () => {
  const first = await run(INGEST_SCRIPT, [ARTICLES, "--published-at", "2025-03-04T09:00:00Z"], { DATABASE_URL: database.url });
  expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: "" });
  expect(first.stdout.trim().split("\n").filter((line) => /revision 1, \d+ statements added/.test(line))).toHaveLength(ARTICLE_COUNT);
  const [{ articles, statements }] = await database.db.query(`SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM statements) AS statements`);
  expect(articles).toBe(ARTICLE_COUNT);
  expect(statements).toBeGreaterThan(100);
  const [{ actors }] = await database.db.query(`SELECT array_agg(DISTINCT actor) AS actors FROM audit_log`);
  expect(actors).toEqual(["npm run ingest"]);

  const second = await run(INGEST_SCRIPT, [ARTICLES, "--published-at", "2025-03-04T09:00:00Z"], { DATABASE_URL: database.url });
  expect(second.code).toBe(0);
  expect(second.stdout.trim().split("\n").filter((line) => line.endsWith("unchanged (revision 1)"))).toHaveLength(ARTICLE_COUNT);
  expect((await database.db.query(`SELECT count(*)::int AS n FROM statements`))[0].n).toBe(statements);
});

it("reports a file it cannot ingest, goes on with the others, and exits 1", async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), "newsgraph-ingest-"));
  const html = path.join(folder, "page.html");
  writeFileSync(html, "<p>“We are ready,” the mayor said.</p>");
  const result = await run(INGEST_SCRIPT, [html, path.join(ARTICLES, "00-seed.txt")], { DATABASE_URL: database.url });
  rmSync(folder, { recursive: true });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/page\.html: .*input\.body: HTML markup is refused/);
  expect(result.stdout).toMatch(/00-seed\.txt: /);
});
