import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { execute, getOperationAST, GraphQLError, OperationTypeNode, type ExecutionResult, type FormattedExecutionResult, parse, specifiedRules, subscribe, validate, type GraphQLSchema, type ValidationRule } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { SubscriptionServer } from "subscriptions-transport-ws";
import type { DataSource } from "typeorm";
import { WebSocketServer, type WebSocket } from "ws";
import type { MemoryBounds } from "./config";
import { createContext, type Context } from "./context";
import { webSocketOriginAllowed, type CorsOrigins } from "./cors";
import { databaseFault } from "./db/database-faults";
import { ErrorCode, internalError, serviceUnavailable } from "./contract/errors";
import { planReads, type ColumnPlanner } from "./graphql/column-plan";
import { maskExecutionResult, maskStreamError } from "./graphql/error-masking";
import { withoutSuggestions } from "./graphql/introspection";
import { exceedsResponseSize, responseTooLarge } from "./graphql/response-size";
import { jsonShapeMessage, jsonShapeProblem } from "./graphql/json-shape";
import type { Logger } from "./logger";
import { bearerToken, verifyToken } from "./modules/auth/tokens";
import type { StatementFeed } from "./modules/statement/statement-feed";
import { sourceRefusal, type EarlyCheck } from "./graphql/early-checks";
import { operationProblem, type OperationLimits } from "./graphql/operation-limits";

/**
 * Subscriptions over WebSocket on the GraphQL path, in both protocols, chosen by the
 * Sec-WebSocket-Protocol header: `graphql-transport-ws` (the graphql-ws library: Apollo Client,
 * urql, graphql-ws clients) and the legacy `graphql-ws` of subscriptions-transport-ws, which is
 * what GraphQL Playground speaks.
 *
 * A connection may present a token in its connection params (`authorization: "Bearer …"` or
 * `token`); a bad one is refused at connection time with close code 4403 and a reason. Each
 * connection holds at most MAX_SUBSCRIPTIONS_PER_CONNECTION operations at once; keep-alive pings
 * every KEEP_ALIVE_MS.
 *
 * Hostile or broken clients are bounded on both protocols (bounds: config.ts): frames over
 * maxRequestBytes are refused before they are read (1009), a socket that has not sent
 * `connection_init` after CONNECTION_INIT_WAIT_MS is closed (4408), and one that does not read what
 * it subscribed to is closed once more than maxUnsentBytes wait to be sent to it (SLOW_CLIENT_CLOSE_CODE).
 */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
const KEEP_ALIVE_MS = 12_000;
/**
 * 1008 (policy violation): the client broke the rule that it reads what it subscribed to. A
 * standard code every client understands, and one graphql-ws's client does not retry by itself,
 * so a stalled client does not reconnect into the same stall. (1013 "try again later" says the
 * server is overloaded, which it is not.)
 */
export const SLOW_CLIENT_CLOSE_CODE = 1008;
const SLOW_CLIENT_REASON = "Too much unsent data: the client is not reading its messages";
/** How long a closed slow client has to read its backlog and the close frame before it is cut off. */
const SLOW_CLIENT_GRACE_MS = 5_000;
/** A socket must send `connection_init` within this, on both protocols (graphql-ws's own default). */
export const CONNECTION_INIT_WAIT_MS = 3_000;
/** 1013 (try again later): the database is down; graphql-ws's client retries on it. */
export const TRY_AGAIN_LATER_CLOSE_CODE = 1013;
const CURRENT_PROTOCOL = "graphql-transport-ws";
const LEGACY_PROTOCOL = "graphql-ws";

type ConnectionParams = { authorization?: unknown; Authorization?: unknown; token?: unknown } | undefined;

/** The Authorization header value a connection presented, if any. */
function presentedAuthorization(params: ConnectionParams): string | undefined {
  const header = params?.authorization ?? params?.Authorization;
  if (typeof header === "string") return header;
  if (typeof params?.token === "string") return `Bearer ${params.token}`;
  return undefined;
}

