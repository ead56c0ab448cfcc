import { ArrayMaxSize, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { LIST_CAPS } from "../../graphql/list-caps";
import { DateScalar } from "../../graphql/scalars";
import { NotNull, Text } from "../../graphql/validators";
import { ReviewStatus, Stance, StatementKind } from "./statement.entity";

@InputType({ description: "[start, end) in characters (Unicode code points) of the source article's body." })
export class SourceSpanInput {
  @Field(() => Int, { description: "Offset of the text's first character in the body, from 0." })
  @Min(0)
  start!: number;

  @Field(() => Int, { description: "Offset just after the text's last character; after start, within the body." })
  @Min(1)
  end!: number;
}

@InputType({ description: "A statement; it needs a speaker, an organization or a sourceDescription. A verbatim one with a sourceSpan must match the article there exactly." })
export class CreateStatementInput {
  @Field({ description: "The words, at most 20,000 characters: verbatim for quotes and written statements." })
  @Text(20_000)
  text!: string;

  @Field(() => StatementKind, { description: "Direct quote, paraphrase or written statement." })
  kind!: StatementKind;

  @Field(() => ID, { nullable: true, description: "The Person who said it." })
  speakerId?: string | null;

  @Field(() => ID, { nullable: true, description: "The Organization it was said for." })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: "The Event it is about." })
  eventId?: string | null;

  @Field(() => ID, { nullable: true, description: "The source Article." })
  sourceId?: string | null;

  @Field(() => SourceSpanInput, { nullable: true, description: "Where the text stands in the source's body; needs sourceId." })
  @ValidateNested()
  sourceSpan?: SourceSpanInput | null;

  @Field(() => ID, { nullable: true, description: "The Place where it was said." })
  placeId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The day it was said." })
  statedOn?: string | null;

  @Field(() => Stance, { nullable: true, description: "What it says of its event (see Stance)." })
  stance?: Stance | null;

  @Field(() => String, { nullable: true, description: "An unnamed source as the article describes it (\"a senior U.S. official\"), at most 300 characters; it may stand for the speaker." })
  @Text(300)
  sourceDescription?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdateStatementInput {
  @Field(() => ID, { description: "The global id of the Statement to change." })
  id!: string;

  @Field({ nullable: true, description: "New words, at most 20,000 characters; cannot be null." })
  @NotNull()
  @Text(20_000)
  text?: string;

  @Field(() => StatementKind, { nullable: true, description: "A new kind; cannot be null." })
  @NotNull()
  kind?: StatementKind;

  @Field(() => ID, { nullable: true, description: "The Person who said it; null clears it (an organization must remain)." })
  speakerId?: string | null;

  @Field(() => ID, { nullable: true, description: "The Organization it was said for; null clears it (a speaker must remain)." })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: "The Event it is about; null clears it." })
  eventId?: string | null;

  @Field(() => ID, { nullable: true, description: "The source Article; null clears it." })
  sourceId?: string | null;

  @Field(() => SourceSpanInput, { nullable: true, description: "Where the text stands in the source's body; null clears it." })
  @ValidateNested()
  sourceSpan?: SourceSpanInput | null;

  @Field(() => ID, { nullable: true, description: "The Place where it was said; null clears it." })
  placeId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The day it was said; null clears it." })
  statedOn?: string | null;

  @Field(() => Stance, { nullable: true, description: "What it says of its event (see Stance); null clears it." })
  stance?: Stance | null;

  @Field(() => String, { nullable: true, description: "An unnamed source as the article describes it, at most 300 characters; null clears it." })
  @Text(300)
  sourceDescription?: string | null;

  @Field(() => ReviewStatus, { nullable: true, description: "Accept or reject it (see ReviewStatus); cannot be null. Any change of an extracted statement counts as an editor's review." })
  @NotNull()
  reviewStatus?: ReviewStatus;
}

@InputType({ description: "Statements to accept or reject at once, e.g. the proposals of an ingested article." })
export class ReviewStatementsInput {
  @Field(() => [ID], { description: `The global ids of the Statements, at most ${LIST_CAPS.written}.` })
  @ArrayMaxSize(LIST_CAPS.written)
  ids!: string[];

  @Field(() => ReviewStatus, { description: "ACCEPTED or REJECTED (PROPOSED puts them back to review)." })
  status!: ReviewStatus;
}
