import type { HTTPGraphQLRequest } from "@apollo/server";
import type { GraphQLError } from "graphql";

/**
 * Checks of a GraphQL request's text and persisted-query hash made before Apollo Server hashes,
 * looks up or parses anything: the text's size and, in allow-list mode, its registration. They run
 * in front of Apollo because an error thrown from an Apollo plugin that early becomes a 500, and
 * over WebSocket before an operation counts (sourceRefusal).
 */
export interface RequestSource {
  /** The query text, if sent (anything else is left to Apollo Server to refuse). */
  query: unknown;
  /** extensions.persistedQuery.sha256Hash, if sent. */
  sha256: unknown;
}

export type EarlyCheck = (source: RequestSource) => GraphQLError | undefined | Promise<GraphQLError | undefined>;

function fromJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The text and hash of a request as Apollo Server reads them: from a POST's JSON body or a GET's URL. */
export function requestSource(request: HTTPGraphQLRequest): RequestSource | undefined {
  let fields: { query?: unknown; extensions?: unknown };
  if (request.method === "GET") {
    const params = new URLSearchParams(request.search);
    fields = { query: params.get("query") ?? undefined, extensions: fromJson(params.get("extensions")) };
  } else if (request.body !== null && typeof request.body === "object" && !Array.isArray(request.body)) {
    fields = request.body as typeof fields;
  } else {
    return undefined; // not a single GraphQL request: Apollo Server refuses it
  }
  const persisted = (fields.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  if (fields.query === undefined && persisted === undefined) return undefined; // nothing to run: Apollo Server says so
  return { query: fields.query, sha256: persisted?.sha256Hash };
}

/** The first refusal of `checks`, in order, if any. */
export async function earlyRefusal(request: HTTPGraphQLRequest, checks: EarlyCheck[]): Promise<GraphQLError | undefined> {
  const source = requestSource(request);
  return source && sourceRefusal(source, checks);
}

/** The first refusal of `checks`, in order, for a request from any transport (WebSocket messages too). */
export async function sourceRefusal(source: RequestSource, checks: EarlyCheck[]): Promise<GraphQLError | undefined> {
  for (const check of checks) {
    const refusal = await check(source);
    if (refusal) return refusal;
  }
  return undefined;
}

/** The response to a refusal: its HTTP status and a GraphQL error body, as Apollo Server would send. */
export function refusalResponse(error: GraphQLError): { status: number; body: string } {
  const { http, ...extensions } = error.extensions as { http?: { status?: number } };
  return { status: http?.status ?? 400, body: JSON.stringify({ errors: [{ message: error.message, extensions }] }) };
}
