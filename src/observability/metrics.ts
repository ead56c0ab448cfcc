import type { ServerResponse } from "node:http";
import type { Pool } from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { DataSource } from "typeorm";
import type { PostgresDriver } from "typeorm/driver/postgres/PostgresDriver";
import type { StatementFeed } from "../modules/statement/statement-feed";
import type { FinishedRequest } from "./request-tracking";

/**
 * Prometheus metrics for /metrics: GraphQL requests by operation and outcome, live subscriptions,
 * the database pool, and prom-client's process metrics. Each server has its own registry (several
 * servers share one test process); the process metrics have one registry per process, since they
 * describe the process and their collectors cannot be stopped.
 */
export const METRICS_PATH = "/metrics";
/** Distinct operation names kept as labels; later ones count as "other", so clients cannot grow the series without bound. */
export const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** Operation names as labels: "anonymous" without one, "other" past the cap or when not a plain name. */
export class OperationLabels {
  private readonly known = new Set<string>();

  constructor(private readonly max = MAX_OPERATION_LABELS) {}

  of(name: string | undefined): string {
    if (!name) return "anonymous";
    if (this.known.has(name)) return name;
    if (!OPERATION_NAME.test(name) || this.known.size >= this.max) return "other";
    this.known.add(name);
    return name;
  }
}

/** "ok", the first error's code, or the HTTP status of a request refused before GraphQL saw it. */
export function outcomeOf({ record, status, aborted }: FinishedRequest): string {
  const code = record.errorCodes[0];
  if (code) return ERROR_CODE.test(code) ? code : "OTHER";
  if (aborted) return "ABORTED";
  return status < 400 ? "ok" : `HTTP_${status}`;
}

let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface Metrics {
  observeGraphQLRequest(finished: FinishedRequest): void;
  /** Answers a scrape. */
  respond(res: ServerResponse): Promise<void>;
}

export function createMetrics(options: { db: DataSource; statementFeed?: StatementFeed }): Metrics {
  const { db, statementFeed } = options;
  const registry = new Registry();
  const registers = [registry];
  const operations = new OperationLabels();

  const requests = new Counter({
    name: "newsgraph_graphql_requests_total",
    help: "GraphQL requests over HTTP, by operation name and outcome (ok or the first error's code)",
    labelNames: ["operation", "outcome"] as const,
    registers,
  });
  const durations = new Histogram({
    name: "newsgraph_graphql_request_duration_seconds",
    help: "Time from receiving a GraphQL request over HTTP to the end of its response, by operation name and outcome",
    labelNames: ["operation", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  new Gauge({
    name: "newsgraph_active_subscriptions",
    help: "Subscriptions being served over WebSocket (both protocols)",
    registers,
    collect() {
      // The feed's count is the truth: a subscription leaves it however it ends (completed, failed, socket closed).
      this.set(statementFeed?.subscriberCount ?? 0);
    },
  });

  // TypeORM's driver holds the pg Pool; it is there once the DataSource is initialized.
  const pool = () => (db.driver as PostgresDriver).master as Pool | undefined;
  const poolGauge = (name: string, help: string, read: (pool: Pool) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const current = pool();
        this.set(current ? read(current) : 0);
      },
    });
  poolGauge("newsgraph_db_pool_connections", "Open connections of the database pool", (p) => p.totalCount);
  poolGauge("newsgraph_db_pool_idle_connections", "Open connections of the database pool that are idle", (p) => p.idleCount);
  poolGauge("newsgraph_db_pool_waiting_requests", "Queries waiting for a connection of the database pool", (p) => p.waitingCount);
  poolGauge("newsgraph_db_pool_max_connections", "Most connections the database pool opens", (p) => p.options.max);

  return {
    observeGraphQLRequest(finished) {
      const labels = { operation: operations.of(finished.record.operationName), outcome: outcomeOf(finished) };
      requests.inc(labels);
      durations.observe(labels, finished.durationMs / 1000);
    },
    async respond(res) {
      const merged = Registry.merge([processMetrics(), registry]);
      const body = await merged.metrics();
      res.writeHead(200, { "content-type": merged.contentType, "cache-control": "no-store" }).end(body);
    },
  };
}
