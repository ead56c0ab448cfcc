import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type HTTPGraphQLRequest } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { execute, GraphQLError, type GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import { createContext, type Context } from "./context";
import { corsHandler, type CorsOrigins } from "./cors";
import { databaseFault } from "./db/database-faults";
import { ping } from "./db/database";
import { DATABASE_UNAVAILABLE_MESSAGE, ErrorCode, INTERNAL_ERROR_MESSAGE } from "./contract/errors";
import type { Logger } from "./logger";
import type { StatementFeed } from "./modules/statement/statement-feed";
import { playgroundLandingPage, servePlaygroundAsset } from "./playground";
import { DEFAULT_AUTO_ACCEPT, DEFAULT_LIMITS, DEFAULT_MEMORY_BOUNDS, type MemoryBounds, type QueryLimits } from "./config";
import { earlyRefusal, refusalResponse } from "./graphql/early-checks";
import { requestGuards } from "./request-guards";
import { hiddenSuggestions, introspectionRules } from "./graphql/introspection";
import { attachWebSockets } from "./websockets";
import { columnPlanning, createColumnPlanner } from "./graphql/column-plan";
import { documentCache } from "./graphql/document-cache";
import { responseSizePlugin } from "./graphql/response-size";
import { createReadPlanner, plannedReads, type PlannedAnswerCheck } from "./graphql/planned-reads";
import { jsonShapeMessage, jsonShapeProblem, JsonShapeScanner, type JsonShapeProblem } from "./graphql/json-shape";
import { createObservability } from "./observability/observability";
import type { RequestRecord } from "./observability/request-record";

/**
 * The HTTP server newsgraph owns (so websockets and health endpoints can join it later), with
 * Apollo Server answering /graphql through its integration API, executeHTTPGraphQLRequest.
 */
export const GRAPHQL_PATH = "/graphql";
// Refuses malformed bytes rather than storing U+FFFD in place of what an editor sent.
const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

export interface NewsgraphServer {
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Listens on `port` (0: any free one) and resolves with the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly code?: ErrorCode) {
    super(message);
  }
}

const badShape = (problem: JsonShapeProblem, maxNesting: number) =>
  new HttpError(400, jsonShapeMessage(problem, maxNesting), problem === "depth" ? ErrorCode.JSON_TOO_DEEP : ErrorCode.JSON_TOO_LARGE);

/** /ready: the database answers (within timeoutMs, whatever the network does) and no migration is pending. */
async function readiness(db: DataSource, timeoutMs: number): Promise<{ status: number; body: object }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), timeoutMs)));
  try {
    await Promise.race([ping(db), timeout]);
    if (await Promise.race([db.showMigrations(), timeout])) return { status: 503, body: { status: "migrations pending" } };
    return { status: 200, body: { status: "ready" } };
  } catch {
    return { status: 503, body: { status: "database unavailable" } };
  } finally {
    clearTimeout(timer);
  }
}

/** The path of a request target as sent: origin form (`/graphql?…`), or absolute form (`http://host/graphql?…`, RFC 9112). */
function pathAsSent(target: string): string {
  const path = target.startsWith("/") ? target : (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(target)?.[1] ?? "");
  return path.split(/[?#]/)[0] || "/";
}

/** /health: the process runs, and so does the PostgreSQL it supervises, if any (else an orchestrator should restart it). */
function liveness(healthy: boolean): { status: number; body: object } {
  return healthy ? { status: 200, body: { status: "ok" } } : { status: 503, body: { status: "embedded PostgreSQL down and not restarting" } };
}

/** Subscriptions need a socket: over plain HTTP they are refused up front, with a pointer to WebSocket. */
const subscriptionsOverWebSocketOnly: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation === "subscription") {
          throw new GraphQLError("Subscriptions are served over WebSocket on /graphql (protocol graphql-transport-ws or graphql-ws)", {
            extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
          });
        }
      },
    };
  },
};

/** The body as text; with a scanner (JSON bodies), refused as soon as its shape breaks a bound, unbuffered from there. */
async function readBody(req: IncomingMessage, maxBytes: number, shape?: JsonShapeScanner): Promise<string> {
  const drainedBytes = 4 * maxBytes;
  const chunks: Buffer[] = [];
  let size = 0;
  let problem: JsonShapeProblem | undefined;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    problem ??= shape?.feed(chunk);
    if (size <= maxBytes && !problem) chunks.push(chunk);
    // Past the limit (or a shape bound) the rest is read and dropped, so a client still sending
    // gets its answer rather than a connection reset; only beyond four times the limit is the connection cut.
    else if (size > drainedBytes) break;
  }
  if (problem) throw badShape(problem, shape!.maxNesting);
  if (size > maxBytes) throw new HttpError(413, `Request body over ${maxBytes} bytes`);
  try {
    return STRICT_UTF8.decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "The request body is not valid UTF-8");
  }
}

