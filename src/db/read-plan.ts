import type { ObjectLiteral } from "typeorm";
import type { PageRequest } from "../contract/pages";
import { cursorCondition, readOrder, type ListQuery } from "./pagination";
import type { PlainList } from "./plain-lists";
import { PREPARED_NAMES, SEARCH_NAMES, type PreparedNames } from "./prepared";
import { SqlParams } from "./sql";

/**
 * A whole read as one SQL statement: what the read planner (graphql/planned-reads.ts) makes of a
 * query. Each object becomes a JSON array of its fields' values, in the order of `fields`; a to-one
 * reference is a lateral subquery by id, a plain list or a page an aggregate of such arrays, each
 * page read through its (parent, sort key) index with LIMIT first (one more when its pageInfo asks
 * whether more follow). PostgreSQL builds the nesting, so one
 * round trip answers a query of any depth and Node parses one JSON value instead of rows of many
 * statements (the Q1 benchmark: 3 statements and 2,000 field resolvers before). Lists are
 * aggregated in the order of their ordered subquery: what is joined to its rows are lateral
 * subqueries PostgreSQL cannot flatten (see level()), which keep that order.
 */
export type ReadField =
  | { kind: "column"; column: string; cast?: "text" }
  | { kind: "reference"; table: string; column: string; object: ReadObject }
  | { kind: "plainList"; table: string; list: PlainList<ObjectLiteral>; object: ReadObject }
  | { kind: "page"; page: ReadPage; object: ReadObject };

export interface ReadObject {
  /** The columns read at this level (where a list's rows are first selected): what `fields` and the levels below use. */
  columns: readonly string[];
  fields: readonly ReadField[];
}

/** One page of a list: its query and page request; `partition` names the parent (nested lists). */
export interface ReadPage {
  query: ListQuery<ObjectLiteral>;
  page: PageRequest;
  partition?: string;
  /** Also count the whole list (totalCount). */
  count: boolean;
  /** Items carry what their cursors are made of only when cursors are selected: printing a timestamp per row costs (Q1: 15% of PostgreSQL's time). */
  cursors: boolean;
  /** Read one item past the page, to tell whether more follow (only when the page's pageInfo asks). */
  beyond: boolean;
}

/**
 * What a root field reads: one object by id, a page, or a page of search hits. `hits` is the SQL
 * of the hits (type, id, rank, snippet, best first; its values written in, db/search.ts); each
 * hit comes back as [type, id, rank, snippet, ...its object as each of `objects` reads it, by type].
 */
export type ReadRoot =
  | { kind: "byId"; table: string; id: string; object: ReadObject }
  | { kind: "page"; page: ReadPage; object: ReadObject }
  | { kind: "search"; hits: string; objects: readonly { [type: string]: { table: string; object: ReadObject } }[] };

/**
 * A page comes back as [items, count or null]; each item as [sort key text, id, ...fields] (the
 * first two make cursors, and are there only when cursors are selected) or [...fields]. Items are
 * in the page's SQL order (backward pages: reversed, as in fetchPages), `limit` at most, or
 * `limit + 1` when `beyond`.
 */
export interface ReadStatement {
  sql: string;
  params: unknown[];
  /**
   * The names it may run prepared under: none with a cursor condition (its best plan depends on
   * the cursor, see fetchPages), a search's (its words are in its text), else the fixed lookups'.
   */
  prepared: PreparedNames | undefined;
}

