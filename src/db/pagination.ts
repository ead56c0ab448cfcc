import { createHash } from "node:crypto";
import type { DataSource, ObjectLiteral } from "typeorm";
import { badUserInput } from "../contract/errors";
import { encodeCursor, type Edge, type Page, type PageRequest } from "../contract/pages";
import type { IdentityMap } from "./identity-map";
import { hydrateJoined, joinClause, joinedColumns, type Join } from "./joins";
import { keysCondition, queryPrepared } from "./prepared";
import { isStorableText } from "../contract/unstorable-text";
import { columnList, hydrate, SqlParams, type EntityClass, type Row } from "./sql";

/**
 * Keyset pagination in SQL, for a top-level list and for the nested lists of many parents at once
 * ("the 10 latest statements of each of these 20 events" is one statement, see fetchPages).
 * Items are ordered by a sort key and then by id, so the order is
 * total and a cursor (sort key, id) marks a place that survives inserts.
 */
export interface SortKey {
  /** A SQL expression over the list's alias that is never NULL (COALESCE a nullable column). */
  expression: string;
  /** The Postgres type of the expression, to cast a cursor's text back. */
  type: "date" | "timestamptz" | "text" | "int";
  direction: "ASC" | "DESC";
}

/** The sort key for `order` (or `fallback`), from a list's table of sortable fields. */
export function sortKey<Field extends string>(
  keys: { [field in Field]: Omit<SortKey, "direction"> },
  order: { field: Field; direction: "ASC" | "DESC" } | undefined,
  fallback: { field: Field; direction: "ASC" | "DESC" },
): SortKey {
  const { field, direction } = order ?? fallback;
  return { ...keys[field], direction };
}

export interface ListQuery<T extends ObjectLiteral> {
  entity: EntityClass<T>;
  /** FROM clause, e.g. `statements s`, possibly with joins that give the partition column. */
  from: string;
  alias: string;
  /** WHERE conditions (ANDed), written with `params`. */
  conditions: string[];
  params: SqlParams;
  sort: SortKey;
  /** References fetched along (LEFT JOINs) into the identity map, for the level below. */
  joins?: readonly Join[];
}

/** The parent key column and the parents whose lists are wanted, for nested lists. */
export interface Partition {
  column: string;
  keys: readonly string[];
}

const ROOT = "";

/** Names an ordering inside cursors, so a cursor is only ever used with the ordering that made it. */
export function orderingOf(sort: SortKey): string {
  return createHash("sha256").update(`${sort.expression} ${sort.type}`).digest("base64url").slice(0, 10);
}

/** Whether `match` (year, month, day in groups 1-3) names a day that exists: Postgres refuses 2024-02-30 with an error. */
function isRealDay(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const [year, month, day] = match.slice(1, 4).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return year > 0 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-](0\d|1[0-5])(:[0-5]\d)?$/;

/** Sort keys as Postgres prints them: a forged cursor's must still cast without error. */
const SORT_VALUE_FORMATS: { [type in SortKey["type"]]: (value: string) => boolean } = {
  date: (value) => /^-?infinity$/.test(value) || isRealDay(DAY.exec(value)),
  timestamptz: (value) => isRealDay(TIMESTAMP.exec(value)),
  text: isStorableText,
  int: (value) => /^-?\d{1,9}$/.test(value),
};

export function cursorCondition(query: ListQuery<ObjectLiteral>, page: PageRequest): string | undefined {
  if (!page.cursor) return undefined;
  const { sort, alias, params } = query;
  if (page.cursor.ordering !== orderingOf(sort) || !SORT_VALUE_FORMATS[sort.type](page.cursor.sort)) {
    throw badUserInput(`${page.cursorArgument}: the cursor belongs to another list or ordering`, page.cursorArgument);
  }
  const ascending = (sort.direction === "ASC") !== page.backward;
  const value = `${params.param(page.cursor.sort)}::${sort.type}`;
  const id = `${params.param(page.cursor.id)}::uuid`;
  return `(${sort.expression}, ${alias}.id) ${ascending ? ">" : "<"} (${value}, ${id})`;
}

/** The order a page is read in (backward pages read the list's order reversed, then turn the page round). */
export function readOrder(query: Pick<ListQuery<ObjectLiteral>, "alias" | "sort">, page: PageRequest): { direction: "ASC" | "DESC"; orderBy: string } {
  const direction = (query.sort.direction === "DESC") !== page.backward ? "DESC" : "ASC";
  return { direction, orderBy: `${query.sort.expression} ${direction}, ${query.alias}.id ${direction}` };
}

/** Whether pages follow and precede a page read with `page`, given whether a row beyond its limit came back. */
export function pageSides(page: PageRequest, hasMore: boolean): { hasNextPage: boolean; hasPreviousPage: boolean } {
  return {
    hasNextPage: page.backward ? page.cursor !== undefined : hasMore,
    hasPreviousPage: page.backward ? hasMore : page.cursor !== undefined,
  };
}

/**
 * A page whose cursors are made only when asked for: most clients read `nodes`, and encoding a
 * cursor for each of a nested page's hundreds of items was wasted work.
 */
