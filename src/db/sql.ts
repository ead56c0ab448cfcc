import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";

/** Collects positional parameters while a SQL text is put together: `sql.param(x)` returns `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export type Row = { [column: string]: unknown };

/** An entity class (its constructor), as TypeORM's metadata and the identity map know it. */
export type EntityClass<T> = EntityTarget<T> & (abstract new (...args: never[]) => T);

/** Column names (database, property) per entity: worked out once, not for every request and batch. */
const columnsByEntity = new WeakMap<object, { databaseName: string; propertyName: string }[]>();

export function columnsOf(db: DataSource, entity: EntityTarget<ObjectLiteral>): { databaseName: string; propertyName: string }[] {
  const metadata = db.getMetadata(entity);
  let columns = columnsByEntity.get(metadata);
  if (!columns) {
    columns = metadata.columns.map(({ databaseName, propertyName }) => ({ databaseName, propertyName }));
    columnsByEntity.set(metadata, columns);
  }
  return columns;
}

// SELECT lists by table, alias and prefix: built once, not for every request and batch.
const columnLists = new Map<string, string>();

function selectList(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string | undefined, prefix: string | undefined): string {
  const key = `${db.getMetadata(entity).tableName} ${alias ?? ""} ${prefix ?? ""}`;
  let list = columnLists.get(key);
  if (list === undefined) {
    list = columnsOf(db, entity)
      .map(({ databaseName }) => `${alias ? `${alias}.` : ""}${databaseName}${prefix ? ` AS "${prefix}${databaseName}"` : ""}`)
      .join(", ");
    columnLists.set(key, list);
  }
  return list;
}

/**
 * The entity's columns for a SELECT list (`alias.col, ...`): never `*`, which would also fetch
 * (and make the driver parse) columns the API never shows, such as the search tsvectors.
 */
export function columnList(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias?: string): string {
  return selectList(db, entity, alias, undefined);
}

/** The entity's columns named `<prefix><column>`, to read back with hydrate(…, prefix). */
export function prefixedColumnList(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  return selectList(db, entity, alias, prefix);
}

/**
 * Turns raw rows into entity instances (so `node.__typename`, global ids and resolveType work) using
 * TypeORM's column metadata for the snake_case → camelCase mapping. Raw SQL is used for the read
 * paths because window functions and batched lookups are awkward in the query builder. With a
 * `prefix`, reads the columns a join brought along under that prefix (see joins.ts).
 */
export function hydrate<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, rows: Row[], prefix = ""): T[] {
  const columns = columnsOf(db, entity).map(({ databaseName, propertyName }) => [prefix + databaseName, propertyName] as const);
  // The class's prototype without running its constructor: a hot path (hundreds of rows a request).
  const prototype = (db.getMetadata(entity).target as { prototype: object }).prototype;
  return rows.map((row) => {
    const instance = Object.create(prototype) as ObjectLiteral;
    for (const [column, property] of columns) instance[property] = row[column];
    return instance as T;
  });
}
