import { createHash } from "node:crypto";
import type { Pool } from "pg";
import type { DataSource } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import type { Row, SqlParams } from "./sql";

/**
 * Names for prepared statements. Every pooled connection keeps what it prepared for its whole life,
 * so only statements that recur get a name, and at most `max` of them: their SQL varies with page
 * sizes and with the columns each query reads (a client exploring the API in Playground sends a new
 * variant with every edit). A statement is named once it has run `hotAfter` times; until then, and
 * for every statement once the names are used up, it is planned at every execution, as unprepared
 * ones are: slower, never wrong.
 */
export class PreparedNames {
  private readonly names = new Map<string, string>();
  // Runs of the statements not named yet; forgotten wholesale when it grows past `max` × 4.
  private readonly runs = new Map<string, number>();

  constructor(private readonly options: { max: number; hotAfter: number }) {}

  nameOf(sql: string): string | undefined {
    const name = this.names.get(sql);
    if (name !== undefined || this.names.size >= this.options.max) return name;
    const runs = (this.runs.get(sql) ?? 0) + 1;
    if (runs < this.options.hotAfter) {
      if (this.runs.size >= this.options.max * 4) this.runs.clear();
      this.runs.set(sql, runs);
      return undefined;
    }
    this.runs.delete(sql);
    const named = `newsgraph_${createHash("sha256").update(sql).digest("hex").slice(0, 16)}`;
    this.names.set(sql, named);
    return named;
  }
}

/**
 * Measured, a prepared statement holds about 30 KB of PostgreSQL's memory per connection: 250
 * names over 10 connections are ~75 MB at most.
 */
export const PREPARED_NAMES = new PreparedNames({ max: 250, hotAfter: 3 });

/**
 * Searches that recur, their words written in (db/search.ts): a budget of their own, so that
 * many different searches cannot use up the names of the fixed lookups. The first 32 that recur
 * keep theirs for the process's life; later ones are parsed and planned at every execution, as
 * unprepared ones are. A prepared search's plan holds about 200 KB (measured): 32 over 10
 * connections are ~64 MB of PostgreSQL's memory at most.
 */
export const SEARCH_NAMES = new PreparedNames({ max: 32, hotAfter: 3 });

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

/**
 * Runs a fixed lookup (`… WHERE id = $1`) as a named prepared statement on pg's pool once it
 * recurs: each pooled connection then parses and plans it once, not at every request, which is most
 * of what Postgres spends on such small statements. Only for statements whose best plan does not
 * depend on their parameters (lists with filters stay unprepared, planned with their values), or
 * that have none (a search, its words written in, under SEARCH_NAMES). Goes through TypeORM's
 * logger like any query (the tests count statements there).
 */
export async function queryPrepared(db: DataSource, sql: string, values: unknown[], names = PREPARED_NAMES): Promise<Row[]> {
  if (db.options.logging) db.logger.logQuery(sql, values);
  const pool = (db.driver as PostgresDriver).master as Pool;
  const result = await pool.query({ name: names.nameOf(sql), text: sql, values });
  return result.rows as Row[];
}
