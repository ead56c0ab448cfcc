import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";
import { DateScalar } from "../../graphql/scalars";

export enum EventKind {
  MILITARY_DEPLOYMENT = "MILITARY_DEPLOYMENT",
  MILITARY_TRAINING = "MILITARY_TRAINING",
  SANCTIONS = "SANCTIONS",
  DIPLOMATIC_MEETING = "DIPLOMATIC_MEETING",
  ANNOUNCEMENT = "ANNOUNCEMENT",
  ARMED_CONFLICT = "ARMED_CONFLICT",
  OTHER = "OTHER",
}
registerEnumType(EventKind, { name: "EventKind" });

export enum EventStatus {
  REPORTED = "REPORTED",
  CONFIRMED = "CONFIRMED",
  PLANNED = "PLANNED",
  DENIED = "DENIED",
}
registerEnumType(EventStatus, { name: "EventStatus", description: "How established an event is." });

export enum DatePrecision {
  DAY = "DAY",
  MONTH = "MONTH",
  YEAR = "YEAR",
}
registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How precise startDate/endDate are: with MONTH, 2024-10-01 means some day in October 2024.",
});

@ObjectType({ implements: Node, description: "Something that happened (or is planned, or denied) that statements are about." })
@Entity("events")
export class Event extends StoredNode {
  @Field()
  @Column("text")
  title!: string;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  summary!: string | null;

  @Field(() => EventKind)
  @Column("text")
  kind!: EventKind;

  @Field(() => EventStatus)
  @Column("text")
  status!: EventStatus;

  @Field(() => DateScalar, { nullable: true })
  @Column("date", { nullable: true })
  startDate!: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column("date", { nullable: true })
  endDate!: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "Precision of startDate and endDate." })
  @Column("text", { nullable: true })
  datePrecision!: DatePrecision | null;

  @Column("uuid", { nullable: true })
  parentId!: string | null;
}
