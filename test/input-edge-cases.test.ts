import { createToken, Role } from "../src/modules/auth/tokens";
import { gqlAs, useSeededServer } from "./support/server";

/**
 * The input the hostile corpus (hostile-input.test.ts) found failing inside the service, each
 * refused or answered as it should be now, with the error a client can act on.
 */
const fixture = useSeededServer();
let editor: string;

beforeAll(async () => {
  editor = await createToken(fixture.database.db, "edge-cases-editor", Role.EDITOR);
});

const read = (query: string, variables?: object) => gqlAs(fixture.server.url, undefined, query, variables);
const write = (query: string, variables?: object) => gqlAs(fixture.server.url, editor, query, variables);
const count = async (sql: string) => Number((await fixture.database.db.query(sql))[0].n);

describe("text Postgres cannot store", () => {
  it("is refused in a filter, naming the argument", async () => {
    const { errors } = await read(`query($t: String) { people(filter: { name: $t }) { totalCount } }`, { t: "kir\u0000by" });
    expect(errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "filter.name", constraint: "storableText" }] });
  });

  it("is refused in a mutation, NUL or unpaired surrogate, and nothing is stored", async () => {
    const people = await count(`SELECT count(*) AS n FROM people`);
    for (const name of ["Nul\u0000Name", "Lone \ud800 Surrogate", "Lone \udc00 Low"]) {
      const { errors } = await write(`mutation($name: String!) { createPerson(input: { name: $name }) { id } }`, { name });
      expect(errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ path: "input.name" }] });
    }
    const { errors } = await write(`mutation($a: [String!]) { createPerson(input: { name: "Fine", aliases: $a }) { id } }`, { a: ["ok", "\ud83d"] });
    expect(errors![0].extensions).toMatchObject({ fields: [{ path: "input.aliases.1" }] });
    expect(await count(`SELECT count(*) AS n FROM people`)).toBe(people);
    // A surrogate pair is text like any other.
    const { data } = await write(`mutation($name: String!) { createPerson(input: { name: $name }) { name } }`, { name: "Emoji \ud83d\ude00 Person" });
    expect(data.createPerson.name).toBe("Emoji 😀 Person");
  });
});

describe("text filters and search", () => {
  it.each([
    ["statements", "text"],
    ["events", "text"],
    ["people", "name"],
    ["organizations", "name"],
    ["places", "name"],
  ])("bound %s(filter: { %s }) to 500 characters", async (list, field) => {
    const ok = await read(`query($t: String) { ${list}(filter: { ${field}: $t }) { totalCount } }`, { t: "x".repeat(500) });
    expect(ok.errors).toBeUndefined();
    const { errors } = await read(`query($t: String) { ${list}(filter: { ${field}: $t }) { totalCount } }`, { t: "x".repeat(501) });
    expect(errors![0].message).toBe(`filter.${field} must be at most 500 characters`);
    expect(errors![0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("read a run of negations as one, or none (two cancel), however long", async () => {
    const total = async (query: string) => {
      const { data, errors } = await read(`query($q: String!) { search(query: $q) { totalCount } statements(filter: { text: $q }) { totalCount } }`, { q: query });
      expect(errors).toBeUndefined();
      return data;
    };
    const plain = await total("troops");
    expect(plain.search.totalCount).toBeGreaterThan(0);
    expect(await total("troops --troops")).toEqual(plain);
    expect(await total(`troops ${"- ".repeat(40)}troops`)).toEqual(plain);
    expect(await total(`troops ${"-".repeat(41)}troops`)).toEqual({ search: { totalCount: 0 }, statements: { totalCount: 0 } });
    expect(await total(`${"(-".repeat(40)}troops`)).toEqual(plain);
  });
});

describe("forged cursors", () => {
  it("with a day that does not exist are bad cursors, not database errors", async () => {
    const { data } = await read(`{ events(first: 1) { pageInfo { endCursor } } }`);
    const [ordering, , id] = JSON.parse(Buffer.from(data.events.pageInfo.endCursor, "base64url").toString());
    for (const day of ["2024-02-30", "2024-13-45", "0000-01-01"]) {
      const cursor = Buffer.from(JSON.stringify([ordering, day, id])).toString("base64url");
      const { errors } = await read(`query($c: String) { events(first: 1, after: $c) { totalCount } }`, { c: cursor });
      expect(errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "after" });
    }
  });
});

describe("request bodies", () => {
  const postBytes = (body: Buffer) => fetch(fixture.server.url, { method: "POST", headers: { "content-type": "application/json" }, body });

  it("that are not UTF-8 are refused with 400, not read with replacement characters", async () => {
    const body = Buffer.concat([Buffer.from(`{"query":"{ people(filter: { name: \\"kir`), Buffer.from([0xff]), Buffer.from(`by\\" }) { totalCount } }"}`)]);
    const response = await postBytes(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: "The request body is not valid UTF-8", extensions: { code: "BAD_REQUEST" } }] });
  });

  it("over 8,000,000 bytes get their 413, also when the client sends much more", async () => {
    for (const size of [8_000_001, 20_000_000]) {
      const response = await postBytes(Buffer.alloc(size, 0x20));
      expect(response.status).toBe(413);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    }
  });
});
