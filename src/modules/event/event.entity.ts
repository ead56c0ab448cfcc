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
registerEnumType(EventKind, {
  name: "EventKind",
  description: "What sort of event it is.",
  valuesConfig: {
    MILITARY_DEPLOYMENT: { description: "Troops or weapons sent somewhere, e.g. North Korean soldiers to Russia." },
    MILITARY_TRAINING: { description: "Troops being trained or exercising." },
    SANCTIONS: { description: "Sanctions imposed (or planned) on a country, organization or people." },
    DIPLOMATIC_MEETING: { description: "A meeting, visit or briefing between governments or international organizations." },
    ANNOUNCEMENT: { description: "A public announcement that is news in itself." },
    ARMED_CONFLICT: { description: "Fighting: a war, battle or attack." },
    OTHER: { description: "Anything else." },
  },
});

export enum EventStatus {
  REPORTED = "REPORTED",
  CONFIRMED = "CONFIRMED",
  PLANNED = "PLANNED",
  DENIED = "DENIED",
}
registerEnumType(EventStatus, {
  name: "EventStatus",
  description: "How established an event is.",
  valuesConfig: {
    REPORTED: { description: "Reported by sources, not (yet) confirmed." },
    CONFIRMED: { description: "Confirmed by an authoritative source, e.g. a government or NATO." },
    PLANNED: { description: "Announced or expected, but not happened yet." },
    DENIED: { description: "Reported, but denied, e.g. by a government said to be involved." },
  },
});

export enum DatePrecision {
  DAY = "DAY",
  MONTH = "MONTH",
  YEAR = "YEAR",
}
registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How precise startDate/endDate are: with MONTH, 2024-10-01 means some day in October 2024.",
  valuesConfig: {
    DAY: { description: "The dates are exact days." },
    MONTH: { description: "Only the month is known: each date stands for some day in its month." },
    YEAR: { description: "Only the year is known: each date stands for some day in its year." },
  },
});

@ObjectType({ implements: Node, description: "Something that happened (or is planned, or denied) that statements are about." })
@Entity("events")
export class Event extends StoredNode {
  @Field({ description: 'A short headline for it, e.g. "North Korea sends troops to eastern Russia".' })
  @Column("text")
  title!: string;

  @Field(() => String, { nullable: true, description: "What happened, in a few sentences, as reported." })
  @Column("text", { nullable: true })
  summary!: string | null;

  @Field(() => EventKind, { description: "What sort of event it is." })
  @Column("text")
  kind!: EventKind;

  @Field(() => EventStatus, { description: "How established it is: reported, confirmed, planned or denied." })
  @Column("text")
  status!: EventStatus;

  @Field(() => DateScalar, { nullable: true, description: "When it began (or begins), as precise as datePrecision says; empty when not known." })
  @Column("date", { nullable: true })
  startDate!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "When it ended (or ends), as precise as datePrecision says; empty when it lasts only its startDate's day, month or year.",
  })
  @Column("date", { nullable: true })
  endDate!: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "How precise startDate and endDate are; empty exactly when there is no startDate." })
  @Column("text", { nullable: true })
  datePrecision!: DatePrecision | null;

  @Column("uuid", { nullable: true })
  parentId!: string | null;
}
