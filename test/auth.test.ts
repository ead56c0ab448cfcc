/**
 * Editor tokens end to end: who may read and write over real HTTP, what the database keeps of a
 * token, the `token` command line (a real `node dist/src/scripts/token.js` process) on a test
 * database and on a running service's embedded database, and the audit log's actor.
 * Needs `npm run build` first (`npm test` does it).
 */
import { createHash, randomBytes } from "node:crypto";
import { createToken, revokeToken, Role } from "../src/modules/auth/tokens";
import { freshDataDir, requireBuild, run, startService, stopAllChildren, TOKEN_SCRIPT as TOKEN_CLI, type Service } from "./support/processes";
import { gqlAs, useSeededServer, type GraphQLResponse } from "./support/server";

const SERVICE_TEST_TIMEOUT = 120_000;

const TOKEN_SHAPE = /^ngt_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/;
const CREATE_PERSON = `mutation ($name: String!) { createPerson(input: { name: $name }) { id name } }`;
const PEOPLE = `{ people(first: 3) { totalCount nodes { id name } } }`;
const AUDIT_LOG = `query ($id: ID) { auditLog(entityId: $id) { totalCount nodes { actor action entityType entityId changes } } }`;

const fixture = useSeededServer();

// ---------------------------------------------------------------------------------------------
// Helpers

/** POSTs with exactly the given Authorization header (or none). */
async function gqlWithHeader<T = any>(url: string, authorization: string | undefined, query: string, variables?: object): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization !== undefined && { authorization }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

async function peopleRows(): Promise<number> {
  const [{ n }] = await fixture.database.db.query(`SELECT count(*)::int AS n FROM people`);
  return n;
}

async function auditRows(): Promise<number> {
  const [{ n }] = await fixture.database.db.query(`SELECT count(*)::int AS n FROM audit_log`);
  return n;
}

const unique = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;

/** A token of the right shape that no row has. */
const unknownToken = () => `ngt_${randomBytes(16).toString("hex")}_${randomBytes(32).toString("base64url")}`;

/** The token with its id kept and its secret replaced. */
const withWrongSecret = (token: string) => `${token.slice(0, "ngt_".length + 32)}_${randomBytes(32).toString("base64url")}`;

function expectRefused(response: GraphQLResponse, code: "UNAUTHENTICATED" | "FORBIDDEN"): string {
  expect(response.status).toBe(200);
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0].extensions?.code).toBe(code);
  expect(response.data ?? null).toBeNull();
  return response.errors![0].message;
}

/** Creates a person with `token`, expecting success; returns the new person. */
async function createPersonAs(token: string, name = unique("Test Person")): Promise<{ id: string; name: string }> {
  const response = await gqlAs(fixture.server.url, token, CREATE_PERSON, { name });
  expect(response.errors).toBeUndefined();
  expect(response.data.createPerson).toEqual({ id: expect.any(String), name });
  return response.data.createPerson;
}

const lastLine = (text: string) => text.trim().split("\n").pop()!.trim();

// Child processes (the CLI and services) and their data folders, stopped and removed whatever happens.
afterAll(() => stopAllChildren(), 30_000);

// ---------------------------------------------------------------------------------------------
// 1. Reads

