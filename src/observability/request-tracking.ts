import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context";
import { newRequestRecord, requestIdFrom, type RequestRecord } from "./request-record";

/** A request whose response has gone out (or whose client went away first). */
export interface FinishedRequest {
  record: RequestRecord;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** The connection closed before the response was complete. */
  aborted: boolean;
}

/**
 * Gives the request its id, sends it back in X-Request-Id at once (so even a failed request shows
 * it), and calls `onFinish` once when the response is done.
 */
export function trackRequest(req: IncomingMessage, res: ServerResponse, onFinish: (finished: FinishedRequest) => void): RequestRecord {
  const started = process.hrtime.bigint();
  const record = newRequestRecord(requestIdFrom(req.headers["x-request-id"]));
  res.setHeader("x-request-id", record.id);
  res.once("close", () =>
    onFinish({
      record,
      method: req.method ?? "GET",
      path: new URL(req.url ?? "/", "http://localhost").pathname,
      status: res.statusCode,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      aborted: !res.writableFinished,
    }),
  );
  return record;
}

/** Notes the operation and the error codes of each GraphQL request in its record. */
export const recordOperation: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, operationName, operation, request, response }) {
        const record = contextValue.request;
        record.operationName = operationName ?? request.operationName ?? undefined;
        record.operationType = operation?.operation;
        const errors = response.body.kind === "single" ? response.body.singleResult.errors : response.body.initialResult.errors;
        record.errorCodes = [...new Set((errors ?? []).map((error) => String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR")))];
      },
    };
  },
};
