import { ApolloArmor } from "@escape.tech/graphql-armor";
import { DEFAULT_LIMITS, type QueryLimits } from "../config";

export { DEFAULT_LIMITS };

/**
 * Limits on a document's shape, checked before execution, so a request over any of them is
 * refused (400) before it reaches the database: depth, aliases and directives (graphql-armor's
 * validation rules) and tokens (graphql's own parser option, which fails as a parse error).
 * Page sizes are capped by the connections themselves (at most 100 items a page). Batched HTTP
 * requests are off.
 */
export function queryLimits(limits: QueryLimits = DEFAULT_LIMITS) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    // Enforced by the parser instead (parseOptions): armor's plugin rejects with status 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // Its cost model ignores page sizes: operation-limits.ts costs operations instead.
    costLimit: { enabled: false },
    // "Did you mean …?" hints help people in Playground; the schema is public anyway.
    blockFieldSuggestion: { enabled: false },
  });
  return { ...armor.protect(), parseOptions: { maxTokens: limits.maxTokens } };
}
