import { Field, Float, ID, InputType } from "type-graphql";
import { CountryCode, Latitude, Longitude, NotNull, Text, TextList, WikidataId } from "../../graphql/validators";
import { LIST_CAPS } from "../../graphql/list-caps";

@InputType({ description: "A new place." })
export class CreatePlaceInput {
  @Field({ description: "Its name as usually written, at most 300 characters." })
  @Text(300)
  name!: string;

  @Field(() => [String], { nullable: true, description: `Other names or spellings, e.g. as a source spells it, each at most 300 characters. At most ${LIST_CAPS.aliases}.` })
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 code of its country, e.g. RU." })
  @CountryCode()
  countryCode?: string | null;

  @Field(() => Float, { nullable: true, description: "WGS 84 latitude, -90 to 90; given together with longitude." })
  @Latitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "WGS 84 longitude, -180 to 180; given together with latitude." })
  @Longitude()
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: "Its Wikidata item id, like Q42; no two places share one." })
  @WikidataId()
  wikidataId?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdatePlaceInput {
  @Field(() => ID, { description: "The global id of the Place to change." })
  id!: string;

  @Field({ nullable: true, description: "A new name, at most 300 characters; cannot be null." })
  @NotNull()
  @Text(300)
  name?: string;

  @Field(() => [String], { nullable: true, description: `Replaces all other names; [] clears them, null is refused. At most ${LIST_CAPS.aliases}.` })
  @NotNull()
  @TextList(300, LIST_CAPS.aliases)
  aliases?: string[];

  @Field(() => String, { nullable: true, description: "A new ISO 3166-1 alpha-2 country code; null clears it." })
  @CountryCode()
  countryCode?: string | null;

  @Field(() => Float, { nullable: true, description: "A new latitude, -90 to 90; latitude and longitude are both set or both empty." })
  @Latitude()
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: "A new longitude, -180 to 180; latitude and longitude are both set or both empty." })
  @Longitude()
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: "A new Wikidata item id, like Q42; null clears it." })
  @WikidataId()
  wikidataId?: string | null;
}
