import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { DateTimeScalar } from "./graphql/scalars";
import { AffiliationResolver } from "./modules/affiliation/affiliation.resolver";
import { ArticleResolver } from "./modules/article/article.resolver";
import { EventParticipantResolver } from "./modules/event/event-participant.resolver";
import { EventPlaceResolver } from "./modules/event/event-place.resolver";
import { EventResolver } from "./modules/event/event.resolver";
import { NodeResolver } from "./modules/node/node.resolver";
import { OrganizationResolver } from "./modules/organization/organization.resolver";
import { PersonResolver } from "./modules/person/person.resolver";
import { PlaceResolver } from "./modules/place/place.resolver";
import { StatementResolver } from "./modules/statement/statement.resolver";

export const resolvers = [
  NodeResolver,
  OrganizationResolver,
  PersonResolver,
  AffiliationResolver,
  PlaceResolver,
  ArticleResolver,
  EventResolver,
  EventParticipantResolver,
  EventPlaceResolver,
  StatementResolver,
] as const;

/** The one schema, shared by the server, the tests and the schema.graphql emitter. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
  });
}
