import type { DataSource } from "typeorm";
import { DEFAULT_AUTO_ACCEPT } from "./config";
import { IdentityMap } from "./db/identity-map";
import { Lists } from "./db/lists";
import { newRequestRecord, type RequestRecord } from "./observability/request-record";
import { bearerToken, verifyToken, type Viewer } from "./modules/auth/tokens";
import type { StatementFeed } from "./modules/statement/statement-feed";
import { createAffiliationLoaders } from "./modules/affiliation/affiliation.loaders";
import { createArticleLoaders } from "./modules/article/article.loaders";
import { createEventLoaders } from "./modules/event/event.loaders";
import { createOrganizationLoaders } from "./modules/organization/organization.loaders";
import { createPersonLoaders } from "./modules/person/person.loaders";
import { createPlaceLoaders } from "./modules/place/place.loaders";
import { createStatementLoaders } from "./modules/statement/statement.loaders";

/** Fresh loaders for every request: a DataLoader caches, and a cache must never outlive its request. */
export function createLoaders(db: DataSource) {
  const known = new IdentityMap();
  return {
    known,
    ...createOrganizationLoaders(db, known),
    ...createPersonLoaders(db, known),
    ...createAffiliationLoaders(db, known),
    ...createPlaceLoaders(db, known),
    ...createArticleLoaders(db, known),
    ...createEventLoaders(db, known),
    ...createStatementLoaders(db, known),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

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
