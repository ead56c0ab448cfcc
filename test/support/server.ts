import { createLogger, type Logger } from "../../src/logger";
import { createSchema } from "../../src/schema";
import { StatementFeed } from "../../src/modules/statement/statement-feed";
import { createServer, type NewsgraphServer } from "../../src/server";
import { createTestDatabase, type TestDatabase } from "./database";

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export interface TestServer {
  server: NewsgraphServer;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** POSTs a GraphQL request over real HTTP. */
  gql<T = any>(query: string, variables?: object): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** What a test may set of createServer's options (limits, caching, allow-list mode), and a logger (silent by default). */
export type ServerOptions = Pick<Parameters<typeof createServer>[0], "limits" | "cacheMaxAge" | "persistedOnly" | "corsOrigins" | "bounds" | "plannedReads"> & { logger?: Logger };

/** The production server (same createSchema/createServer) on a free port, over a test database. */
export async function startTestServer(database: TestDatabase, options: ServerOptions = {}): Promise<TestServer> {
  const logger = options.logger ?? createLogger("silent");
  const statementFeed = new StatementFeed(database.db, database.url, logger);
  await statementFeed.start();
  const server = await createServer({ schema: await createSchema(), db: database.db, logger, statementFeed, ...options });
  const url = await server.listen(0, "127.0.0.1");
  return {
    server,
    url,
    async gql(query, variables) {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    close: () => server.stop(),
  };
}

/**
 * Registers beforeAll/afterAll hooks that give the enclosing tests a seeded database and a server
 * over it; read `.database` and `.server` inside the tests.
 */
export function useSeededServer(options: ServerOptions = {}): { database: TestDatabase; server: TestServer } {
  const fixture = {} as { database: TestDatabase; server: TestServer };
  beforeAll(async () => {
    fixture.database = await createTestDatabase({ seed: true });
    fixture.server = await startTestServer(fixture.database, options);
  });
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.database?.close();
  });
  return fixture;
}

/** POSTs a GraphQL request with `Authorization: Bearer <token>`. */
export async function gqlAs<T = any>(url: string, token: string | undefined, query: string, variables?: object): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}
