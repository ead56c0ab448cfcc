import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { QueryFailedError, QueryRunnerAlreadyReleasedError, type DataSource, type MigrationInterface, type QueryRunner } from "typeorm";
import { ConfigError, loadConfig } from "../src/config";
import { createDataSource, migrate } from "../src/db/data-source";
import { PreparedNames, queryPrepared } from "../src/db/prepared";
import { databaseFault } from "../src/db/database-faults";
import { STORED_ENTITIES } from "../src/registry";

/**
 * The database pool: its size and timeouts, read from the environment, applied to every pooled
 * connection and lifted for migrations; a pooled connection that breaks while idle; and which
 * failures are the database's (unavailable, timeout) rather than bugs.
 */

function clusterUrl(database: string): string {
  const url = new URL(process.env.NEWSGRAPH_TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: clusterUrl("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("configuration", () => {
  it("defaults to a pool of 10, a 3 s connect timeout and a 15 s statement timeout", () => {
    expect(loadConfig({}).database).toEqual({ poolSize: 10, connectTimeoutMs: 3_000, statementTimeoutMs: 15_000 });
  });

  it("reads NEWSGRAPH_DB_POOL_SIZE, NEWSGRAPH_DB_CONNECT_TIMEOUT_MS and NEWSGRAPH_DB_STATEMENT_TIMEOUT_MS", () => {
    const env = { NEWSGRAPH_DB_POOL_SIZE: "4", NEWSGRAPH_DB_CONNECT_TIMEOUT_MS: "500", NEWSGRAPH_DB_STATEMENT_TIMEOUT_MS: "60000" };
    expect(loadConfig(env).database).toEqual({ poolSize: 4, connectTimeoutMs: 500, statementTimeoutMs: 60_000 });
  });

  it.each(["NEWSGRAPH_DB_POOL_SIZE", "NEWSGRAPH_DB_CONNECT_TIMEOUT_MS", "NEWSGRAPH_DB_STATEMENT_TIMEOUT_MS"])("refuses a bad %s, naming it", (variable) => {
    for (const bad of ["0", "-1", "1.5", "ten"]) {
      expect(() => loadConfig({ [variable]: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ [variable]: bad })).toThrow(variable);
    }
  });
});

/** A last migration that notes the statement timeout it runs under. */
class ProbeStatementTimeout9999999999999 implements MigrationInterface {
  static seen: string | undefined;
  async up(queryRunner: QueryRunner): Promise<void> {
    ProbeStatementTimeout9999999999999.seen = (await queryRunner.query("SHOW statement_timeout"))[0].statement_timeout;
  }
  async down(): Promise<void> {}
}

describe("a data source with settings", () => {
  const name = `test_settings_${randomBytes(4).toString("hex")}`;
  let db: DataSource;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    db = createDataSource(clusterUrl(name), { entities: STORED_ENTITIES, settings: { poolSize: 2, connectTimeoutMs: 2_000, statementTimeoutMs: 20_000 } });
    await db.initialize();
    db.migrations.push(new ProbeStatementTimeout9999999999999());
  });
  afterAll(async () => {
    await db?.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name}`);
  });

  it("migrates without the statement timeout: building an index on a big table may take long", async () => {
    expect(await migrate(db)).toBeGreaterThan(1);
    expect(ProbeStatementTimeout9999999999999.seen).toBe("0");
    expect(await db.showMigrations()).toBe(false);
  });

  it("applies the pool size, the connect timeout and, again after migrating, the statement timeout", async () => {
    const pool = (db.driver as unknown as { master: { options: { max: number; connectionTimeoutMillis: number } } }).master;
    expect(pool.options.max).toBe(2);
    expect(pool.options.connectionTimeoutMillis).toBe(2_000);
    // Both connections of the pool at once, the migrations' one among them.
    const settings = await Promise.all([db.query("SHOW statement_timeout"), db.query("SHOW statement_timeout")]);
    expect(settings).toEqual([[{ statement_timeout: "20s" }], [{ statement_timeout: "20s" }]]);
  });
});

describe("instances starting together on a new database", () => {
  it("take turns migrating: every migration is applied once, and no start fails", async () => {
    const name = `test_migrate_${Date.now()}`;
    await admin(`CREATE DATABASE ${name}`);
    const instances = [1, 2, 3].map(() => createDataSource(clusterUrl(name), { entities: STORED_ENTITIES, settings: { poolSize: 2 } }));
    try {
      await Promise.all(instances.map((db) => db.initialize()));
      const applied = await Promise.all(instances.map((db) => migrate(db)));
      expect(applied.reduce((sum, count) => sum + count, 0)).toBe(instances[0].migrations.length);
      for (const db of instances) expect(await db.showMigrations()).toBe(false);
    } finally {
      await Promise.all(instances.map((db) => db.destroy()));
      await admin(`DROP DATABASE IF EXISTS ${name}`);
    }
  });
});

describe("prepared lookups", () => {
  it("are parsed and planned once per connection, then only executed", async () => {
    const name = `test_prepared_${Date.now()}`;
    await admin(`CREATE DATABASE ${name}`);
    const db = createDataSource(clusterUrl(name), { entities: STORED_ENTITIES, settings: { poolSize: 1 } });
    try {
      await db.initialize();
      const lookup = "SELECT n FROM generate_series(1, 3) n WHERE n = ANY($1::int[])";
      const once = "SELECT n FROM generate_series(1, 3) n WHERE n = ANY($1::int[]) AND n > 0";
      expect(await queryPrepared(db, once, [[2]])).toEqual([{ n: 2 }]);
      for (let run = 0; run < 4; run += 1) expect(await queryPrepared(db, lookup, [[1, 3]])).toEqual([{ n: 1 }, { n: 3 }]);
      expect(await queryPrepared(db, lookup, [[2]])).toEqual([{ n: 2 }]);
      // One connection in the pool: the same one holds the statement that recurred, prepared once.
      const prepared = await db.query(`SELECT statement FROM pg_prepared_statements WHERE name LIKE 'newsgraph_%'`);
      expect(prepared).toEqual([{ statement: lookup }]);
    } finally {
      await db.destroy();
      await admin(`DROP DATABASE IF EXISTS ${name}`);
    }
  });
});

describe("prepared statement names", () => {
  it("go to statements that recur, at most `max` of them, whatever ran once before", () => {
    const names = new PreparedNames({ max: 2, hotAfter: 3 });
    // A client's one-off variants take no name...
    for (let variant = 0; variant < 100; variant += 1) expect(names.nameOf(`SELECT ${variant}`)).toBeUndefined();
    // ...so the statements that recur still get one, on their third run,
    const hot = ["SELECT 'a'", "SELECT 'b'", "SELECT 'c'"].map((sql) => [1, 2, 3, 4].map(() => names.nameOf(sql)));
    expect(hot[0].slice(0, 2)).toEqual([undefined, undefined]);
    expect(hot[0][2]).toMatch(/^newsgraph_[0-9a-f]{16}$/);
    expect(hot[0][3]).toBe(hot[0][2]);
    expect(hot[1][3]).toMatch(/^newsgraph_/);
    expect(hot[1][3]).not.toBe(hot[0][3]);
    // ...until the names are used up.
    expect(hot[2]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("an idle pooled connection that breaks", () => {
  const name = `test_idle_${randomBytes(4).toString("hex")}`;
  const failures: Error[] = [];
  let db: DataSource;

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    db = createDataSource(clusterUrl(name), { entities: STORED_ENTITIES, settings: { poolSize: 1 }, onPoolError: (error) => void failures.push(error) });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await admin(`DROP DATABASE IF EXISTS ${name}`);
  });

  it("is reported and dropped, and the next query gets a fresh connection", async () => {
    const [{ pid }] = await db.query("SELECT pg_backend_pid() AS pid");
    // The server ends the idle connection (as a restart or an administrator would).
    await admin(`SELECT pg_terminate_backend(${Number(pid)})`);
    for (let waited = 0; failures.length === 0 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failures.map((error) => error.message)).toEqual([expect.stringMatching(/terminating connection/)]);
    const [{ pid: next }] = await db.query("SELECT pg_backend_pid() AS pid");
    expect(next).not.toBe(pid);
  });
});

describe("database faults", () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  const failedQuery = (driverError: Error) => new QueryFailedError("SELECT 1", [], driverError);

  it("are the failures of a database that cannot be reached or is going away", () => {
    expect(databaseFault(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"))).toBe("unavailable");
    expect(databaseFault(new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], ""))).toBe("unavailable");
    // The Unix socket of a stopped server is gone; any other missing file is no database fault.
    expect(databaseFault(Object.assign(withCode("connect ENOENT /data/pg/.s.PGSQL.5432", "ENOENT"), { syscall: "connect" }))).toBe("unavailable");
    expect(databaseFault(Object.assign(withCode("ENOENT: no such file", "ENOENT"), { syscall: "open" }))).toBeUndefined();
    expect(databaseFault(new Error("timeout exceeded when trying to connect"))).toBe("unavailable");
    expect(databaseFault(failedQuery(new Error("Connection terminated unexpectedly")))).toBe("unavailable");
    expect(databaseFault(failedQuery(withCode("terminating connection due to administrator command", "57P01")))).toBe("unavailable");
    expect(databaseFault(withCode("the database system is starting up", "57P03"))).toBe("unavailable");
    expect(databaseFault(withCode("sorry, too many clients already", "53300"))).toBe("unavailable");
    // A transaction whose connection failed between two statements.
    expect(databaseFault(new QueryRunnerAlreadyReleasedError())).toBe("unavailable");
  });

  it("include a statement cancelled by statement_timeout, as a timeout", () => {
    expect(databaseFault(failedQuery(withCode("canceling statement due to statement timeout", "57014")))).toBe("timeout");
  });

  it("exclude bugs and broken rules", () => {
    expect(databaseFault(new TypeError("x is undefined"))).toBeUndefined();
    expect(databaseFault(failedQuery(withCode('column "latitude" does not exist', "42703")))).toBeUndefined();
    expect(databaseFault(failedQuery(withCode("duplicate key value violates unique constraint", "23505")))).toBeUndefined();
    expect(databaseFault("a string")).toBeUndefined();
  });
});
