/**
 * A single-page app on one origin calling newsgraph on another, in real headless Chromium: the
 * browser itself enforces CORS, so what passes here is what a dev server on localhost:3000 or a
 * static site on a CDN gets. The page (served by a plain static server, as such apps are) POSTs
 * JSON, sends a bearer token, GETs a persisted query with Apollo's preflight header, reads
 * X-Request-Id, and subscribes with the graphql-ws client (its browser build, served beside the
 * page). A page on an origin outside a configured list is refused, over HTTP and WebSocket alike.
 * Needs Debian's Chromium (.ci/run installs it); without it the test is skipped locally, with a
 * warning, and fails in CI (CI=true).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { createToken, Role } from "../src/modules/auth/tokens";
import { browserTest, hasChromium, launchChromium, requireChromium } from "./support/chromium";
import { createTestDatabase, type TestDatabase } from "./support/database";
import { ROOT } from "./support/processes";
import { gqlAs, startTestServer, type TestServer } from "./support/server";

const maybe = browserTest("the cross-origin browser test");
const TIMEOUT = 60_000;
const GRAPHQL_WS_BUNDLE = readFileSync(path.join(ROOT, "node_modules", "graphql-ws", "umd", "graphql-ws.min.js"));
const QUERY = "{ people(first: 1, orderBy: { field: NAME }) { nodes { name } } }";

let database: TestDatabase | undefined;
let open: TestServer | undefined; // any origin (the default)
let listed: TestServer | undefined; // only the app's origin
let pages: http.Server | undefined;
let browser: Browser | undefined;
let appOrigin: string; // http://localhost:PORT
let otherOrigin: string; // http://127.0.0.1:PORT: the same pages, another origin
let token: string;

beforeAll(async () => {
  if (!hasChromium) return;
  // The app's static pages: an empty page and the graphql-ws browser client, nothing from any CDN.
  pages = http.createServer((req, res) => {
    if (req.url === "/graphql-ws.js") res.writeHead(200, { "content-type": "text/javascript" }).end(GRAPHQL_WS_BUNDLE);
    else res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><title>app</title><script src="/graphql-ws.js"></script>`);
  });
  await new Promise<void>((resolve) => pages!.listen(0, "127.0.0.1", resolve));
  const { port } = pages.address() as AddressInfo;
  appOrigin = `http://localhost:${port}`;
  otherOrigin = `http://127.0.0.1:${port}`;
  database = await createTestDatabase({ seed: true });
  [open, listed] = await Promise.all([startTestServer(database), startTestServer(database, { corsOrigins: [appOrigin] })]);
  token = await createToken(database.db, "cors-browser-editor", Role.EDITOR);
  browser = await launchChromium();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await Promise.all([open?.close(), listed?.close()]);
  await database?.close();
  await new Promise((resolve) => (pages ? pages.close(resolve) : resolve(undefined)));
}, TIMEOUT);

async function pageOn(origin: string): Promise<Page> {
  const page = await browser!.newPage();
  await page.goto(`${origin}/`);
  return page;
}

/** Runs in the page: a fetch to the API, its status, data and the X-Request-Id it could read; or the browser's refusal. */
async function callFromPage(page: Page, api: string, request: { method: string; headers: Record<string, string>; body?: string; search?: string }) {
  return page.evaluate(async ({ api, request }) => {
    try {
      const response = await fetch(api + (request.search ?? ""), { method: request.method, headers: request.headers, body: request.body });
      return { status: response.status, requestId: response.headers.get("x-request-id"), body: await response.json() };
    } catch (error) {
      return { refused: String(error) };
    }
  }, { api, request });
}

