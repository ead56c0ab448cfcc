import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from "@apollo/server";
import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache, type KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import type { GraphQLError } from "graphql";
import { databaseFault } from "../../db/database-faults";
import type { EarlyCheck } from "../../graphql/early-checks";
import { ErrorCode, refusedRequest } from "../../contract/errors";
import { sha256Hex, type RegisteredOperations } from "./registered-operations";

/**
 * Automatic persisted queries (Apollo's APQ protocol) over the registered operations.
 *
 * Open mode (the default): a hash is looked up in this instance's memory (documents clients
 * registered by sending query + hash), then among the registered operations, which every instance
 * shares through Postgres. Unknown: PERSISTED_QUERY_NOT_FOUND, and the client sends the text.
 *
 * Allow-list mode (NEWSGRAPH_PERSISTED_ONLY): only registered operations run, sent by hash (POST or
 * GET) or in full (the text of a registered operation is that operation: its hash matches). Anything
 * else, an unknown hash included, is refused with PERSISTED_QUERY_NOT_ALLOWED before it is parsed
 * (so a client does not retry by sending the text); APQ registration is off: nothing new may run.
 */
class PersistedQueryCache implements KeyValueCache<string> {
  constructor(
    private readonly registered: RegisteredOperations,
    private readonly sentByClients: KeyValueCache<string> | undefined,
  ) {}

  async get(sha256: string): Promise<string | undefined> {
    const sent = await this.sentByClients?.get(sha256);
    if (sent !== undefined) return sent;
    try {
      return await this.registered.document(sha256);
    } catch (error) {
      // Unreachable database: a miss, so the client sends the text, whose run then says so (503).
      if (databaseFault(error)) return undefined;
      throw error;
    }
  }

  async set(sha256: string, document: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.sentByClients?.set(sha256, document, options);
  }

  async delete(sha256: string): Promise<boolean | void> {
    return this.sentByClients?.delete(sha256);
  }
}

export function persistedQueries(registered: RegisteredOperations, only: boolean): ApolloServerOptions<BaseContext>["persistedQueries"] {
  const cache = new PersistedQueryCache(registered, only ? undefined : new InMemoryLRUCache<string>());
  // Keys arrive as bare hashes: this cache serves persisted queries and nothing else.
  return { cache: PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(cache) };
}

export function notAllowed(): GraphQLError {
  return refusedRequest(
    ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
    "This server runs only registered operations (allow-list mode): send the hash of one registered with npm run persisted -- register",
  );
}

/** True when `query` (the text, if sent) or else `sha256` names a registered operation. */
export async function isRegistered(registered: RegisteredOperations, query: unknown, sha256: unknown): Promise<boolean> {
  const key = typeof query === "string" ? sha256Hex(query) : typeof sha256 === "string" ? sha256 : undefined;
  return key !== undefined && (await registered.document(key)) !== undefined;
}

/**
 * Allow-list mode, first line: refuses what is not registered before Apollo Server sees it, so an
 * unknown hash gets PERSISTED_QUERY_NOT_ALLOWED, not PERSISTED_QUERY_NOT_FOUND (see early-checks.ts).
 */
export function allowListCheck(registered: RegisteredOperations): EarlyCheck {
  return async ({ query, sha256 }) => ((await isRegistered(registered, query, sha256)) ? undefined : notAllowed());
}

/** Allow-list mode, second line: whatever reached an operation must be registered, or it does not run. */
export function allowListPlugin(registered: RegisteredOperations): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if ((await registered.document(queryHash)) === undefined) throw notAllowed();
        },
      };
    },
  };
}
