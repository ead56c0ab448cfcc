import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { Loaded } from "../../db/loaders";
import { Organization } from "../organization/organization.entity";
import { Person } from "../person/person.entity";
import { EventParticipant } from "./event-participant.entity";

@Resolver(() => EventParticipant)
export class EventParticipantResolver {
  @FieldResolver(() => Organization, { nullable: true, description: "Set when an organization took part." })
  organization(@Root() participant: EventParticipant, @Ctx() { loaders }: Context): Loaded<Organization> {
    return participant.organizationId ? loaders.organization.get(participant.organizationId) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: "Set when a person took part." })
  person(@Root() participant: EventParticipant, @Ctx() { loaders }: Context): Loaded<Person> {
    return participant.personId ? loaders.person.get(participant.personId) : null;
  }
}