export function readStatement(roots: readonly ReadRoot[]): ReadStatement {
  const params = new SqlParams();
  let aliases = 0;
  let cursors = false;
  let searches = false;
  const alias = () => `r${(aliases += 1)}`;

  const projected = (object: ReadObject, tableAlias: string) => object.columns.map((column) => `${tableAlias}.${column}`).join(", ");

  /**
   * The values of one level's fields over its row `row`, and the joins they need there. A reference
   * is a LEFT JOIN LATERAL on the level's FROM rather than a subquery in its SELECT list: measured
   * on Q1, 16% less of PostgreSQL's time. `OFFSET 0` keeps it a subquery that PostgreSQL cannot
   * flatten into a plain join (which it may run as a hash join, losing the level's order): a
   * lateral subquery is a nested loop driven by the level's rows, in their order.
   */
  function level(object: ReadObject, row: string, lead: readonly string[] = []): { values: string; joins: string } {
    const joins: string[] = [];
    const values = [...lead, ...object.fields.map((field) => element(field, row, joins))].join(", ");
    return { values, joins: joins.join(" ") };
  }

  function element(field: ReadField, row: string, joins: string[]): string {
    switch (field.kind) {
      case "column":
        return `${row}.${field.column}${field.cast ? `::${field.cast}` : ""}`;
      case "reference": {
        const target = alias();
        const inner = level(field.object, target);
        joins.push(`LEFT JOIN LATERAL (SELECT json_build_array(${inner.values}) AS value FROM ${field.table} ${target} ${inner.joins}
          WHERE ${target}.id = ${row}.${field.column} OFFSET 0) ${target}_ref ON true`);
        return `${target}_ref.value`;
      }
      case "plainList": {
        const { list } = field;
        const items = alias();
        const inner = level(field.object, items);
        return `(SELECT coalesce(json_agg(json_build_array(${inner.values})), '[]') FROM (SELECT ${projected(field.object, list.alias)}
          FROM ${field.table} ${list.alias} WHERE ${list.alias}.${list.ownerColumn} = ${row}.id ORDER BY ${list.orderBy}) ${items} ${inner.joins})`;
      }
      case "page":
        return page(field.page, field.object, row);
    }
  }

  /** One object by id (`id`: an SQL expression). */
  function byId(table: string, object: ReadObject, id: string): string {
    const row = alias();
    const inner = level(object, row);
    return `(SELECT json_build_array(${inner.values}) FROM ${table} ${row} ${inner.joins} WHERE ${row}.id = ${id})`;
  }

  function page(read: ReadPage, object: ReadObject, parentRow?: string): string {
    const { query, page: request } = read;
    const { alias: listAlias, sort } = query;
    // Lists are only planned without filter values, so the list's conditions hold no parameter of their own.
    const conditions = [...query.conditions];
    if (read.partition) conditions.push(`${read.partition} = ${parentRow}.id`);
    const counted = [...conditions];
    const after = cursorCondition({ ...query, params }, request);
    if (after) {
      conditions.push(after);
      cursors = true;
    }
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const items = alias();
    const sortText = read.cursors ? `, (${sort.expression})::text AS __sort` : "";
    const rows = `SELECT ${projected(object, listAlias)}${sortText} FROM ${query.from} ${where}
      ORDER BY ${readOrder(query, request).orderBy} LIMIT ${read.beyond ? request.limit + 1 : request.limit}`;
    const inner = level(object, items, read.cursors ? [`${items}.__sort`, `${items}.id`] : []);
    const list = `(SELECT coalesce(json_agg(json_build_array(${inner.values})), '[]') FROM (${rows}) ${items} ${inner.joins})`;
    const count = read.count ? `(SELECT count(*)::int FROM ${query.from} ${counted.length ? `WHERE ${counted.join(" AND ")}` : ""})` : "null";
    return `json_build_array(${list}, ${count})`;
  }

  function search(root: Extract<ReadRoot, { kind: "search" }>): string {
    searches = true;
    const cases = root.objects.map((byType) => {
      // The hits and their objects are read in one snapshot, so each hit's object is there: one selected without fields needs no lookup.
      const branches = Object.entries(byType).map(([type, { table, object }]) => `WHEN '${type}' THEN ${object.fields.length > 0 ? byId(table, object, "hit.id") : "json_build_array()"}`);
      return `, CASE hit.type ${branches.join(" ")} END`;
    });
    return `(SELECT coalesce(json_agg(json_build_array(hit.type, hit.id, hit.rank, hit.snippet${cases.join("")})), '[]') FROM (${root.hits}) hit)`;
  }

  const values = roots.map((root) => {
    if (root.kind === "page") return page(root.page, root.object);
    if (root.kind === "search") return search(root);
    return byId(root.table, root.object, `${params.param(root.id)}::uuid`);
  });
  const prepared = cursors ? undefined : searches ? SEARCH_NAMES : PREPARED_NAMES;
  return { sql: `SELECT json_build_array(${values.join(", ")}) AS data`, params: params.values, prepared };
}
