import { types } from "pg";
import { DataSource, MigrationExecutor, type EntityManager, type Logger, type ObjectLiteral } from "typeorm";
import { DEFAULT_DATABASE_SETTINGS, type DatabaseSettings } from "../config";
import { migrations } from "../../migrations";
import { SnakeNamingStrategy } from "./naming-strategy";
import type { EntityClass } from "./sql";
import { timestamptzParser } from "./timestamps";

// A Postgres `date` is a calendar day: keep it as the string 'YYYY-MM-DD' rather than letting pg
// turn it into a JS Date at local midnight, which a time zone can move to the previous day.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.TIMESTAMPTZ, timestamptzParser(types.getTypeParser(types.builtins.TIMESTAMPTZ)));
// text[] (aliases): most rows have none, and the generic array parser is costly even for "{}".
const TEXT_ARRAY = 1009 as Parameters<typeof types.getTypeParser>[0]; // _text: pg-types names only scalar types
const parseTextArray = types.getTypeParser(TEXT_ARRAY);
types.setTypeParser(TEXT_ARRAY, (value) => (value === "{}" ? [] : parseTextArray(value)));

export interface DataSourceOptions {
  /** The stored concepts' entity classes (registry.ts's STORED_ENTITIES): the store knows no concept of its own. */
  entities: readonly EntityClass<ObjectLiteral>[];
  /** TypeORM's logger (the tests count queries with one). */
  logger?: Logger;
  /** Pool size and timeouts; without them, pg's defaults (no timeouts). */
  settings?: Partial<DatabaseSettings>;
  /** Called when an idle pooled connection fails (the database went away): pg drops that client either way. */
  onPoolError?: (error: Error) => void;
}

export function createDataSource(url: string, options: DataSourceOptions): DataSource {
  const { poolSize = DEFAULT_DATABASE_SETTINGS.poolSize, connectTimeoutMs, statementTimeoutMs } = options.settings ?? {};
  return new DataSource({
    type: "postgres",
    url,
    entities: [...options.entities],
    migrations,
    migrationsRun: false,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: options.logger,
    logging: options.logger ? ["query"] : false,
    // pg Pool options: connectionTimeoutMillis bounds both opening a connection and waiting for a
    // free one, so a request fails fast when Postgres is down instead of queueing behind it.
    extra: {
      max: poolSize,
      application_name: "newsgraph",
      ...(connectTimeoutMs && { connectionTimeoutMillis: connectTimeoutMs }),
      ...(statementTimeoutMs && { statement_timeout: statementTimeoutMs }),
    },
    ...(options.onPoolError && { poolErrorHandler: options.onPoolError }),
  });
}

/** Holds the advisory lock `key` until the transaction of `manager` ends: processes sharing one database take turns. */
export async function takeTurns(manager: EntityManager, key: number): Promise<void> {
  await manager.query("SELECT pg_advisory_xact_lock($1)", [key]);
}

/** Any fixed number, the same in every instance: the key of the advisory lock migrations hold. */
const MIGRATION_LOCK = 7_310_416_551;

/**
 * Applies the pending migrations, each in its own transaction, with no statement_timeout: building
 * an index on a large table may rightly take longer than any query should.
 */
export async function migrate(db: DataSource): Promise<number> {
  const runner = db.createQueryRunner();
  try {
    await runner.query("SET statement_timeout = 0");
    // Instances starting together on one database take turns: the later ones find nothing pending.
    await runner.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(db, runner);
    executor.transaction = "each";
    return (await executor.executePendingMigrations()).length;
  } finally {
    // Back to the connection's own setting before it returns to the pool (a broken one is dropped anyway).
    await runner.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    await runner.query("RESET statement_timeout").catch(() => undefined);
    await runner.release();
  }
}
