import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { write, type WriteScope } from "../../db/write";
import { DeleteInput, DeletePayload } from "../../graphql/mutation";
import { Role } from "../auth/tokens";
import { Organization } from "./organization.entity";
import { CreateOrganizationInput, UpdateOrganizationInput } from "./organization.inputs";
import { EventParticipant } from "../event/event-participant.entity";
import { Statement } from "../statement/statement.entity";
import { Affiliation } from "../affiliation/affiliation.entity";

async function parentOf(scope: WriteScope, parentId: string | null | undefined): Promise<string | null | undefined> {
  return parentId ? scope.ref(parentId, "Organization", "input.parentId") : parentId;
}

@Resolver(() => Organization)
export class OrganizationMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => Organization, { description: "Adds an organization; returns it as stored." })
  createOrganization(@Arg("input", { description: "The new organization." }) input: CreateOrganizationInput, @Ctx() ctx: Context): Promise<Organization> {
    return write(ctx, async (scope) => {
      const { parentId, ...fields } = input;
      return scope.insert(Organization, { ...fields, parentId: await parentOf(scope, parentId) });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Organization, { description: "Changes the given fields of an organization; returns it as now stored." })
  updateOrganization(@Arg("input", { description: "Which organization, and what to change." }) input: UpdateOrganizationInput, @Ctx() ctx: Context): Promise<Organization> {
    return write(ctx, async (scope) => {
      const { id, parentId, ...fields } = input;
      const before = await scope.lock(Organization, id);
      const parent = await parentOf(scope, parentId);
      await scope.checkNoCycle("Organization", before.id, parent);
      return scope.update(Organization, before, { ...fields, parentId: parent });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, { description: "Deletes an organization and returns its id; refused while people, statements, events or sub-organizations refer to it." })
  deleteOrganization(@Arg("input", { description: "Which organization." }) input: DeleteInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return write(ctx, async (scope) => {
      const row = await scope.lock(Organization, input.id);
      const deletedId = await scope.delete(Organization, row, [
        { entity: Affiliation, property: "organizationId", label: "affiliations (members)" },
        { entity: Statement, property: "organizationId", label: "statements" },
        { entity: EventParticipant, property: "organizationId", label: "event participations" },
        { entity: Organization, property: "parentId", label: "sub-organizations" },
      ]);
      return { deletedId };
    });
  }
}
