import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { IsNull } from "typeorm";
import { write, type WriteScope } from "../../db/write";
import { ErrorCode } from "../../contract/errors";
import { DeletePayload } from "../../graphql/mutation";
import { Affiliation } from "../affiliation/affiliation.entity";
import { Role } from "../auth/tokens";
import { Statement } from "../statement/statement.entity";
import { Person } from "./person.entity";
import { CreatePersonInput, DeletePersonInput, StatementsOnDelete, UpdatePersonInput } from "./person.inputs";
import { EventParticipant } from "../event/event-participant.entity";

/** Applies a StatementsOnDelete choice to the statements whose `property` points at `id`. */
export async function settleStatements(scope: WriteScope, property: "speakerId" | "eventId", id: string, choice: StatementsOnDelete): Promise<void> {
  if (choice === StatementsOnDelete.REFUSE) return; // the reference check reports them
  if (choice === StatementsOnDelete.DETACH && property === "speakerId") {
    const n = await scope.manager.countBy(Statement, { speakerId: id, organizationId: IsNull() });
    if (n > 0) {
      scope.problems.add("input.statements", "keepsAuthor", `${n} statements would lose their only author; choose DELETE`, ErrorCode.CONFLICT);
      scope.problems.throwIfAny();
    }
  }
  if (choice === StatementsOnDelete.DELETE) await scope.deleteReferencing(Statement, property, id);
  else await scope.detachReferencing(Statement, property, id);
}

@Resolver(() => Person)
export class PersonMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => Person, { description: "Adds a person; returns them as stored." })
  createPerson(@Arg("input", { description: "The new person." }) input: CreatePersonInput, @Ctx() ctx: Context): Promise<Person> {
    return write(ctx, (scope) => scope.insert(Person, { ...input }));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Person, { description: "Changes the given fields of a person; returns them as now stored." })
  updatePerson(@Arg("input", { description: "Which person, and what to change." }) input: UpdatePersonInput, @Ctx() ctx: Context): Promise<Person> {
    return write(ctx, async (scope) => {
      const { id, ...fields } = input;
      return scope.update(Person, await scope.lock(Person, id), fields);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, {
    description:
      "Deletes a person with their affiliations; their statements go as `statements` says. Refused while events list them as participants. Returns their id.",
  })
  deletePerson(@Arg("input", { description: "Which person, and what becomes of their statements." }) input: DeletePersonInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return write(ctx, async (scope) => {
      const row = await scope.lock(Person, input.id);
      await settleStatements(scope, "speakerId", row.id, input.statements);
      // Their roles go with them (ON DELETE CASCADE); the trail keeps what they were.
      await scope.deleteReferencing(Affiliation, "personId", row.id, { cascaded: true });
      const deletedId = await scope.delete(Person, row, [
        { entity: Statement, property: "speakerId", label: "statements (choose statements: DETACH or DELETE)" },
        { entity: EventParticipant, property: "personId", label: "event participations (remove them from the events first)" },
      ]);
      return { deletedId };
    });
  }
}
