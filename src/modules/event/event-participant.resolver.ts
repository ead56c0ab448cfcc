import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Organization } from "../organization/organization.entity";
import { Person } from "../person/person.entity";
import { EventParticipant } from "./event-participant.entity";

@Resolver(() => EventParticipant)
export class EventParticipantResolver {
  @FieldResolver(() => Organization, { nullable: true, description: "Set when an organization took part." })
  organization(@Root() participant: EventParticipant, @Ctx() { loaders }: Context): Promise<Organization | null> | null {
    return participant.organizationId ? loaders.organization.load(participant.organizationId) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: "Set when a person took part." })
  person(@Root() participant: EventParticipant, @Ctx() { loaders }: Context): Promise<Person | null> | null {
    return participant.personId ? loaders.person.load(participant.personId) : null;
  }
}
