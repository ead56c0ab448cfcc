/** Automatic persisted queries (Apollo's APQ protocol) over real HTTP. */
import { createHash } from "node:crypto";
import { registerOperations } from "../src/modules/persisted/registered-operations";
import { useSeededServer, type GraphQLResponse } from "./support/server";

const fixture = useSeededServer();

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

interface Answer extends GraphQLResponse {
  cacheControl: string | null;
}

async function post(url: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, cacheControl: response.headers.get("cache-control"), ...((await response.json()) as object) };
}

/** A GET as APQ clients send it: the operation in the URL, and a header that makes it non-simple (CSRF prevention). */
async function get(url: string, params: Record<string, unknown>, headers: Record<string, string> = { "apollo-require-preflight": "true" }): Promise<Answer> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.set(name, typeof value === "string" ? value : JSON.stringify(value));
  const response = await fetch(`${url}?${search}`, { headers });
  return { status: response.status, cacheControl: response.headers.get("cache-control"), ...((await response.json()) as object) };
}

describe("automatic persisted queries", () => {
  const query = `{ people(first: 2, orderBy: { field: NAME }) { nodes { name } } }`;
  const hash = sha256(query);

  it("answers a hash it does not know with PERSISTED_QUERY_NOT_FOUND, takes the query with its hash, then runs the hash alone, also as a GET", async () => {
    const unknown = await post(fixture.server.url, { extensions: persisted(hash) });
    expect(unknown.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect(unknown.data).toBeUndefined();

    const registered = await post(fixture.server.url, { query, extensions: persisted(hash) });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.people.nodes).toHaveLength(2);

    const byHash = await post(fixture.server.url, { extensions: persisted(hash) });
    expect(byHash).toMatchObject({ status: 200, data: registered.data });

    const viaGet = await get(fixture.server.url, { extensions: persisted(hash) });
    expect(viaGet).toMatchObject({ status: 200, data: registered.data });
    expect(viaGet.cacheControl).toBe("public, max-age=60");
  });

  it("refuses a query whose hash does not match its text", async () => {
    const { status, errors } = await post(fixture.server.url, { query, extensions: persisted(sha256("something else")) });
    expect(status).toBe(400);
    expect(errors?.[0].message).toMatch(/does not match/);
  });

  it("finds an operation registered in the database by hash on an instance that never saw its text", async () => {
    const shared = `{ organizations(first: 1) { totalCount } }`;
    await registerOperations(fixture.database.db, [{ document: shared, source: "shared.graphql" }]);
    const { status, data } = await post(fixture.server.url, { extensions: persisted(sha256(shared)) });
    expect(status).toBe(200);
    expect(data.organizations.totalCount).toBeGreaterThan(0);
  });

  it("keeps CSRF prevention on: a GET without a non-simple header is refused", async () => {
    const { status, data } = await get(fixture.server.url, { query }, {});
    expect(status).toBe(400);
    expect(data).toBeUndefined();
  });
});