/** True when no token was presented or the token is valid. */
async function acceptable(db: DataSource, authorization: string | undefined): Promise<boolean> {
  if (authorization === undefined) return true;
  const token = bearerToken(authorization);
  return token !== undefined && (await verifyToken(db, token)) !== null;
}

/**
 * Why a connection could not be checked (its token is looked up in the database), as a client may
 * see it: never the driver's text. An outage says so, to retry (1013); anything else is logged.
 */
function connectionFailure(error: unknown, logger: Logger): { code: number; error: GraphQLError } {
  if (databaseFault(error) === "unavailable") {
    logger.warn({ err: error }, "the database is unavailable");
    return { code: TRY_AGAIN_LATER_CLOSE_CODE, error: serviceUnavailable() };
  }
  logger.error({ err: error }, "internal error while checking a WebSocket connection");
  return { code: CloseCode.InternalServerError, error: internalError() };
}

/**
 * Bytes a socket may have waiting in the process to be sent (ws's bufferedAmount: what the kernel's
 * socket buffer did not take) are bounded when another message is sent to it: past `maxUnsent`, the
 * client is not reading fast enough, and the socket is closed rather than buffered without end, so
 * it holds at most that plus one message. Both libraries send through the socket's send()
 * (graphql-ws waits for each message to be written, but one per subscription;
 * subscriptions-transport-ws never waits), so that is where it is checked.
 */
function boundUnsent(socket: WebSocket, logger: Logger, maxUnsent: number): void {
  const send = socket.send.bind(socket) as (data: unknown, options?: unknown, callback?: unknown) => void;
  socket.send = ((data: unknown, options?: unknown, callback?: unknown) => {
    if (socket.readyState !== socket.OPEN || socket.bufferedAmount <= maxUnsent) return send(data, options, callback);
    logger.warn({ bufferedBytes: socket.bufferedAmount, protocol: socket.protocol }, "closed a WebSocket whose client does not read its messages");
    socket.close(SLOW_CLIENT_CLOSE_CODE, SLOW_CLIENT_REASON);
    // It cannot read the close frame behind its backlog either: cut off if it does not catch up.
    setTimeout(() => socket.readyState !== socket.CLOSED && socket.terminate(), SLOW_CLIENT_GRACE_MS).unref();
    // Dropped: graphql-ws waits for this, then finds the socket closing and sends nothing more.
    const done = typeof options === "function" ? options : callback;
    if (typeof done === "function") process.nextTick(done);
  }) as WebSocket["send"];
}

/**
 * What a socket hands the libraries, filtered in one place, before either sees it:
 * - a message whose JSON breaks a shape bound (json-shape.ts: nesting, list items, object members,
 *   values) closes the socket (4400, bad request) unparsed, as an HTTP body is refused before it is
 *   parsed: 8 MB of nested arrays, or of a list's items, would stall the event loop;
 * - a client that breaks the WebSocket protocol (a frame over maxRequestBytes, bad UTF-8, a bad
 *   opcode) has ws close its socket with the fitting code (1009, 1007, 1002) and emit the error:
 *   the client's fault, logged at debug and kept from graphql-ws's handler, which would print it to
 *   stderr as an internal error (both libraries clean up on "close").
 */
function guardIncoming(socket: WebSocket, logger: Logger, maxNesting: number): void {
  const emit = socket.emit.bind(socket);
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === "message") {
      const problem = jsonShapeProblem(String(args[0]), maxNesting);
      if (problem) {
        logger.debug({ protocol: socket.protocol, problem }, "closed a WebSocket that sent JSON past a shape bound");
        socket.close(CloseCode.BadRequest, jsonShapeMessage(problem, maxNesting));
        return true;
      }
    }
    const error = args[0] as { code?: unknown; message?: unknown } | undefined;
    if (event === "error" && typeof error?.code === "string" && error.code.startsWith("WS_ERR_")) {
      logger.debug({ code: error.code, reason: error.message, protocol: socket.protocol }, "closed a WebSocket that broke the protocol");
      return true;
    }
    return emit(event, ...args);
  }) as WebSocket["emit"];
}

