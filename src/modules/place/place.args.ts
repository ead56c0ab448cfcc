import { ArgsType, Field, InputType, ObjectType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { Place } from "./place.entity";

@ObjectType({ description: "A page of places, with cursors to page on (Relay connection)." })
export class PlaceConnection extends Connection(Place) {}

@InputType({ description: "Which places to list; all given conditions must hold." })
export class PlaceFilter {
  @Field({ nullable: true, description: "Part of the name or another spelling; case and accents are ignored." })
  name?: string;

  @Field({ nullable: true, description: "ISO 3166-1 alpha-2 country code, e.g. RU (any case)." })
  countryCode?: string;
}

@ArgsType()
export class PlacesArgs extends ConnectionArgs {
  @Field(() => PlaceFilter, { nullable: true, description: "Only the places that meet all the given conditions." })
  filter?: PlaceFilter;
}
