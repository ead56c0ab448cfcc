import { createHash } from "node:crypto";
import path from "node:path";
import pino from "pino";
import type { CorsOrigins } from "./cors";
import { isRoot, unreachableFolder } from "./db/reachable";

/** Everything the service reads from the environment, parsed and validated once at start-up. */
export interface Config {
  /** HTTP port of the GraphQL endpoint (0 picks a free one; tests use that). */
  port: number;
  /** An external PostgreSQL; when absent the embedded one is started. */
  databaseUrl: string | undefined;
  /** Folder of the embedded PostgreSQL cluster; survives restarts. */
  dataDir: string;
  /** Port of the embedded PostgreSQL; undefined picks a free one. */
  embeddedPostgresPort: number | undefined;
  /** Load the demo data when the database is empty. */
  seedOnStart: boolean;
  logLevel: string;
  /** Query limits, checked before execution (src/graphql/operation-limits.ts). */
  limits: QueryLimits;
  /** max-age (seconds) of successful GET queries' Cache-Control, for CDNs; 0: never cacheable. */
  cacheMaxAge: number;
  /** Allow-list mode: run only operations registered with `npm run persisted -- register`. */
  persistedOnly: boolean;
  /** Schema introspection (`__schema`, `__type`), over HTTP and WebSocket. */
  introspection: boolean;
  /** GraphQL Playground on GET /graphql and its assets under /playground/. */
  playground: boolean;
  /** The connection pool and its timeouts. */
  database: DatabaseSettings;
  /** Browser origins allowed to call the API (CORS), and to open its WebSocket when a list. */
  corsOrigins: CorsOrigins;
  bounds: MemoryBounds;
  /** NEWSGRAPH_AUTO_ACCEPT: ingested statements at or above this confidence (0–1) are ACCEPTED, the others PROPOSED. */
  autoAccept: number;
}

export interface DatabaseSettings {
  /** Most connections the pool opens. */
  poolSize: number;
  /** How long getting a connection may take (opening one, or waiting for a free one) before the request fails. */
  connectTimeoutMs: number;
  /** Postgres' statement_timeout on every pooled connection (migrations lift it). */
  statementTimeoutMs: number;
}

export const DEFAULT_DATABASE_SETTINGS: DatabaseSettings = { poolSize: 10, connectTimeoutMs: 3_000, statementTimeoutMs: 15_000 };

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  /** Page-size-aware cost budget (src/graphql/cost.ts). */
  maxCost: number;
  maxRootFields: number;
  /** Size of the query text in bytes (the request body may be larger: variables). */
  maxDocumentBytes: number;
}

/** The query limits' defaults, documented in the README (Configuration, Query cost). */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxTokens: 2000,
  maxDirectives: 50,
  maxCost: 50_000,
  maxRootFields: 10,
  // 64 KiB: far above any hand-written or generated operation; long text belongs in variables.
  maxDocumentBytes: 65_536,
};

/** Memory bounds against hostile clients (README: Production mode and hostile input), each with its variable. */
export interface MemoryBounds {
  /** NEWSGRAPH_MAX_REQUEST_BYTES: an HTTP body and a WebSocket message (frame). */
  maxRequestBytes: number;
  /** NEWSGRAPH_MAX_RESPONSE_BYTES: an answer, in bytes of JSON (about: text in UTF-8, escapes counted in long strings). */
  maxResponseBytes: number;
  /** NEWSGRAPH_DOCUMENT_CACHE_BYTES: the parsed documents kept for reuse, their source text counted. */
  documentCacheBytes: number;
  /** NEWSGRAPH_MAX_UNSENT_BYTES: what one WebSocket may have waiting unsent before it is closed. */
  maxUnsentBytes: number;
  /** NEWSGRAPH_MAX_JSON_NESTING: levels of arrays and objects in a request's JSON. */
  maxJsonNesting: number;
}

export const DEFAULT_MEMORY_BOUNDS: MemoryBounds = {
  // Room for an article body at its limit (1,000,000 characters) in JSON.
  maxRequestBytes: 8_000_000,
  // Cost counts values, not their length: one 1,000,000-character article cited by 100 statements,
  // asked twice under aliases, costs about 600 and made a 200 MB answer (two at once took 2.5 GB).
  maxResponseBytes: 16 * 1024 * 1024,
  // Apollo Server's own default budget, which it spent by the syntax tree alone.
  documentCacheBytes: 30 * 1024 * 1024,
  // A full connection's burst for one statement (50 subscriptions of a 20,000-character statement
  // with its nested fields, about 25 KB each) is about 1.3 MB: this leaves three times that.
  maxUnsentBytes: 4 * 1024 * 1024,
  // newsgraph's deepest input (an event with its participants) nests 4 levels.
  maxJsonNesting: 32,
};

