import type { GraphQLResponse } from "./server";

/** A GraphQL answer over HTTP, with the Cache-Control header it came with. */
export interface Answer extends GraphQLResponse {
  cacheControl: string | null;
}

async function answer(response: Response): Promise<Answer> {
  return { status: response.status, cacheControl: response.headers.get("cache-control"), ...((await response.json()) as object) };
}

/** POSTs a GraphQL request body as JSON. */
export async function post(url: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) }));
}

/** A GET as APQ and CDN-minded clients send it: the operation in the URL, and a header that makes it non-simple (CSRF prevention). */
export async function get(url: string, params: Record<string, unknown>, headers: Record<string, string> = { "apollo-require-preflight": "true" }): Promise<Answer> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) search.set(name, typeof value === "string" ? value : JSON.stringify(value));
  return answer(await fetch(`${url}?${search}`, { headers }));
}
