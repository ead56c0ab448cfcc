import { Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { DateScalar } from "../../graphql/scalars";
import { NotNull, Text } from "../../graphql/validators";
import { StatementKind } from "./statement.entity";

@InputType({ description: "[start, end) in characters (Unicode code points) of the source article's body." })
export class SourceSpanInput {
  @Field(() => Int)
  @Min(0)
  start!: number;

  @Field(() => Int)
  @Min(1)
  end!: number;
}

@InputType({ description: "A statement; it needs a speaker or an organization. A verbatim one with a sourceSpan must match the article there exactly." })
export class CreateStatementInput {
  @Field()
  @Text(20_000)
  text!: string;

  @Field(() => StatementKind)
  kind!: StatementKind;

  @Field(() => ID, { nullable: true, description: "The Person who said it." })
  speakerId?: string | null;

  @Field(() => ID, { nullable: true, description: "The Organization it was said for." })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @Field(() => ID, { nullable: true, description: "The source Article." })
  sourceId?: string | null;

  @Field(() => SourceSpanInput, { nullable: true })
  @ValidateNested()
  sourceSpan?: SourceSpanInput | null;

  @Field(() => ID, { nullable: true })
  placeId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  statedOn?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdateStatementInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @NotNull()
  @Text(20_000)
  text?: string;

  @Field(() => StatementKind, { nullable: true })
  @NotNull()
  kind?: StatementKind;

  @Field(() => ID, { nullable: true })
  speakerId?: string | null;

  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  eventId?: string | null;

  @Field(() => ID, { nullable: true })
  sourceId?: string | null;

  @Field(() => SourceSpanInput, { nullable: true })
  @ValidateNested()
  sourceSpan?: SourceSpanInput | null;

  @Field(() => ID, { nullable: true })
  placeId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  statedOn?: string | null;
}
