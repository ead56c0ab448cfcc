import type { DataSource } from "typeorm";
import type { IdentityMap } from "./identity-map";
import { hydrate, prefixedColumnList, type EntityClass, type Row } from "./sql";

/**
 * A to-one reference a list's query can fetch along with a LEFT JOIN ("each statement's speaker"),
 * so the level below finds the referenced rows in the identity map instead of querying for them.
 * That saves a query per nesting level and, as the rows are at hand, a promise per field.
 */
export interface Join {
  /** The GraphQL field that resolves the reference, for lookahead (see selectedNodeFields). */
  field: string;
  entity: EntityClass<{ id: string }>;
  /** The referencing column of the list's own table, e.g. speaker_id. */
  column: string;
  /**
   * Reads ahead what the level below asks of the joined rows (each speaker's affiliations), so
   * those fields resolve at once rather than with a promise each.
   */
  prefetch?: (ids: string[]) => Promise<void>;
}

const aliasOf = (join: Join) => `j_${join.field}`;

/** The SELECT list of a join's columns (those the request reads), named `<field>__<column>`. */
export function joinedColumns(db: DataSource, join: Join, known: IdentityMap): string {
  return prefixedColumnList(known.columns(db, join.entity), aliasOf(join), `${join.field}__`);
}

/** `LEFT JOIN <table> ON <table>.id = <owner>.<column>`, where `owner` names the list's rows. */
export function joinClause(db: DataSource, join: Join, owner: string): string {
  return `LEFT JOIN ${db.getMetadata(join.entity).tableName} ${aliasOf(join)} ON ${aliasOf(join)}.id = ${owner}.${join.column}`;
}

/** The joined rows of `join`, as entities (rows whose reference is empty give none). */
export function hydrateJoined(db: DataSource, join: Join, rows: Row[], known: IdentityMap): { id: string }[] {
  const prefix = `${join.field}__`;
  const idColumn = `${prefix}id`;
  return hydrate(db, join.entity, rows.filter((row) => row[idColumn] != null), prefix, known.columns(db, join.entity));
}
