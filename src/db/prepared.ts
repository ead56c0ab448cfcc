import { createHash } from "node:crypto";
import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import type { Row, SqlParams } from "./sql";

/**
 * Runs a fixed lookup (`… WHERE id = $1`) as a named prepared statement on pg's pool: each
 * pooled connection parses and plans it once, not at every request, which is most of what
 * Postgres spends on such small statements. Only for statements whose best plan does not depend
 * on their parameters; lists with filters and search stay unprepared, planned with their values.
 * Goes through TypeORM's logger like any query (the tests count statements there).
 */
const names = new Map<string, string>();
/**
 * Every connection keeps what it prepared, so the set of statements stays bounded: their SQL varies
 * with page sizes and with the columns each query reads. Measured, a prepared statement holds
 * about 30 KB of PostgreSQL's memory per connection (250 × 10 connections: ~75 MB at most);
 * beyond the cap, new statements are planned at every execution, as unprepared ones are.
 */
const MAX_PREPARED = 250;

function nameOf(sql: string): string | undefined {
  let name = names.get(sql);
  if (!name && names.size < MAX_PREPARED) names.set(sql, (name = `newsgraph_${createHash("sha256").update(sql).digest("hex").slice(0, 16)}`));
  return name;
}

/**
 * `<column> = $n` for one key, `<column> = ANY($n)` for several. Postgres plans a prepared
 * statement once (generically) only if that plan looks no worse than planning with the values,
 * and for `= ANY($n)` it guesses ten keys: with the usual single key it planned the statement
 * again at every execution, which cost five times the execution itself (Q2: 0.26 ms of
 * PostgreSQL's CPU per request with `= ANY`, 0.05 ms with `= $1`).
 */
export function keysCondition(column: string, keys: readonly string[], params: SqlParams): string {
  return keys.length === 1 ? `${column} = ${params.param(keys[0])}::uuid` : `${column} = ANY(${params.param(keys)}::uuid[])`;
}

export async function queryPrepared(db: DataSource, sql: string, values: unknown[]): Promise<Row[]> {
  if (db.options.logging) db.logger.logQuery(sql, values);
  const pool = (db.driver as PostgresDriver).master as Pool;
  const result = await pool.query({ name: nameOf(sql), text: sql, values });
  return result.rows as Row[];
}
