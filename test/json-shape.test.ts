/**
 * The shape of a request's JSON is bounded before anything parses it (src/graphql/json-shape.ts):
 * nesting, list items, object members. A list of 700,000 items in variables took 1.4 s to coerce and
 * stalled other requests; an input object of 100,000 unknown fields took 9.4 s. Over HTTP (POST body,
 * GET parameters) each is refused with a 400 and its code before any database work; within the
 * bounds everything runs as before. WebSocket messages: test/websocket-hardening.test.ts; nesting
 * as an attack: test/attacks.test.ts.
 */
import { DEFAULT_MEMORY_BOUNDS } from "../src/config";
import { JsonShapeScanner, jsonShapeProblem as problemOf, MAX_JSON_LIST_ITEMS, MAX_JSON_OBJECT_MEMBERS } from "../src/graphql/json-shape";
import { useSeededServer } from "./support/server";

const fixture = useSeededServer();
const MAX_JSON_NESTING = DEFAULT_MEMORY_BOUNDS.maxJsonNesting;
const jsonShapeProblem = (text: string) => problemOf(text, MAX_JSON_NESTING);

const KINDS = `query ($k: [StatementKind!]) { statements(filter: { kind: $k }) { totalCount } }`;
const FILTER = `query ($f: StatementFilter) { statements(filter: $f) { totalCount } }`;

async function post(query: string, variables: object) {
  const response = await fetch(fixture.server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, json: (await response.json()) as any };
}

async function get(query: string, variables: object) {
  const url = new URL(fixture.server.url);
  url.searchParams.set("query", query);
  url.searchParams.set("variables", JSON.stringify(variables));
  const response = await fetch(url, { headers: { accept: "application/json" } });
  return { status: response.status, json: (await response.json()) as any };
}

const kinds = (n: number) => Array.from({ length: n }, (_, index) => ["DIRECT_QUOTE", "PARAPHRASE", "WRITTEN_STATEMENT"][index % 3]);
const LIST_REFUSAL = { message: `A list in the request's JSON holds more than ${MAX_JSON_LIST_ITEMS} items`, extensions: { code: "JSON_TOO_LARGE" } };
const OBJECT_REFUSAL = { message: `An object in the request's JSON has more than ${MAX_JSON_OBJECT_MEMBERS} members`, extensions: { code: "JSON_TOO_LARGE" } };

describe("over HTTP", () => {
  it("refuses a list of 600,000 items in variables, reaching no database", async () => {
    fixture.database.queries.reset();
    const { status, json } = await post(KINDS, { k: kinds(600_000) });
    expect(status).toBe(400);
    expect(json).toEqual({ errors: [LIST_REFUSAL] });
    expect(fixture.database.queries.count).toBe(0);
  });

  it("refuses one item over the bound, over POST and GET, also inside an input object", async () => {
    fixture.database.queries.reset();
    // Short items, so that a GET's URL stays within Node's 16 KB of headers.
    const overBound = Array(MAX_JSON_LIST_ITEMS + 1).fill(0);
    for (const send of [post, get]) {
      for (const [query, variables] of [[KINDS, { k: overBound }], [FILTER, { f: { kind: overBound } }]] as const) {
        const { status, json } = await send(query, variables);
        expect([send.name, status, json]).toEqual([send.name, 400, { errors: [LIST_REFUSAL] }]);
      }
    }
    expect(fixture.database.queries.count).toBe(0);
  });

  it("refuses an object with more members than any input type has fields", async () => {
    const fields = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`field${index}`, 1]));
    expect(await post(FILTER, { f: fields })).toEqual({ status: 400, json: { errors: [OBJECT_REFUSAL] } });
    // At the bound, the object is coerced as usual: its unknown fields are the error.
    const atBound = Object.fromEntries(Array.from({ length: MAX_JSON_OBJECT_MEMBERS - 1 }, (_, index) => [`x${index}`, 1]));
    const within = await post(FILTER, { f: { ...atBound, text: "troops" } });
    expect(within.json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("runs lists within the bound as before", async () => {
    const all = await post(`{ statements { totalCount } }`, {});
    // A GET's URL holds only so many: 500 kinds there, the full 1,000 in a POST.
    for (const [send, length] of [[post, MAX_JSON_LIST_ITEMS], [get, 500]] as const) {
      const { status, json } = await send(KINDS, { k: kinds(length) });
      expect(status).toBe(200);
      expect(json.errors).toBeUndefined();
      expect(json.data.statements.totalCount).toBe(all.json.data.statements.totalCount);
    }
  });
});

describe("the scanner", () => {
  it("counts only structure: brackets, braces and commas inside strings, escaped quotes included, do not count", () => {
    const inStrings = JSON.stringify({ a: "[".repeat(100) + ",".repeat(5_000) + '\\"{'.repeat(50), b: ["x,y", "]]]"] });
    expect(jsonShapeProblem(inStrings)).toBeUndefined();
    expect(jsonShapeProblem(JSON.stringify({ v: Array(MAX_JSON_LIST_ITEMS).fill(1) }))).toBeUndefined();
    expect(jsonShapeProblem(JSON.stringify({ v: Array(MAX_JSON_LIST_ITEMS + 1).fill(1) }))).toBe("list");
    expect(jsonShapeProblem(`${"[".repeat(MAX_JSON_NESTING)}${"]".repeat(MAX_JSON_NESTING)}`)).toBeUndefined();
    expect(jsonShapeProblem(`${"[".repeat(MAX_JSON_NESTING + 1)}`)).toBe("depth");
    // Sibling lists count apart, and each closed list leaves its parent's count alone.
    expect(jsonShapeProblem(JSON.stringify(Array.from({ length: 5 }, () => Array(MAX_JSON_LIST_ITEMS).fill(0))))).toBeUndefined();
  });

  it("bounds the values in all, which the per-list bounds would multiply through nesting", () => {
    const lists = (n: number) => JSON.stringify({ v: Array.from({ length: n }, () => Array(MAX_JSON_LIST_ITEMS).fill(0)) });
    expect(jsonShapeProblem(lists(9))).toBeUndefined();
    expect(jsonShapeProblem(lists(11))).toBe("values");
  });

  it("reads bytes split anywhere, multi-byte characters included, as it reads the whole text", () => {
    const text = JSON.stringify({ s: "é—😀\\\"[,", v: Array(MAX_JSON_LIST_ITEMS + 1).fill("ü") });
    const bytes = Buffer.from(text, "utf8");
    for (const size of [1, 2, 3, 7, 4096]) {
      const scanner = new JsonShapeScanner(MAX_JSON_NESTING);
      let problem;
      for (let at = 0; at < bytes.length && !problem; at += size) problem = scanner.feed(bytes.subarray(at, at + size));
      expect([size, problem]).toEqual([size, "list"]);
    }
  });
});

describe("over HTTP, values in all", () => {
  it("refuses a body of many lists within the per-list bound (a million zeros in 1,000 lists)", async () => {
    const variables = { a: Array.from({ length: 1_000 }, () => Array(1_000).fill(0)) };
    expect(await post(KINDS, variables)).toEqual({ status: 400, json: { errors: [{ message: "The request's JSON holds more than 10000 values", extensions: { code: "JSON_TOO_LARGE" } }] } });
  });
});
