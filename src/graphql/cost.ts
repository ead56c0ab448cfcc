import {
  getNamedType,
  Kind,
  type FieldNode,
  getVariableValues,
  isObjectType,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import { DEFAULT_LIMITS } from "../config";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../contract/pages";

/**
 * What an operation costs, before it runs: about the number of values its response can hold.
 * Every field costs 1 plus the cost of its selection. A connection field (one returning a type with
 * `pageInfo`) costs 1, plus its `totalCount` and `pageInfo` once, plus its page size
 * (`first ?? last ?? 20`, at most 100) times the rest of its selection (`nodes`, `edges`). So
 * `events(first: 20) { totalCount nodes { title } }` costs 1 + 1 + 20 × (1 + 1) = 42.
 * Plain lists are bounded by their caps (list-caps.ts) and count once.
 *
 * The budget: the benchmark's Q1 (20 events × 10 statements × speaker × affiliations) costs 2,101,
 * three nested pages of 100 about two million.
 */
export const DEFAULT_MAX_COST = DEFAULT_LIMITS.maxCost;

const isConnection = (type: unknown): boolean => isObjectType(type) && "pageInfo" in type.getFields();

/**
 * What a connection answers once, not per item: `totalCount` and a `pageInfo` of plain fields,
 * selected directly and without directives (anything else is counted per item, erring high).
 */
function pageWideCost(connection: FieldNode): number {
  let cost = 0;
  for (const selection of connection.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) continue;
    if (selection.name.value === "totalCount") cost += 1;
    if (selection.name.value === "pageInfo") {
      const fields = selection.selectionSet?.selections ?? [];
      if (fields.every((field) => field.kind === Kind.FIELD && !field.directives?.length)) cost += 1 + fields.length;
    }
  }
  return cost;
}

const connectionEstimator: ComplexityEstimator = ({ field, node, args, childComplexity }) => {
  if (!isConnection(getNamedType(field.type))) return undefined;
  const requested = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
  // A page over the maximum (or negative) is refused when the field runs, with its own message.
  const pageSize = typeof requested === "number" ? Math.min(Math.max(requested, 0), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  const once = Math.min(pageWideCost(node), childComplexity);
  return 1 + once + (childComplexity - once) * pageSize;
};

const estimators = [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })];

/**
 * The cost of `operation` with `variables`, or undefined when the variables do not fit the
 * operation: execution then refuses it with its usual BAD_USER_INPUT before any resolver runs.
 * Throws a GraphQLError when the document is too large to cost (the library stops at 10,000 nodes).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): number | undefined {
  const { coerced, errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
  if (errors) return undefined;
  // A cost depends on the document and on the variables that can change it: page sizes (Int) and
  // @skip/@include conditions (Boolean). Parsed documents are cached and reused across requests,
  // so the cost of `event(id: $id) { … }` is worked out once, not for every id. The key holds the
  // values as execution will see them: defaults applied, and an explicit null told apart from a
  // variable left out (which takes its default).
  const costs = costsByOperation.get(operation) ?? new Map<string, number>();
  costsByOperation.set(operation, costs);
  const key = JSON.stringify(costVariableNames(operation).map((name) => (name in coerced ? coerced[name] : "absent")));
  const known = costs.get(key);
  if (known !== undefined) return known;
  const cost = computeCost(schema, document, operation, variables);
  if (costs.size < MAX_COSTS_PER_OPERATION) costs.set(key, cost);
  return cost;
}

const MAX_COSTS_PER_OPERATION = 100;
const costsByOperation = new WeakMap<OperationDefinitionNode, Map<string, number>>();
const variableNamesByOperation = new WeakMap<OperationDefinitionNode, string[]>();

/** The operation's variables of type Int or Boolean (possibly non-null): the only ones a cost reads. */
function costVariableNames(operation: OperationDefinitionNode): string[] {
  let names = variableNamesByOperation.get(operation);
  if (!names) {
    names = (operation.variableDefinitions ?? [])
      .filter(({ type }) => {
        const named = type.kind === Kind.NON_NULL_TYPE ? type.type : type;
        return named.kind === Kind.NAMED_TYPE && (named.name.value === "Int" || named.name.value === "Boolean");
      })
      .map((definition) => definition.variable.name.value);
    variableNamesByOperation.set(operation, names);
  }
  return names;
}

function computeCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> | undefined): number {
  // Only the chosen operation: the library sums all operations of a document unless given a name.
  const single: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((definition) => definition.kind !== "OperationDefinition" || definition === operation),
  };
  return getComplexity({ schema, query: single, variables, estimators });
}
