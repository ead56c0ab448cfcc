import { randomUUID } from "node:crypto";

/**
 * What newsgraph notes about one request for its log line and metrics. The HTTP layer creates it
 * (with the id), the GraphQL context carries it, and an Apollo plugin fills in the operation.
 */
export interface RequestRecord {
  /** Also sent back as X-Request-Id and put on masked errors, so a client's report finds the log line. */
  id: string;
  /** As Apollo resolved it, or as the client named it when the document did not get that far. */
  operationName?: string;
  operationType?: string;
  /** The distinct extensions.code values of the response's errors, in order of first appearance. */
  errorCodes: string[];
}

/** Letters, digits and . _ : - only, at most 128: safe to log and to echo in a header. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is sane (a proxy's id ties its logs to ours), else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

export function newRequestRecord(id: string = randomUUID()): RequestRecord {
  return { id, errorCodes: [] };
}
