/**
 * Hostile input, end to end: a generated corpus of about two thousand malformed, oversized,
 * mistyped and forged requests (test/support/hostile-corpus.ts), sent over real HTTP to the built
 * service running as its own process, in production mode, on a seeded database.
 *
 * Every answer must be a 200 or a 400 (413 for bodies over 8,000,000 bytes, 405 for methods and
 * GET mutations) with a JSON body whose GraphQL `errors` each carry an `extensions.code`, and never
 * INTERNAL_SERVER_ERROR; no body may show a stack trace, a file path or database text; the process
 * must survive, log no error and print nothing on stderr; and no stored row may change.
 *
 * The corpus comes from one seed: a failure prints it, and HOSTILE_SEED=<seed> replays the run.
 * Needs `npm run build` first (`npm test` does it).
 */
import type { DataSource } from "typeorm";
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { hostileCorpus, type CorpusContext, type HostileCase } from "./support/hostile-corpus";
import { requireBuild, startService, stopAllChildren, type Service } from "./support/processes";

const SEED = Number(process.env.HOSTILE_SEED ?? 20241023);
/** Requests in flight at once: enough to overlap, modest on a shared 2-core machine. */
const CONCURRENCY = 4;
const REQUEST_TIMEOUT = 60_000;
const CORPUS_TIMEOUT = 300_000;
/** How many failed cases a failure message shows. */
const SHOWN_FAILURES = Number(process.env.HOSTILE_SHOW ?? 40);

/** Text of stack traces, source paths and the database that no answer may contain, unless the request did. */
const LEAK_MARKERS = [
  "at Object.", "at async ", "    at ", "node_modules", "/dist/", "/src/", ".ts:", "QueryFailedError", "TypeORM", "SELECT ", "INSERT INTO",
  "DELETE FROM", "violates", "relation \"", "syntax error at or near", "invalid byte sequence", "tsquery", "duplicate key", "stacktrace", "postgres",
];

let database: TestDatabase;
let service: Service;
let stdout = "";
let corpusSize = 0;
let tablesBefore: Record<string, string>;

