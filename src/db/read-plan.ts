import type { ObjectLiteral } from "typeorm";
import type { PageRequest } from "../graphql/connection";
import { cursorCondition, type ListQuery } from "./pagination";
import type { PlainList } from "./plain-lists";
import { SqlParams } from "./sql";

/**
 * A whole read as one SQL statement: what the read planner (graphql/planned-reads.ts) makes of a
 * query. Each object becomes a JSON array of its fields' values, in the order of `fields`; a to-one
 * reference is a subquery by id, a plain list or a page an aggregate of such arrays, each page read
 * through its (parent, sort key) index with LIMIT first + 1. PostgreSQL builds the nesting, so one
 * round trip answers a query of any depth and Node parses one JSON value instead of rows of many
 * statements (the Q1 benchmark: 3 statements and 2,000 field resolvers before). Lists are
 * aggregated in the order of their ordered subquery, which holds as long as nothing is joined in
 * between: references are subqueries in the SELECT list, not joins (a LEFT JOIN LATERAL, tried,
 * was flattened into a hash join that lost the order).
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
}

/**
 * What a root field reads: one object by id, a page, or a page of search hits. `hits` gives the
 * SQL of the hits (type, id, rank, snippet, best first) with its values added to `params`; each
 * hit comes back as [type, id, rank, snippet, ...its object as each of `objects` reads it, by type].
 */
export type ReadRoot =
  | { kind: "byId"; table: string; id: string; object: ReadObject }
  | { kind: "page"; page: ReadPage; object: ReadObject }
  | { kind: "search"; hits: (params: SqlParams) => string; objects: readonly { [type: string]: { table: string; object: ReadObject } }[] };

/**
 * A page comes back as [items, count or null]; each item as [sort key text, id, ...fields] (the
 * first two make cursors, and are there only when cursors are selected) or [...fields]. Items are in the page's SQL order (backward pages: reversed, as in
 * fetchPages), `limit + 1` at most.
 */
export interface ReadStatement {
  sql: string;
  params: unknown[];
  /** No cursor condition: the plan is the same whatever the values (see fetchPages). */
  preparable: boolean;
}

export function readStatement(roots: readonly ReadRoot[]): ReadStatement {
  const params = new SqlParams();
  let aliases = 0;
  let preparable = true;
  const alias = () => `r${(aliases += 1)}`;

  const elements = (object: ReadObject, row: string): string => object.fields.map((field) => element(field, row)).join(", ");
  const projected = (object: ReadObject, tableAlias: string) => object.columns.map((column) => `${tableAlias}.${column}`).join(", ");

  function element(field: ReadField, row: string): string {
    switch (field.kind) {
      case "column":
        return `${row}.${field.column}${field.cast ? `::${field.cast}` : ""}`;
      case "reference": {
        const target = alias();
        return `(SELECT json_build_array(${elements(field.object, target)}) FROM ${field.table} ${target} WHERE ${target}.id = ${row}.${field.column})`;
      }
      case "plainList": {
        // Aggregated in the order of the ordered subquery (nothing between them reorders rows).
        const { list } = field;
        const items = alias();
        return `(SELECT coalesce(json_agg(json_build_array(${elements(field.object, items)})), '[]') FROM (SELECT ${projected(field.object, list.alias)}
          FROM ${field.table} ${list.alias} WHERE ${list.alias}.${list.ownerColumn} = ${row}.id ORDER BY ${list.orderBy}) ${items})`;
      }
      case "page":
        return page(field.page, field.object, row);
    }
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
      preparable = false;
    }
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const direction = (sort.direction === "DESC") !== request.backward ? "DESC" : "ASC";
    const items = alias();
    const sortText = read.cursors ? `, (${sort.expression})::text AS __sort` : "";
    const rows = `SELECT ${projected(object, listAlias)}${sortText} FROM ${query.from} ${where}
      ORDER BY ${sort.expression} ${direction}, ${listAlias}.id ${direction} LIMIT ${request.limit + 1}`;
    const values = [...(read.cursors ? [`${items}.__sort`, `${items}.id`] : []), ...object.fields.map((field) => element(field, items))].join(", ");
    const list = `(SELECT coalesce(json_agg(json_build_array(${values})), '[]') FROM (${rows}) ${items})`;
    const count = read.count ? `(SELECT count(*)::int FROM ${query.from} ${counted.length ? `WHERE ${counted.join(" AND ")}` : ""})` : "null";
    return `json_build_array(${list}, ${count})`;
  }

  function search(root: Extract<ReadRoot, { kind: "search" }>): string {
    const hits = root.hits(params);
    preparable = false; // planned with the query's words: a common word and a rare one want different plans
    const cases = root.objects.map((byType) => {
      const branches = Object.entries(byType).map(([type, { table, object }]) => {
        const row = alias();
        return `WHEN '${type}' THEN (SELECT json_build_array(${elements(object, row)}) FROM ${table} ${row} WHERE ${row}.id = hit.id)`;
      });
      return `, CASE hit.type ${branches.join(" ")} END`;
    });
    return `(SELECT coalesce(json_agg(json_build_array(hit.type, hit.id, hit.rank, hit.snippet${cases.join("")})), '[]') FROM (${hits}) hit)`;
  }

  const values = roots.map((root) => {
    if (root.kind === "page") return page(root.page, root.object);
    if (root.kind === "search") return search(root);
    const row = alias();
    return `(SELECT json_build_array(${elements(root.object, row)}) FROM ${root.table} ${row} WHERE ${row}.id = ${params.param(root.id)}::uuid)`;
  });
  return { sql: `SELECT json_build_array(${values.join(", ")}) AS data`, params: params.values, preparable };
}
