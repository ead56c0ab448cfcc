import { MAX_VARIABLE_LIST_ITEMS, MAX_VARIABLE_OBJECT_FIELDS, variablesProblem } from "../src/graphql/variable-limits";
import { useSeededServer } from "./support/server";

/**
 * Lists in variables are bounded before graphql coerces them: a variable holding a 700,000-item
 * list took 1.4 s to coerce and stalled other requests up to 2.4 s. Now it is refused at once, with
 * a 400 and VARIABLES_TOO_LARGE naming the variable, before any database work; a list within the
 * bound runs as before. Objects in variables are bounded too (unknown fields cost graphql dearly).
 */
const fixture = useSeededServer();

const KINDS = `query ($k: [StatementKind!]) { statements(filter: { kind: $k }) { totalCount } }`;
const FILTER = `query ($f: StatementFilter) { statements(filter: $f) { totalCount } }`;

async function post(query: string, variables: object) {
  const started = performance.now();
  const response = await fetch(fixture.server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, json: (await response.json()) as any, ms: performance.now() - started };
}

async function get(query: string, variables: object) {
  const url = new URL(fixture.server.url);
  url.searchParams.set("query", query);
  url.searchParams.set("variables", JSON.stringify(variables));
  const started = performance.now();
  const response = await fetch(url, { headers: { accept: "application/json" } });
  return { status: response.status, json: (await response.json()) as any, ms: performance.now() - started };
}

const kinds = (n: number) => Array.from({ length: n }, (_, index) => (index % 2 ? "DIRECT_QUOTE" : "PARAPHRASE"));

describe("a list in variables", () => {
  it("of 700,000 items is refused over POST at once, reaching no database", async () => {
    const queries = fixture.database.queries;
    queries.reset();
    const { status, json, ms } = await post(KINDS, { k: Array.from({ length: 700_000 }, () => "X") });
    expect(status).toBe(400);
    expect(json).toEqual({
      errors: [
        {
          message: `$k is a list of 700000 items; a list in variables may hold at most ${MAX_VARIABLE_LIST_ITEMS}`,
          extensions: { code: "VARIABLES_TOO_LARGE", path: "$k", maxItems: 1000 },
        },
      ],
    });
    // Coercing it took 1.4 s; the refusal is JSON.parse and one look at the list's length.
    expect(ms).toBeLessThan(700);
    expect(queries.count).toBe(0);
  });

  it("one item over the bound is refused over POST and GET, also inside an input object, naming its path", async () => {
    const queries = fixture.database.queries;
    queries.reset();
    // Short items, so that a GET's URL stays within Node's 16 KB of headers.
    const overBound = Array(MAX_VARIABLE_LIST_ITEMS + 1).fill(0);
    for (const send of [post, get]) {
      const direct = await send(KINDS, { k: overBound });
      expect(direct.status).toBe(400);
      expect(direct.json.errors[0].extensions).toEqual({ code: "VARIABLES_TOO_LARGE", path: "$k", maxItems: 1000 });
      const nested = await send(FILTER, { f: { kind: overBound } });
      expect(nested.status).toBe(400);
      expect(nested.json.errors[0]).toMatchObject({ message: expect.stringContaining("$f.kind is a list of 1001 items"), extensions: { path: "$f.kind" } });
    }
    expect(queries.count).toBe(0);
  });

  it("within the bound runs as before", async () => {
    const all = await post(`{ statements { totalCount } }`, {});
    // A GET's URL holds only so many: 500 kinds there, the full 1,000 in a POST.
    for (const [send, length] of [[post, MAX_VARIABLE_LIST_ITEMS], [get, 500]] as const) {
      const { status, json } = await send(KINDS, { k: kinds(length) });
      expect(status).toBe(200);
      expect(json.errors).toBeUndefined();
      expect(json.data.statements.totalCount).toBeGreaterThan(0);
      expect(json.data.statements.totalCount).toBeLessThanOrEqual(all.json.data.statements.totalCount);
    }
  });

  it("does not stall other requests while refused", async () => {
    const huge = { k: Array.from({ length: 700_000 }, () => "X") };
    const attacks = Array.from({ length: 4 }, () => post(KINDS, huge));
    const normal = await post(`{ statements(first: 1) { totalCount } }`, {});
    expect(normal.status).toBe(200);
    expect(normal.ms).toBeLessThan(1_000);
    for (const attack of await Promise.all(attacks)) expect(attack.json.errors[0].extensions.code).toBe("VARIABLES_TOO_LARGE");
  });
});

describe("an object in variables", () => {
  it("with more fields than any input type has is refused before graphql reports each unknown one", async () => {
    const fields = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`field${index}`, 1]));
    const { status, json, ms } = await post(FILTER, { f: fields });
    expect(status).toBe(400);
    expect(json.errors[0]).toMatchObject({
      message: `$f is an object of 100000 fields; an object in variables may have at most ${MAX_VARIABLE_OBJECT_FIELDS}`,
      extensions: { code: "VARIABLES_TOO_LARGE", path: "$f", maxFields: 100 },
    });
    expect(ms).toBeLessThan(700);
    // An object of the largest input type's size is coerced as usual: its unknown field is the error.
    const within = await post(FILTER, { f: { ...Object.fromEntries(Array.from({ length: MAX_VARIABLE_OBJECT_FIELDS - 1 }, (_, index) => [`x${index}`, 1])), text: "troops" } });
    expect(within.json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });
});

describe("variablesProblem", () => {
  it("names the path of the offending list, however deep, and leaves what is not variables to Apollo Server", () => {
    const deep = { input: { participants: [{ aliases: ["a"] }, { aliases: Array(1001).fill("b") }] } };
    expect(variablesProblem(deep)?.extensions).toMatchObject({ code: "VARIABLES_TOO_LARGE", path: "$input.participants.1.aliases" });
    expect(variablesProblem({ a: Array(1000).fill([1, 2]), b: { c: null } })).toBeUndefined();
    for (const notVariables of [undefined, null, "text", 5, Array(5000).fill(1)]) expect(variablesProblem(notVariables)).toBeUndefined();
    const tooMany = Object.fromEntries(Array.from({ length: 1001 }, (_, index) => [`v${index}`, 1]));
    expect(variablesProblem(tooMany)?.message).toBe("A request may send at most 1000 variables, not 1001");
    // Nesting costs no stack.
    let nested: unknown = [];
    for (let depth = 0; depth < 100_000; depth += 1) nested = [nested];
    expect(variablesProblem({ nested })).toBeUndefined();
  });
});
