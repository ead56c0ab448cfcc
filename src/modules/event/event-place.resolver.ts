import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { Loaded } from "../../db/loaders";
import { Place } from "../place/place.entity";
import { EventPlace } from "./event-place.entity";

@Resolver(() => EventPlace)
export class EventPlaceResolver {
  @FieldResolver(() => Place, { description: "The place." })
  place(@Root() eventPlace: EventPlace, @Ctx() { loaders }: Context): Loaded<Place> {
    return loaders.place.get(eventPlace.placeId);
  }
}