/** Seconds a CDN may keep a successful GET query's answer. */
export const DEFAULT_CACHE_MAX_AGE = 60;

/**
 * The extractor's rules give 0.9 and more where news style leaves no doubt (a quote with its
 * speaker's name next to it), less where it resolves a pronoun or a role, and under 0.5 where it
 * abstains: by default those last two kinds wait for an editor.
 */
export const DEFAULT_AUTO_ACCEPT = 0.85;

function parseConfidence(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new ConfigError(name, `must be a number from 0 to 1, got "${raw}"`);
  return value;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

export const PROJECT_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

/**
 * `.newsgraph-data` in the project. As root, PostgreSQL runs as the `postgres` user; where the
 * project sits in a folder that user cannot enter (a container's 0700 /root), the default is
 * /var/lib/newsgraph/<project folder>-<hash of its path> instead: one folder per clone, kept across restarts.
 */
function defaultDataDir(): string {
  const inProject = path.join(PROJECT_ROOT, ".newsgraph-data");
  if (!isRoot() || !unreachableFolder(inProject)) return inProject;
  const clone = createHash("sha256").update(PROJECT_ROOT).digest("hex").slice(0, 8);
  return path.join("/var/lib/newsgraph", `${path.basename(PROJECT_ROOT)}-${clone}`);
}

function parsePort(name: string, raw: string | undefined, allowZero: boolean): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < (allowZero ? 0 : 1) || port > 65535) {
    throw new ConfigError(name, `must be a port number (${allowZero ? 0 : 1}-65535), got "${raw}"`);
  }
  return port;
}

function parseLimit(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(name, `must be a whole number of at least 1, got "${raw}"`);
  return value;
}

function parseSeconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(name, `must be a whole number of seconds (0 or more), got "${raw}"`);
  return value;
}

