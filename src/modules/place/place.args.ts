import { ArgsType, Field, InputType, ObjectType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { Place } from "./place.entity";

@ObjectType()
export class PlaceConnection extends Connection(Place) {}

@InputType()
export class PlaceFilter {
  @Field({ nullable: true, description: "Part of the name or another spelling; case and accents are ignored." })
  name?: string;

  @Field({ nullable: true, description: "ISO 3166-1 alpha-2 country code." })
  countryCode?: string;
}

@ArgsType()
export class PlacesArgs extends ConnectionArgs {
  @Field(() => PlaceFilter, { nullable: true })
  filter?: PlaceFilter;
}
