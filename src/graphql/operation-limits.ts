import type { ApolloServerPlugin } from "@apollo/server";
import type { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from "graphql";
import type { QueryLimits } from "../config";
import { operationCost } from "./cost";
import { documentShape, type DocumentShape } from "./document-shape";
import { ErrorCode, refusedRequest } from "../contract/errors";

/**
 * Limits on what an operation asks for, checked before it runs (over HTTP and WebSocket alike), so
 * a refused request never reaches the database: the size of its text, its depth, aliases and
 * directives, its number of root fields and its page-size-aware cost (cost.ts), each refused with
 * its own code. graphql-armor has these only as validation rules whose errors read "Syntax Error"
 * and reach clients coded GRAPHQL_VALIDATION_FAILED; its depth counts each fragment spread as a
 * level (Relay apps fail at ordinary nesting); its cost ignores page sizes; it has no root-field
 * limit; and its character limit counts UTF-16 units and answers 500 from Apollo Server.
 */
export type OperationLimits = Omit<QueryLimits, "maxTokens">;

export function documentSizeProblem(query: unknown, limits: OperationLimits): GraphQLError | undefined {
  if (typeof query !== "string") return undefined;
  const bytes = Buffer.byteLength(query, "utf8");
  if (bytes <= limits.maxDocumentBytes) return undefined;
  return refusedRequest(
    ErrorCode.DOCUMENT_TOO_LARGE,
    `The query text is ${bytes} bytes, over the limit of ${limits.maxDocumentBytes}: pass long values as variables`,
    { bytes, maxBytes: limits.maxDocumentBytes },
  );
}

/** The limits on an operation's shape, in the order they are checked, each with its code and message. */
const SHAPE_LIMITS: { measure: keyof DocumentShape; limit: keyof OperationLimits; code: ErrorCode; message: (found: number, max: number) => string }[] = [
  { measure: "depth", limit: "maxDepth", code: ErrorCode.QUERY_TOO_DEEP, message: (found, max) => `The query is ${found} fields deep, over the depth limit of ${max}: ask for fewer nested levels` },
  { measure: "aliases", limit: "maxAliases", code: ErrorCode.TOO_MANY_ALIASES, message: (found, max) => `The query has ${found} aliases, over the limit of ${max}` },
  { measure: "directives", limit: "maxDirectives", code: ErrorCode.TOO_MANY_DIRECTIVES, message: (found, max) => `The query has ${found} directives, over the limit of ${max}` },
  { measure: "rootFields", limit: "maxRootFields", code: ErrorCode.TOO_MANY_ROOT_FIELDS, message: (found, max) => `The operation has ${found} root fields, over the limit of ${max}: send separate requests` },
];

/** The first limit `operation` breaks, if any: depth, aliases, directives, root fields, then cost. */
export function operationProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits,
): GraphQLError | undefined {
  const shape = documentShape(document, operation);
  for (const { measure, limit, code, message } of SHAPE_LIMITS) {
    const found = shape[measure];
    const max = limits[limit];
    if (found > max) return refusedRequest(code, message(found, max), { [measure]: found, [limit]: max });
  }
  let cost: number | undefined;
  try {
    cost = operationCost(schema, document, operation, variables);
  } catch {
    // The library gives up on documents that expand past 10,000 fields (fragments spread many times).
    cost = Infinity;
  }
  if (cost !== undefined && cost > limits.maxCost) {
    const shown = Number.isFinite(cost) ? String(cost) : "too high to count";
    return refusedRequest(
      ErrorCode.QUERY_TOO_COSTLY,
      `The query costs ${shown}, over the budget of ${limits.maxCost}: ask for smaller pages (first/last) or fewer nested lists`,
      { cost: Number.isFinite(cost) ? cost : null, maxCost: limits.maxCost },
    );
  }
  return undefined;
}

/** The shape and cost limits in Apollo Server, once the operation is known (the size is checked earlier: early-checks.ts). */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          const problem = operation && operationProblem(schema, document, operation, request.variables, limits);
          if (problem) throw problem;
        },
      };
    },
  };
}
