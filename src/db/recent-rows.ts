import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { columnList, type Row } from "./sql";

/**
 * The rows of an entity with a `created_at` column in creation order, for a feed that catches up
 * (the statement feed): every column, ties broken by id.
 */

/** The rows created at most `overlap` (an interval, such as '5 minutes') before the newest one. */
export function newestRows(db: DataSource, entity: EntityTarget<ObjectLiteral>, overlap: string): Promise<Row[]> {
  const table = db.getMetadata(entity).tableName;
  return db.query(`SELECT ${columnList(db, entity)} FROM ${table} WHERE created_at > (SELECT max(created_at) FROM ${table}) - $1::interval ORDER BY created_at, id`, [overlap]);
}

/** The rows created after `since` less `overlap`; every row when there is no `since`. */
export function rowsCreatedSince(db: DataSource, entity: EntityTarget<ObjectLiteral>, since: Date | undefined, overlap: string): Promise<Row[]> {
  const table = db.getMetadata(entity).tableName;
  return since
    ? db.query(`SELECT ${columnList(db, entity)} FROM ${table} WHERE created_at > $1::timestamptz - $2::interval ORDER BY created_at, id`, [since, overlap])
    : db.query(`SELECT ${columnList(db, entity)} FROM ${table} ORDER BY created_at, id`);
}

/** The rows of these ids, in no particular order (those that exist). */
export function rowsById(db: DataSource, entity: EntityTarget<ObjectLiteral>, ids: readonly string[]): Promise<Row[]> {
  return db.query(`SELECT ${columnList(db, entity)} FROM ${db.getMetadata(entity).tableName} WHERE id = ANY($1::uuid[])`, [ids]);
}
