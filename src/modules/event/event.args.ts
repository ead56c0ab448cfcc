import { Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { DateRange, OrderDirection, OrderInput } from "../../graphql/ordering";
import { Event, EventKind, EventStatus } from "./event.entity";

@ObjectType({ description: "A page of events, with cursors to page on (Relay connection)." })
export class EventConnection extends Connection(Event) {}

@InputType({ description: "All given conditions must hold." })
export class EventFilter {
  @Field(() => [EventKind], { nullable: true, description: "Any of these kinds." })
  kind?: EventKind[];

  @Field(() => [EventStatus], { nullable: true, description: "Any of these statuses." })
  status?: EventStatus[];

  @Field(() => ID, { nullable: true, description: "An Organization or Person taking part, in any role." })
  participantId?: string;

  @Field(() => ID, { nullable: true, description: "A Place involved, in any role." })
  placeId?: string;

  @Field(() => DateRange, {
    nullable: true,
    description: "Events whose dates overlap this range (without an endDate, an event lasts its startDate's day, month or year); undated events never match.",
  })
  date?: DateRange;

  @Field({ nullable: true, description: "Words in the title or summary, in search syntax (\"a phrase\", or, -word); stemmed, case and accents ignored." })
  text?: string;

  @Field(() => Int, { nullable: true, description: "At least this many independent confirmers (corroboration.independentConfirmers)." })
  @Min(0)
  minIndependentConfirmers?: number;

  @Field(() => Int, { nullable: true, description: "At least this many sources (corroboration.sources: wire copies count once)." })
  @Min(0)
  minSources?: number;

  @Field({ nullable: true, description: "true: only events some organization denies; false: only events nobody denies." })
  denied?: boolean;
}

export enum EventOrderField {
  START_DATE = "START_DATE",
  CREATED_AT = "CREATED_AT",
  TITLE = "TITLE",
  INDEPENDENT_CONFIRMERS = "INDEPENDENT_CONFIRMERS",
  SOURCES = "SOURCES",
}
registerEnumType(EventOrderField, {
  name: "EventOrderField",
  description: "What events can be sorted by.",
  valuesConfig: {
    START_DATE: { description: "By startDate; undated events count as the oldest." },
    CREATED_AT: { description: "By when they were added to newsgraph." },
    TITLE: { description: "By title, alphabetically." },
    INDEPENDENT_CONFIRMERS: { description: "By how many independent organizations confirm them (corroboration.independentConfirmers)." },
    SOURCES: { description: "By how many sources report them (corroboration.sources)." },
  },
});

@InputType({ description: "How to sort events." })
export class EventOrder extends OrderInput<EventOrderField>(EventOrderField, OrderDirection.DESC) {}

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => EventFilter, { nullable: true, description: "Only the events that meet all the given conditions." })
  filter?: EventFilter;

  @Field(() => EventOrder, { nullable: true, description: "Default: latest start date first (undated last)." })
  orderBy?: EventOrder;
}
