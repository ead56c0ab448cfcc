import type { DataSource } from "typeorm";
import { createAffiliationLoaders } from "./modules/affiliation/affiliation.loaders";
import { createArticleLoaders } from "./modules/article/article.loaders";
import { createEventLoaders } from "./modules/event/event.loaders";
import { createOrganizationLoaders } from "./modules/organization/organization.loaders";
import { createPersonLoaders } from "./modules/person/person.loaders";
import { createPlaceLoaders } from "./modules/place/place.loaders";
import { createStatementLoaders } from "./modules/statement/statement.loaders";
import { IdentityMap } from "./db/identity-map";
// Fills in what the plain lists fetch along (their item types' references), before any list is read.
import "./registry";

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
