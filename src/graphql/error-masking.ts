import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from "graphql";
import type { Context } from "../context";
import { databaseFault } from "../db/database-faults";
import type { Logger } from "../logger";
import { DATABASE_UNAVAILABLE_MESSAGE, ErrorCode, INTERNAL_ERROR_MESSAGE } from "../contract/errors";

/**
 * Errors that are not deliberate GraphQL errors are bugs or outages. Clients get a code, a fixed
 * message and the request id, never the details; the log gets the details under the same id.
 * An unreachable database is SERVICE_UNAVAILABLE (HTTP 503: retry shortly); a statement cancelled by
 * statement_timeout is QUERY_TIMEOUT (a field error like any other: the rest of the result stands).
 */
const MASKED = {
  unavailable: { code: ErrorCode.SERVICE_UNAVAILABLE, message: DATABASE_UNAVAILABLE_MESSAGE },
  timeout: { code: ErrorCode.QUERY_TIMEOUT, message: "The query took too long and was cancelled" },
  internal: { code: ErrorCode.INTERNAL_SERVER_ERROR, message: INTERNAL_ERROR_MESSAGE },
} as const;

/** Codes whose errors carry the request id: their details are only in the log. */
const LOGGED_CODES = new Set<string>(Object.values(MASKED).map(({ code }) => code));

/** What was thrown, under graphql-js's and Apollo's wrappers. */
function thrown(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/** undefined for a deliberate GraphQLError; else which masked error it becomes. */
function maskingOf(error: unknown): keyof typeof MASKED | undefined {
  const cause = thrown(error);
  if (cause instanceof GraphQLError) return undefined;
  return databaseFault(cause) ?? "internal";
}

/** Logs the details of each error a client will only see masked. */
function logMaskedErrors(logger: Logger, errors: readonly GraphQLError[], requestId: string, operationName?: string | null): void {
  let outageLogged = false;
  for (const error of errors) {
    const masking = maskingOf(error);
    const details = { err: thrown(error), requestId, operationName, path: error.path };
    if (masking === "internal") logger.error(details, "internal error while resolving a GraphQL request");
    else if (masking === "timeout") logger.warn(details, "a database statement timed out");
    // Every field fails alike during an outage: one line a request is enough.
    else if (masking === "unavailable" && !outageLogged) {
      outageLogged = true;
      logger.warn(details, "the database is unavailable");
    }
  }
}

/**
 * A deliberate error that names no code but an HTTP 4xx status: Apollo Server's own refusals of a
 * malformed request (an APQ hash that does not match its query, an unknown APQ version), which it
 * would otherwise code INTERNAL_SERVER_ERROR.
 */
function isRequestError(error: unknown): boolean {
  const status = error instanceof GraphQLError ? (error.extensions.http as { status?: number } | undefined)?.status : undefined;
  return status !== undefined && status >= 400 && status < 500;
}

/** Apollo's formatError: replaces undeliberate errors by their fixed message and code. */
export function maskInternalErrors(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  const masking = maskingOf(error);
  if (!masking) return isRequestError(error) ? { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_REQUEST } } : formatted;
  const { code, message } = MASKED[masking];
  return { message, path: formatted.path, extensions: { code } };
}

/**
 * Logs the details of every masked error with the request id, then puts that id on the masked
 * errors of the response and answers 503 when the database is unavailable. (formatError cannot do
 * this: it does not see the request.)
 */
export function errorReporting(logger: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          logMaskedErrors(logger, errors, contextValue.request.id, operationName);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          const requestId = contextValue.request.id;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            LOGGED_CODES.has(error.extensions?.code as string) ? { ...error, extensions: { ...error.extensions, requestId } } : error,
          );
          if (response.body.singleResult.errors.some((error) => error.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
          }
        },
      };
    },
  };
}

/** The same masking for a subscription's results over WebSocket, which Apollo does not see. */
export function maskExecutionResult(result: ExecutionResult, logger: Logger, requestId: string): FormattedExecutionResult {
  if (!result.errors?.length) return result as FormattedExecutionResult;
  logMaskedErrors(logger, result.errors, requestId);
  return { ...result, errors: result.errors.map((error) => maskedError(error, requestId)) };
}

function maskedError(error: GraphQLError, requestId: string): GraphQLFormattedError {
  const masking = maskingOf(error);
  if (!masking) return error.toJSON();
  const { code, message } = MASKED[masking];
  return { message, path: error.path, extensions: { code, requestId } };
}

/** An error that ended a subscription's stream (not one of its results), masked and logged the same way. */
export function maskStreamError(error: unknown, logger: Logger, requestId: string): GraphQLFormattedError {
  const graphQLError = error instanceof GraphQLError ? error : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error });
  logMaskedErrors(logger, [graphQLError], requestId);
  return maskedError(graphQLError, requestId);
}
