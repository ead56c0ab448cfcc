import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { AbstractLogger, type DataSource, type LogLevel, type LogMessage } from "typeorm";
import type { DatabaseSettings } from "../../src/config";
import { createDataSource, migrate } from "../../src/db/data-source";
import { seedDemoData } from "../../src/seed/seed";
import { createToken, Role } from "../../src/modules/auth/tokens";
import { STORED_ENTITIES } from "../../src/registry";

/** Counts the SQL statements the app sends to Postgres (every query passes through TypeORM's logger). */
export class QueryCounter extends AbstractLogger {
  count = 0;
  readonly statements: string[] = [];
  /** Each statement with its parameters, to EXPLAIN it as it was run. */
  readonly calls: { sql: string; parameters: unknown[] }[] = [];

  constructor() {
    super(["query"]);
  }

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const entry of Array.isArray(message) ? message : [message]) {
      if (entry.type === "query") {
        this.count += 1;
        this.statements.push(String(entry.message));
        this.calls.push({ sql: String(entry.message), parameters: Array.isArray(entry.parameters) ? entry.parameters : [] });
      }
    }
  }

  reset(): void {
    this.count = 0;
    this.statements.length = 0;
    this.calls.length = 0;
  }
}

function clusterUrl(database: string): string {
  const base = process.env.NEWSGRAPH_TEST_DATABASE_URL;
  if (!base) throw new Error("NEWSGRAPH_TEST_DATABASE_URL is not set: run the tests through jest (global-setup starts Postgres)");
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface TestDatabase {
  db: DataSource;
  url: string;
  queries: QueryCounter;
  close(): Promise<void>;
}

/** An editor token made directly in the database at `url` (for a service that runs elsewhere). */
export async function editorTokenAt(url: string, name: string): Promise<string> {
  const db = createDataSource(url, { entities: STORED_ENTITIES });
  await db.initialize();
  try {
    return await createToken(db, name, Role.EDITOR);
  } finally {
    await db.destroy();
  }
}

/** A new, migrated database of its own (optionally with the demo data, pool settings) on the test cluster. */
export async function createTestDatabase(options: { seed?: boolean; settings?: Partial<DatabaseSettings> } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: clusterUrl("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = clusterUrl(name);
  const queries = new QueryCounter();
  const db = createDataSource(url, { entities: STORED_ENTITIES, logger: queries, settings: options.settings });
  await db.initialize();
  await migrate(db);
  if (options.seed) await seedDemoData(db, { onlyIfEmpty: true });
  queries.reset();
  return {
    db,
    url,
    queries,
    close: async () => {
      await db.destroy();
      const admin = new Client({ connectionString: clusterUrl("postgres") });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name}`);
      await admin.end();
    },
  };
}