describe("reads", () => {
  it("need no token", async () => {
    const response = await gqlWithHeader(fixture.server.url, undefined, PEOPLE);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data.people.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ["a garbage header", "garbage"],
    ["a malformed bearer token", "Bearer not-a-token"],
    ["an unknown well-formed token", `Bearer ${unknownToken()}`],
    ["a non-bearer scheme", "Basic dXNlcjpwYXNz"],
  ])("stay open with %s", async (_, authorization) => {
    const open = await gqlWithHeader(fixture.server.url, undefined, PEOPLE);
    const response = await gqlWithHeader(fixture.server.url, authorization, PEOPLE);
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(open.data);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Writes

describe("writes", () => {
  let editor: string;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    editor = await createToken(fixture.database.db, "writes-editor", Role.EDITOR);
    admin = await createToken(fixture.database.db, "writes-admin", Role.ADMIN);
    viewer = await createToken(fixture.database.db, "writes-viewer", Role.VIEWER);
  });

  it("creates tokens of the documented shape", () => {
    for (const token of [editor, admin, viewer]) expect(token).toMatch(TOKEN_SHAPE);
  });

  it("refuse every request without a valid token, with one message that says nothing of whether a token exists, and write nothing", async () => {
    const revoked = await createToken(fixture.database.db, "writes-revoked", Role.EDITOR);
    // The token works until it is revoked...
    await createPersonAs(revoked);
    expect(await revokeToken(fixture.database.db, "writes-revoked")).toBe(true);

    const people = await peopleRows();
    const audits = await auditRows();
    const url = fixture.server.url;
    const name = unique("Refused Person");
    const refusals = {
      none: await gqlWithHeader(url, undefined, CREATE_PERSON, { name }),
      emptyBearer: await gqlWithHeader(url, "Bearer ", CREATE_PERSON, { name }),
      garbage: await gqlWithHeader(url, "garbage", CREATE_PERSON, { name }),
      basicScheme: await gqlWithHeader(url, `Basic ${Buffer.from("writes-editor:x").toString("base64")}`, CREATE_PERSON, { name }),
      malformed: await gqlAs(url, "ngt_nothex_short", CREATE_PERSON, { name }),
      secretTooShort: await gqlAs(url, editor.slice(0, -1), CREATE_PERSON, { name }),
      tokenWithoutBearer: await gqlWithHeader(url, editor, CREATE_PERSON, { name }),
      unknown: await gqlAs(url, unknownToken(), CREATE_PERSON, { name }),
      wrongSecret: await gqlAs(url, withWrongSecret(editor), CREATE_PERSON, { name }),
      // ...and, after revocation, never again.
      revoked: await gqlAs(url, revoked, CREATE_PERSON, { name }),
    };
    const messages = Object.fromEntries(Object.entries(refusals).map(([kind, response]) => [kind, expectRefused(response, "UNAUTHENTICATED")]));

    // Unknown, wrong secret and revoked are indistinguishable (and so is everything else refused).
    expect(messages.wrongSecret).toBe(messages.unknown);
    expect(messages.revoked).toBe(messages.unknown);
    expect(new Set(Object.values(messages)).size).toBe(1);
    expect(messages.unknown).toMatch(/token/i);

    expect(await peopleRows()).toBe(people);
    expect(await auditRows()).toBe(audits);
    const [{ n }] = await fixture.database.db.query(`SELECT count(*)::int AS n FROM people WHERE name = $1`, [name]);
    expect(n).toBe(0);
  });

  it("refuse a VIEWER token as FORBIDDEN, writing nothing", async () => {
    const people = await peopleRows();
    const audits = await auditRows();
    const message = expectRefused(await gqlAs(fixture.server.url, viewer, CREATE_PERSON, { name: "Test Person" }), "FORBIDDEN");
    expect(message).toMatch(/EDITOR/);
    expect(await peopleRows()).toBe(people);
    expect(await auditRows()).toBe(audits);
  });

  it.each(["EDITOR", "ADMIN"] as const)("succeed with an %s token, writing one row", async (role) => {
    const token = role === "EDITOR" ? editor : admin;
    const people = await peopleRows();
    const person = await createPersonAs(token, "Test Person");
    expect(person.name).toBe("Test Person");
    expect(await peopleRows()).toBe(people + 1);
    // The new person is readable without a token.
    const read = await gqlWithHeader(fixture.server.url, undefined, `query ($id: ID!) { node(id: $id) { id ... on Person { name } } }`, { id: person.id });
    expect(read.data.node).toEqual({ id: person.id, name: "Test Person" });
  });

  it("leave reads open to a token refused for writes", async () => {
    for (const token of [viewer, unknownToken(), withWrongSecret(editor)]) {
      const read = await gqlAs(fixture.server.url, token, PEOPLE);
      expect(read.errors).toBeUndefined();
      expect(read.data.people.totalCount).toBeGreaterThan(0);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Storage

describe("the stored token", () => {
  it("is a 32-byte SHA-256 of the secret, never the token or the secret itself", async () => {
    const name = unique("stored");
    const token = await createToken(fixture.database.db, name, Role.EDITOR);
    const [, hexId, secret] = /^ngt_([0-9a-f]{32})_(.{43})$/.exec(token)!;

    const [row] = await fixture.database.db.query(`SELECT id, secret_hash FROM api_tokens WHERE name = $1`, [name]);
    expect(row.id.replace(/-/g, "")).toBe(hexId);
    expect(Buffer.isBuffer(row.secret_hash)).toBe(true);
    expect(row.secret_hash).toHaveLength(32);
    expect(row.secret_hash.equals(createHash("sha256").update(secret).digest())).toBe(true);
    expect(row.secret_hash.toString("utf8")).not.toContain(secret);
    expect(row.secret_hash.toString("base64url")).not.toBe(secret);

    // Nothing in the row, in any column, spells the secret or the token.
    const [{ text }] = await fixture.database.db.query(`SELECT row_to_json(t)::text AS text FROM api_tokens t WHERE name = $1`, [name]);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(token);
    const [{ hits }] = await fixture.database.db.query(
      `SELECT count(*)::int AS hits FROM api_tokens t WHERE position($1 in row_to_json(t)::text) > 0 OR position($1 in encode(secret_hash, 'escape')) > 0`,
      [secret],
    );
    expect(hits).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. The command line on DATABASE_URL

describe("token.js on DATABASE_URL", () => {
  let env: Record<string, string>;
  let alice: string;

  beforeAll(() => {
    requireBuild(TOKEN_CLI);
    env = { DATABASE_URL: fixture.database.url };
  });

  it("`create --name alice --role editor` prints a token, as the last line, that works at once", async () => {
    const result = await run(TOKEN_CLI, ["create", "--name", "alice", "--role", "editor"], env);
    expect(result).toMatchObject({ code: 0, signal: null });
    alice = lastLine(result.stdout);
    expect(alice).toMatch(TOKEN_SHAPE);
    // The token is shown once and nowhere else.
    expect(result.stderr).not.toContain(alice);

    const person = await createPersonAs(alice, "Alice's Person");
    const [{ actor }] = await fixture.database.db.query(`SELECT actor FROM audit_log WHERE entity_id::text = (SELECT id::text FROM people WHERE name = $1)`, [person.name]);
    expect(actor).toBe("alice");
  });

  it("`list` shows alice as an active editor token, without any secret", async () => {
    const result = await run(TOKEN_CLI, ["list"], env);
    expect(result).toMatchObject({ code: 0, signal: null });
    const line = result.stdout.split("\n").find((entry) => entry.startsWith("alice\t"));
    expect(line).toBeDefined();
    expect(line).toMatch(/^alice\teditor\tcreated \S+\tactive$/);
    expect(result.stdout).not.toContain(alice.slice(-43));
  });

  it("`create` with a name in use fails with exit code 1 and a clear message, and prints no token", async () => {
    const result = await run(TOKEN_CLI, ["create", "--name", "alice", "--role", "admin"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/token with that name exists already/i);
    expect(result.stdout).not.toMatch(/ngt_/);
    const [{ n }] = await fixture.database.db.query(`SELECT count(*)::int AS n FROM api_tokens WHERE name = 'alice'`);
    expect(n).toBe(1);
  });

  it("`revoke alice` makes her token UNAUTHENTICATED at once, and `list` shows it revoked", async () => {
    const result = await run(TOKEN_CLI, ["revoke", "alice"], env);
    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.stdout).toMatch(/Revoked "alice"/);

    const people = await peopleRows();
    expectRefused(await gqlAs(fixture.server.url, alice, CREATE_PERSON, { name: "After Revoke" }), "UNAUTHENTICATED");
    expect(await peopleRows()).toBe(people);

    const list = await run(TOKEN_CLI, ["list"], env);
    expect(list.stdout).toMatch(/^alice\teditor\tcreated \S+\trevoked \S+$/m);
  });

  it("`revoke` of an unknown (or already revoked) name exits 1", async () => {
    for (const name of ["nobody", "alice"]) {
      const result = await run(TOKEN_CLI, ["revoke", name], env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`No active token is named "${name}"`);
    }
  });

  it.each([
    ["create without --name", ["create", "--role", "editor"]],
    ["create with a blank --name", ["create", "--name", "  ", "--role", "editor"]],
    ["create with an unknown role", ["create", "--name", "carol", "--role", "superuser"]],
    ["revoke without a name", ["revoke"]],
    ["an unknown command", ["frobnicate"]],
    ["no command", []],
  ])("%s exits 1 with the usage", async (_, args) => {
    const result = await run(TOKEN_CLI, args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Usage:/);
    expect(result.stderr).toMatch(/create --name <who> --role viewer\|editor\|admin/);
    expect(result.stdout).not.toMatch(/ngt_/);
  });

  it("`create --role viewer` makes a token that is FORBIDDEN to write", async () => {
    const result = await run(TOKEN_CLI, ["create", "--name", "vera", "--role", "viewer"], env);
    expect(result).toMatchObject({ code: 0, signal: null });
    const vera = lastLine(result.stdout);
    expect(vera).toMatch(TOKEN_SHAPE);
    expectRefused(await gqlAs(fixture.server.url, vera, CREATE_PERSON, { name: "Vera's Person" }), "FORBIDDEN");
  });
});

// ---------------------------------------------------------------------------------------------
// 5. The command line on a running service's embedded database

describe("token.js beside a running service", () => {
  let service: Service | undefined;
  let dataDir: string;

  beforeAll(async () => {
    requireBuild(TOKEN_CLI);
    dataDir = await freshDataDir("newsgraph-auth-");
    service = await startService({ NEWSGRAPH_DATA_DIR: dataDir });
  }, SERVICE_TEST_TIMEOUT);

  afterAll(async () => {
    if (service) expect(await service.stop()).toEqual({ code: 0, signal: null });
  }, 30_000);

  it(
    "creates a token on the service's embedded database (NEWSGRAPH_DATA_DIR, no DATABASE_URL) that the service accepts at once",
    async () => {
      const before = await gqlAs(service!.url, undefined, CREATE_PERSON, { name: "Bob's Person" });
      expect(before.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");

      const result = await run(TOKEN_CLI, ["create", "--name", "bob", "--role", "editor"], { NEWSGRAPH_DATA_DIR: dataDir });
      expect(result).toMatchObject({ code: 0, signal: null });
      const bob = lastLine(result.stdout);
      expect(bob).toMatch(TOKEN_SHAPE);

      const response = await gqlAs(service!.url, bob, CREATE_PERSON, { name: "Bob's Person" });
      expect(response.errors).toBeUndefined();
      expect(response.data.createPerson).toEqual({ id: expect.any(String), name: "Bob's Person" });

      const audit = await gqlAs(service!.url, bob, AUDIT_LOG, { id: response.data.createPerson.id });
      expect(audit.errors).toBeUndefined();
      expect(audit.data.auditLog.nodes.map((node: { actor: string }) => node.actor)).toEqual(["bob"]);

      // The CLI did not take the service's database away.
      const read = await gqlAs(service!.url, undefined, PEOPLE);
      expect(read.errors).toBeUndefined();
    },
    SERVICE_TEST_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// 6. The audit log

describe("auditLog", () => {
  let editor: string;

  beforeAll(async () => {
    editor = await createToken(fixture.database.db, "audit-editor", Role.EDITOR);
  });

  it("requires a token: UNAUTHENTICATED without one or with a bad one, FORBIDDEN for a viewer", async () => {
    expectRefused(await gqlAs(fixture.server.url, undefined, AUDIT_LOG, {}), "UNAUTHENTICATED");
    expectRefused(await gqlAs(fixture.server.url, unknownToken(), AUDIT_LOG, {}), "UNAUTHENTICATED");
    const viewer = await createToken(fixture.database.db, "audit-viewer", Role.VIEWER);
    expectRefused(await gqlAs(fixture.server.url, viewer, AUDIT_LOG, {}), "FORBIDDEN");
  });

  it("names the token that made each write as its actor", async () => {
    const person = await createPersonAs(editor, "Audited Person");
    const admin = await createToken(fixture.database.db, "audit-admin", Role.ADMIN);
    const update = await gqlAs(fixture.server.url, admin, `mutation ($id: ID!) { updatePerson(input: { id: $id, description: "Audited" }) { id } }`, {
      id: person.id,
    });
    expect(update.errors).toBeUndefined();

    const response = await gqlAs(fixture.server.url, editor, AUDIT_LOG, { id: person.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.auditLog.totalCount).toBe(2);
    // Newest first.
    expect(response.data.auditLog.nodes).toEqual([
      { actor: "audit-admin", action: "UPDATE", entityType: "Person", entityId: person.id, changes: { description: { from: null, to: "Audited" } } },
      { actor: "audit-editor", action: "CREATE", entityType: "Person", entityId: person.id, changes: expect.objectContaining({ name: "Audited Person" }) },
    ]);
    // An admin may read it too.
    const asAdmin = await gqlAs(fixture.server.url, admin, AUDIT_LOG, { id: person.id });
    expect(asAdmin.data).toEqual(response.data);
  });
});
