import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { Loaded } from "../../db/loaders";
import { Organization } from "../organization/organization.entity";
import { Person } from "../person/person.entity";
import { Affiliation } from "./affiliation.entity";

@Resolver(() => Affiliation)
export class AffiliationResolver {
  @FieldResolver(() => Person, { description: "The person who holds (or held) the role." })
  person(@Root() affiliation: Affiliation, @Ctx() { loaders }: Context): Loaded<Person> {
    return loaders.person.get(affiliation.personId);
  }

  @FieldResolver(() => Organization, { description: "The organization the role is at." })
  organization(@Root() affiliation: Affiliation, @Ctx() { loaders }: Context): Loaded<Organization> {
    return loaders.organization.get(affiliation.organizationId);
  }
}
