import DataLoader from "dataloader";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { columnList, hydrate, type Row } from "./sql";

/**
 * The two shapes of batch loading every module uses. Each runs one `= ANY($1)` query per batch and
 * answers in key order, as DataLoader requires; loaders live for one request (see createContext).
 */

/** Loads rows by primary key; a missing row loads as null. */
export function byIdLoader<T extends ObjectLiteral & { id: string }>(db: DataSource, entity: EntityTarget<T>, table: string) {
  const columns = columnList(db, entity);
  return new DataLoader<string, T | null>(async (ids) => {
    const rows: Row[] = await db.query(`SELECT ${columns} FROM ${table} WHERE id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(hydrate(db, entity, rows).map((item) => [item.id, item]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * Loads the rows that belong to each key (all the affiliations of a person, ...). `sql` selects the
 * rows for `$1` (a uuid[]) and returns the owning key in a column named `__key`.
 */
export function groupLoader<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, sql: string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows: Row[] = await db.query(sql, [keys]);
    const items = hydrate(db, entity, rows);
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    rows.forEach((row, index) => groups.get(row.__key as string)?.push(items[index]));
    return keys.map((key) => groups.get(key) ?? []);
  });
}
