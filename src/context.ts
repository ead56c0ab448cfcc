import type { DataSource } from "typeorm";
import { DEFAULT_AUTO_ACCEPT } from "./config";
import { Lists } from "./db/lists";
import { createLoaders, type Loaders } from "./loaders";
import { newRequestRecord, type RequestRecord } from "./observability/request-record";
import { bearerToken, verifyToken, type Viewer } from "./modules/auth/tokens";
import type { StatementFeed } from "./modules/statement/statement-feed";

export interface Context {
  db: DataSource;
  loaders: Loaders;
  lists: Lists;
  /** Who sent the request's bearer token; checked at most once, and only when a write needs it. */
  viewer(): Promise<Viewer | null>;
  /** Drops everything loaded so far: after a write, later fields of the request read fresh data. */
  forgetLoaded(): void;
  /** New statements for subscriptions (WebSocket contexts only). */
  statementFeed?: StatementFeed;
  /** The request's id and what its log line and metrics need; a WebSocket operation gets a fresh one. */
  request: RequestRecord;
  /** Ingested statements at or above this confidence are ACCEPTED, the others PROPOSED (NEWSGRAPH_AUTO_ACCEPT). */
  autoAccept: number;
}

export interface ContextOptions {
  authorization?: string;
  statementFeed?: StatementFeed;
  request?: RequestRecord;
  autoAccept?: number;
}

export function createContext(db: DataSource, options: ContextOptions = {}): Context {
  const { authorization, statementFeed, request = newRequestRecord(), autoAccept = DEFAULT_AUTO_ACCEPT } = options;
  let viewer: Promise<Viewer | null> | undefined;
  const context: Context = {
    db,
    loaders: createLoaders(db),
    lists: new Lists(db, () => context.loaders.known),
    statementFeed,
    request,
    autoAccept,
    viewer() {
      const token = bearerToken(authorization);
      return (viewer ??= token ? verifyToken(db, token) : Promise.resolve(null));
    },
    forgetLoaded() {
      // In place: Apollo hands resolvers a shallow copy of this object, sharing these two.
      Object.assign(context.loaders, createLoaders(db));
      context.lists.clear();
    },
  };
  return context;
}
