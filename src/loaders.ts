import type { DataSource } from "typeorm";
import { createAffiliationLoaders } from "./modules/affiliation/affiliation.loaders";
import { createArticleLoaders } from "./modules/article/article.loaders";
import { createEventLoaders } from "./modules/event/event.loaders";
import { createOrganizationLoaders } from "./modules/organization/organization.loaders";
import { createPersonLoaders } from "./modules/person/person.loaders";
import { createPlaceLoaders } from "./modules/place/place.loaders";
import { createStatementLoaders } from "./modules/statement/statement.loaders";
import { IdentityMap } from "./db/identity-map";
import { EntityLoader } from "./db/loaders";
import type { Node } from "./graphql/node";
import { ENTITIES } from "./registry";

/** Fresh loaders for every request: a DataLoader caches, and a cache must never outlive its request. */
export function createLoaders(db: DataSource) {
  const known = new IdentityMap();
  const loaders = {
    ...createOrganizationLoaders(db, known),
    ...createPersonLoaders(db, known),
    ...createAffiliationLoaders(db, known),
    ...createPlaceLoaders(db, known),
    ...createArticleLoaders(db, known),
    ...createEventLoaders(db, known),
    ...createStatementLoaders(db, known),
  };
  let nodes: { readonly [type: string]: EntityLoader<Node> } | undefined;
  // Worked out when first asked for: most requests never look a node up by type.
  const nodeLoader = (type: string): EntityLoader<Node> | undefined => {
    nodes ??= nodeLoaders(loaders);
    return Object.hasOwn(nodes, type) ? nodes[type] : undefined;
  };
  return { known, ...loaders, nodeLoader };
}

/**
 * The by-id loader of each stored type that has one, by GraphQL type name (nodeLoader): what
 * `node(id:)` and search's hits fetch through. Derived from the registry's types and the modules' loaders, so a
 * new concept with a by-id loader is a Node without a list of its own.
 */
function nodeLoaders(loaders: object): { readonly [type: string]: EntityLoader<Node> } {
  const byEntity = new Map(Object.values(loaders).flatMap((loader) => (loader instanceof EntityLoader ? [[loader.entity, loader as EntityLoader<Node>]] : [])));
  return Object.fromEntries(Object.entries(ENTITIES).flatMap(([type, entity]) => (byEntity.has(entity) ? [[type, byEntity.get(entity)!]] : [])));
}

export type Loaders = ReturnType<typeof createLoaders>;
