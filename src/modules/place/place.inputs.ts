import { Field, Float, ID, InputType } from "type-graphql";
import { CountryCode, Latitude, Longitude, NotNull, Text, TextList, WikidataId } from "../../graphql/validators";
import { LIST_CAPS } from "../../graphql/list-caps";

@InputType()
export class CreatePlaceInput {
  @Field()
  @Text(300)
  name!: string;

  @Field(() => [String], { nullable: true })
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true })
  @CountryCode()
  countryCode?: string | null;

  @Field(() => Float, { nullable: true, description: "Given together with longitude." })
  @Latitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Longitude()
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @WikidataId()
  wikidataId?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdatePlaceInput {
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
  @CountryCode()
  countryCode?: string | null;

  @Field(() => Float, { nullable: true })
  @Latitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @Longitude()
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @WikidataId()
  wikidataId?: string | null;
}
