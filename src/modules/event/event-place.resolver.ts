import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Place } from "../place/place.entity";
import { EventPlace } from "./event-place.entity";

@Resolver(() => EventPlace)
export class EventPlaceResolver {
  @FieldResolver(() => Place)
  async place(@Root() eventPlace: EventPlace, @Ctx() { loaders }: Context): Promise<Place> {
    return (await loaders.place.load(eventPlace.placeId))!;
  }
}
