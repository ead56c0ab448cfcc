import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { NotNull, Text, TextList, WikidataId } from "../../graphql/validators";
import { LIST_CAPS } from "../../graphql/list-caps";

@InputType({ description: "A new person." })
export class CreatePersonInput {
  @Field({ description: "Their name as usually written, at most 300 characters." })
  @Text(300)
  name!: string;

  @Field(() => [String], { nullable: true, description: `Other names or spellings, each at most 300 characters. At most ${LIST_CAPS.aliases}.` })
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true, description: "Who they are, in a line, at most 2,000 characters." })
  @Text(2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: "Their Wikidata item id, like Q42; no two people share one." })
  @WikidataId()
  wikidataId?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdatePersonInput {
  @Field(() => ID, { description: "The global id of the Person to change." })
  id!: string;

  @Field({ nullable: true, description: "A new name, at most 300 characters; cannot be null." })
  @NotNull()
  @Text(300)
  name?: string;

  @Field(() => [String], { nullable: true, description: `Replaces all other names; [] clears them, null is refused. At most ${LIST_CAPS.aliases}.` })
  @NotNull()
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true, description: "A new description, at most 2,000 characters; null clears it." })
  @Text(2000)
  description?: string | null;

  @Field(() => String, { nullable: true, description: "A new Wikidata item id, like Q42; null clears it." })
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
  valuesConfig: {
    REFUSE: { description: "Keep the statements, and refuse the delete while there are any." },
    DETACH: { description: "Keep the statements, without the link to what is deleted." },
    DELETE: { description: "Delete the statements too." },
  },
});

@InputType({ description: "Which person to delete, and what becomes of their statements." })
export class DeletePersonInput {
  @Field(() => ID, { description: "The global id of the Person to delete." })
  id!: string;

  @Field(() => StatementsOnDelete, { defaultValue: StatementsOnDelete.REFUSE, description: "What to do with the statements they made." })
  statements!: StatementsOnDelete;
}
