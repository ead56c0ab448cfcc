import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { write } from "../../db/write";
import { ErrorCode } from "../../contract/errors";
import { LIST_CAPS } from "../../graphql/list-caps";
import { DeleteInput, DeletePayload } from "../../graphql/mutation";
import { Role } from "../auth/tokens";
import { Affiliation } from "./affiliation.entity";
import { CreateAffiliationInput, UpdateAffiliationInput } from "./affiliation.inputs";

@Resolver(() => Affiliation)
export class AffiliationMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => Affiliation, {
    description: `Gives a person a role at an organization (at most ${LIST_CAPS.affiliations} per person, each role once); returns the new affiliation.`,
  })
  createAffiliation(@Arg("input", { description: "The person, the organization and the role." }) input: CreateAffiliationInput, @Ctx() ctx: Context): Promise<Affiliation> {
    return write(ctx, async (scope) => {
      // Counted after taking the person's lock, in a statement of its own (so its snapshot sees
      // what the lock's previous holder committed): concurrent creates cannot pass the cap together.
      const personId = await scope.ref(input.personId, "Person", "input.personId", "FOR UPDATE");
      const organizationId = await scope.ref(input.organizationId, "Organization", "input.organizationId");
      if (personId) {
        const n = await scope.manager.countBy(Affiliation, { personId });
        if (n >= LIST_CAPS.affiliations) {
          scope.problems.add("input.personId", "maxAffiliations", `already has ${n} affiliations, the most a person may have: delete one first`, ErrorCode.CONFLICT);
        }
      }
      return scope.insert(Affiliation, { ...input, personId, organizationId });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Affiliation, { description: "Changes the role title or dates of an affiliation; returns it as now stored." })
  updateAffiliation(@Arg("input", { description: "Which affiliation, and what to change." }) input: UpdateAffiliationInput, @Ctx() ctx: Context): Promise<Affiliation> {
    return write(ctx, async (scope) => {
      const { id, ...fields } = input;
      return scope.update(Affiliation, await scope.lock(Affiliation, id), fields);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, { description: "Deletes an affiliation (the person and organization stay); returns its id." })
  deleteAffiliation(@Arg("input", { description: "Which affiliation." }) input: DeleteInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return write(ctx, async (scope) => ({
      deletedId: await scope.delete(Affiliation, await scope.lock(Affiliation, input.id), []),
    }));
  }
}
