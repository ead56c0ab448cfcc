import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import {
  getNamedType,
  getNullableType,
  getVariableValues,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  OperationTypeNode,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  print,
} from "graphql";
import { getArgumentValues } from "graphql/execution/values";
import { types } from "pg";
import type { DataSource } from "typeorm";
import type { Context } from "../context";
import { cursorCondition, orderingOf, pageSides } from "../db/pagination";
import { SqlParams } from "../db/sql";
import { queryPrepared } from "../db/prepared";
import { readStatement, type ReadField, type ReadObject, type ReadPage, type ReadRoot } from "../db/read-plan";
import type { ListArgs, ListRelation, PlainListRelation, SearchKind } from "../db/relations";
import { ENTITIES, relationOf } from "../registry";
import { encodeCursor, pageRequest } from "../contract/pages";
import { unguardedField } from "./direct-resolvers";
import { parseGlobalId, toGlobalId } from "../contract/global-id";
import { DateScalar, DateTimeScalar } from "./scalars";
import { unstorableTextPath } from "../contract/unstorable-text";
import { hitsQuery } from "../db/search";
import { encodeOffset, searchRequest } from "../modules/search/search.request";

/**
 * The read planner: answers a query in one SQL statement when every field it selects is one the
 * registry (registry.ts) or an entity's columns describe, with no guard, argument check or
 * resolver logic of its own; anything else (a field resolver with logic, a guarded field, a
 * filter, a directive, an abstract type, a mutation) leaves the query to graphql-js and the
 * resolvers, which answer every query. Both read the same list definitions.
 *
 * Why: on the nested benchmark query graphql-js ran 2,000 field resolvers, most through promises,
 * and the driver parsed the rows of three statements; a planned answer is one statement whose
 * JSON PostgreSQL nests, turned into the response by a few functions compiled once per document.
 *
 * A plan is worked out once per parsed document and operation (Apollo caches documents), and bound
 * to each request's variables. Arguments that fail the resolvers' checks (a page size out of range,
 * a foreign cursor, an id of another type) leave the query to the resolvers too, so their errors
 * come from one place. With NEWSGRAPH_CHECK_PLANNED_READS=true (the tests set it) every planned
 * answer is compared with the resolvers' answer to the same request and a difference is an error.
 */

// ---------------------------------------------------------------------------------------------
// Plans: what each selected field is, independent of the variables.

type Convert = (value: unknown) => unknown;

type FieldPlan =
  | { kind: "literal"; key: string; value: string }
  | { kind: "globalId"; key: string; typeName: string }
  | { kind: "column"; key: string; column: string; cast?: "text"; convert?: Convert }
  | { kind: "reference"; key: string; table: string; column: string; object: ObjectPlan }
  | { kind: "plainList"; key: string; table: string; relation: PlainListRelation; object: ObjectPlan }
  | { kind: "connection"; key: string; connection: ConnectionPlan };

interface ObjectPlan {
  columns: readonly string[];
  fields: readonly FieldPlan[];
}

/** A connection field: its list, its arguments (bound per request), and which of its parts are selected. */
interface ConnectionPlan {
  relation: ListRelation;
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  parts: readonly ConnectionPart[];
  /** The nodes as `nodes` and as `edges { node }` select them (either may be absent). */
  nodes?: ObjectPlan;
  edgeNodes?: ObjectPlan;
  count: boolean;
  /** Whether a cursor is selected (an edge's, or pageInfo's start or end). */
  cursors: boolean;
  /** Whether pageInfo's hasNextPage or hasPreviousPage is selected (see beyondPage). */
  beyond: boolean;
}

type ConnectionPart =
  | { kind: "literal"; key: string; value: string }
  | { kind: "nodes"; key: string }
  | { kind: "totalCount"; key: string }
  | { kind: "edges"; key: string; parts: readonly { key: string; kind: "literal" | "cursor" | "node"; value?: string }[] }
  | { kind: "pageInfo"; key: string; parts: readonly { key: string; kind: "literal" | "hasNextPage" | "hasPreviousPage" | "startCursor" | "endCursor"; value?: string }[] };

