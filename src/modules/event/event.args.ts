import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { DateRange, OrderDirection, OrderInput } from "../../graphql/ordering";
import { Event, EventKind, EventStatus } from "./event.entity";

@ObjectType()
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

  @Field(() => DateRange, { nullable: true, description: "Events whose dates overlap this range." })
  date?: DateRange;

  @Field({ nullable: true, description: "Words in the title or summary, in search syntax (\"a phrase\", or, -word); stemmed, case and accents ignored." })
  text?: string;
}

export enum EventOrderField {
  START_DATE = "START_DATE",
  CREATED_AT = "CREATED_AT",
  TITLE = "TITLE",
}
registerEnumType(EventOrderField, { name: "EventOrderField" });

@InputType()
export class EventOrder extends OrderInput<EventOrderField>(EventOrderField, OrderDirection.DESC) {}

@ArgsType()
export class EventsArgs extends ConnectionArgs {
  @Field(() => EventFilter, { nullable: true })
  filter?: EventFilter;

  @Field(() => EventOrder, { nullable: true, description: "Default: latest start date first (undated last)." })
  orderBy?: EventOrder;
}
