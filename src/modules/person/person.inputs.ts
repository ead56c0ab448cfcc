import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { NotNull, Text, TextList, WikidataId } from "../../graphql/validators";
import { LIST_CAPS } from "../../graphql/list-caps";

@InputType()
export class CreatePersonInput {
  @Field()
  @Text(300)
  name!: string;

  @Field(() => [String], { nullable: true })
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true })
  @Text(2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @WikidataId()
  wikidataId?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdatePersonInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @NotNull()
  @Text(300)
  name?: string;

  @Field(() => [String], { nullable: true })
  @NotNull()
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true })
  @Text(2000)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @WikidataId()
  wikidataId?: string | null;
}

export enum StatementsOnDelete {
  REFUSE = "REFUSE",
  DETACH = "DETACH",
  DELETE = "DELETE",
}
registerEnumType(StatementsOnDelete, {
  name: "StatementsOnDelete",
  description:
    "What deleting a person or event does to its statements: REFUSE (the default) keeps both and fails; DETACH keeps " +
    "the statements without the link (a statement must keep a speaker or an organization); DELETE removes them too.",
});

@InputType()
export class DeletePersonInput {
  @Field(() => ID)
  id!: string;

  @Field(() => StatementsOnDelete, { defaultValue: StatementsOnDelete.REFUSE })
  statements!: StatementsOnDelete;
}