type RootPlan =
  | { kind: "byId"; key: string; typeName: string; field: GraphQLField<unknown, unknown>; node: FieldNode; table: string; object: ObjectPlan }
  | { kind: "connection"; key: string; connection: ConnectionPlan }
  | { kind: "search"; key: string; search: SearchPlan };

/** A search: its page's parts, and the hits as `nodes` and as `edges { node }` select them. */
interface SearchPlan {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
  parts: readonly ConnectionPart[];
  /** Each: the hit's parts, and its object's plan by type (none when `node` is not selected). */
  hits: readonly { parts: readonly { key: string; kind: "literal" | "rank" | "snippet" | "node"; value?: string }[]; objects?: { [type: string]: ObjectPlan } }[];
  /** What it searches (the registry's), and the table of each hit type. */
  kinds: readonly SearchKind[];
  tables: { readonly [type: string]: string };
  /** Which of `hits` the `nodes` part and the `edges { node }` part use. */
  nodesHit?: number;
  edgesHit?: number;
  snippets: boolean;
  /** As a connection's (see beyondPage). */
  beyond: boolean;
}

/**
 * Whether a page's parts ask if more items follow or precede it: only then is one item past the
 * page read, to tell. Q1 asks for none, and that extra row was an extra event with its ten
 * statements, and one statement more under every event, with their speakers and affiliations.
 */
const beyondPage = (parts: readonly ConnectionPart[]) =>
  parts.some((part) => part.kind === "pageInfo" && part.parts.some((it) => it.kind === "hasNextPage" || it.kind === "hasPreviousPage"));

/** Thrown while planning: the query is left to the resolvers. */
class Unplannable extends Error {}
const unplannable = (why: string): never => {
  throw new Unplannable(why);
};

const IDENTITY_SCALARS = new Set([GraphQLString.name, GraphQLInt.name, GraphQLFloat.name, GraphQLBoolean.name, DateScalar.name]);
const parseTimestamptz = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (text: string) => Date;
// json_build_array takes at most 100 arguments; a page's items also carry their sort key and id.
const MAX_ELEMENTS = 98;

class Planner {
  constructor(
    private readonly db: DataSource,
    private readonly schema: GraphQLSchema,
    private readonly fragments: { [name: string]: FragmentDefinitionNode },
  ) {}

