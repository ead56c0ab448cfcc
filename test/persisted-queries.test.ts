/** Automatic persisted queries (Apollo's APQ protocol) over real HTTP. */
import { createHash } from "node:crypto";
import { registerOperations } from "../src/modules/persisted/registered-operations";
import { get, post } from "./support/http";
import { useSeededServer } from "./support/server";

const fixture = useSeededServer();

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

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

  it("refuses a query whose hash does not match its text, or an unknown protocol version, as a bad request (never an internal error)", async () => {
    const mismatch = await post(fixture.server.url, { query, extensions: persisted(sha256("something else")) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.errors).toEqual([{ message: expect.stringMatching(/does not match/), extensions: { code: "BAD_REQUEST" } }]);
    const version = await post(fixture.server.url, { extensions: { persistedQuery: { version: 2, sha256Hash: hash } } });
    expect(version.status).toBe(400);
    expect(version.errors).toEqual([{ message: expect.stringMatching(/Unsupported persisted query version/), extensions: { code: "BAD_REQUEST" } }]);
  });

  it("finds an operation registered in the database by hash on an instance that never saw its text", async () => {
    const shared = `{ organizations(first: 1) { totalCount } }`;
    await registerOperations(fixture.database.db, [{ document: shared, source: "shared.graphql" }]);
    const { status, data } = await post(fixture.server.url, { extensions: persisted(sha256(shared)) });
    expect(status).toBe(200);
    expect(data.organizations.totalCount).toBeGreaterThan(0);
  });

  it("runs a hash sent as a GET with no preflight header, as Apollo's persisted-query link and urql send it", async () => {
    await post(fixture.server.url, { query, extensions: persisted(hash) });
    const { status, data } = await get(fixture.server.url, { extensions: persisted(hash) }, {});
    expect(status).toBe(200);
    expect(data.people.nodes).toHaveLength(2);
  });
});
