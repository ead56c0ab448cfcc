import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { AuditAction, write, type WriteScope } from "../../db/write";
import { DeletePayload } from "../../graphql/mutation";
import { Role } from "../auth/tokens";
import { settleStatements } from "../person/person.mutation";
import { EventParticipant } from "./event-participant.entity";
import { EventPlace } from "./event-place.entity";
import { EventSource } from "./event-source.entity";
import { DatePrecision, Event } from "./event.entity";
import { CreateEventInput, DeleteEventInput, UpdateEventInput, type EventPlaceInput, type ParticipantInput } from "./event.inputs";
import { Statement } from "../statement/statement.entity";

interface Links {
  participants?: ParticipantInput[];
  places?: EventPlaceInput[];
  sourceIds?: string[];
}

/** Resolves every id of the inline lists first, so all bad ones are reported together. */
async function resolveLinks(scope: WriteScope, links: Links) {
  // One after another: a transaction is one connection, which runs one query at a time.
  const participants = [];
  for (const [index, participant] of (links.participants ?? []).entries()) {
    const path = `input.participants.${index}`;
    if (!participant.organizationId === !participant.personId) {
      scope.problems.add(path, "oneParty", "give exactly one of organizationId and personId");
      continue;
    }
    participants.push({
      role: participant.role,
      organizationId: participant.organizationId ? await scope.ref(participant.organizationId, "Organization", `${path}.organizationId`) : null,
      personId: participant.personId ? await scope.ref(participant.personId, "Person", `${path}.personId`) : null,
    });
  }
  const places = [];
  for (const [index, place] of (links.places ?? []).entries()) {
    places.push({ role: place.role, placeId: await scope.ref(place.placeId, "Place", `input.places.${index}.placeId`) });
  }
  const sourceIds = [];
  for (const [index, id] of (links.sourceIds ?? []).entries()) sourceIds.push(await scope.ref(id, "Article", `input.sourceIds.${index}`));
  reportDuplicates(scope, "input.participants", (links.participants ?? []).map((p) => `${p.organizationId ?? p.personId} ${p.role}`));
  reportDuplicates(scope, "input.places", (links.places ?? []).map((p) => `${p.placeId} ${p.role}`));
  reportDuplicates(scope, "input.sourceIds", links.sourceIds ?? []);
  return { participants, places, sourceIds };
}

/** A list given twice the same item is a mistake worth saying, not something to store once silently. */
function reportDuplicates(scope: WriteScope, path: string, keys: string[]): void {
  keys.forEach((key, index) => {
    if (keys.indexOf(key) !== index) scope.problems.add(`${path}.${index}`, "unique", `repeats item ${keys.indexOf(key)}`);
  });
}

/** Replaces the lists that `links` gives (an absent list stays as it is). */
async function storeLinks(scope: WriteScope, eventId: string, links: Links, resolved: Awaited<ReturnType<typeof resolveLinks>>): Promise<void> {
  if (links.participants) await scope.replaceLinks(EventParticipant, "eventId", eventId, resolved.participants);
  if (links.places) await scope.replaceLinks(EventPlace, "eventId", eventId, resolved.places);
  if (links.sourceIds) await scope.replaceLinks(EventSource, "eventId", eventId, resolved.sourceIds.map((articleId) => ({ articleId })));
  // The new lists as stored (ids as in the database, like every audit entry), those given only.
  const stored = { participants: resolved.participants, places: resolved.places, sourceIds: resolved.sourceIds };
  const given = Object.fromEntries(Object.entries(stored).filter(([list]) => links[list as keyof Links] !== undefined));
  if (Object.keys(given).length > 0) {
    await scope.touch(Event, eventId);
    scope.audit("Event", eventId, AuditAction.UPDATE, { links: given });
  }
}

@Resolver(() => Event)
export class EventMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => Event, { description: "Creates an event with its participants, places and sources, all stored or nothing; returns the new event." })
  createEvent(@Arg("input", { description: "The event, with its lists." }) input: CreateEventInput, @Ctx() ctx: Context): Promise<Event> {
    return write(ctx, async (scope) => {
      const { participants, places, sourceIds, parentId, ...fields } = input;
      const links = { participants, places, sourceIds };
      const parent = parentId ? await scope.ref(parentId, "Event", "input.parentId") : null;
      const resolved = await resolveLinks(scope, links);
      const datePrecision = fields.datePrecision ?? (fields.startDate ? DatePrecision.DAY : null);
      const event = await scope.insert(Event, { ...fields, datePrecision, parentId: parent });
      await storeLinks(scope, event.id, links, resolved);
      return event;
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Event, { description: "Changes the given fields and lists of an event; returns the event as now stored." })
  updateEvent(@Arg("input", { description: "Which event, and what to change." }) input: UpdateEventInput, @Ctx() ctx: Context): Promise<Event> {
    return write(ctx, async (scope) => {
      const { id, participants, places, sourceIds, parentId, ...fields } = input;
      const links = { participants, places, sourceIds };
      const before = await scope.lock(Event, id);
      // Dating an undated event defaults its precision to DAY, as createEvent does; undating clears it.
      if (fields.startDate !== undefined && fields.datePrecision === undefined) {
        if (fields.startDate === null) fields.datePrecision = null;
        else if (!before.datePrecision) fields.datePrecision = DatePrecision.DAY;
      }
      const parent = parentId ? await scope.ref(parentId, "Event", "input.parentId") : parentId;
      await scope.checkNoCycle("Event", before.id, parent);
      const resolved = await resolveLinks(scope, links);
      scope.problems.throwIfAny();
      await storeLinks(scope, before.id, links, resolved);
      return scope.update(Event, before, { ...fields, parentId: parent });
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, {
    description:
      "Deletes an event with its participants, places and source links; sub-events lose their parent; its statements go as `statements` says. Returns its id.",
  })
  deleteEvent(@Arg("input", { description: "Which event, and what becomes of its statements." }) input: DeleteEventInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return write(ctx, async (scope) => {
      const row = await scope.lock(Event, input.id);
      await settleStatements(scope, "eventId", row.id, input.statements);
      // Sub-events lose their parent (ON DELETE SET NULL); the trail says so.
      await scope.detachReferencing(Event, "parentId", row.id, { cascaded: true });
      const deletedId = await scope.delete(Event, row, [{ entity: Statement, property: "eventId", label: "statements (choose statements: DETACH or DELETE)" }]);
      return { deletedId };
    });
  }
}
