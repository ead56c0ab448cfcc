import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { callResolversDirectly } from "./graphql/direct-resolvers";
import { DateTimeScalar } from "./graphql/scalars";
import { validateInput } from "./graphql/validation";
import { authChecker } from "./modules/auth/auth-checker";
import { AffiliationResolver } from "./modules/affiliation/affiliation.resolver";
import { ArticleResolver } from "./modules/article/article.resolver";
import { EventParticipantResolver } from "./modules/event/event-participant.resolver";
import { EventPlaceResolver } from "./modules/event/event-place.resolver";
import { CorroboratorResolver, EventResolver } from "./modules/event/event.resolver";
import { EventSubscription } from "./modules/event/event.subscription";
import { AffiliationMutation } from "./modules/affiliation/affiliation.mutation";
import { ArticleMutation } from "./modules/article/article.mutation";
import { AuditResolver } from "./modules/audit/audit.resolver";
import { EventMutation } from "./modules/event/event.mutation";
import { IngestMutation } from "./modules/ingest/ingest.mutation";
import { PersonMutation } from "./modules/person/person.mutation";
import { PlaceMutation } from "./modules/place/place.mutation";
import { StatementMutation } from "./modules/statement/statement.mutation";
import { SearchResolver } from "./modules/search/search.resolver";
import { NodeResolver } from "./modules/node/node.resolver";
import { OrganizationMutation } from "./modules/organization/organization.mutation";
import { OrganizationResolver } from "./modules/organization/organization.resolver";
import { PersonResolver } from "./modules/person/person.resolver";
import { PlaceResolver } from "./modules/place/place.resolver";
import { StatementSubscription } from "./modules/statement/statement.subscription";
import { StatementResolver } from "./modules/statement/statement.resolver";

export const resolvers = [
  NodeResolver,
  SearchResolver,
  OrganizationResolver,
  OrganizationMutation,
  PersonResolver,
  PersonMutation,
  AffiliationResolver,
  AffiliationMutation,
  PlaceResolver,
  PlaceMutation,
  ArticleResolver,
  ArticleMutation,
  EventResolver,
  CorroboratorResolver,
  EventMutation,
  EventParticipantResolver,
  EventPlaceResolver,
  StatementResolver,
  StatementMutation,
  StatementSubscription,
  EventSubscription,
  IngestMutation,
  AuditResolver,
] as const;

/**
 * type-graphql insists on a PubSub once there are subscriptions, but every subscription here brings
 * its own `subscribe` (the StatementFeed, fed by Postgres NOTIFY), so topics are never used.
 */
const noTopics: PubSub = {
  publish: () => {
    throw new Error("newsgraph publishes through Postgres NOTIFY, not type-graphql topics");
  },
  subscribe: () => {
    throw new Error("newsgraph subscriptions bring their own subscribe function");
  },
};

/** type-graphql has no option for the root types' descriptions, so they are set on the built schema. */
const ROOT_TYPE_DESCRIPTIONS = {
  query: "Reads: open to everyone, no token needed (except auditLog, for editors).",
  mutation: "Writes: each needs a bearer token with the EDITOR (or ADMIN) role, runs in one transaction (all or nothing) and is recorded in the audit log.",
  subscription: "Live updates, over WebSocket only (graphql-transport-ws or the legacy graphql-ws protocol) on the /graphql path.",
};

/** The one schema, shared by the server, the tests and the schema.graphql emitter. */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validateFn: validateInput,
    authChecker,
    pubSub: noTopics,
  });
  callResolversDirectly(schema);
  for (const [root, description] of [
    [schema.getQueryType(), ROOT_TYPE_DESCRIPTIONS.query],
    [schema.getMutationType(), ROOT_TYPE_DESCRIPTIONS.mutation],
    [schema.getSubscriptionType(), ROOT_TYPE_DESCRIPTIONS.subscription],
  ] as const) {
    if (root) root.description = description;
  }
  return schema;
}