function parseBoolean<Fallback extends boolean | undefined>(name: string, raw: string | undefined, fallback: Fallback): boolean | Fallback {
  if (raw === undefined || raw === "") return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("DATABASE_URL", "is not a URL (expected postgres://user:password@host:port/database)");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError("DATABASE_URL", `must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  return raw;
}

/** `*` (the default), a comma-separated list of origins (`https://app.example.com,http://localhost:3000`), or `false`/empty: none. */
function parseCorsOrigins(raw: string | undefined): CorsOrigins {
  if (raw === undefined) return "*";
  const value = raw.trim();
  if (value === "" || /^false$/i.test(value)) return false;
  if (value === "*") return "*";
  return value.split(",").map((entry) => {
    const origin = entry.trim();
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new ConfigError("NEWSGRAPH_CORS_ORIGINS", `must be *, false, or origins like https://app.example.com separated by commas (scheme, host and port only, no path or trailing slash), got "${origin}"`);
    }
    return origin;
  });
}

function parseLogLevel(raw: string | undefined): string {
  if (raw === undefined || raw === "") return "info";
  const levels = [...Object.keys(pino.levels.values), "silent"];
  if (!levels.includes(raw)) throw new ConfigError("LOG_LEVEL", `must be one of ${levels.join(", ")}, got "${raw}"`);
  return raw;
}

/**
 * Introspection and Playground are on outside production and off with NODE_ENV=production, unless
 * set. Playground runs on introspection: asking for Playground turns introspection on too, and
 * asking for Playground while refusing introspection is a contradiction.
 */
function parseIntrospectionAndPlayground(env: NodeJS.ProcessEnv): { introspection: boolean; playground: boolean } {
  const production = env.NODE_ENV === "production";
  const introspection = parseBoolean("NEWSGRAPH_INTROSPECTION", env.NEWSGRAPH_INTROSPECTION, undefined);
  const playground = parseBoolean("NEWSGRAPH_PLAYGROUND", env.NEWSGRAPH_PLAYGROUND, undefined);
  if (playground === true && introspection === false) {
    throw new ConfigError("NEWSGRAPH_PLAYGROUND", "is true, but Playground needs introspection, which NEWSGRAPH_INTROSPECTION=false turns off");
  }
  const introspectionOn = introspection ?? (playground === true || !production);
  return { introspection: introspectionOn, playground: playground ?? (introspectionOn && !production) };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.NEWSGRAPH_DATA_DIR ? path.resolve(env.NEWSGRAPH_DATA_DIR) : defaultDataDir();
  return {
    port: parsePort("PORT", env.PORT, true) ?? 4000,
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    dataDir,
    embeddedPostgresPort: parsePort("NEWSGRAPH_PG_PORT", env.NEWSGRAPH_PG_PORT, false),
    seedOnStart: parseBoolean("NEWSGRAPH_SEED", env.NEWSGRAPH_SEED, true),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    limits: {
      maxDepth: parseLimit("NEWSGRAPH_MAX_DEPTH", env.NEWSGRAPH_MAX_DEPTH, DEFAULT_LIMITS.maxDepth),
      maxAliases: parseLimit("NEWSGRAPH_MAX_ALIASES", env.NEWSGRAPH_MAX_ALIASES, DEFAULT_LIMITS.maxAliases),
      maxTokens: parseLimit("NEWSGRAPH_MAX_TOKENS", env.NEWSGRAPH_MAX_TOKENS, DEFAULT_LIMITS.maxTokens),
      maxDirectives: parseLimit("NEWSGRAPH_MAX_DIRECTIVES", env.NEWSGRAPH_MAX_DIRECTIVES, DEFAULT_LIMITS.maxDirectives),
      maxCost: parseLimit("NEWSGRAPH_MAX_COST", env.NEWSGRAPH_MAX_COST, DEFAULT_LIMITS.maxCost),
      maxRootFields: parseLimit("NEWSGRAPH_MAX_ROOT_FIELDS", env.NEWSGRAPH_MAX_ROOT_FIELDS, DEFAULT_LIMITS.maxRootFields),
      maxDocumentBytes: parseLimit("NEWSGRAPH_MAX_DOCUMENT_BYTES", env.NEWSGRAPH_MAX_DOCUMENT_BYTES, DEFAULT_LIMITS.maxDocumentBytes),
    },
    cacheMaxAge: parseSeconds("NEWSGRAPH_CACHE_MAX_AGE", env.NEWSGRAPH_CACHE_MAX_AGE, DEFAULT_CACHE_MAX_AGE),
    persistedOnly: parseBoolean("NEWSGRAPH_PERSISTED_ONLY", env.NEWSGRAPH_PERSISTED_ONLY, false),
    database: {
      poolSize: parseLimit("NEWSGRAPH_DB_POOL_SIZE", env.NEWSGRAPH_DB_POOL_SIZE, DEFAULT_DATABASE_SETTINGS.poolSize),
      connectTimeoutMs: parseLimit("NEWSGRAPH_DB_CONNECT_TIMEOUT_MS", env.NEWSGRAPH_DB_CONNECT_TIMEOUT_MS, DEFAULT_DATABASE_SETTINGS.connectTimeoutMs),
      statementTimeoutMs: parseLimit("NEWSGRAPH_DB_STATEMENT_TIMEOUT_MS", env.NEWSGRAPH_DB_STATEMENT_TIMEOUT_MS, DEFAULT_DATABASE_SETTINGS.statementTimeoutMs),
    },
    corsOrigins: parseCorsOrigins(env.NEWSGRAPH_CORS_ORIGINS),
    bounds: {
      maxRequestBytes: parseLimit("NEWSGRAPH_MAX_REQUEST_BYTES", env.NEWSGRAPH_MAX_REQUEST_BYTES, DEFAULT_MEMORY_BOUNDS.maxRequestBytes),
      maxResponseBytes: parseLimit("NEWSGRAPH_MAX_RESPONSE_BYTES", env.NEWSGRAPH_MAX_RESPONSE_BYTES, DEFAULT_MEMORY_BOUNDS.maxResponseBytes),
      documentCacheBytes: parseLimit("NEWSGRAPH_DOCUMENT_CACHE_BYTES", env.NEWSGRAPH_DOCUMENT_CACHE_BYTES, DEFAULT_MEMORY_BOUNDS.documentCacheBytes),
      maxUnsentBytes: parseLimit("NEWSGRAPH_MAX_UNSENT_BYTES", env.NEWSGRAPH_MAX_UNSENT_BYTES, DEFAULT_MEMORY_BOUNDS.maxUnsentBytes),
      maxJsonNesting: parseLimit("NEWSGRAPH_MAX_JSON_NESTING", env.NEWSGRAPH_MAX_JSON_NESTING, DEFAULT_MEMORY_BOUNDS.maxJsonNesting),
    },
    autoAccept: parseConfidence("NEWSGRAPH_AUTO_ACCEPT", env.NEWSGRAPH_AUTO_ACCEPT, DEFAULT_AUTO_ACCEPT),
    ...parseIntrospectionAndPlayground(env),
  };
}
