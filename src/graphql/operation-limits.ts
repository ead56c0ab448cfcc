import type { ApolloServerPlugin } from "@apollo/server";
import type { DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { DEFAULT_LIMITS } from "../config";
import { DEFAULT_MAX_COST, operationCost } from "./cost";
import { ErrorCode, refusedRequest } from "./errors";
import { DEFAULT_MAX_ROOT_FIELDS, rootFieldCount } from "./root-fields";

/**
 * Limits on what an operation asks for, checked before it runs (over HTTP and WebSocket alike), so
 * a refused request never reaches the database: the size of its text, its number of root fields
 * and its page-size-aware cost (cost.ts). graphql-armor has none of these as we need them: its cost
 * ignores page sizes, it has no root-field limit, and its character limit counts UTF-16 units and
 * answers 500 from Apollo Server.
 */
export interface OperationLimits {
  maxCost: number;
  maxRootFields: number;
  maxDocumentBytes: number;
}

export const DEFAULT_MAX_DOCUMENT_BYTES = DEFAULT_LIMITS.maxDocumentBytes;

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxCost: DEFAULT_MAX_COST,
  maxRootFields: DEFAULT_MAX_ROOT_FIELDS,
  maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES,
};

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

/** The first limit `operation` breaks, if any: root fields, then cost. */
export function operationProblem(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits,
): GraphQLError | undefined {
  const rootFields = rootFieldCount(document, operation);
  if (rootFields > limits.maxRootFields) {
    return refusedRequest(
      ErrorCode.TOO_MANY_ROOT_FIELDS,
      `The operation has ${rootFields} root fields, over the limit of ${limits.maxRootFields}: send separate requests`,
      { rootFields, maxRootFields: limits.maxRootFields },
    );
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

/** Root fields and cost in Apollo Server, once the operation is known (the size is checked earlier: early-checks.ts). */
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