function pageOf<T>(nodes: T[], rows: Row[], ordering: string, has: { hasNextPage: boolean; hasPreviousPage: boolean }): Page<T> {
  const cursorAt = (index: number) => encodeCursor({ ordering, sort: rows[index].__sort as string, id: rows[index].id as string });
  let edges: Edge<T>[] | undefined;
  return {
    nodes,
    get edges() {
      return (edges ??= nodes.map((node, index) => ({ node, cursor: cursorAt(index) })));
    },
    pageInfo: {
      ...has,
      get startCursor() {
        return nodes.length > 0 ? cursorAt(0) : null;
      },
      get endCursor() {
        return nodes.length > 0 ? cursorAt(nodes.length - 1) : null;
      },
    },
  };
}

/** Fetches one page per partition key (or one page for the root list, under the key ""). */
export async function fetchPages<T extends ObjectLiteral>(
  db: DataSource,
  query: ListQuery<T>,
  page: PageRequest,
  partition: Partition | undefined,
  known: IdentityMap,
): Promise<Map<string, Page<T>>> {
  const { alias, sort, params } = query;
  const filterValues = params.values.length;
  const conditions = [...query.conditions];
  const after = cursorCondition(query, page);
  if (after) conditions.push(after);
  const { direction, orderBy } = readOrder(query, page);
  const ordering = orderingOf(sort);
  const columnSet = known.columns(db, query.entity);
  const columns = columnList(db, query.entity, alias, columnSet);
  const fetchLimit = page.limit + 1; // one more than asked tells whether another page follows

  const joins = query.joins ?? [];
  const joinedSelect = joins.map((join) => `, ${joinedColumns(db, join, known)}`).join("");
  const joinAll = (owner: string) => joins.map((join) => joinClause(db, join, owner)).join(" ");
  let sql: string;
  if (!partition || partition.keys.length === 1) {
    // One list (the root list, or one parent's): the index on (parent, sort key) gives its first
    // rows in order, and the references are joined to those rows only.
    if (partition) conditions.push(keysCondition(partition.column, partition.keys, params));
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const parent = partition ? `, ${partition.column}::text AS __parent` : "";
    sql = `SELECT ${columns}, (${sort.expression})::text AS __sort${parent}${joinedSelect}
       FROM ${query.from} ${joinAll(alias)} ${where} ORDER BY ${orderBy} LIMIT ${fetchLimit}`;
  } else {
    // The lists of many parents: for each parent, at most a page and one more row, read in order
    // through the same index (a LATERAL join with LIMIT). Numbering every row of each parent with a
    // window function read all of a busy parent's rows, and cost more as the tables grew.
    conditions.push(`${partition.column} = parent.key`);
    const keys = params.param(partition.keys);
    sql = `SELECT page.*${joinedSelect} FROM unnest(${keys}::uuid[]) WITH ORDINALITY AS parent(key, position)
       CROSS JOIN LATERAL (
         SELECT ${columns}, (${sort.expression})::text AS __sort, (${sort.expression}) AS __order, parent.key::text AS __parent
         FROM ${query.from} WHERE ${conditions.join(" AND ")} ORDER BY ${orderBy} LIMIT ${fetchLimit}
       ) page ${joinAll("page")}
       ORDER BY parent.position, page.__order ${direction}, page.id ${direction}`;
  }
  // Unfiltered pages have one best plan, whatever their parents: prepared. Filtered ones are
  // planned with their values (a rare kind and a common one want different plans); a condition
  // without parameters (accepted statements only) is the same for every request and does not count.
  const unfiltered = filterValues === 0 && !page.cursor;
  const read = async (): Promise<Row[]> => {
    const rows: Row[] = unfiltered ? await queryPrepared(db, sql, params.values) : await db.query(sql, params.values);
    await Promise.all(
      joins.map((join) => {
        const joined = hydrateJoined(db, join, rows, known);
        known.add(join.entity, joined);
        return join.prefetch?.(joined.map((entity) => entity.id));
      }),
    );
    return rows;
  };
  const rows = await known.track(read());

  const rowsByParent = new Map<string, Row[]>();
  for (const key of partition ? partition.keys : [ROOT]) rowsByParent.set(key, []);
  for (const row of rows) rowsByParent.get(partition ? (row.__parent as string) : ROOT)?.push(row);

  const pages = new Map<string, Page<T>>();
  for (const [key, parentRows] of rowsByParent) {
    const hasMore = parentRows.length > page.limit;
    const pageRows = parentRows.slice(0, page.limit);
    if (page.backward) pageRows.reverse();
    pages.set(key, pageOf(hydrate(db, query.entity, pageRows, "", columnSet), pageRows, ordering, pageSides(page, hasMore)));
  }
  return pages;
}

/** Counts the whole list of each partition key (or of the root list under ""), ignoring any cursor. */
export async function countLists(
  db: DataSource,
  query: Pick<ListQuery<ObjectLiteral>, "from" | "conditions" | "params">,
  partition?: Partition,
): Promise<Map<string, number>> {
  const { params } = query;
  const conditions = [...query.conditions];
  if (partition) conditions.push(keysCondition(partition.column, partition.keys, params));
  const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
  const sql = partition
    ? `SELECT ${partition.column}::text AS parent, count(*)::int AS count FROM ${query.from} ${where} GROUP BY 1`
    : `SELECT '' AS parent, count(*)::int AS count FROM ${query.from} ${where}`;
  const rows: { parent: string; count: number }[] = await db.query(sql, params.values);
  const counts = new Map<string, number>((partition ? partition.keys : [ROOT]).map((key) => [key, 0]));
  for (const row of rows) counts.set(row.parent, row.count);
  return counts;
}
