import type { ApolloServerPlugin } from "@apollo/server";
import { cacheControlPlugin, DEFAULT_CACHE_MAX_AGE } from "./graphql/cache-control";
import type { EarlyCheck } from "./graphql/early-checks";
import { documentSizeProblem, operationLimitsPlugin, type OperationLimits } from "./graphql/operation-limits";

/**
 * What the server puts around every GraphQL request, in one place: the early checks in front of
 * Apollo Server (document size), its plugins (root fields and cost; Cache-Control), and the same
 * checks for WebSockets.
 */
export function requestGuards(options: { limits: OperationLimits; cacheMaxAge?: number }) {
  const { limits } = options;
  const earlyChecks: EarlyCheck[] = [({ query }) => documentSizeProblem(query, limits)];
  const plugins: ApolloServerPlugin[] = [operationLimitsPlugin(limits), cacheControlPlugin(options.cacheMaxAge ?? DEFAULT_CACHE_MAX_AGE)];
  return { earlyChecks, plugins, webSockets: { operationLimits: limits } };
}
