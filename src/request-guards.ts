import type { ApolloServerPlugin } from "@apollo/server";
import type { DataSource } from "typeorm";
import { cacheControlPlugin, DEFAULT_CACHE_MAX_AGE } from "./graphql/cache-control";
import type { EarlyCheck } from "./graphql/early-checks";
import { documentSizeProblem, operationLimitsPlugin, type OperationLimits } from "./graphql/operation-limits";
import { allowListCheck, allowListPlugin, persistedQueries } from "./modules/persisted/persisted-queries";
import { RegisteredOperations } from "./modules/persisted/registered-operations";

/**
 * What the server puts around every GraphQL request, in one place: the early checks in front of
 * Apollo Server (document size; in allow-list mode, registration; the JSON's shape is bounded
 * before it is parsed: json-shape.ts), its
 * plugins (shape, root fields and cost; allow-list; Cache-Control), its persisted-query cache, and
 * the same checks, in the same order, for both WebSocket protocols.
 */
export function requestGuards(options: { db: DataSource; limits: OperationLimits; persistedOnly: boolean; cacheMaxAge?: number }) {
  const { db, limits, persistedOnly } = options;
  const registered = new RegisteredOperations(db);
  const earlyChecks: EarlyCheck[] = [({ query }) => documentSizeProblem(query, limits)];
  const plugins: ApolloServerPlugin[] = [operationLimitsPlugin(limits)];
  if (persistedOnly) {
    earlyChecks.push(allowListCheck(registered));
    plugins.push(allowListPlugin(registered));
  }
  plugins.push(cacheControlPlugin(options.cacheMaxAge ?? DEFAULT_CACHE_MAX_AGE));
  return {
    earlyChecks,
    plugins,
    persistedQueries: persistedQueries(registered, persistedOnly),
    webSockets: { operationLimits: limits, earlyChecks },
  };
}
