import { QueryFailedError, QueryRunnerAlreadyReleasedError } from "typeorm";

/**
 * Tells failures of the database itself apart from bugs, so clients hear "try again shortly"
 * (unavailable) or "too slow" (timeout) instead of an internal error. The errors come from pg and
 * from Node's sockets, raw or wrapped in TypeORM's QueryFailedError.
 */
export type DatabaseFault = "unavailable" | "timeout";

/** Node's socket errors when Postgres cannot be reached or drops the connection. */
const SOCKET_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

/**
 * SQLSTATEs of a server that is going away, starting or full: class 08 (connection exception),
 * 57P01-57P05 (shutdown, crash, cannot connect now, database dropped, idle session timeout), 53300
 * (too many connections).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-5]|53300)$/;

/** 57014 query_canceled: newsgraph cancels nothing itself, so it is statement_timeout. */
const TIMEOUT_SQLSTATE = "57014";

/** pg's own messages for a connection that broke or could not be had (they carry no code). */
const PG_CONNECTION_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /is not queryable/];

export function databaseFault(error: unknown): DatabaseFault | undefined {
  // TypeORM releases a query runner whose connection failed (its 'error' handler), so the next
  // statement of that transaction, often the COMMIT, fails with this; newsgraph releases none itself.
  if (error instanceof QueryRunnerAlreadyReleasedError) return "unavailable";
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  if (!(cause instanceof Error)) return undefined;
  const code = (cause as { code?: unknown }).code;
  if (code === TIMEOUT_SQLSTATE) return "timeout";
  if (typeof code === "string" && (SOCKET_ERRORS.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return "unavailable";
  // A Unix socket that is not there: the (embedded) server is stopped.
  if (code === "ENOENT" && (cause as { syscall?: unknown }).syscall === "connect") return "unavailable";
  // Several addresses for one host name (::1 and 127.0.0.1) fail together as one AggregateError.
  if (cause instanceof AggregateError && cause.errors.some((inner) => databaseFault(inner) === "unavailable")) return "unavailable";
  if (PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(cause.message))) return "unavailable";
  return undefined;
}
