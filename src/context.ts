import type { DataSource } from "typeorm";
import { Lists } from "./db/lists";
import { createAffiliationLoaders } from "./modules/affiliation/affiliation.loaders";
import { createArticleLoaders } from "./modules/article/article.loaders";
import { createEventLoaders } from "./modules/event/event.loaders";
import { createOrganizationLoaders } from "./modules/organization/organization.loaders";
import { createPersonLoaders } from "./modules/person/person.loaders";
import { createPlaceLoaders } from "./modules/place/place.loaders";
import { createStatementLoaders } from "./modules/statement/statement.loaders";

/** Fresh loaders for every request: a DataLoader caches, and a cache must never outlive its request. */
export function createLoaders(db: DataSource) {
  return {
    ...createOrganizationLoaders(db),
    ...createPersonLoaders(db),
    ...createAffiliationLoaders(db),
    ...createPlaceLoaders(db),
    ...createArticleLoaders(db),
    ...createEventLoaders(db),
    ...createStatementLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  db: DataSource;
  loaders: Loaders;
  lists: Lists;
}

export function createContext(db: DataSource): Context {
  return { db, loaders: createLoaders(db), lists: new Lists(db) };
}
