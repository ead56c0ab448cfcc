import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, Extensions, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { Loaded } from "../../db/loaders";
import type { ConnectionResult } from "../../contract/pages";
import { decodeGlobalId } from "../../contract/global-id";
import { selectedFields } from "../../graphql/selection";
import { Article } from "../article/article.entity";
import { Organization } from "../organization/organization.entity";
import { StatementConnection, StatementsArgs } from "../statement/statement.args";
import type { Statement } from "../statement/statement.entity";
import { statementJoins } from "../statement/statement.joins";
import { EventConnection, EventsArgs } from "./event.args";
import { Corroborator, EventCorroboration } from "./corroboration";
import { Event } from "./event.entity";
import { Capped, LIST_CAPS } from "../../graphql/list-caps";
import { EventParticipant } from "./event-participant.entity";
import { EventPlace } from "./event-place.entity";
import { RELATIONS } from "../../registry";

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: "An event by id; null when there is none." })
  event(@Arg("id", () => ID, { description: "The global id of the Event; an id of another type is a BAD_USER_INPUT error." }) id: string, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<Event | null> {
    const eventId = decodeGlobalId(id, "Event", "id");
    // Its participants come in the same statement when they are asked for.
    return selectedFields(info).has("participants") ? loaders.eventWithParticipants.load(eventId) : loaders.event.load(eventId);
  }

  @Query(() => EventConnection, { description: "Events, filtered and ordered." })
  events(@Args() args: EventsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Event>> {
    return lists.root(RELATIONS.Query.events, args);
  }

  @FieldResolver(() => [EventParticipant], { description: `Who took part, and in what role. At most ${LIST_CAPS.participants}.` })
  @Capped(LIST_CAPS.participants)
  participants(@Root() event: Event, @Ctx() { loaders }: Context): EventParticipant[] | Promise<EventParticipant[]> {
    return loaders.participantsByEvent.get(event.id);
  }

  @FieldResolver(() => [EventPlace], { description: `Where it happened: origin, destination, location. At most ${LIST_CAPS.places}.` })
  @Capped(LIST_CAPS.places)
  places(@Root() event: Event, @Ctx() { loaders }: Context): EventPlace[] | Promise<EventPlace[]> {
    return loaders.placesByEvent.get(event.id);
  }

  @FieldResolver(() => [Article], { description: `Articles reporting it. At most ${LIST_CAPS.sources}.` })
  @Capped(LIST_CAPS.sources)
  sources(@Root() event: Event, @Ctx() { loaders }: Context): Promise<Article[]> {
    return loaders.sourcesByEvent.load(event.id);
  }

  @FieldResolver(() => StatementConnection, { description: "Statements about it." })
  statements(@Root() event: Event, @Args() args: StatementsArgs, @Ctx() { lists, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionResult<Statement>> {
    return lists.nested(RELATIONS.Event.statements, event.id, args, statementJoins(info, loaders));
  }

  @FieldResolver(() => EventCorroboration, { description: "Who confirms it, who denies it, how many independent sources stand behind it; for a page of events in one read." })
  @Extensions({ reads: ["status"] }) // the suggestion falls back on the stored status; see graphql/column-plan.ts
  corroboration(@Root() event: Event, @Ctx() { loaders }: Context): Promise<EventCorroboration> {
    return loaders.corroboration.load({ id: event.id, status: event.status });
  }

  @FieldResolver(() => Event, { nullable: true, description: "The larger event this one is part of." })
  parent(@Root() event: Event, @Ctx() { loaders }: Context): Loaded<Event> {
    return event.parentId ? loaders.event.get(event.parentId) : null;
  }

  @FieldResolver(() => EventConnection, { description: "Events that are part of this one." })
  subEvents(@Root() event: Event, @Args() args: EventsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Event>> {
    return lists.nested(RELATIONS.Event.subEvents, event.id, args);
  }
}

@Resolver(() => Corroborator)
export class CorroboratorResolver {
  @FieldResolver(() => Organization, { description: "The top-level state or body." })
  organization(@Root() corroborator: Corroborator, @Ctx() { loaders }: Context): Promise<Organization | null> {
    return loaders.organization.load(corroborator.organizationId);
  }

  @FieldResolver(() => [Organization], { description: `The organizations under it (or itself) whose statements count. At most ${LIST_CAPS.corroborators}.` })
  @Capped(LIST_CAPS.corroborators)
  async via(@Root() corroborator: Corroborator, @Ctx() { loaders }: Context): Promise<Organization[]> {
    const organizations = await Promise.all(corroborator.viaIds.slice(0, LIST_CAPS.corroborators).map((id) => loaders.organization.load(id)));
    return organizations.filter((organization): organization is Organization => organization !== null);
  }
}
