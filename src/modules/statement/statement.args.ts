import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { DateRange, OrderDirection, OrderInput } from "../../graphql/ordering";
import { ReviewStatus, Stance, Statement, StatementKind } from "./statement.entity";

@ObjectType({ description: "A page of statements, with cursors to page on (Relay connection)." })
export class StatementConnection extends Connection(Statement) {}

@InputType({ description: "All given conditions must hold." })
export class StatementFilter {
  @Field(() => ID, { nullable: true, description: "Said by this Person." })
  speakerId?: string;

  @Field(() => ID, { nullable: true, description: "Said for this Organization." })
  organizationId?: string;

  @Field(() => ID, { nullable: true, description: "About this Event." })
  eventId?: string;

  @Field(() => [StatementKind], { nullable: true, description: "Any of these kinds." })
  kind?: StatementKind[];

  @Field(() => DateRange, { nullable: true, description: "Said on a day in this range." })
  statedOn?: DateRange;

  @Field({ nullable: true, description: "Words in the text, in search syntax (\"a phrase\", or, -word); stemmed, case and accents ignored." })
  text?: string;

  @Field(() => [ReviewStatus], { nullable: true, description: "Any of these review statuses. Default: ACCEPTED only, what a public page shows; editors ask for PROPOSED to review." })
  reviewStatus?: ReviewStatus[];

  @Field(() => [Stance], { nullable: true, description: "Any of these stances toward the event." })
  stance?: Stance[];

  @Field({ nullable: true, description: "true: only statements with a stance; false: only those without." })
  hasStance?: boolean;
}

export enum StatementOrderField {
  STATED_ON = "STATED_ON",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(StatementOrderField, {
  name: "StatementOrderField",
  description: "What statements can be sorted by.",
  valuesConfig: {
    STATED_ON: { description: "By the day they were said; undated statements count as the oldest." },
    CREATED_AT: { description: "By when they were added to newsgraph." },
  },
});

@InputType({ description: "How to sort statements." })
export class StatementOrder extends OrderInput<StatementOrderField>(StatementOrderField, OrderDirection.DESC) {}

@ArgsType()
export class StatementsArgs extends ConnectionArgs {
  @Field(() => StatementFilter, { nullable: true, description: "Only the statements that meet all the given conditions." })
  filter?: StatementFilter;

  @Field(() => StatementOrder, { nullable: true, description: "Default: most recently said first (undated last)." })
  orderBy?: StatementOrder;
}
