import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context";
import { errorReporting, maskInternalErrors } from "../graphql/error-masking";
import type { Logger } from "../logger";
import { logRequest } from "./request-log";
import type { RequestRecord } from "./request-record";
import { recordOperation, trackRequest } from "./request-tracking";

/**
 * What the server wires in for operations, in one place: request ids, one log line per request,
 * and masked errors that carry the request id.
 */
export function createObservability(options: { logger: Logger; graphqlPath: string }) {
  const { logger, graphqlPath } = options;
  return {
    /** Apollo Server's plugins and formatError. */
    plugins: [errorReporting(logger), recordOperation] as ApolloServerPlugin<Context>[],
    formatError: maskInternalErrors,

    /** Call first for every HTTP request: its record goes into the GraphQL context. */
    track(req: IncomingMessage, res: ServerResponse): RequestRecord {
      return trackRequest(req, res, (finished) => {
        logRequest(logger, finished, finished.path === graphqlPath ? "info" : "debug");
      });
    },
  };
}
