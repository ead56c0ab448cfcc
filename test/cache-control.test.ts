/** The Cache-Control header that lets CDNs cache GET queries (and nothing else), over real HTTP. */
import { createToken, Role } from "../src/modules/auth/tokens";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { get, post } from "./support/http";
import { startTestServer, useSeededServer } from "./support/server";

const fixture = useSeededServer();

describe("Cache-Control", () => {
  it("marks a successful GET query public for the configured time, and nothing else", async () => {
    const ok = await get(fixture.server.url, { query: `{ events(first: 1) { totalCount } }` });
    expect({ status: ok.status, cacheControl: ok.cacheControl }).toEqual({ status: 200, cacheControl: "public, max-age=60" });

    const failing = await get(fixture.server.url, { query: `{ event(id: "bm90IGFuIGlk") { title } }` });
    expect(failing.errors?.length).toBeGreaterThan(0);
    expect(failing.cacheControl).toBe("no-store");

    const token = await createToken(fixture.database.db, "cache-reader", Role.VIEWER);
    const withToken = await get(fixture.server.url, { query: `{ events(first: 1) { totalCount } }` }, { "apollo-require-preflight": "true", authorization: `Bearer ${token}` });
    expect(withToken.status).toBe(200);
    expect(withToken.cacheControl).toBe("no-store");

    const posted = await post(fixture.server.url, { query: `{ events(first: 1) { totalCount } }` });
    expect(posted.status).toBe(200);
    expect(posted.cacheControl).toBeNull();
  });

  it("never marks a mutation cacheable: mutations are refused over GET, and POSTed ones get no header", async () => {
    const token = await createToken(fixture.database.db, "cache-editor", Role.EDITOR);
    const mutation = `mutation { createPlace(input: { name: "Cache test" }) { id } }`;
    const overGet = await get(fixture.server.url, { query: mutation }, { "apollo-require-preflight": "true", authorization: `Bearer ${token}` });
    expect(overGet.status).toBe(405);
    expect(overGet.cacheControl).toBe("no-store");
    const posted = await post(fixture.server.url, { query: mutation }, { authorization: `Bearer ${token}` });
    expect(posted.errors).toBeUndefined();
    expect(posted.cacheControl).toBeNull();
  });

  describe("with NEWSGRAPH_CACHE_MAX_AGE", () => {
    let database: TestDatabase;
    let url: string;
    let close: () => Promise<void>;
    beforeAll(async () => {
      database = await createTestDatabase({ seed: false });
      const server = await startTestServer(database, { cacheMaxAge: 300 });
      url = server.url;
      close = server.close;
    });
    afterAll(async () => {
      await close?.();
      await database?.close();
    });

    it("uses the configured max-age", async () => {
      const { cacheControl } = await get(url, { query: `{ events(first: 1) { totalCount } }` });
      expect(cacheControl).toBe("public, max-age=300");
    });
  });
});
