import { Field, ID, InputType } from "type-graphql";
import { CountryCode, NotNull, Text, TextList, WikidataId } from "../../graphql/validators";
import { LIST_CAPS } from "../../graphql/list-caps";
import { OrganizationKind } from "./organization.entity";

@InputType({ description: "A new organization." })
export class CreateOrganizationInput {
  @Field({ description: "Its full name, at most 300 characters." })
  @Text(300)
  name!: string;

  @Field(() => String, { nullable: true, description: "Acronym or short form, e.g. NATO, at most 50 characters." })
  @Text(50)
  shortName?: string | null;

  @Field(() => OrganizationKind, { description: "What sort of body it is." })
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2, e.g. US." })
  @CountryCode()
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: "The Organization this one is part of." })
  parentId?: string | null;

  @Field(() => [String], { nullable: true, description: `Other names it goes by, each at most 300 characters. At most ${LIST_CAPS.aliases}.` })
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true, description: "Its Wikidata item id, like Q7184; no two organizations share one." })
  @WikidataId()
  wikidataId?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdateOrganizationInput {
  @Field(() => ID, { description: "The global id of the Organization to change." })
  id!: string;

  @Field({ nullable: true, description: "A new name, at most 300 characters; cannot be null." })
  @NotNull()
  @Text(300)
  name?: string;

  @Field(() => String, { nullable: true, description: "A new short name, at most 50 characters; null clears it." })
  @Text(50)
  shortName?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: "A new kind; cannot be null." })
  @NotNull()
  kind?: OrganizationKind;

  @Field(() => String, { nullable: true, description: "A new ISO 3166-1 alpha-2 country code, e.g. US; null clears it." })
  @CountryCode()
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: "The Organization this one is part of (not itself or one of its parts); null detaches it." })
  parentId?: string | null;

  @Field(() => [String], { nullable: true, description: `Replaces all other names; [] clears them, null is refused. At most ${LIST_CAPS.aliases}.` })
  @NotNull()
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true, description: "A new Wikidata item id, like Q7184; null clears it." })
  @WikidataId()
  wikidataId?: string | null;
}
