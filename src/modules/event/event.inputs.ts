import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../graphql/scalars";
import { ArrayMaxSize } from "class-validator";
import { LIST_CAPS } from "../../graphql/list-caps";
import { NotBefore, NotNull, Text } from "../../graphql/validators";
import { StatementsOnDelete } from "../person/person.inputs";
import { DatePrecision, EventKind, EventStatus } from "./event.entity";
import { ParticipantRole } from "./event-participant.entity";
import { PlaceRole } from "./event-place.entity";

@InputType({ description: "Who takes part: exactly one of organizationId and personId." })
export class ParticipantInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string;

  @Field(() => ID, { nullable: true })
  personId?: string;

  @Field(() => ParticipantRole)
  role!: ParticipantRole;
}

@InputType()
export class EventPlaceInput {
  @Field(() => ID)
  placeId!: string;

  @Field(() => PlaceRole)
  role!: PlaceRole;
}

@InputType({ description: "An event with its participants, places and source articles, validated and stored together." })
export class CreateEventInput {
  @Field()
  @Text(500)
  title!: string;

  @Field(() => String, { nullable: true })
  @Text(10_000)
  summary?: string | null;

  @Field(() => EventKind)
  kind!: EventKind;

  @Field(() => EventStatus)
  status!: EventStatus;

  @Field(() => DateScalar, { nullable: true })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @NotBefore("startDate")
  endDate?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "Defaults to DAY when startDate is given." })
  datePrecision?: DatePrecision | null;

  @Field(() => ID, { nullable: true, description: "The larger Event this one is part of." })
  parentId?: string | null;

  @Field(() => [ParticipantInput], { nullable: true, description: `At most ${LIST_CAPS.participants}.` })
  @ArrayMaxSize(LIST_CAPS.participants)
  participants?: ParticipantInput[];

  @Field(() => [EventPlaceInput], { nullable: true, description: `At most ${LIST_CAPS.places}.` })
  @ArrayMaxSize(LIST_CAPS.places)
  places?: EventPlaceInput[];

  @Field(() => [ID], { nullable: true, description: `Articles reporting the event. At most ${LIST_CAPS.sources}.` })
  @ArrayMaxSize(LIST_CAPS.sources)
  sourceIds?: string[];
}

@InputType({ description: "Only the fields given change; null clears an optional field. A given list (participants, places, sourceIds) replaces the old one." })
export class UpdateEventInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @NotNull()
  @Text(500)
  title?: string;

  @Field(() => String, { nullable: true })
  @Text(10_000)
  summary?: string | null;

  @Field(() => EventKind, { nullable: true })
  @NotNull()
  kind?: EventKind;

  @Field(() => EventStatus, { nullable: true })
  @NotNull()
  status?: EventStatus;

  @Field(() => DateScalar, { nullable: true })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @NotBefore("startDate")
  endDate?: string | null;

  @Field(() => DatePrecision, { nullable: true })
  datePrecision?: DatePrecision | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => [ParticipantInput], { nullable: true, description: `At most ${LIST_CAPS.participants}.` })
  @ArrayMaxSize(LIST_CAPS.participants)
  participants?: ParticipantInput[];

  @Field(() => [EventPlaceInput], { nullable: true, description: `At most ${LIST_CAPS.places}.` })
  @ArrayMaxSize(LIST_CAPS.places)
  places?: EventPlaceInput[];

  @Field(() => [ID], { nullable: true, description: `At most ${LIST_CAPS.sources}.` })
  @ArrayMaxSize(LIST_CAPS.sources)
  sourceIds?: string[];
}

@InputType()
export class DeleteEventInput {
  @Field(() => ID)
  id!: string;

  @Field(() => StatementsOnDelete, { defaultValue: StatementsOnDelete.REFUSE })
  statements!: StatementsOnDelete;
}
