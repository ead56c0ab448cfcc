import { Field, ID, InputType } from "type-graphql";
import { CountryCode, NotNull, Text, TextList, WikidataId } from "../../graphql/validators";
import { LIST_CAPS } from "../../graphql/list-caps";
import { OrganizationKind } from "./organization.entity";

@InputType()
export class CreateOrganizationInput {
  @Field()
  @Text(300)
  name!: string;

  @Field(() => String, { nullable: true })
  @Text(50)
  shortName?: string | null;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2, e.g. US." })
  @CountryCode()
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: "The Organization this one is part of." })
  parentId?: string | null;

  @Field(() => [String], { nullable: true })
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true })
  @WikidataId()
  wikidataId?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdateOrganizationInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @NotNull()
  @Text(300)
  name?: string;

  @Field(() => String, { nullable: true })
  @Text(50)
  shortName?: string | null;

  @Field(() => OrganizationKind, { nullable: true })
  @NotNull()
  kind?: OrganizationKind;

  @Field(() => String, { nullable: true })
  @CountryCode()
  countryCode?: string | null;

  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  @Field(() => [String], { nullable: true })
  @NotNull()
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true })
  @WikidataId()
  wikidataId?: string | null;
}
