import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";

/**
 * Which browser origins may call /graphql: any (`*`), a list, or `false` for no CORS headers at all
 * (a proxy in front answers CORS itself, or only same-origin pages call the API).
 *
 * Allowing every origin is safe here because newsgraph has no ambient credential: editors
 * authenticate with an `Authorization: Bearer` header that a page must hold and send itself, never
 * a cookie, so an allowed origin gains nothing a script could not do from anywhere else. No
 * `Access-Control-Allow-Credentials` is ever sent.
 */
export type CorsOrigins = "*" | readonly string[] | false;

/** The request headers browser clients send: JSON, tokens, Apollo's CSRF and client-awareness headers, request ids. */
const ALLOWED_HEADERS = [
  "content-type",
  "authorization",
  "accept",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
  "x-request-id",
];
/** How long a browser may reuse a preflight's answer (seconds): a day, the most Firefox honours; Chromium caps it at 2 h. */
const PREFLIGHT_MAX_AGE = 86_400;

/**
 * Sets the CORS headers of an answer on /graphql and answers a preflight (OPTIONS) at once, with
 * 204, before any GraphQL handling; returns true when it answered.
 */
export function corsHandler(origins: CorsOrigins): (req: IncomingMessage, res: ServerResponse) => boolean {
  if (origins === false) return () => false;
  const middleware = cors({
    origin: origins === "*" ? "*" : [...origins], // a list: the request's origin is echoed if listed, with Vary: Origin
    methods: ["GET", "POST"],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ["X-Request-Id"],
    maxAge: PREFLIGHT_MAX_AGE,
    optionsSuccessStatus: 204,
  });
  return (req, res) => {
    // Synchronous for a fixed origin setting: `next` runs before middleware returns, unless it answered a preflight.
    let answered = true;
    middleware(req, res, () => (answered = false));
    return answered;
  };
}

/**
 * WebSocket upgrades are not covered by CORS: with a list of origins, a browser page from any other
 * origin is refused its socket too. Pages of the service's own origin (Playground) are let in, and
 * so are clients outside browsers, which send no Origin.
 */
export function webSocketOriginAllowed(origins: CorsOrigins, origin: string | undefined, host: string | undefined): boolean {
  if (!Array.isArray(origins) || origin === undefined || origins.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