describe("a page on another origin, in Chromium", () => {
  maybe("POSTs JSON, with a bearer token too, and reads X-Request-Id", async () => {
    requireChromium();
    const page = await pageOn(appOrigin);
    const query = await callFromPage(page, open!.url, {
      method: "POST",
      // Apollo Client's default headers.
      headers: { "content-type": "application/json", accept: "application/graphql-response+json,application/json;q=0.9" },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(query).toEqual({ status: 200, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), body: { data: { people: { nodes: [{ name: "Farah Dakhlallah" }] } } } });

    const mutation = await callFromPage(page, open!.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `mutation { createPerson(input: { name: "Made In A Browser" }) { name } }` }),
    });
    expect(mutation).toMatchObject({ status: 200, body: { data: { createPerson: { name: "Made In A Browser" } } } });
    await page.close();
  }, TIMEOUT);

  maybe("GETs a persisted query by its hash, with Apollo's preflight header, and a plain GET without one", async () => {
    requireChromium();
    const page = await pageOn(appOrigin);
    const hash = createHash("sha256").update(QUERY).digest("hex");
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const register = await callFromPage(page, open!.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY, extensions: JSON.parse(extensions) }) });
    expect(register).toMatchObject({ status: 200 });
    const byHash = await callFromPage(page, open!.url, { method: "GET", headers: { "apollo-require-preflight": "true" }, search: `?extensions=${encodeURIComponent(extensions)}` });
    expect(byHash).toMatchObject({ status: 200, requestId: expect.any(String), body: { data: { people: { nodes: [{ name: "Farah Dakhlallah" }] } } } });
    const plain = await callFromPage(page, open!.url, { method: "GET", headers: {}, search: `?query=${encodeURIComponent(QUERY)}` });
    expect(plain).toMatchObject({ status: 200, body: { data: { people: { nodes: [{ name: "Farah Dakhlallah" }] } } } });
    await page.close();
  }, TIMEOUT);

  maybe("subscribes with graphql-ws and receives a statement created meanwhile", async () => {
    requireChromium();
    const page = await pageOn(appOrigin);
    const ws = open!.url.replace(/^http/, "ws");
    await page.evaluate((ws) => {
      const w = globalThis as any;
      w.received = [];
      const client = w.graphqlWs.createClient({ url: ws, retryAttempts: 0 });
      client.subscribe({ query: "subscription { statementAdded { text } }" }, { next: (value: unknown) => w.received.push(value), error: (error: unknown) => w.received.push({ error: String(error) }), complete: () => undefined });
      w.connected = new Promise((resolve) => client.on("connected", resolve));
    }, ws);
    await page.evaluate(() => (globalThis as any).connected);
    const { data } = await gqlAs(open!.url, undefined, `{ people(filter: { name: "kirby" }) { nodes { id } } }`);
    // The subscribe message follows the connection's ack: statements are made until one is heard (at most 20 tries).
    for (let attempt = 1; attempt <= 20; attempt++) {
      const { errors } = await gqlAs(open!.url, token, `mutation ($speakerId: ID!, $text: String!) { createStatement(input: { text: $text, kind: PARAPHRASE, speakerId: $speakerId }) { id } }`, {
        speakerId: data.people.nodes[0].id,
        text: `Said while a browser listened (${attempt}).`,
      });
      expect(errors).toBeUndefined();
      if (await page.waitForFunction(() => (globalThis as any).received.length > 0, undefined, { timeout: 500 }).then(() => true, () => false)) break;
    }
    const received = await page.evaluate(() => (globalThis as any).received);
    expect(received[0]).toEqual({ data: { statementAdded: { text: expect.stringMatching(/^Said while a browser listened \(\d+\)\.$/) } } });
    await page.close();
  }, TIMEOUT);
});

describe("with NEWSGRAPH_CORS_ORIGINS set to the app's origin, in Chromium", () => {
  maybe("the app's page is served, and a page on any other origin is refused over HTTP and WebSocket", async () => {
    requireChromium();
    const request = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) };
    const app = await pageOn(appOrigin);
    expect(await callFromPage(app, listed!.url, request)).toMatchObject({ status: 200, body: { data: { people: { nodes: [{ name: "Farah Dakhlallah" }] } } } });

    const other = await pageOn(otherOrigin);
    expect(await callFromPage(other, listed!.url, request)).toEqual({ refused: "TypeError: Failed to fetch" });
    const socket = (page: Page) =>
      page.evaluate(
        (ws) =>
          new Promise<string>((resolve) => {
            const socket = new WebSocket(ws, "graphql-transport-ws");
            socket.onopen = () => {
              socket.close();
              resolve("open");
            };
            socket.onerror = () => resolve("refused");
          }),
        listed!.url.replace(/^http/, "ws"),
      );
    expect(await socket(other)).toBe("refused");
    expect(await socket(app)).toBe("open");
    await Promise.all([app.close(), other.close()]);
  }, TIMEOUT);
});
