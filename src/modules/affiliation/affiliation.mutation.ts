import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { write } from "../../db/write";
import { DeleteInput, DeletePayload } from "../../graphql/mutation";
import { Role } from "../auth/tokens";
import { Affiliation } from "./affiliation.entity";
import { CreateAffiliationInput, UpdateAffiliationInput } from "./affiliation.inputs";

@Resolver(() => Affiliation)
export class AffiliationMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => Affiliation)
  createAffiliation(@Arg("input") input: CreateAffiliationInput, @Ctx() ctx: Context): Promise<Affiliation> {
    return write(ctx, async (scope) => {
      const personId = await scope.ref(input.personId, "Person", "input.personId");
      const organizationId = await scope.ref(input.organizationId, "Organization", "input.organizationId");
      return scope.insert(Affiliation, "Affiliation", { ...input, personId, organizationId });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Affiliation)
  updateAffiliation(@Arg("input") input: UpdateAffiliationInput, @Ctx() ctx: Context): Promise<Affiliation> {
    return write(ctx, async (scope) => {
      const { id, ...fields } = input;
      return scope.update(Affiliation, "Affiliation", await scope.lock(Affiliation, "Affiliation", id), fields);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload)
  deleteAffiliation(@Arg("input") input: DeleteInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return write(ctx, async (scope) => ({
      deletedId: await scope.delete("Affiliation", await scope.lock(Affiliation, "Affiliation", input.id), []),
    }));
  }
}
