import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { DataSource } from "typeorm";
import type { Context } from "../context";
import { errorReporting, maskInternalErrors } from "../graphql/error-masking";
import type { Logger } from "../logger";
import type { StatementFeed } from "../modules/statement/statement-feed";
import { createMetrics, METRICS_PATH } from "./metrics";
import { logRequest } from "./request-log";
import type { RequestRecord } from "./request-record";
import { recordOperation, trackRequest } from "./request-tracking";

/**
 * What the server wires in for operations, in one place: request ids, one log line per request,
 * masked errors that carry the request id, and Prometheus metrics on /metrics.
 */
export function createObservability(options: { db: DataSource; logger: Logger; statementFeed?: StatementFeed; graphqlPath: string }) {
  const { logger, graphqlPath } = options;
  const metrics = createMetrics(options);
  return {
    /** Apollo Server's plugins and formatError. */
    plugins: [errorReporting(logger), recordOperation] as ApolloServerPlugin<Context>[],
    formatError: maskInternalErrors,

    /** Call first for every HTTP request: its record goes into the GraphQL context. */
    track(req: IncomingMessage, res: ServerResponse): RequestRecord {
      return trackRequest(req, res, (finished) => {
        const graphql = finished.path === graphqlPath;
        logRequest(logger, finished, graphql ? "info" : "debug");
        if (graphql) metrics.observeGraphQLRequest(finished);
      });
    },

    /** Answers GET /metrics; false for any other request. */
    async serveMetrics(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
      if (pathname !== METRICS_PATH || req.method !== "GET") return false;
      await metrics.respond(res);
      return true;
    },
  };
}
