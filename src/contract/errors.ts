import { GraphQLError } from "graphql";

/** The error codes clients can rely on (extensions.code), in one place. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
  /** Apollo Server's codes for graphql's own refusals, used over WebSocket too. */
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  /** A request that is not a well-formed GraphQL request (body, method, APQ protocol). */
  BAD_REQUEST: "BAD_REQUEST",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  // Refusals before execution (HTTP 400): see operation-limits.ts and persisted/.
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  TOO_MANY_ALIASES: "TOO_MANY_ALIASES",
  TOO_MANY_DIRECTIVES: "TOO_MANY_DIRECTIVES",
  QUERY_TOO_COSTLY: "QUERY_TOO_COSTLY",
  /** The answer would be over the response size limit (response-size.ts). */
  RESPONSE_TOO_LARGE: "RESPONSE_TOO_LARGE",
  TOO_MANY_ROOT_FIELDS: "TOO_MANY_ROOT_FIELDS",
  DOCUMENT_TOO_LARGE: "DOCUMENT_TOO_LARGE",
  /** The request's JSON nests past MAX_JSON_NESTING (json-shape.ts). */
  JSON_TOO_DEEP: "JSON_TOO_DEEP",
  /** A list or object in the request's JSON is over MAX_JSON_LIST_ITEMS or MAX_JSON_OBJECT_MEMBERS (json-shape.ts). */
  JSON_TOO_LARGE: "JSON_TOO_LARGE",
  PERSISTED_QUERY_NOT_ALLOWED: "PERSISTED_QUERY_NOT_ALLOWED",
  /** The database cannot be reached: retry shortly. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** A database statement ran past the statement timeout and was cancelled. */
  QUERY_TIMEOUT: "QUERY_TIMEOUT",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What a client is told, with SERVICE_UNAVAILABLE, while the database cannot be reached: over HTTP and WebSocket alike. */
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable; try again shortly";

export function serviceUnavailable(): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
}

/** What a client is told of a bug: its details are only in the log. */
export const INTERNAL_ERROR_MESSAGE = "Internal server error";

export function internalError(): GraphQLError {
  return new GraphQLError(INTERNAL_ERROR_MESSAGE, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
}

export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName && { argumentName }) } });
}

/** A request refused before it runs: HTTP 400, with `details` beside the code in extensions. */
export function refusedRequest(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details, http: { status: 400 } } });
}

/** The one refusal for a missing, unknown or revoked token: it must not tell which. */
export function unauthenticated(): GraphQLError {
  return new GraphQLError("A valid editor token is required: send Authorization: Bearer <token>", {
    extensions: { code: ErrorCode.UNAUTHENTICATED },
  });
}

export function forbidden(roles: string[]): GraphQLError {
  return new GraphQLError(`This needs the ${roles.join(" or ")} role`, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** One offending input field: its path in the arguments (`input.participants.2.role`) and what it broke. */
export interface FieldProblem {
  path: string;
  constraint: string;
  message: string;
}

/** An error about input fields, naming every offending one in `extensions.fields`. */
export function inputError(code: ErrorCode, problems: FieldProblem[]): GraphQLError {
  const summary = problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ");
  return new GraphQLError(`Invalid input: ${summary}`, { extensions: { code, fields: problems } });
}

/**
 * Collects the problems of one input so a client hears of all of them at once. Unknown references
 * make it a NOT_FOUND error, and so do conflicts a CONFLICT error, unless plain input errors are also there.
 */
export class InputProblems {
  private readonly problems: (FieldProblem & { code: ErrorCode })[] = [];

  add(path: string, constraint: string, message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT): void {
    this.problems.push({ path, constraint, message, code });
  }

  throwIfAny(): void {
    if (this.problems.length === 0) return;
    const codes = new Set(this.problems.map((problem) => problem.code));
    const code = codes.has(ErrorCode.BAD_USER_INPUT) ? ErrorCode.BAD_USER_INPUT : [...codes][0];
    throw inputError(code, this.problems.map(({ path, constraint, message }) => ({ path, constraint, message })));
  }
}
