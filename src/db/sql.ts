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

export interface Column {
  databaseName: string;
  propertyName: string;
}

/**
 * The columns of one table that a query reads: all of them, or the ones a request's fields need
 * (see graphql/column-plan.ts). `key` names the set, for the caches of SQL text built from it.
 */
export interface ColumnSet {
  readonly key: string;
  readonly columns: readonly Column[];
}

/** Every column of each entity: worked out once, not for every request and batch. */
const allColumnsByEntity = new WeakMap<object, ColumnSet>();

export function allColumns(db: DataSource, entity: EntityTarget<ObjectLiteral>): ColumnSet {
  const metadata = db.getMetadata(entity);
  let set = allColumnsByEntity.get(metadata);
  if (!set) {
    set = { key: `${metadata.tableName}:*`, columns: metadata.columns.map(({ databaseName, propertyName }) => ({ databaseName, propertyName })) };
    allColumnsByEntity.set(metadata, set);
  }
  return set;
}

// SELECT lists by column set, alias and prefix: built once, not for every request and batch.
const selectLists = new Map<string, string>();

function selectList(set: ColumnSet, alias: string | undefined, prefix: string | undefined): string {
  const key = `${set.key} ${alias ?? ""} ${prefix ?? ""}`;
  let list = selectLists.get(key);
  if (list === undefined) {
    list = set.columns.map(({ databaseName }) => `${alias ? `${alias}.` : ""}${databaseName}${prefix ? ` AS "${prefix}${databaseName}"` : ""}`).join(", ");
    selectLists.set(key, list);
  }
  return list;
}

/**
 * A SELECT list (`alias.col, ...`) of `set`, by default every column of the entity: never `*`,
 * which would also fetch (and make the driver parse) columns the API never shows, such as the
 * search tsvectors.
 */
export function columnList(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias?: string, set = allColumns(db, entity)): string {
  return selectList(set, alias, undefined);
}

/** The columns of `set` named `<prefix><column>`, to read back with hydrate(…, prefix). */
export function prefixedColumnList(set: ColumnSet, alias: string, prefix: string): string {
  return selectList(set, alias, prefix);
}

/**
 * Turns raw rows into entity instances (so `node.__typename`, global ids and resolveType work) using
 * TypeORM's column metadata for the snake_case → camelCase mapping. Raw SQL is used for the read
 * paths because window functions and batched lookups are awkward in the query builder. With a
 * `prefix`, reads the columns a join brought along under that prefix (see joins.ts). Only the
 * columns of `set` are read: the others stay undefined.
 */
export function hydrate<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, rows: Row[], prefix = "", set = allColumns(db, entity)): T[] {
  const columns = set.columns.map(({ databaseName, propertyName }) => [prefix + databaseName, propertyName] as const);
  // The class's prototype without running its constructor: a hot path (hundreds of rows a request).
  const prototype = (db.getMetadata(entity).target as { prototype: object }).prototype;
  const unread = STRICT_COLUMNS ? unreadProperties(db, entity, set) : undefined;
  return rows.map((row) => {
    const instance = Object.create(prototype) as ObjectLiteral;
    for (const [column, property] of columns) instance[property] = row[column];
    if (unread) Object.defineProperties(instance, unread);
    return instance as T;
  });
}

/**
 * With NEWSGRAPH_STRICT_COLUMNS=true (the tests set it), reading a column that a query's plan left
 * out throws instead of giving undefined: a field resolver or getter that reads more than its
 * field declares (see graphql/column-plan.ts) fails every test that selects it.
 */
const STRICT_COLUMNS = process.env.NEWSGRAPH_STRICT_COLUMNS === "true";

function unreadProperties(db: DataSource, entity: EntityTarget<ObjectLiteral>, set: ColumnSet): PropertyDescriptorMap | undefined {
  const read = new Set(set.columns.map((column) => column.propertyName));
  const unread = allColumns(db, entity).columns.filter((column) => !read.has(column.propertyName));
  if (unread.length === 0) return undefined;
  const name = db.getMetadata(entity).name;
  return Object.fromEntries(
    unread.map(({ propertyName }) => [
      propertyName,
      {
        get() {
          throw new Error(`${name}.${propertyName} was not read: the query's column plan left it out (declare what the field reads, see graphql/column-plan.ts)`);
        },
      },
    ]),
  );
}
