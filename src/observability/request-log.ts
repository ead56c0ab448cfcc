import type { Logger } from "../logger";
import type { FinishedRequest } from "./request-tracking";

/**
 * One JSON line per request: id, operation, status, duration and error codes. Never variables nor
 * headers: they may hold tokens or personal data. GraphQL requests log at info, the rest (health
 * checks, metrics scrapes, Playground assets) at debug.
 */
export function logRequest(logger: Logger, finished: FinishedRequest, level: "info" | "debug"): void {
  const { record, method, path, status, durationMs, aborted } = finished;
  logger[level](
    {
      requestId: record.id,
      method,
      path,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      ...(record.operationName && { operationName: record.operationName }),
      ...(record.operationType && { operationType: record.operationType }),
      ...(record.errorCodes.length > 0 && { errorCodes: record.errorCodes }),
      ...(aborted && { aborted }),
    },
    "request",
  );
}
