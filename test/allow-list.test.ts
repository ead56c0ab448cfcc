/**
 * Allow-list mode (NEWSGRAPH_PERSISTED_ONLY=true): operations registered by the `persisted` command
 * line (a real `node dist/src/scripts/persisted.js` process on the test database) run by hash, over
 * POST, GET and WebSocket; nothing else runs. Needs `npm run build` first (`npm test` does it).
 */
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { print, parse } from "graphql";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { loadConfig } from "../src/config";
import { createToken, Role } from "../src/modules/auth/tokens";
import { allowListPlugin } from "../src/modules/persisted/persisted-queries";
import { RegisteredOperations } from "../src/modules/persisted/registered-operations";
import { PERSISTED_SCRIPT, requireBuild, run, stopAllChildren } from "./support/processes";
import * as http from "./support/http";
import { useSeededServer, type GraphQLResponse } from "./support/server";

const fixture = useSeededServer({ persistedOnly: true });

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

const FILES: { [file: string]: string } = {
  "people.graphql": `query People($name: String) {
  people(filter: { name: $name }, first: 5) { nodes { id name } }
}
`,
  "events/latest.graphql": `query LatestEvents { events(first: 3) { totalCount nodes { title } } }`,
  "statements/add.graphql": `mutation AddStatement($input: CreateStatementInput!) { createStatement(input: $input) { id text } }`,
  "statements/added.graphql": `subscription StatementAdded($speakerId: ID) { statementAdded(filter: { speakerId: $speakerId }) { text speaker { name } } }`,
};

let folder: string;

const post = (body: object, headers: Record<string, string> = {}) => http.post(fixture.server.url, body, headers);
const get = (params: Record<string, unknown>) => http.get(fixture.server.url, params);

const persistedCli = (...args: string[]) => run(PERSISTED_SCRIPT, args, { DATABASE_URL: fixture.database.url });

/** Refused with PERSISTED_QUERY_NOT_ALLOWED (400), and the only SQL was the look-up of the hash. */
async function notAllowed(request: () => Promise<GraphQLResponse>): Promise<void> {
  fixture.database.queries.reset();
  const { status, data, errors } = await request();
  expect({ status, code: errors?.[0]?.extensions?.code }).toEqual({ status: 400, code: "PERSISTED_QUERY_NOT_ALLOWED" });
  expect(data).toBeUndefined();
  expect(fixture.database.queries.statements.filter((statement) => !/FROM persisted_operations WHERE sha256/.test(statement))).toEqual([]);
}

beforeAll(async () => {
  requireBuild(PERSISTED_SCRIPT);
  folder = await mkdtemp(path.join(os.tmpdir(), "newsgraph-operations-"));
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
    await writeFile(path.join(folder, file), text);
  }
});
afterAll(async () => {
  await stopAllChildren();
  await rm(folder, { recursive: true, force: true });
}, 30_000);

describe("the persisted command line", () => {
  it("registers every .graphql file of a folder, as written and as printed, while the service runs", async () => {
    const result = await persistedCli("register", folder);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const [file, text] of Object.entries(FILES)) {
      expect(result.stdout).toContain(`${sha256(text)}\t${file}\tadded`);
      expect(result.stdout).toContain(`${sha256(print(parse(text)))}\t${file} (printed)\tadded`);
    }
    expect(result.stdout).toContain("Registered 4 file(s): 8 new operation text(s).");

    const again = await persistedCli("register", folder);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Registered 4 file(s): 0 new operation text(s).");
  });

  it("lists the registered operations", async () => {
    const result = await persistedCli("list");
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toHaveLength(8);
    expect(lines.map((line) => line.split("\t")[1]).sort()).toEqual(Object.keys(FILES).flatMap((file) => [file, file]).sort());
    expect(lines.every((line) => /^[0-9a-f]{64}\t\S+\t\d{4}-\d{2}-\d{2}T/.test(line))).toBe(true);
  });

  it("registers nothing when any file is not a valid operation of the schema, naming each bad file", async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), "newsgraph-bad-operations-"));
    try {
      await writeFile(path.join(bad, "good.graphql"), `{ places(first: 1) { totalCount } }`);
      await writeFile(path.join(bad, "unknown-field.graphql"), `{ events { nodes { colour } } }`);
      await writeFile(path.join(bad, "broken.graphql"), `{ events {`);
      await writeFile(path.join(bad, "fragment-only.graphql"), `fragment F on Event { title }`);
      const result = await persistedCli("register", bad);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("Nothing was registered");
      expect(result.stderr).toMatch(/unknown-field\.graphql: Cannot query field "colour"/);
      expect(result.stderr).toMatch(/broken\.graphql: Syntax Error/);
      expect(result.stderr).toMatch(/fragment-only\.graphql: has no operation/);
      const [{ n }] = await fixture.database.db.query(`SELECT count(*)::int AS n FROM persisted_operations WHERE source = 'good.graphql'`);
      expect(n).toBe(0);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });

  it("explains its usage", async () => {
    const result = await persistedCli("register");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("npm run persisted -- register <folder>");
  });
});

