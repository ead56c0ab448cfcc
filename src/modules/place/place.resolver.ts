import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import type { ConnectionResult } from "../../contract/pages";
import { decodeGlobalId } from "../../contract/global-id";
import { PlaceConnection, PlacesArgs } from "./place.args";
import { Place } from "./place.entity";
import { RELATIONS } from "../../registry";

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => Place, { nullable: true, description: "A place by id; null when there is none." })
  place(@Arg("id", () => ID, { description: "The global id of the Place; an id of another type is a BAD_USER_INPUT error." }) id: string, @Ctx() { loaders }: Context): Promise<Place | null> {
    return loaders.place.load(decodeGlobalId(id, "Place", "id"));
  }

  @Query(() => PlaceConnection, { description: "Places, filtered, by name from A to Z." })
  places(@Args() args: PlacesArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Place>> {
    return lists.root(RELATIONS.Query.places, args);
  }
}
