import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { write } from "../../db/write";
import { DeleteInput, DeletePayload } from "../../graphql/mutation";
import { Role } from "../auth/tokens";
import { Place } from "./place.entity";
import { CreatePlaceInput, UpdatePlaceInput } from "./place.inputs";
import { EventPlace } from "../event/event-place.entity";
import { Statement } from "../statement/statement.entity";

@Resolver(() => Place)
export class PlaceMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => Place, { description: "Adds a place; returns it as stored." })
  createPlace(@Arg("input", { description: "The new place." }) input: CreatePlaceInput, @Ctx() ctx: Context): Promise<Place> {
    return write(ctx, (scope) => scope.insert(Place, { ...input }));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Place, { description: "Changes the given fields of a place; returns it as now stored." })
  updatePlace(@Arg("input", { description: "Which place, and what to change." }) input: UpdatePlaceInput, @Ctx() ctx: Context): Promise<Place> {
    return write(ctx, async (scope) => {
      const { id, ...fields } = input;
      return scope.update(Place, await scope.lock(Place, id), fields);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, { description: "Deletes a place and returns its id; refused while events or statements refer to it." })
  deletePlace(@Arg("input", { description: "Which place." }) input: DeleteInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return write(ctx, async (scope) => ({
      deletedId: await scope.delete(Place, await scope.lock(Place, input.id), [
        { entity: EventPlace, property: "placeId", label: "events" },
        { entity: Statement, property: "placeId", label: "statements" },
      ]),
    }));
  }
}
