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
  @Field(() => ID, { nullable: true, description: "The Organization taking part; give this or personId." })
  organizationId?: string;

  @Field(() => ID, { nullable: true, description: "The Person taking part; give this or organizationId." })
  personId?: string;

  @Field(() => ParticipantRole, { description: "The part they play in the event." })
  role!: ParticipantRole;
}

@InputType({ description: "A place involved in an event, in a role." })
export class EventPlaceInput {
  @Field(() => ID, { description: "The Place." })
  placeId!: string;

  @Field(() => PlaceRole, { description: "How the place figures in the event." })
  role!: PlaceRole;
}

@InputType({ description: "An event with its participants, places and source articles, validated and stored together." })
export class CreateEventInput {
  @Field({ description: "A short headline for the event, at most 500 characters." })
  @Text(500)
  title!: string;

  @Field(() => String, { nullable: true, description: "What happened, at most 10,000 characters." })
  @Text(10_000)
  summary?: string | null;

  @Field(() => EventKind, { description: "What sort of event it is." })
  kind!: EventKind;

  @Field(() => EventStatus, { description: "How established it is." })
  status!: EventStatus;

  @Field(() => DateScalar, { nullable: true, description: "When it began (or begins); for MONTH or YEAR precision, any day of that month or year." })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When it ended (or ends); needs a startDate and may not be before it." })
  @NotBefore("startDate")
  endDate?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "Defaults to DAY when startDate is given; must be left empty without a startDate." })
  datePrecision?: DatePrecision | null;

  @Field(() => ID, { nullable: true, description: "The larger Event this one is part of." })
  parentId?: string | null;

  @Field(() => [ParticipantInput], { nullable: true, description: `Who takes part, each once per role. At most ${LIST_CAPS.participants}.` })
  @ArrayMaxSize(LIST_CAPS.participants)
  participants?: ParticipantInput[];

  @Field(() => [EventPlaceInput], { nullable: true, description: `Where it happened, each place once per role. At most ${LIST_CAPS.places}.` })
  @ArrayMaxSize(LIST_CAPS.places)
  places?: EventPlaceInput[];

  @Field(() => [ID], { nullable: true, description: `Articles reporting the event. At most ${LIST_CAPS.sources}.` })
  @ArrayMaxSize(LIST_CAPS.sources)
  sourceIds?: string[];
}

@InputType({ description: "Only the fields given change; null clears an optional field. A given list (participants, places, sourceIds) replaces the old one." })
export class UpdateEventInput {
  @Field(() => ID, { description: "The global id of the Event to change." })
  id!: string;

  @Field({ nullable: true, description: "A new headline, at most 500 characters; cannot be null." })
  @NotNull()
  @Text(500)
  title?: string;

  @Field(() => String, { nullable: true, description: "A new summary, at most 10,000 characters; null clears it." })
  @Text(10_000)
  summary?: string | null;

  @Field(() => EventKind, { nullable: true, description: "A new kind; cannot be null." })
  @NotNull()
  kind?: EventKind;

  @Field(() => EventStatus, { nullable: true, description: "A new status, e.g. CONFIRMED once it is; cannot be null." })
  @NotNull()
  status?: EventStatus;

  @Field(() => DateScalar, {
    nullable: true,
    description: "A new start date; null makes the event undated (and clears datePrecision). Dating an undated event defaults datePrecision to DAY.",
  })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "A new end date, not before the start date; null clears it." })
  @NotBefore("startDate")
  endDate?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: "A new precision for the dates; empty exactly when there is no startDate." })
  datePrecision?: DatePrecision | null;

  @Field(() => ID, { nullable: true, description: "The larger Event this one is part of (not itself or one of its sub-events); null detaches it." })
  parentId?: string | null;

  @Field(() => [ParticipantInput], { nullable: true, description: `Replaces all participants. At most ${LIST_CAPS.participants}.` })
  @ArrayMaxSize(LIST_CAPS.participants)
  participants?: ParticipantInput[];

  @Field(() => [EventPlaceInput], { nullable: true, description: `Replaces all places. At most ${LIST_CAPS.places}.` })
  @ArrayMaxSize(LIST_CAPS.places)
  places?: EventPlaceInput[];

  @Field(() => [ID], { nullable: true, description: `Replaces all source Articles. At most ${LIST_CAPS.sources}.` })
  @ArrayMaxSize(LIST_CAPS.sources)
  sourceIds?: string[];
}

@InputType({ description: "Which event to delete, and what becomes of the statements about it." })
export class DeleteEventInput {
  @Field(() => ID, { description: "The global id of the Event to delete." })
  id!: string;

  @Field(() => StatementsOnDelete, { defaultValue: StatementsOnDelete.REFUSE, description: "What to do with the statements about the event." })
  statements!: StatementsOnDelete;
}