  /** The fields of `selectionSet` on `type` by response key, fragments merged (graphql-js's CollectFields, without directives). */
  collect(selectionSet: SelectionSetNode, type: GraphQLObjectType, into = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> {
    for (const selection of selectionSet.selections) {
      if (selection.directives?.length) unplannable("a directive");
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        into.set(key, [...(into.get(key) ?? []), selection]);
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? this.fragments[selection.name.value] : selection;
      if (!fragment) unplannable("an unknown fragment");
      const condition = fragment.typeCondition?.name.value;
      if (condition !== undefined && condition !== type.name) {
        const conditionType = this.schema.getType(condition);
        if (!conditionType || isObjectType(conditionType) || !this.schema.isSubType(conditionType as never, type)) continue;
      }
      this.collect(fragment.selectionSet, type, into);
    }
    return into;
  }

  /** The selection sets of all nodes of one response key, as one. */
  private merged(nodes: readonly FieldNode[]): SelectionSetNode {
    return { kind: Kind.SELECTION_SET, selections: nodes.flatMap((node) => node.selectionSet?.selections ?? []) };
  }

  object(type: GraphQLObjectType, selectionSet: SelectionSetNode): ObjectPlan {
    const entity = ENTITIES[type.name] ?? unplannable(`${type.name} is not a stored type`);
    const metadata = this.db.getMetadata(entity);
    const columns = new Set<string>();
    if (metadata.columns.some((column) => column.propertyName === "id")) columns.add("id");
    const fields: FieldPlan[] = [];
    for (const [key, nodes] of this.collect(selectionSet, type)) {
      const name = nodes[0].name.value;
      if (name === "__typename") {
        fields.push({ kind: "literal", key, value: type.name });
        continue;
      }
      const field = type.getFields()[name] ?? unplannable(`no field ${type.name}.${name}`);
      if (!unguardedField(type.name, name)) unplannable(`${type.name}.${name} is guarded`);
      const relation = relationOf(type.name, name);
      if (relation?.kind === "reference") {
        const column = metadata.findColumnWithDatabaseName(relation.column) ?? unplannable(`no column ${relation.column}`);
        if (isNonNullType(field.type) && column.isNullable) unplannable(`${type.name}.${name} may be null`);
        columns.add(relation.column);
        const target = this.object(getNullableType(field.type) as GraphQLObjectType, this.merged(nodes));
        fields.push({ kind: "reference", key, table: this.db.getMetadata(relation.entity).tableName, column: relation.column, object: target });
      } else if (relation?.kind === "plainList") {
        const item = getNamedType(field.type);
        if (!isObjectType(item)) unplannable("a list of an abstract type");
        fields.push({ kind: "plainList", key, table: this.db.getMetadata(relation.list.entity).tableName, relation, object: this.object(item as GraphQLObjectType, this.merged(nodes)) });
      } else if (relation?.kind === "connection") {
        fields.push({ kind: "connection", key, connection: this.connection(relation, field, nodes) });
      } else if (relation) {
        unplannable(`${type.name}.${name} is a root relation`);
      } else if (name === "id" && columns.has("id")) {
        fields.push({ kind: "globalId", key, typeName: entity.name });
      } else {
        // A plain field: graphql's default resolver reads its property, a column of the entity.
        if (field.resolve !== undefined || field.args.length > 0) unplannable(`${type.name}.${name} has a resolver`);
        const column = metadata.columns.find((it) => it.propertyName === name) ?? unplannable(`${type.name}.${name} is not a column`);
        if (isNonNullType(field.type) && column.isNullable) unplannable(`${type.name}.${name} may be null`);
        columns.add(column.databaseName);
        fields.push({ kind: "column", key, column: column.databaseName, ...leaf(field.type, String(column.type)) });
      }
    }
    if (fields.length > MAX_ELEMENTS) unplannable("too many fields on one object");
    return { columns: [...columns], fields };
  }

  connection(relation: ListRelation, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[]): ConnectionPlan {
    if (!sameArguments(nodes)) unplannable("differing arguments");
    const connectionType = getNullableType(field.type) as GraphQLObjectType;
    const plan: { parts: ConnectionPart[]; nodes?: ObjectPlan; edgeNodes?: ObjectPlan; count: boolean } = { parts: [], count: false };
    for (const [key, parts] of this.collect(this.merged(nodes), connectionType)) {
      const name = parts[0].name.value;
      if (name === "__typename") plan.parts.push({ kind: "literal", key, value: connectionType.name });
      else if (name === "nodes") {
        if (plan.nodes) unplannable("nodes twice under different keys");
        plan.nodes = this.object(getNamedType(connectionType.getFields().nodes.type) as GraphQLObjectType, this.merged(parts));
        plan.parts.push({ kind: "nodes", key });
      } else if (name === "totalCount") {
        plan.count = true;
        plan.parts.push({ kind: "totalCount", key });
      } else if (name === "edges" && !plan.edgeNodes) {
        plan.parts.push(this.edges(connectionType, key, parts, (nodeType, selection) => (plan.edgeNodes = this.object(nodeType, selection))));
      } else if (name === "pageInfo") plan.parts.push(this.pageInfo(connectionType, key, parts));
      else unplannable(`${connectionType.name}.${name}`);
    }
    const elements = (plan.nodes?.fields.length ?? 0) + (plan.edgeNodes?.fields.length ?? 0);
    if (elements > MAX_ELEMENTS) unplannable("too many fields on one page's items");
    const cursors = plan.parts.some(
      (part) => (part.kind === "edges" || part.kind === "pageInfo") && part.parts.some((it) => ["cursor", "startCursor", "endCursor"].includes(it.kind)),
    );
    return { relation, field, node: nodes[0], ...plan, cursors, beyond: beyondPage(plan.parts) };
  }

  search(kinds: readonly SearchKind[], field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[]): SearchPlan {
    const hitTypes = kinds.map((kind) => kind.entity.name);
    if (!sameArguments(nodes)) unplannable("differing arguments");
    const connectionType = getNullableType(field.type) as GraphQLObjectType;
    const plan: { parts: ConnectionPart[]; hits: SearchPlan["hits"][number][]; nodesHit?: number; edgesHit?: number; snippets: boolean } = { parts: [], hits: [], snippets: false };
    const hitType = getNamedType(connectionType.getFields().nodes.type) as GraphQLObjectType;
    const hitPlan = (selectionSet: SelectionSetNode) => {
      const parts: SearchPlan["hits"][number]["parts"][number][] = [];
      let objects: { [type: string]: ObjectPlan } | undefined;
      for (const [key, hitNodes] of this.collect(selectionSet, hitType)) {
        const name = hitNodes[0].name.value;
        if (name === "__typename") parts.push({ key, kind: "literal", value: hitType.name });
        else if (name === "rank" || name === "snippet") parts.push({ key, kind: name });
        else if (name === "node" && !objects) {
          const selection = this.merged(hitNodes);
          objects = Object.fromEntries(hitTypes.map((type) => [type, this.object(this.schema.getType(type) as GraphQLObjectType, selection)]));
          parts.push({ key, kind: "node" });
        } else unplannable(`${hitType.name}.${name}`);
      }
      plan.snippets ||= parts.some((part) => part.kind === "snippet");
      plan.hits.push({ parts, objects });
      return plan.hits.length - 1;
    };
    for (const [key, parts] of this.collect(this.merged(nodes), connectionType)) {
      const name = parts[0].name.value;
      if (name === "__typename") plan.parts.push({ kind: "literal", key, value: connectionType.name });
      else if (name === "nodes" && plan.nodesHit === undefined) {
        plan.nodesHit = hitPlan(this.merged(parts));
        plan.parts.push({ kind: "nodes", key });
      } else if (name === "edges" && plan.edgesHit === undefined) {
        plan.parts.push(this.edges(connectionType, key, parts, (_, selection) => (plan.edgesHit = hitPlan(selection))));
      } else if (name === "pageInfo") plan.parts.push(this.pageInfo(connectionType, key, parts));
      else unplannable(`${connectionType.name}.${name}`); // totalCount counts every match: left to the resolvers
    }
    const tables = Object.fromEntries(kinds.map((kind) => [kind.entity.name, this.db.getMetadata(kind.entity).tableName]));
    return { field, node: nodes[0], kinds, tables, ...plan, beyond: beyondPage(plan.parts) };
  }

  /** A connection's `edges`: their parts, with `planNode` called once for the selection of `node` (an edge's node selected twice is left to the resolvers). */
  private edges(connectionType: GraphQLObjectType, key: string, nodes: readonly FieldNode[], planNode: (type: GraphQLObjectType, selection: SelectionSetNode) => void): ConnectionPart {
    const edgeType = getNamedType(connectionType.getFields().edges.type) as GraphQLObjectType;
    const parts: { key: string; kind: "literal" | "cursor" | "node"; value?: string }[] = [];
    for (const [edgeKey, edgeNodes] of this.collect(this.merged(nodes), edgeType)) {
      const edgeName = edgeNodes[0].name.value;
      if (edgeName === "__typename") parts.push({ key: edgeKey, kind: "literal", value: edgeType.name });
      else if (edgeName === "cursor") parts.push({ key: edgeKey, kind: "cursor" });
      else if (edgeName === "node" && !parts.some((part) => part.kind === "node")) {
        planNode(getNamedType(edgeType.getFields().node.type) as GraphQLObjectType, this.merged(edgeNodes));
        parts.push({ key: edgeKey, kind: "node" });
      } else unplannable(`${edgeType.name}.${edgeName}`);
    }
    return { kind: "edges", key, parts };
  }

  private pageInfo(connectionType: GraphQLObjectType, key: string, nodes: readonly FieldNode[]): ConnectionPart {
    const infoType = getNamedType(connectionType.getFields().pageInfo.type) as GraphQLObjectType;
    const parts = [...this.collect(this.merged(nodes), infoType)].map(([infoKey, infoNodes]) => {
      const infoName = infoNodes[0].name.value;
      if (infoName === "__typename") return { key: infoKey, kind: "literal" as const, value: infoType.name };
      if (["hasNextPage", "hasPreviousPage", "startCursor", "endCursor"].includes(infoName)) return { key: infoKey, kind: infoName as "hasNextPage" };
      return unplannable(`PageInfo.${infoName}`);
    });
    return { kind: "pageInfo", key, parts };
  }

  root(type: GraphQLObjectType, key: string, nodes: readonly FieldNode[]): RootPlan {
    const name = nodes[0].name.value;
    const field = type.getFields()[name] ?? unplannable(`no field ${name}`);
    const relation = relationOf(type.name, name) ?? unplannable(`Query.${name} is not in the registry`);
    if (!unguardedField(type.name, name)) unplannable(`Query.${name} is guarded`);
    if (relation.kind === "connection") return { kind: "connection", key, connection: this.connection(relation, field, nodes) };
    if (relation.kind === "search") return { kind: "search", key, search: this.search(relation.kinds, field, nodes) };
    if (relation.kind !== "byId") return unplannable(`Query.${name}`);
    const objectType = getNullableType(field.type) as GraphQLObjectType;
    if (!sameArguments(nodes)) unplannable("differing arguments");
    const table = this.db.getMetadata(relation.entity).tableName;
    return { kind: "byId", key, typeName: relation.entity.name, field, node: nodes[0], table, object: this.object(objectType, this.merged(nodes)) };
  }
}

/** Whether the nodes of one response key pass the same arguments (validation requires it; a plan binds the first's). */
function sameArguments(nodes: readonly FieldNode[]): boolean {
  const spelled = (node: FieldNode) => (node.arguments ?? []).map((argument) => print(argument)).join(", ");
  return nodes.every((node) => spelled(node) === spelled(nodes[0]));
}

/** How a leaf's value comes from PostgreSQL's JSON: as it is, or converted as the resolvers' values would be. */
function leaf(type: GraphQLOutputType, columnType: string): { cast?: "text"; convert?: Convert } {
  const named = getNamedType(type);
  const list = isListType(getNullableType(type));
  if (isScalarType(named) && named.name === DateTimeScalar.name && !list) {
    // to_json(timestamptz) is not the resolvers' format: read the text and parse it as the driver does.
    if (columnType !== "timestamptz") unplannable("a DateTime that is not a timestamptz");
    return { cast: "text", convert: (value) => (value === null ? null : DateTimeScalar.serialize(parseTimestamptz(value as string))) };
  }
  if (isScalarType(named) && IDENTITY_SCALARS.has(named.name)) return {};
  if (isScalarType(named) && named.name === GraphQLID.name && !list) return {};
  if (isEnumType(named)) {
    if (named.getValues().every((value) => value.value === value.name)) return {};
    if (list) unplannable("a list of enum values");
    return { convert: (value) => (value === null ? null : named.serialize(value)) };
  }
  return unplannable(`the scalar ${named.name}`);
}

interface OperationPlan {
  roots: readonly RootPlan[];
}

/** The plan of `operation`, or undefined when some field of it is left to the resolvers. */
function planOperation(db: DataSource, schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationPlan | undefined {
  if (operation.operation !== OperationTypeNode.QUERY) return undefined;
  const fragments: { [name: string]: FragmentDefinitionNode } = {};
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const planner = new Planner(db, schema, fragments);
  const queryType = schema.getQueryType()!;
  try {
    const roots = [...planner.collect(operation.selectionSet, queryType)].map(([key, nodes]) => planner.root(queryType, key, nodes));
    return roots.length > 0 ? { roots } : undefined;
  } catch (error) {
    if (error instanceof Unplannable) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Binding a plan to a request's variables, and the answer from the statement's JSON.

/** A bound connection's page, and how to read its items back. */
interface BoundConnection {
  read: ReadPage;
  ordering: string;
}

/** Thrown while binding: an argument the resolvers should answer (with their error). */
class LeftToResolvers extends Error {}

/** A field's arguments; text PostgreSQL cannot store is refused by the resolvers' input validation (validation.ts). */
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: { [name: string]: unknown }): { [name: string]: unknown } {
  const args = getArgumentValues(field, node, variables);
  if (unstorableTextPath(args) !== undefined) throw new LeftToResolvers();
  return args;
}

interface SearchPage {
  limit: number;
  offset: number;
}

function bindSearch(db: DataSource, plan: SearchPlan, variables: { [name: string]: unknown }, bound: Map<ConnectionPlan, BoundConnection>, searches: Map<SearchPlan, SearchPage>): ReadRoot {
  let request;
  try {
    request = searchRequest(argumentsOf(plan.field, plan.node, variables) as { query: string; first?: number; after?: string });
  } catch {
    throw new LeftToResolvers();
  }
  const { text, limit, offset } = request;
  searches.set(plan, { limit, offset });
  const objects = [plan.nodesHit, plan.edgesHit]
    .map((index) => (index === undefined ? undefined : plan.hits[index].objects))
    .filter((it): it is { [type: string]: ObjectPlan } => it !== undefined)
    .map((byType) => Object.fromEntries(Object.entries(byType).map(([type, object]) => [type, { table: plan.tables[type], object: bindObject(object, variables, bound) }])));
  return { kind: "search", hits: hitsQuery(db, plan.kinds, text, offset, plan.beyond ? limit + 1 : limit, plan.snippets), objects };
}

function bindConnection(plan: ConnectionPlan, variables: { [name: string]: unknown }, bound: Map<ConnectionPlan, BoundConnection>): ReadPage {
  const args = argumentsOf(plan.field, plan.node, variables) as ListArgs & { filter?: unknown; first?: number };
  // Filters run through the resolvers' input validation (class-validator); lists without them are planned.
  if (args.filter !== undefined && args.filter !== null) throw new LeftToResolvers();
  let query;
  let page;
  try {
    query = plan.relation.list(args);
    page = pageRequest(args);
    cursorCondition({ ...query, params: new SqlParams() }, page); // refuses a cursor of another list or ordering
  } catch {
    throw new LeftToResolvers();
  }
  if (query.params.values.length > 0) throw new LeftToResolvers();
  const read: ReadPage = { query, page, partition: plan.relation.partition, count: plan.count, cursors: plan.cursors, beyond: plan.beyond };
  bound.set(plan, { read, ordering: orderingOf(query.sort) });
  return read;
}

function bindObject(plan: ObjectPlan, variables: { [name: string]: unknown }, bound: Map<ConnectionPlan, BoundConnection>): ReadObject {
  const fields: ReadField[] = [];
  for (const field of plan.fields) {
    if (field.kind === "literal") continue;
    if (field.kind === "globalId") fields.push({ kind: "column", column: "id" });
    else if (field.kind === "column") fields.push({ kind: "column", column: field.column, cast: field.cast });
    else if (field.kind === "reference") fields.push({ kind: "reference", table: field.table, column: field.column, object: bindObject(field.object, variables, bound) });
    else if (field.kind === "plainList") fields.push({ kind: "plainList", table: field.table, list: field.relation.list, object: bindObject(field.object, variables, bound) });
    else fields.push({ kind: "page", page: bindConnection(field.connection, variables, bound), object: bindItems(field.connection, variables, bound) });
  }
  return { columns: plan.columns, fields };
}

/** A page's items carry the fields of `nodes`, then those of `edges { node }`. */
function bindItems(plan: ConnectionPlan, variables: { [name: string]: unknown }, bound: Map<ConnectionPlan, BoundConnection>): ReadObject {
  const parts = [plan.nodes, plan.edgeNodes].filter((it): it is ObjectPlan => it !== undefined).map((it) => bindObject(it, variables, bound));
  const columns = new Set<string>(["id", ...parts.flatMap((part) => part.columns)]);
  return { columns: [...columns], fields: parts.flatMap((part) => part.fields) };
}

function answerObject(plan: ObjectPlan, values: unknown[], start: number, bound: Map<ConnectionPlan, BoundConnection>): { [key: string]: unknown } {
  const result: { [key: string]: unknown } = {};
  let index = start;
  for (const field of plan.fields) {
    if (field.kind === "literal") {
      result[field.key] = field.value;
      continue;
    }
    const value = values[index++];
    switch (field.kind) {
      case "globalId":
        result[field.key] = toGlobalId(field.typeName, value as string);
        break;
      case "column":
        result[field.key] = field.convert ? field.convert(value) : value;
        break;
      case "reference":
        result[field.key] = value === null ? null : answerObject(field.object, value as unknown[], 0, bound);
        break;
      case "plainList":
        result[field.key] = (value as unknown[][]).map((item) => answerObject(field.object, item, 0, bound));
        break;
      case "connection":
        result[field.key] = answerConnection(field.connection, value as [unknown[][], number | null], bound);
        break;
    }
  }
  return result;
}

/** One item of a page: its values, and its cursor (made only when selected). */
interface PageEntry {
  item: unknown[];
  cursor(): string;
}

/**
 * A page's selected parts (nodes, edges, pageInfo, totalCount), as the resolvers' pages have them:
 * `nodeOf` and `edgeNodeOf` make an item's node as `nodes` and as `edges { node }` select it.
 */
function answerPage(
  parts: readonly ConnectionPart[],
  entries: readonly PageEntry[],
  info: { hasNextPage: boolean; hasPreviousPage: boolean; totalCount?: number | null },
  nodeOf: (item: unknown[]) => unknown,
  edgeNodeOf: (item: unknown[]) => unknown,
): { [key: string]: unknown } {
  const result: { [key: string]: unknown } = {};
  for (const part of parts) {
    if (part.kind === "literal") result[part.key] = part.value;
    else if (part.kind === "totalCount") result[part.key] = info.totalCount;
    else if (part.kind === "nodes") result[part.key] = entries.map(({ item }) => nodeOf(item));
    else if (part.kind === "edges") {
      result[part.key] = entries.map((entry) => {
        const edge: { [key: string]: unknown } = {};
        for (const edgePart of part.parts) {
          if (edgePart.kind === "literal") edge[edgePart.key] = edgePart.value;
          else if (edgePart.kind === "cursor") edge[edgePart.key] = entry.cursor();
          else edge[edgePart.key] = edgeNodeOf(entry.item);
        }
        return edge;
      });
    } else {
      const pageInfo: { [key: string]: unknown } = {};
      for (const infoPart of part.parts) {
        if (infoPart.kind === "literal") pageInfo[infoPart.key] = infoPart.value;
        else if (infoPart.kind === "hasNextPage" || infoPart.kind === "hasPreviousPage") pageInfo[infoPart.key] = info[infoPart.kind];
        else if (infoPart.kind === "startCursor") pageInfo[infoPart.key] = entries[0]?.cursor() ?? null;
        else pageInfo[infoPart.key] = entries[entries.length - 1]?.cursor() ?? null;
      }
      result[part.key] = pageInfo;
    }
  }
  return result;
}

function answerConnection(plan: ConnectionPlan, [rows, count]: [unknown[][], number | null], bound: Map<ConnectionPlan, BoundConnection>): { [key: string]: unknown } {
  const { read, ordering } = bound.get(plan)!;
  const { page } = read;
  const hasMore = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  if (page.backward) items.reverse();
  const entries = items.map((item) => ({ item, cursor: () => encodeCursor({ ordering, sort: item[0] as string, id: item[1] as string }) }));
  const nodesOffset = plan.cursors ? 2 : 0;
  const edgeNodesOffset = nodesOffset + (plan.nodes?.fields.filter((field) => field.kind !== "literal").length ?? 0);
  return answerPage(
    plan.parts,
    entries,
    { ...pageSides(page, hasMore), totalCount: count },
    (item) => answerObject(plan.nodes!, item, nodesOffset, bound),
    (item) => answerObject(plan.edgeNodes!, item, edgeNodesOffset, bound),
  );
}

/** A page of search hits from its items [type, id, rank, snippet, ...objects], as the search resolver pages them. */
function answerSearch(plan: SearchPlan, items: unknown[][], { limit, offset }: SearchPage, bound: Map<ConnectionPlan, BoundConnection>): { [key: string]: unknown } {
  // After [type, id, rank, snippet]: the object of each of the two hit plans that selects `node`, in that order.
  const withObjects = [plan.nodesHit, plan.edgesHit].filter((hit) => hit !== undefined && plan.hits[hit].objects);
  const hitOf = (hit: number, item: unknown[]) => {
    const result: { [key: string]: unknown } = {};
    for (const part of plan.hits[hit].parts) {
      if (part.kind === "literal") result[part.key] = part.value;
      else if (part.kind === "rank") result[part.key] = item[2];
      else if (part.kind === "snippet") result[part.key] = item[3];
      else result[part.key] = answerObject(plan.hits[hit].objects![item[0] as string], item[4 + withObjects.indexOf(hit)] as unknown[], 0, bound);
    }
    return result;
  };
  // Every hit's object is there: the statement reads the hits and the objects in one snapshot (the resolvers skip one deleted in between).
  const entries = items.slice(0, limit).map((item, index) => ({ item, cursor: () => encodeOffset(offset + index) }));
  return answerPage(
    plan.parts,
    entries,
    { hasNextPage: items.length > limit, hasPreviousPage: offset > 0 },
    (item) => hitOf(plan.nodesHit!, item),
    (item) => hitOf(plan.edgesHit!, item),
  );
}

export interface ReadPlanner {
  /** The data of the query, read in one statement; undefined when the resolvers must answer it. */
  answer(document: DocumentNode, operation: OperationDefinitionNode, variables: { [name: string]: unknown } | undefined): Promise<{ [key: string]: unknown } | undefined>;
}

export function createReadPlanner(db: DataSource, schema: GraphQLSchema): ReadPlanner {
  const plans = new WeakMap<OperationDefinitionNode, OperationPlan | null>();
  return {
    async answer(document, operation, rawVariables) {
      let plan = plans.get(operation);
      if (plan === undefined) {
        plan = planOperation(db, schema, document, operation) ?? null;
        plans.set(operation, plan);
      }
      if (plan === null) return undefined;
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: 1 });
      if (coerced.errors) return undefined;
      const variables = coerced.coerced;
      const bound = new Map<ConnectionPlan, BoundConnection>();
      const searches = new Map<SearchPlan, SearchPage>();
      let roots: ReadRoot[];
      try {
        roots = plan.roots.map((root): ReadRoot => {
          if (root.kind === "connection") return { kind: "page", page: bindConnection(root.connection, variables, bound), object: bindItems(root.connection, variables, bound) };
          if (root.kind === "search") return bindSearch(db, root.search, variables, bound, searches);
          const { id } = argumentsOf(root.field, root.node, variables) as { id: string };
          const parsed = parseGlobalId(id);
          if (!parsed || parsed.type !== root.typeName) throw new LeftToResolvers();
          return { kind: "byId", table: root.table, id: parsed.id, object: bindObject(root.object, variables, bound) };
        });
      } catch (error) {
        if (error instanceof LeftToResolvers) return undefined;
        throw error;
      }
      const statement = readStatement(roots);
      let rows: { data?: unknown }[];
      try {
        rows = statement.prepared ? await queryPrepared(db, statement.sql, statement.params, statement.prepared) : await db.query(statement.sql, statement.params);
      } catch {
        // A database fault (unavailable, a timeout, a broken table): the resolvers read again and
        // report it as they report every fault, with each root field's path and code (error-masking.ts).
        return undefined;
      }
      const values = rows[0].data as unknown[];
      const data: { [key: string]: unknown } = {};
      plan.roots.forEach((root, index) => {
        const value = values[index];
        if (root.kind === "connection") data[root.key] = answerConnection(root.connection, value as [unknown[][], number | null], bound);
        else if (root.kind === "search") data[root.key] = answerSearch(root.search, value as unknown[][], searches.get(root.search)!, bound);
        else data[root.key] = value === null ? null : answerObject(root.object, value as unknown[], 0, bound);
      });
      return data;
    },
  };
}

/** A comparison of a planned answer with another (the tests': the resolvers' answer); throws on a difference. */
export type PlannedAnswerCheck = (data: unknown, request: { document: DocumentNode; operationName?: string; variables?: { [name: string]: unknown } }) => Promise<void>;

/** Answers planned queries before graphql-js would execute them (Apollo's responseForOperation). */
export function plannedReads(planner: ReadPlanner, check?: PlannedAnswerCheck): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, request, operationName }) {
          // No operation (none matches operationName, or it is ambiguous): graphql-js reports that.
          if (!operation) return null;
          const data = await planner.answer(document, operation, request.variables);
          if (data === undefined) return null;
          await check?.(data, { document, operationName: operationName ?? undefined, variables: request.variables });
          return { http: { headers: new HeaderMap(), status: undefined }, body: { kind: "single", singleResult: { data } } };
        },
      };
    },
  };
}

