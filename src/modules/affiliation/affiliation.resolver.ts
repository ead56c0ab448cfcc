import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { Organization } from "../organization/organization.entity";
import { Person } from "../person/person.entity";
import { Affiliation } from "./affiliation.entity";

@Resolver(() => Affiliation)
export class AffiliationResolver {
  @FieldResolver(() => Person)
  async person(@Root() affiliation: Affiliation, @Ctx() { loaders }: Context): Promise<Person> {
    return (await loaders.person.load(affiliation.personId))!;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() affiliation: Affiliation, @Ctx() { loaders }: Context): Promise<Organization> {
    return (await loaders.organization.load(affiliation.organizationId))!;
  }
}
