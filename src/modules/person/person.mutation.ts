import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { columnList, hydrate, type Row } from "../../db/sql";
import { AuditAction, write, type WriteScope } from "../../db/write";
import { ErrorCode } from "../../contract/errors";
import { DeletePayload } from "../../graphql/mutation";
import { Affiliation } from "../affiliation/affiliation.entity";
import { Role } from "../auth/tokens";
import { Statement } from "../statement/statement.entity";
import { Person } from "./person.entity";
import { CreatePersonInput, DeletePersonInput, StatementsOnDelete, UpdatePersonInput } from "./person.inputs";

/** Applies a StatementsOnDelete choice to the statements whose `column` points at `id`. */
export async function settleStatements(scope: WriteScope, column: "speaker_id" | "event_id", id: string, choice: StatementsOnDelete): Promise<void> {
  if (choice === StatementsOnDelete.REFUSE) return; // the reference check reports them
  if (choice === StatementsOnDelete.DETACH && column === "speaker_id") {
    const [{ n }] = await scope.manager.query(`SELECT count(*)::int AS n FROM statements WHERE speaker_id = $1 AND organization_id IS NULL`, [id]);
    if (n > 0) {
      scope.problems.add("input.statements", "keepsAuthor", `${n} statements would lose their only author; choose DELETE`, ErrorCode.CONFLICT);
      scope.problems.throwIfAny();
    }
  }
  // TypeORM's postgres driver answers an UPDATE or DELETE with [rows, affected count], not with the rows alone.
  const { connection } = scope.manager;
  const [rows]: [Row[], number] =
    choice === StatementsOnDelete.DELETE
      ? await scope.manager.query(`DELETE FROM statements WHERE ${column} = $1 RETURNING ${columnList(connection, Statement)}`, [id])
      : await scope.manager.query(`UPDATE statements SET ${column} = NULL, updated_at = now() WHERE ${column} = $1 RETURNING ${columnList(connection, Statement)}`, [id]);
  // In the trail's one spelling, as write.ts records changes: fields by property name, ids as stored.
  const field = column === "speaker_id" ? "speakerId" : "eventId";
  for (const statement of hydrate(connection, Statement, rows)) {
    if (choice === StatementsOnDelete.DELETE) scope.audit("Statement", statement.id, AuditAction.DELETE, { ...statement });
    else scope.audit("Statement", statement.id, AuditAction.UPDATE, { [field]: { from: id, to: null } });
  }
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
      await settleStatements(scope, "speaker_id", row.id, input.statements);
      // Their roles go with them (ON DELETE CASCADE); the trail keeps what they were.
      const { connection } = scope.manager;
      const affiliations = await scope.manager.query(`SELECT ${columnList(connection, Affiliation)} FROM affiliations WHERE person_id = $1`, [row.id]);
      for (const affiliation of hydrate(connection, Affiliation, affiliations)) scope.audit("Affiliation", affiliation.id, AuditAction.DELETE, { ...affiliation });
      const deletedId = await scope.delete("Person", row, [
        { table: "statements", column: "speaker_id", label: "statements (choose statements: DETACH or DELETE)" },
        { table: "event_participants", column: "person_id", label: "event participations (remove them from the events first)" },
      ]);
      return { deletedId };
    });
  }
}
