import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { execute, getOperationAST, GraphQLError, OperationTypeNode, type ExecutionResult, parse, specifiedRules, subscribe, validate, type GraphQLSchema, type ValidationRule } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { SubscriptionServer } from "subscriptions-transport-ws";
import type { DataSource } from "typeorm";
import { WebSocketServer, type WebSocket } from "ws";
import { createContext, type Context } from "./context";
import { webSocketOriginAllowed, type CorsOrigins } from "./cors";
import { databaseFault } from "./db/database-faults";
import { ErrorCode } from "./graphql/errors";
import type { ColumnPlanner } from "./graphql/column-plan";
import { maskExecutionResult } from "./graphql/error-masking";
import type { Logger } from "./logger";
import { bearerToken, verifyToken } from "./modules/auth/tokens";
import type { StatementFeed } from "./modules/statement/statement-feed";
import { documentSizeProblem, operationProblem, type OperationLimits } from "./graphql/operation-limits";
import { isRegistered, notAllowed } from "./modules/persisted/persisted-queries";
import type { RegisteredOperations } from "./modules/persisted/registered-operations";

/**
 * Subscriptions over WebSocket on the GraphQL path, in both protocols, chosen by the
 * Sec-WebSocket-Protocol header: `graphql-transport-ws` (the graphql-ws library: Apollo Client,
 * urql, graphql-ws clients) and the legacy `graphql-ws` of subscriptions-transport-ws, which is
 * what GraphQL Playground speaks.
 *
 * A connection may present a token in its connection params (`authorization: "Bearer …"` or
 * `token`); a bad one is refused at connection time with close code 4403 and a reason. Each
 * connection holds at most MAX_SUBSCRIPTIONS subscriptions; keep-alive pings every KEEP_ALIVE_MS.
 */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
const KEEP_ALIVE_MS = 12_000;
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

const REFUSED_TOKEN = "Invalid token in connectionParams: connect without one for reading, or with a valid token";

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
  schema: GraphQLSchema;
  db: DataSource;
  /** Queries over WebSocket read only the columns they need, as over HTTP. */
  columnPlanner: ColumnPlanner;
  statementFeed: StatementFeed;
  logger: Logger;
  /** The same limits as over HTTP: validation rules and the parser's token cap. */
  validationRules: ValidationRule[];
  maxTokens: number;
  /** Size, root fields and cost, as over HTTP. */
  operationLimits: OperationLimits;
  /** In allow-list mode, the registered operations: nothing else may subscribe. */
  allowList?: RegisteredOperations;
}): WebSocketEndpoints {
  const { httpServer, path, corsOrigins, schema, db, columnPlanner, statementFeed, logger, validationRules, maxTokens, operationLimits, allowList } = options;
  const rules = [...specifiedRules, ...validationRules];

  /**
   * A subscription's problems before it counts against its connection, as over HTTP: its size, the
   * allow-list, then parsed with the token cap, validated with the limits, and costed (the libraries
   * parse and validate again; then nothing fails).
   */
  const problemsOf = async (payload: { query?: unknown; variables?: unknown; operationName?: unknown } | undefined): Promise<GraphQLError[]> => {
    const tooLarge = documentSizeProblem(payload?.query, operationLimits);
    if (tooLarge) return [overSocket(tooLarge)];
    try {
      if (allowList && !(await isRegistered(allowList, payload?.query, undefined))) return [overSocket(notAllowed())];
      const document = parse(String(payload?.query ?? ""), { maxTokens });
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return [...invalid];
      const operation = getOperationAST(document, typeof payload?.operationName === "string" ? payload.operationName : undefined);
      const variables = (payload?.variables ?? undefined) as Record<string, unknown> | undefined;
      const problem = operation && operationProblem(schema, document, operation, variables, operationLimits);
      return problem ? [overSocket(problem)] : [];
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      // Never the raw text of an error: an outage says so, anything else is logged.
      if (databaseFault(error) === "unavailable") return [new GraphQLError("The database is unavailable; try again shortly", { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } })];
      logger.error({ err: error }, "internal error while checking a subscription");
      return [new GraphQLError("Internal server error", { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } })];
    }
  };
  const current = new WebSocketServer({ noServer: true });
  const legacy = new WebSocketServer({ noServer: true, handleProtocols: () => LEGACY_PROTOCOL });

  const currentServer = useServer<Record<string, unknown>, { authorization?: string; active?: Set<string> }>(
    {
      schema,
      validate: (schema, document) => validate(schema, document, rules),
      context: (ctx, _id, _payload, args) => {
        const context = createContext(db, ctx.extra.authorization, statementFeed);
        if (getOperationAST(args.document, args.operationName)?.operation === OperationTypeNode.QUERY) context.loaders.known.readColumns(columnPlanner(args.document));
        return context;
      },
      onConnect: async (ctx) => {
        const authorization = presentedAuthorization(ctx.connectionParams as ConnectionParams);
        if (!(await acceptable(db, authorization))) {
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
      onNext: (_ctx, _id, _payload, args, result) => maskExecutionResult(result, logger, (args.contextValue as Context).request.id),
      onComplete: (ctx, id) => void ctx.extra.active?.delete(id),
      onError: (ctx, id) => void ctx.extra.active?.delete(id),
    },
    current,
    KEEP_ALIVE_MS,
  );

  // The legacy library calls onOperationComplete also for operations onOperation refused, so each
  // socket counts the ids it accepted, not calls.
  const legacyActive = new WeakMap<WebSocket, Set<string>>();
  const legacyServer = SubscriptionServer.create(
    {
      schema,
      execute,
      subscribe,
      validationRules: rules, // replaces graphql's own rules, so both
      onConnect: async (params: ConnectionParams, socket: WebSocket) => {
        const authorization = presentedAuthorization(params);
        if (!(await acceptable(db, authorization))) throw new Error(REFUSED_TOKEN);
        legacyActive.set(socket, new Set());
        return { authorization };
      },
      onOperation: async (message: { id: string; payload?: { query?: unknown; variables?: unknown; operationName?: unknown } }, params: { context: unknown }, socket: WebSocket) => {
        const problems = await problemsOf(message.payload);
        if (problems.length > 0) throw new Error(problems.map((problem) => problem.message).join("; "));
        const active = legacyActive.get(socket) ?? new Set<string>();
        legacyActive.set(socket, active);
        if (active.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) throw new Error(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`);
        active.add(message.id);
        const { authorization } = (params.context ?? {}) as { authorization?: string };
        const context = createContext(db, authorization, statementFeed);
        // The library parses the text again for itself; parsed here too, to plan a query's columns.
        const document = parse(String(message.payload?.query));
        const operationName = typeof message.payload?.operationName === "string" ? message.payload.operationName : undefined;
        if (getOperationAST(document, operationName)?.operation === OperationTypeNode.QUERY) context.loaders.known.readColumns(columnPlanner(document));
        return { ...params, context, formatResponse: (result: ExecutionResult) => maskExecutionResult(result, logger, context.request.id) };
      },
      onOperationComplete: (socket: WebSocket, id: string) => void legacyActive.get(socket)?.delete(id),
    },
    legacy,
  );
  // The legacy protocol's keep-alive ("ka"), sent here: the library's own timer outlives its socket by up to one interval.
  legacy.on("connection", (socket: WebSocket) => {
    const timer = setInterval(() => socket.readyState === socket.OPEN && socket.send(JSON.stringify({ type: "ka" })), KEEP_ALIVE_MS);
    socket.on("close", () => clearInterval(timer));
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
    target.handleUpgrade(request, socket, head, (ws) => target.emit("connection", ws, request));
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