async function toGraphQLRequest(req: IncomingMessage, url: URL, bounds: MemoryBounds): Promise<HTTPGraphQLRequest> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  let body: unknown;
  if (req.method === "GET") {
    for (const parameter of ["variables", "extensions"]) {
      const problem = jsonShapeProblem(url.searchParams.get(parameter) ?? "", bounds.maxJsonNesting);
      if (problem) throw badShape(problem, bounds.maxJsonNesting);
    }
  }
  if (req.method === "POST") {
    const json = headers.get("content-type")?.startsWith("application/json") ?? false;
    const text = await readBody(req, bounds.maxRequestBytes, json ? new JsonShapeScanner(bounds.maxJsonNesting) : undefined);
    if (json) {
      try {
        body = text === "" ? undefined : JSON.parse(text);
      } catch {
        throw new HttpError(400, "The request body is not valid JSON");
      }
    } else {
      body = text;
    }
  }
  return { method: req.method ?? "GET", headers, search: url.search, body };
}

const HTTP_ERROR_CODES: { [status: number]: ErrorCode } = { 413: ErrorCode.PAYLOAD_TOO_LARGE, 500: ErrorCode.INTERNAL_SERVER_ERROR, 503: ErrorCode.SERVICE_UNAVAILABLE };

function sendError(res: ServerResponse, status: number, message: string, requestId?: string, code = HTTP_ERROR_CODES[status] ?? ErrorCode.BAD_REQUEST): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...(requestId && { requestId }) } }] }));
}