describe("serving in allow-list mode", () => {
  const latest = FILES["events/latest.graphql"];

  it("runs a registered operation by hash, over POST and GET (cacheable), as written or as printed", async () => {
    const byHash = await post({ extensions: persisted(sha256(latest)) });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data.events.nodes.length).toBeGreaterThan(0);

    const printed = await post({ extensions: persisted(sha256(print(parse(latest)))) });
    expect(printed.data).toEqual(byHash.data);

    const viaGet = await get({ extensions: persisted(sha256(latest)) });
    expect({ status: viaGet.status, data: viaGet.data, cacheControl: viaGet.cacheControl }).toEqual({
      status: 200,
      data: byHash.data,
      cacheControl: "public, max-age=60",
    });
  });

  it("runs the full text of a registered operation, with or without its hash", async () => {
    const plain = await post({ query: latest });
    expect(plain.errors).toBeUndefined();
    const withHash = await post({ query: latest, extensions: persisted(sha256(latest)) });
    expect(withHash.data).toEqual(plain.data);
  });

  it("refuses any other text, before parsing it, over POST and GET", async () => {
    await notAllowed(() => post({ query: `{ events(first: 1) { totalCount } }` }));
    await notAllowed(() => get({ query: `{ events(first: 1) { totalCount } }` }));
    // A registered text, changed by one space, is another operation.
    await notAllowed(() => post({ query: `${latest} ` }));
  });

  it("refuses an unknown hash as not allowed, so clients do not retry with the text", async () => {
    await notAllowed(() => post({ extensions: persisted(sha256("{ __typename }")) }));
    await notAllowed(() => get({ extensions: persisted("0".repeat(64)) }));
    await notAllowed(() => post({ extensions: persisted("not a hash") }));
  });

  it("refuses to register new documents by APQ", async () => {
    const fresh = `{ organizations(first: 2) { totalCount } }`;
    await notAllowed(() => post({ query: fresh, extensions: persisted(sha256(fresh)) }));
    await notAllowed(() => post({ extensions: persisted(sha256(fresh)) }));
  });

  it("has a second line in Apollo Server: an operation whose text is not registered does not run, however it got there", async () => {
    const listener = (await allowListPlugin(new RegisteredOperations(fixture.database.db)).requestDidStart!({} as never)) as {
      didResolveOperation(context: { queryHash: string }): Promise<void>;
    };
    await expect(listener.didResolveOperation({ queryHash: sha256("{ __typename }") })).rejects.toMatchObject({ extensions: { code: "PERSISTED_QUERY_NOT_ALLOWED" } });
    await expect(listener.didResolveOperation({ queryHash: sha256(latest) })).resolves.toBeUndefined();
  });

  it("refuses an unregistered mutation from an editor before anything is written", async () => {
    const token = await createToken(fixture.database.db, "allow-list-editor", Role.EDITOR);
    await notAllowed(() => post({ query: `mutation { createPlace(input: { name: "Nowhere" }) { id } }` }, { authorization: `Bearer ${token}` }));
    const [{ n }] = await fixture.database.db.query(`SELECT count(*)::int AS n FROM places WHERE name = 'Nowhere'`);
    expect(n).toBe(0);
  });

  it("runs registered subscriptions and mutations end to end, and refuses other subscriptions", async () => {
    const token = await createToken(fixture.database.db, "allow-list-writer", Role.EDITOR);
    const people = await post({ extensions: persisted(sha256(FILES["people.graphql"])), variables: { name: "kirby" } });
    const kirby = people.data.people.nodes[0];
    const client = createClient({ url: fixture.server.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    try {
      const refusal = await new Promise<unknown>((resolve) =>
        client.subscribe({ query: `subscription { statementAdded { text } }` }, { next: () => resolve("delivered"), error: resolve, complete: () => resolve("completed") }),
      );
      expect((refusal as { extensions?: { code?: string } }[])[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_ALLOWED");

      const received: { data?: { statementAdded?: { text: string; speaker: { name: string } } } }[] = [];
      const errors: unknown[] = [];
      client.subscribe({ query: FILES["statements/added.graphql"], variables: { speakerId: kirby.id } }, { next: (value) => received.push(value as never), error: (error) => errors.push(error), complete: () => undefined });
      // Nothing confirms a subscription has started: write until one statement comes through.
      for (let attempt = 0; attempt < 20 && received.length === 0 && errors.length === 0; attempt += 1) {
        const added = await post(
          { extensions: persisted(sha256(FILES["statements/add.graphql"])), variables: { input: { text: `Allowed and delivered (${attempt}).`, kind: "PARAPHRASE", speakerId: kirby.id } } },
          { authorization: `Bearer ${token}` },
        );
        expect(added.errors).toBeUndefined();
        const deadline = Date.now() + 1_000;
        while (received.length === 0 && errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(errors).toEqual([]);
      expect(received[0].data?.statementAdded).toEqual({ text: expect.stringMatching(/^Allowed and delivered/), speaker: { name: kirby.name } });
    } finally {
      await client.dispose();
    }
  });
});

describe("configuration", () => {
  it("reads NEWSGRAPH_PERSISTED_ONLY (default false) and NEWSGRAPH_CACHE_MAX_AGE (default 60 s, 0 allowed)", () => {
    expect(loadConfig({})).toMatchObject({ persistedOnly: false, cacheMaxAge: 60 });
    expect(loadConfig({ NEWSGRAPH_PERSISTED_ONLY: "true", NEWSGRAPH_CACHE_MAX_AGE: "0" })).toMatchObject({ persistedOnly: true, cacheMaxAge: 0 });
    expect(() => loadConfig({ NEWSGRAPH_PERSISTED_ONLY: "maybe" })).toThrow("NEWSGRAPH_PERSISTED_ONLY");
    expect(() => loadConfig({ NEWSGRAPH_CACHE_MAX_AGE: "-1" })).toThrow("NEWSGRAPH_CACHE_MAX_AGE");
  });
});
