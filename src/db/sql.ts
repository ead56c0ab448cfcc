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

/**
 * The entity's columns for a SELECT list (`alias.col, ...`): never `*`, which would also fetch
 * (and make the driver parse) columns the API never shows, such as the search tsvectors.
 */
export function columnList(db: DataSource, entity: EntityTarget<ObjectLiteral>, alias?: string): string {
  return db
    .getMetadata(entity)
    .columns.map((column) => (alias ? `${alias}.${column.databaseName}` : column.databaseName))
    .join(", ");
}

/**
 * Turns raw rows into entity instances (so `node.__typename`, global ids and resolveType work) using
 * TypeORM's column metadata for the snake_case → camelCase mapping. Raw SQL is used for the read
 * paths because window functions and batched lookups are awkward in the query builder.
 */
export function hydrate<T extends ObjectLiteral>(db: DataSource, entity: EntityTarget<T>, rows: Row[]): T[] {
  const metadata = db.getMetadata(entity);
  const columns = metadata.columns.map((column) => [column.databaseName, column.propertyName] as const);
  // The class's prototype without running its constructor: a hot path (hundreds of rows a request).
  const prototype = (metadata.target as { prototype: object }).prototype;
  return rows.map((row) => {
    const instance = Object.create(prototype) as ObjectLiteral;
    for (const [databaseName, propertyName] of columns) instance[propertyName] = row[databaseName];
    return instance as T;
  });
}