/** Each table of the public schema: its row count and an md5 of all its rows, in a stable order. */
async function tableChecksums(db: DataSource): Promise<Record<string, string>> {
  const tables: { tablename: string }[] = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const sums: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [{ rows, md5 }] = await db.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS md5 FROM "${tablename}" t`);
    sums[tablename] = `${rows} rows, md5 ${md5}`;
  }
  return sums;
}

async function gql(query: string, token?: string): Promise<any> {
  const response = await fetch(service.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (response.status !== 200 || body.errors) throw new Error(`request failed (${response.status}): ${JSON.stringify(body)}`);
  return body.data;
}

/** Real objects and cursors for the corpus to point at, read as any client would. */
async function corpusContext(editorToken: string): Promise<CorpusContext> {
  const data = await gql(`{
    kirby: people(filter: { name: "kirby" }) { nodes { id affiliations { id } } }
    organizations(first: 1) { nodes { id } }
    events(first: 1) { nodes { id } pageInfo { endCursor } }
    quotes: statements(first: 1, filter: { kind: [DIRECT_QUOTE] }) { nodes { id source { id } speaker { id } } pageInfo { endCursor } }
    places(first: 1) { nodes { id } }
    peopleByName: people(first: 1, orderBy: { field: NAME }) { pageInfo { endCursor } }
    search(query: "troops", first: 1) { pageInfo { endCursor } }
  }`);
  const kirby = data.kirby.nodes[0];
  const quote = data.quotes.nodes[0];
  return {
    editorToken,
    ids: {
      Person: kirby.id,
      Organization: data.organizations.nodes[0].id,
      Event: data.events.nodes[0].id,
      Statement: quote.id,
      Place: data.places.nodes[0].id,
      Article: quote.source.id,
      Affiliation: kirby.affiliations[0].id,
    },
    personWithStatements: quote.speaker.id,
    citedArticle: quote.source.id,
    cursors: {
      events: data.events.pageInfo.endCursor,
      statements: data.quotes.pageInfo.endCursor,
      peopleByName: data.peopleByName.pageInfo.endCursor,
      search: data.search.pageInfo.endCursor,
    },
  };
}

interface Answer {
  status: number;
  text: string;
}

async function send(testCase: HostileCase): Promise<Answer> {
  const response = await fetch(service.url + (testCase.search ?? ""), {
    method: testCase.method,
    headers: testCase.headers,
    body: testCase.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT),
  });
  return { status: response.status, text: Buffer.from(await response.arrayBuffer()).toString("utf8") };
}

/** What is wrong with an answer to a case; empty when nothing is. */
function problemsOf(testCase: HostileCase, { status, text }: Answer): string[] {
  const problems: string[] = [];
  if (![200, 400, ...(testCase.alsoAllowed ?? [])].includes(status)) problems.push(`status ${status}`);
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown; stacktrace?: unknown } }[] } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push("the answer is not JSON");
  }
  // Leaks are looked for in errors (or in a body that is not GraphQL): stored data may say anything.
  const shown = body && typeof body === "object" && !Array.isArray(body) ? JSON.stringify(body.errors ?? "") : text;
  const sent = [testCase.search ?? "", Buffer.isBuffer(testCase.body) ? testCase.body.toString("utf8") : testCase.body ?? "", ...Object.values(testCase.headers)].join("\n");
  for (const marker of LEAK_MARKERS) {
    if (shown.includes(marker) && !sent.includes(marker)) problems.push(`the answer shows ${JSON.stringify(marker)}`);
  }
  if (body === undefined) return problems;
  if (body === null || typeof body !== "object" || Array.isArray(body)) return [...problems, "the answer is not a JSON object"];
  if (body.errors === undefined) {
    if (!testCase.mayAnswer) problems.push("answered with data where an error was expected");
    else if (body.data === undefined) problems.push("neither data nor errors");
    return problems;
  }
  if (!Array.isArray(body.errors) || body.errors.length === 0) return [...problems, "errors is not a non-empty array"];
  for (const error of body.errors) {
    const code = error?.extensions?.code;
    if (typeof error?.message !== "string") problems.push("an error without a message");
    if (typeof code !== "string") problems.push(`an error without extensions.code: ${JSON.stringify(error).slice(0, 200)}`);
    if (code === "INTERNAL_SERVER_ERROR") problems.push(`INTERNAL_SERVER_ERROR: ${String(error.message).slice(0, 200)}`);
    if (error?.extensions?.stacktrace !== undefined) problems.push("an error with a stacktrace");
    if (testCase.asEditor && (code === "UNAUTHENTICATED" || code === "FORBIDDEN")) problems.push(`the editor token was refused (${code})`);
  }
  return problems;
}

/** Runs `work` on every case, `CONCURRENCY` at a time. */
async function forEachConcurrently<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

beforeAll(async () => {
  requireBuild();
  database = await createTestDatabase({ seed: true });
  service = await startService({ DATABASE_URL: database.url, NEWSGRAPH_SEED: "false", NODE_ENV: "production" }, "the service under hostile input");
  service.process.stdout!.on("data", (chunk: Buffer | string) => (stdout += chunk.toString()));
}, 120_000);

afterAll(async () => {
  await stopAllChildren();
  await database?.close();
}, 60_000);

it(`answers every case of the corpus (seed ${SEED}) with a coded GraphQL error or data, never a 500, a trace or SQL`, async () => {
  const editorToken = await createToken(database.db, "hostile-editor", Role.EDITOR);
  // The token works: the corpus's refusals of editor requests are about their input.
  await gql(`mutation { createPerson(input: { name: "Hostile Control" }) { id } }`, editorToken);
  tablesBefore = await tableChecksums(database.db);

  const cases = hostileCorpus(await corpusContext(editorToken), SEED);
  corpusSize = cases.length;
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  await forEachConcurrently(cases, async (testCase) => {
    let problems: string[];
    let answer: Answer | undefined;
    try {
      answer = await send(testCase);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      problems = problemsOf(testCase, answer);
    } catch (error) {
      problems = [`the request failed: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? "")}`];
    }
    if (problems.length > 0) failures.push(`${testCase.name}\n    ${problems.join("; ")}\n    answer ${answer?.status}: ${answer?.text.slice(0, 300)}`);
  });

  console.info(`hostile input: ${cases.length} cases (seed ${SEED}), statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} of ${cases.length} hostile cases failed (seed ${SEED}; replay with HOSTILE_SEED=${SEED} npx jest test/hostile-input.test.ts):\n` +
        failures.slice(0, SHOWN_FAILURES).join("\n"),
    );
  }
  expect(cases.length).toBeGreaterThan(1_000);
}, CORPUS_TIMEOUT);

it("is still alive and serving afterwards, and logged no error and nothing on stderr", async () => {
  expect(corpusSize).toBeGreaterThan(0);
  expect(service.process.exitCode).toBeNull();
  expect(service.process.signalCode).toBeNull();
  const health = await fetch(service.url.replace(/\/graphql$/, "/health"));
  expect(health.status).toBe(200);
  const { people } = await gql(`{ people(filter: { name: "kirby" }) { nodes { name } } }`);
  expect(people.nodes).toEqual([{ name: "John Kirby" }]);

  const errorLogs = stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } })
    .filter((entry) => entry.level >= 50)
    .map((entry) => `${entry.msg}: ${entry.err?.message ?? ""}`.slice(0, 300));
  expect(errorLogs).toEqual([]);
  expect(service.stderr()).toBe("");
  // And it still shuts down cleanly.
  expect(await service.stop()).toEqual({ code: 0, signal: null });
}, 60_000);

it("changed no stored row: every table's checksum is as before", async () => {
  expect(tablesBefore).toBeDefined();
  expect(await tableChecksums(database.db)).toEqual(tablesBefore);
});
