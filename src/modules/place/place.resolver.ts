import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { decodeGlobalId } from "../../graphql/global-id";
import { Place } from "./place.entity";

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => Place, { nullable: true, description: "A place by id." })
  place(@Arg("id", () => ID) id: string, @Ctx() { loaders }: Context): Promise<Place | null> {
    return loaders.place.load(decodeGlobalId(id, "Place", "id"));
  }
}