const REFUSED_TOKEN = "Invalid token in connectionParams: connect without one for reading, or with a valid token";

/** graphql's own parse and validation errors, with the codes Apollo Server gives them over HTTP. */
function coded(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/** A refusal made for HTTP, without its HTTP status, which means nothing on a socket. */
function overSocket(refusal: GraphQLError): GraphQLError {
  const { http: _status, ...extensions } = refusal.extensions as { http?: unknown };
  return new GraphQLError(refusal.message, { extensions });
}

export interface WebSocketEndpoints {
  close(): Promise<void>;
}

export function attachWebSockets(options: {
  httpServer: Server;
  path: string;
  /** With a list of origins, browsers on other origins are refused a socket (403). */
  corsOrigins: CorsOrigins;
  /** Frames, unsent bytes, JSON nesting and answers, bounded as over HTTP. */
  bounds: MemoryBounds;
  schema: GraphQLSchema;
  db: DataSource;
  /** Queries over WebSocket read only the columns they need, as over HTTP. */
  columnPlanner: ColumnPlanner;
  statementFeed: StatementFeed;
  logger: Logger;
  /** The same limits as over HTTP: validation rules and the parser's token cap. */
  validationRules: ValidationRule[];
  /** Off: validation errors lose their "Did you mean …?" hints, as over HTTP. */
  introspection: boolean;
  /** See Context.autoAccept. */
  autoAccept: number;
  maxTokens: number;
  /** The checks HTTP makes before parsing (document size, the allow-list), in the same order. */
  earlyChecks: EarlyCheck[];
  /** Shape, root fields and cost, as over HTTP. */
  operationLimits: OperationLimits;
}): WebSocketEndpoints {
  const { httpServer, path, corsOrigins, bounds, schema, db, columnPlanner, statementFeed, logger, validationRules, introspection, autoAccept, maxTokens, earlyChecks, operationLimits } = options;
  const rules = [...specifiedRules, ...validationRules];

  /**
   * An operation's problems before it counts against its connection, as over HTTP: HTTP's early
   * checks, then parsed with the token cap, validated with the limits, and shaped and costed (the
   * libraries parse and validate again; then nothing fails).
   */
  const problemsOf = async (payload: { query?: unknown; variables?: unknown; operationName?: unknown } | undefined): Promise<GraphQLError[]> => {
    try {
      const refusal = await sourceRefusal({ query: payload?.query, sha256: undefined }, earlyChecks);
      if (refusal) return [overSocket(refusal)];
      const document = parse(String(payload?.query ?? ""), { maxTokens });
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return (introspection ? invalid : withoutSuggestions(invalid)).map((error) => coded(error, ErrorCode.GRAPHQL_VALIDATION_FAILED));
      const operation = getOperationAST(document, typeof payload?.operationName === "string" ? payload.operationName : undefined);
      const variables = (payload?.variables ?? undefined) as Record<string, unknown> | undefined;
      const problem = operation && operationProblem(schema, document, operation, variables, operationLimits);
      return problem ? [overSocket(problem)] : [];
    } catch (error) {
      // Only parse() throws GraphQL errors here.
      if (error instanceof GraphQLError) return [coded(error, ErrorCode.GRAPHQL_PARSE_FAILED)];
      // Never the raw text of an error: an outage says so, anything else is logged.
      if (databaseFault(error) === "unavailable") return [serviceUnavailable()];
      logger.error({ err: error }, "internal error while checking a subscription");
      return [internalError()];
    }
  };
  /** A result as it leaves, on both protocols: no larger than over HTTP, and masked like there. */
  const outgoing = (result: ExecutionResult, requestId: string): FormattedExecutionResult =>
    exceedsResponseSize(result.data, bounds.maxResponseBytes) ? { errors: [responseTooLarge(bounds.maxResponseBytes).toJSON()] } : maskExecutionResult(result, logger, requestId);

  // ws refuses a larger frame from its header, before buffering it, and closes with 1009 (message too big).
  const current = new WebSocketServer({ noServer: true, maxPayload: bounds.maxRequestBytes });
  const legacy = new WebSocketServer({ noServer: true, maxPayload: bounds.maxRequestBytes, handleProtocols: () => LEGACY_PROTOCOL });

  const currentServer = useServer<Record<string, unknown>, { authorization?: string; active?: Set<string> }>(
    {
      schema,
      connectionInitWaitTimeout: CONNECTION_INIT_WAIT_MS,
      validate: (schema, document) => validate(schema, document, rules),
      context: (ctx, _id, _payload, args) => {
        const context = createContext(db, { authorization: ctx.extra.authorization, statementFeed, autoAccept });
        planReads(columnPlanner, context, args.document, getOperationAST(args.document, args.operationName)?.operation);
        return context;
      },
      onConnect: async (ctx) => {
        const authorization = presentedAuthorization(ctx.connectionParams as ConnectionParams);
        let accepted: boolean;
        try {
          accepted = await acceptable(db, authorization);
        } catch (error) {
          // Thrown, graphql-ws would close with the error's own text outside production.
          const failure = connectionFailure(error, logger);
          ctx.extra.socket.close(failure.code, failure.error.message);
          return false;
        }
        if (!accepted) {
          ctx.extra.socket.close(CloseCode.Forbidden, REFUSED_TOKEN);
          return false;
        }
        ctx.extra.authorization = authorization;
        return true;
      },
      // Counted here (only valid documents) rather than from ctx.subscriptions, which fills in
      // only once each one has started; released when it completes or fails.
      onSubscribe: async (ctx, id, payload) => {
        const problems = await problemsOf(payload);
        if (problems.length > 0) return problems;
        const active = (ctx.extra.active ??= new Set<string>());
        if (active.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`, { extensions: { code: "BAD_USER_INPUT" } })];
        }
        active.add(id);
        return undefined;
      },
      // Apollo masks errors over HTTP; these results do not pass through it.
      onNext: (_ctx, _id, _payload, args, result) => outgoing(result, (args.contextValue as Context).request.id),
      onComplete: (ctx, id) => void ctx.extra.active?.delete(id),
      onError: (ctx, id) => void ctx.extra.active?.delete(id),
    },
    current,
    KEEP_ALIVE_MS,
  );

  // The legacy library calls onOperationComplete also for operations onOperation refused, so each
  // socket counts the ids it accepted, not calls. It never calls it for an operation that ended by
  // itself (a query answered, a subscription ended with an error), so those are released here.
  // (Each id maps to its operation's own token: a client may reuse an id, and the release of the
  // operation that had it must not release the one that has it now.)
  const legacyActive = new WeakMap<WebSocket, Map<string, object>>();
  const legacyInitialised = new WeakSet<WebSocket>();
  const legacyServer = SubscriptionServer.create(
    {
      schema,
      execute,
      subscribe,
      validationRules: rules, // replaces graphql's own rules, so both
      onConnect: async (params: ConnectionParams, socket: WebSocket) => {
        legacyInitialised.add(socket);
        const authorization = presentedAuthorization(params);
        let accepted: boolean;
        try {
          accepted = await acceptable(db, authorization);
        } catch (error) {
          // Thrown, the library would send the error's own text as connection_error, and in no
          // other form: so sent here, with its code, and closed before the library sends anything.
          const failure = connectionFailure(error, logger);
          const payload = { message: failure.error.message, extensions: failure.error.extensions };
          socket.send(JSON.stringify({ type: "connection_error", payload }));
          socket.close(failure.code === CloseCode.InternalServerError ? 1011 : failure.code, failure.error.message);
          throw new Error(failure.error.message);
        }
        if (!accepted) throw new Error(REFUSED_TOKEN);
        if (!legacyActive.has(socket)) legacyActive.set(socket, new Map());
        return { authorization };
      },
      onOperation: async (message: { id: string; payload?: { query?: unknown; variables?: unknown; operationName?: unknown } }, params: { context: unknown }, socket: WebSocket) => {
        const problems = await problemsOf(message.payload);
        if (problems.length > 0) throw new Error(problems.map((problem) => problem.message).join("; "));
        const active = legacyActive.get(socket) ?? new Map<string, object>();
        legacyActive.set(socket, active);
        if (active.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) throw new Error(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`);
        const operation = {};
        active.set(message.id, operation);
        const { authorization } = (params.context ?? {}) as { authorization?: string };
        const context = createContext(db, { authorization, statementFeed, autoAccept });
        // The library parses the text again for itself; parsed here too, to plan a query's columns.
        const document = parse(String(message.payload?.query));
        const operationName = typeof message.payload?.operationName === "string" ? message.payload.operationName : undefined;
        const operationType = getOperationAST(document, operationName)?.operation;
        planReads(columnPlanner, context, document, operationType);
        const release = () => void (active.get(message.id) === operation && active.delete(message.id));
        return {
          ...params,
          context,
          formatResponse: (result: ExecutionResult) => {
            // A query's (or mutation's) one result: it has finished and no longer counts.
            if (operationType !== OperationTypeNode.SUBSCRIPTION) release();
            return outgoing(result, context.request.id);
          },
          // The library's hook for an operation whose results ended with an error: finished too,
          // and the error masked as results are (never a driver's text).
          formatError: (error: unknown) => {
            release();
            return maskStreamError(error, logger, context.request.id);
          },
        };
      },
      onOperationComplete: (socket: WebSocket, id: string) => void legacyActive.get(socket)?.delete(id),
    },
    legacy,
  );
  // The legacy protocol's keep-alive ("ka"), sent here: the library's own timer outlives its socket by up to one interval.
  // And its connection_init wait, which the library does not have: as graphql-ws does, close code 4408.
  legacy.on("connection", (socket: WebSocket) => {
    const timer = setInterval(() => socket.readyState === socket.OPEN && socket.send(JSON.stringify({ type: "ka" })), KEEP_ALIVE_MS);
    const initWait = setTimeout(() => {
      if (!legacyInitialised.has(socket)) socket.close(CloseCode.ConnectionInitialisationTimeout, "Connection initialisation timeout");
    }, CONNECTION_INIT_WAIT_MS);
    socket.on("close", () => {
      clearInterval(timer);
      clearTimeout(initWait);
    });
  });

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    const protocols = (request.headers["sec-websocket-protocol"] ?? "").split(",").map((protocol) => protocol.trim());
    const target = pathname !== path ? undefined : protocols.includes(CURRENT_PROTOCOL) ? current : protocols.includes(LEGACY_PROTOCOL) ? legacy : undefined;
    if (!target) {
      socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nUse the graphql-transport-ws or graphql-ws subprotocol on /graphql\n");
      return;
    }
    if (!webSocketOriginAllowed(corsOrigins, request.headers.origin, request.headers.host)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\nThis origin is not in NEWSGRAPH_CORS_ORIGINS\n");
      return;
    }
    target.handleUpgrade(request, socket, head, (ws) => {
      // Before either library sees the socket, so before anything is sent on it.
      boundUnsent(ws, logger, bounds.maxUnsentBytes);
      guardIncoming(ws, logger, bounds.maxJsonNesting);
      target.emit("connection", ws, request);
    });
  };
  httpServer.on("upgrade", onUpgrade);
  logger.debug({ path }, "subscriptions served over WebSocket");

  return {
    async close() {
      httpServer.off("upgrade", onUpgrade);
      // 1001 "going away": clients know to reconnect elsewhere.
      for (const client of [...current.clients, ...legacy.clients]) client.close(1001, "Server shutting down");
      await currentServer.dispose();
      legacyServer.close();
      await statementFeed.stop();
    },
  };
}
