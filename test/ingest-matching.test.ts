import { readFileSync } from "node:fs";
import path from "node:path";
import { article } from "../src/seed/demo-data";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { gqlAs, startTestServer, type TestServer } from "./support/server";

/** Ingestion on the seeded database: what the article names is matched to the records there, not added again. */
let database: TestDatabase;
let server: TestServer;
let token: string;

beforeAll(async () => {
  database = await createTestDatabase({ seed: true });
  server = await startTestServer(database);
  token = await createToken(database.db, "matching-editor", Role.EDITOR);
});
afterAll(async () => {
  await server.close();
  await database.close();
});

const counts = async () =>
  (await database.db.query(`SELECT (SELECT count(*)::int FROM people) AS people, (SELECT count(*)::int FROM organizations) AS organizations, (SELECT count(*)::int FROM places) AS places`))[0];

it("matches the seed article's people, organizations (by name, short name or alias, case and accents aside) and places to the demo data's", async () => {
  const before = await counts();
  const body = readFileSync(path.join(__dirname, "../src/seed", article.bodyFile), "utf8");
  // Another copy of the same report (another url): every name in it is known already.
  const { data, errors } = await gqlAs(server.url, token, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) {
      added { speaker { id name } organization { id name } place { id name } } } }`, {
    input: { url: "https://example.org/a-copy", title: "A copy", body: body.replace("John Kirby", "JOHN KIRBY").replace("Rome", "Róme"), publishedAt: "2024-10-23T12:00:00Z" },
  });
  expect(errors).toBeUndefined();
  expect(await counts()).toEqual(before);
  const [{ kirby, nato, rome }] = await database.db.query(
    `SELECT (SELECT id FROM people WHERE name = 'John Kirby') AS kirby, (SELECT id FROM organizations WHERE short_name = 'NATO') AS nato, (SELECT id FROM places WHERE name = 'Rome') AS rome`,
  );
  const added = data.ingestArticle.added;
  const uuid = (globalId: string) => Buffer.from(globalId, "base64url").toString().split(":")[1];
  expect(added.some((statement: any) => statement.speaker && uuid(statement.speaker.id) === kirby)).toBe(true);
  expect(added.some((statement: any) => statement.organization && uuid(statement.organization.id) === nato)).toBe(true);
  expect(added.some((statement: any) => statement.place && uuid(statement.place.id) === rome)).toBe(true);
});

it("adds a new name once, however it is spelt and however many ingestions name it at the same time", async () => {
  const ingest = (url: string, body: string) =>
    gqlAs(server.url, token, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { added { speaker { name } } } }`, { input: { url, title: "T", body } });
  const people = async (name: string) => (await database.db.query(`SELECT count(*)::int AS n FROM people WHERE name_key(name) = name_key($1)`, [name]))[0].n;
  // Letters that decomposition leaves alone (Ł) and an ampersand: the database's name_key() decides.
  for (const url of ["https://example.org/p-and-g-1", "https://example.org/p-and-g-2"]) {
    const { errors } = await ingest(url, `“Sales fell in every region,” said Łukasz Nowak, a spokesman for Procter & Gamble, on Monday.`);
    expect(errors).toBeUndefined();
  }
  expect(await people("Łukasz Nowak")).toBe(1);
  const results = await Promise.all(
    [1, 2, 3, 4].map((n) => ingest(`https://example.org/okonkwo-${n}`, `“We will not sign this treaty,” said Maria Okonkwo, the foreign minister of Freedonia, in a speech ${n}.`)),
  );
  for (const { errors } of results) expect(errors).toBeUndefined();
  expect(await people("Maria Okonkwo")).toBe(1);
});
