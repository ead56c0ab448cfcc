import type { ApolloServerPlugin } from "@apollo/server";
import { DEFAULT_CACHE_MAX_AGE } from "../config";

export { DEFAULT_CACHE_MAX_AGE };

/**
 * Lets CDNs and browsers cache reads sent as GET (with automatic persisted queries, the URL then
 * holds only the operation's hash): a successful query without an Authorization header gets
 * `Cache-Control: public, max-age=<maxAge>`; any other GET answer gets `no-store`, and POSTs get
 * nothing (caches do not store them). Reads are the same for everyone, so one answer serves all.
 * Set once per response, in place of Apollo's cache-control plugin, which wraps every resolver.
 */
export function cacheControlPlugin(maxAge: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, operation, response }) {
          if (request.http?.method !== "GET") return;
          const cacheable =
            maxAge > 0 &&
            operation?.operation === "query" &&
            !request.http.headers.get("authorization") &&
            response.body.kind === "single" &&
            !response.body.singleResult.errors?.length;
          response.http.headers.set("cache-control", cacheable ? `public, max-age=${maxAge}` : "no-store");
        },
      };
    },
  };
}
