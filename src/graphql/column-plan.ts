import type { ApolloServerPlugin } from "@apollo/server";
import {
  isInterfaceType,
  isObjectType,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { getMetadataStorage } from "type-graphql";
import type { DataSource } from "typeorm";
import type { Context } from "../context";
import type { ColumnPlan } from "../db/identity-map";
import type { Column, ColumnSet } from "../db/sql";

/**
 * Which columns a query reads: for each stored type it selects, the columns of the fields it asks
 * for, plus the keys (id and every reference column) that resolvers and the next level need. Rows
 * read that way are smaller for Postgres to send and for the driver to parse: on the benchmark's
 * nested query a quarter of the service's CPU went to columns nobody had asked for.
 *
 * What a field of a stored type reads:
 * - `@Extensions({ reads: [...] })` on the field: those properties (for getters such as sourceSpan);
 * - a field with a resolver of its own (`@FieldResolver`): the keys only, which are always read;
 *   field resolvers read `id` and reference columns (`speakerId`), or declare `reads`;
 * - a field on a column's property: that column;
 * - anything else (an undeclared getter): every column, so a field nobody described still works
 *   (a test keeps the schema free of those).
 *
 * The plan comes from the whole document, fragments included, and ignores @skip/@include: at worst
 * it reads a column more. It is worked out once per parsed document (Apollo caches those).
 */

interface StoredType {
  entity: object;
  table: string;
  columns: readonly (Column & { key: boolean })[];
  /** What each GraphQL field reads: property names, or "all". */
  reads: Map<string, readonly string[] | "all">;
}

/** What each field of `type`, backed by `entity`, reads (see the rules above). */
function readsOfFields(type: GraphQLObjectType, entity: Function, columns: readonly Column[]): Map<string, readonly string[] | "all"> {
  const storage = getMetadataStorage();
  const classes: unknown[] = [];
  for (let target: unknown = entity; typeof target === "function" && target !== Function.prototype; target = Object.getPrototypeOf(target)) classes.push(target);
  const resolved = new Set(storage.fieldResolvers.filter((resolver) => resolver.kind === "external" && classes.includes(resolver.getObjectType?.())).map((resolver) => resolver.schemaName));
  const reads = new Map<string, readonly string[] | "all">();
  for (const field of Object.values(type.getFields())) {
    const declared = field.extensions.reads as string[] | undefined;
    const property = storage.fields.find((metadata) => metadata.schemaName === field.name && classes.includes(metadata.target))?.name;
    if (declared) reads.set(field.name, declared);
    else if (resolved.has(field.name)) reads.set(field.name, []);
    else if (property !== undefined && columns.some((column) => column.propertyName === property)) reads.set(field.name, [property]);
    else reads.set(field.name, "all");
  }
  return reads;
}

export type ColumnPlanner = (document: DocumentNode) => ColumnPlan;

/** A planner for the stored types of `schema` (object types named like a TypeORM entity). */
export function createColumnPlanner(db: DataSource, schema: GraphQLSchema): ColumnPlanner {
  const storedTypes = storedTypesOf(db, schema);
  // One ColumnSet object per distinct set of columns, whatever document asked for it.
  const sets = new Map<string, ColumnSet>();
  const plans = new WeakMap<DocumentNode, ColumnPlan>();

  function plan(document: DocumentNode): ColumnPlan {
    const wanted = new Map<StoredType, Set<string> | "all">();
    const want = (type: GraphQLObjectType, fieldName: string) => {
      const stored = storedTypes.get(type.name);
      if (!stored) return;
      // `__typename` (no entry) reads only the keys, like a field resolver.
      const reads = stored.reads.get(fieldName) ?? [];
      const sofar = wanted.get(stored) ?? new Set<string>();
      if (reads === "all" || sofar === "all") wanted.set(stored, "all");
      else wanted.set(stored, new Set([...sofar, ...reads]));
    };
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const types = isObjectType(parent) ? [parent] : isInterfaceType(parent) ? schema.getPossibleTypes(parent) : [];
          for (const type of types) want(type, node.name.value);
        },
      }),
    );
    const result = new Map<object, ColumnSet>();
    for (const [stored, properties] of wanted) {
      if (properties === "all") continue; // read whole, as without a plan
      const columns = stored.columns.filter((column) => column.key || properties.has(column.propertyName));
      const key = `${stored.table}:${columns.map((column) => column.databaseName).join(",")}`;
      let set = sets.get(key);
      if (!set) sets.set(key, (set = { key, columns: columns.map(({ databaseName, propertyName }) => ({ databaseName, propertyName })) }));
      result.set(stored.entity, set);
    }
    return result;
  }

  return (document) => {
    let found = plans.get(document);
    if (!found) plans.set(document, (found = plan(document)));
    return found;
  };
}

/** The GraphQL object types backed by an entity, by type name, with their columns and keys. */
export function storedTypesOf(db: DataSource, schema: GraphQLSchema): Map<string, StoredType> {
  const types = new Map<string, StoredType>();
  for (const metadata of db.entityMetadatas) {
    if (typeof metadata.target !== "function") continue;
    const type = schema.getType(metadata.target.name);
    if (!isObjectType(type)) continue;
    // Keys: the primary key and every reference (uuid) column, read whatever is selected.
    const columns = metadata.columns.map(({ databaseName, propertyName, type: columnType, isPrimary }) => ({ databaseName, propertyName, key: isPrimary || columnType === "uuid" }));
    types.set(type.name, { entity: metadata.target, table: metadata.tableName, columns, reads: readsOfFields(type, metadata.target, columns) });
  }
  return types;
}

/**
 * The one rule, for every transport (this plugin over HTTP, websockets.ts over both WebSocket
 * protocols): a query reads the columns its document plans; mutations and subscriptions read rows
 * whole, for their checks, audit and events.
 */
export function planReads(planner: ColumnPlanner, context: Context, document: DocumentNode, operation: OperationTypeNode | undefined): void {
  if (operation === OperationTypeNode.QUERY) context.loaders.known.readColumns(planner(document));
}

/** Applies planReads to each HTTP request's operation. */
export function columnPlanning(planner: ColumnPlanner): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          planReads(planner, contextValue, document, operation?.operation);
        },
      };
    },
  };
}
