import DataLoader from "dataloader";
import type { DataSource, ObjectLiteral } from "typeorm";
import type { IdentityMap } from "./identity-map";
import { keysCondition, queryPrepared } from "./prepared";
import { columnList, hydrate, SqlParams, type EntityClass } from "./sql";

/**
 * Batch loading by id, and of lists kept through a join table (plain lists with an owner column are
 * in plain-lists.ts). Each runs one query per batch (see keysCondition) and answers in key order, as
 * DataLoader requires; loaders live for one request (see createContext).
 */

/** What a to-one field resolver returns: the row at once when the request has it, else a promise. */
export type Loaded<T> = T | null | Promise<T | null>;

/** Loads rows by primary key; a missing row loads as null. */
export class EntityLoader<T extends ObjectLiteral & { id: string }> {
  private readonly loader: DataLoader<string, T | null>;

  constructor(db: DataSource, readonly entity: EntityClass<T>, private readonly known: IdentityMap) {
    const table = db.getMetadata(entity).tableName;
    this.loader = new DataLoader<string, T | null>(async (ids) => {
      // Rows other branches are reading may hold these ids: wait for them, then fetch the rest.
      await known.settled();
      const missing = ids.filter((id) => !known.get(entity, id));
      if (missing.length > 0) {
        const columns = known.columns(db, entity);
        const params = new SqlParams();
        const sql = `SELECT ${columnList(db, entity, undefined, columns)} FROM ${table} WHERE ${keysCondition("id", missing, params)}`;
        await known.track(queryPrepared(db, sql, params.values).then((rows) => known.add(entity, hydrate(db, entity, rows, "", columns))));
      }
      return ids.map((id) => known.get<T>(entity, id) ?? null);
    });
  }

  /** The row, at once when this request has already read it; a promise only when it must be fetched. */
  get(id: string): Loaded<T> {
    return this.known.get<T>(this.entity, id) ?? this.loader.load(id);
  }

  load(id: string): Promise<T | null> {
    const known = this.known.get<T>(this.entity, id);
    return known ? Promise.resolve(known) : this.loader.load(id);
  }
}

export function byIdLoader<T extends ObjectLiteral & { id: string }>(db: DataSource, entity: EntityClass<T>, known: IdentityMap) {
  return new EntityLoader(db, entity, known);
}

/**
 * Loads the rows that belong to each key through a join table (the source articles of an event):
 * `from` joins the rows (named `alias`) to the join table, whose `keyColumn` holds the owning key.
 * Lists kept in their own table with an owner column are PlainLists (plain-lists.ts).
 */
export function groupLoader<T extends ObjectLiteral>(
  db: DataSource,
  entity: EntityClass<T>,
  known: IdentityMap,
  query: { from: string; alias: string; keyColumn: string; orderBy: string },
) {
  return new DataLoader<string, T[]>(async (keys) => {
    const columns = known.columns(db, entity);
    const params = new SqlParams();
    const sql = `SELECT ${columnList(db, entity, query.alias, columns)}, ${query.keyColumn} AS __key FROM ${query.from}
      WHERE ${keysCondition(query.keyColumn, keys, params)} ORDER BY ${query.orderBy}`;
    const rows = await queryPrepared(db, sql, params.values);
    const items = hydrate(db, entity, rows, "", columns);
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    rows.forEach((row, index) => groups.get(row.__key as string)?.push(items[index]));
    return keys.map((key) => groups.get(key) ?? []);
  });
}