export async function createServer(options: {
  schema: GraphQLSchema;
  db: DataSource;
  logger: Logger;
  /** With a feed, subscriptions are served over WebSocket on /graphql. */
  statementFeed?: StatementFeed;
  limits?: QueryLimits;
  /** max-age of successful GET queries (seconds; 0: not cacheable). */
  cacheMaxAge?: number;
  /** Allow-list mode: only registered operations run. */
  persistedOnly?: boolean;
  /** How long /ready waits for the database before answering 503 (the pool's connect timeout). */
  readyTimeoutMs?: number;
  /** Both default to on; loadConfig turns them off in production unless configured. */
  introspection?: boolean;
  playground?: boolean;
  /** Browser origins allowed to call /graphql (default: any). */
  corsOrigins?: CorsOrigins;
  /** Liveness beyond the process itself: false when the embedded PostgreSQL it runs is down past its restarts. */
  healthy?: () => boolean;
  /** Memory bounds against hostile clients, over HTTP and WebSocket. */
  bounds?: MemoryBounds;
  /** See Context.autoAccept (NEWSGRAPH_AUTO_ACCEPT). */
  autoAccept?: number;
  /** Answer the queries the read planner covers in one statement (default: yes; graphql/planned-reads.ts). */
  plannedReads?: boolean;
}): Promise<NewsgraphServer> {
  const { schema, db, logger, statementFeed, readyTimeoutMs = 3_000, introspection = true, playground = true, corsOrigins = "*", healthy = () => true, autoAccept = DEFAULT_AUTO_ACCEPT } = options;
  const bounds = options.bounds ?? DEFAULT_MEMORY_BOUNDS;
  const cors = corsHandler(corsOrigins);
  const limits = options.limits ?? DEFAULT_LIMITS;
  const validationRules = introspectionRules(introspection);
  const guards = requestGuards({ db, limits, persistedOnly: options.persistedOnly ?? false, cacheMaxAge: options.cacheMaxAge });
  const observability = createObservability({ db, logger, statementFeed, graphqlPath: GRAPHQL_PATH });
  const httpServer = http.createServer();
  const columnPlanner = createColumnPlanner(db, schema);
  // The tests compare every planned answer with the resolvers' answer to the same request.
  const checkPlanned: PlannedAnswerCheck | undefined =
    process.env.NEWSGRAPH_CHECK_PLANNED_READS === "true"
      ? async (data, { document, operationName, variables }) => {
          const result = await execute({ schema, document, operationName, variableValues: variables, contextValue: createContext(db, { autoAccept }) });
          // The database failing between the two reads (the outage tests) leaves nothing to compare.
          if (result.errors?.some((error) => databaseFault(error.originalError) !== undefined)) return;
          const resolved = JSON.stringify(result.errors ? { errors: result.errors } : result.data);
          if (resolved !== JSON.stringify(data)) throw new Error(`The planned answer differs from the resolvers': ${JSON.stringify(data).slice(0, 2000)} vs ${resolved.slice(0, 2000)}`);
        }
      : undefined;
  const apollo = new ApolloServer<Context>({
    schema,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Disabled explicitly: Apollo would otherwise show its own landing page, loaded from its CDN.
      playground ? playgroundLandingPage(GRAPHQL_PATH) : ApolloServerPluginLandingPageDisabled(),
      subscriptionsOverWebSocketOnly,
      // newsgraph sets no cache hints; the plugin would still wrap every field resolver (measured: a CPU profile of Q1).
      ApolloServerPluginCacheControlDisabled(),
      columnPlanning(columnPlanner),
      ...(options.plannedReads === false ? [] : [plannedReads(createReadPlanner(db, schema), checkPlanned)]),
      responseSizePlugin(bounds.maxResponseBytes),
      ...hiddenSuggestions(introspection),
      ...guards.plugins,
      ...observability.plugins,
    ],
    persistedQueries: guards.persistedQueries,
    documentStore: documentCache(bounds.documentCacheBytes),
    validationRules,
    // Refused by introspectionRules instead, over HTTP and WebSocket alike; Apollo's own rule
    // (its default in production) would tell clients how to reconfigure Apollo Server.
    introspection: true,
    // Off: CSRF prevention refuses requests a browser sends without a preflight (a GET without an
    // Apollo header, as urql, graphql-request and Relay send), so that a page cannot make a
    // visitor's browser act with the visitor's cookies. newsgraph has no cookie or other ambient
    // credential (tokens travel in Authorization, which no page can make a browser add), mutations
    // never run over GET (405), and a POST that is not JSON is refused unread: such a request can
    // only do what its sender could do from anywhere. The README ("Calling it from a browser app") says it per request shape.
    csrfPrevention: false,
    // The token cap fails as a parse error, before any tree is built past it.
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
    formatError: observability.formatError,
    includeStacktraceInErrorResponses: false,
    logger,
  });
  await apollo.start();
  const webSockets = statementFeed && attachWebSockets({ httpServer, path: GRAPHQL_PATH, corsOrigins, bounds, schema, db, columnPlanner, statementFeed, logger, validationRules, introspection, autoAccept, maxTokens: limits.maxTokens, ...guards.webSockets });

  async function handle(req: IncomingMessage, res: ServerResponse, request: RequestRecord): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    // Paths are matched as sent: URL parsing resolves dot segments (`/graphql/%2e%2e/metrics` is
    // `/metrics`), so a proxy forwarding only `/graphql…` could otherwise reach /metrics.
    if (pathAsSent(req.url ?? "/") !== url.pathname) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: paths are matched as sent (no dot segments)\n");
      return;
    }
    if (playground && url.pathname === "/" && req.method === "GET") {
      res.writeHead(302, { location: GRAPHQL_PATH }).end();
      return;
    }
    if (playground && (await servePlaygroundAsset(url.pathname, req, res))) return;
    if (await observability.serveMetrics(req, res, url.pathname)) return;
    if (url.pathname === "/health" || url.pathname === "/ready") {
      const { status, body } = url.pathname === "/health" ? liveness(healthy()) : await readiness(db, readyTimeoutMs);
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
      return;
    }
    if (url.pathname !== GRAPHQL_PATH) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: GraphQL is served at /graphql\n");
      return;
    }
    // First: a preflight is answered here, and every answer below (errors too) carries the headers.
    if (cors(req, res)) return;
    const httpGraphQLRequest = await toGraphQLRequest(req, url, bounds);
    const refusal = await earlyRefusal(httpGraphQLRequest, guards.earlyChecks);
    if (refusal) {
      const { status, body } = refusalResponse(refusal);
      res.writeHead(status, { "content-type": "application/json" }).end(body);
      return;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => createContext(db, { authorization: req.headers.authorization, request, autoAccept }),
    });
    for (const [name, value] of result.headers) res.setHeader(name, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const request = observability.track(req, res);
    handle(req, res, request).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendError(res, error.status, error.message, undefined, error.code);
        return;
      }
      if (databaseFault(error) === "unavailable") {
        logger.warn({ err: error, requestId: request.id }, "the database is unavailable");
        if (!res.headersSent) sendError(res, 503, DATABASE_UNAVAILABLE_MESSAGE, request.id);
        else res.destroy();
        return;
      }
      logger.error({ err: error, requestId: request.id }, "unhandled error in the HTTP handler");
      if (!res.headersSent) sendError(res, 500, INTERNAL_ERROR_MESSAGE, request.id);
      else res.destroy();
    });
  });

  return {
    httpServer,
    apollo,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const address = httpServer.address() as AddressInfo;
          const shownHost = host && host !== "0.0.0.0" && host !== "::" ? host : "localhost";
          resolve(`http://${shownHost}:${address.port}${GRAPHQL_PATH}`);
        });
      }),
    async stop() {
      await webSockets?.close();
      await apollo.stop();
    },
  };
}
