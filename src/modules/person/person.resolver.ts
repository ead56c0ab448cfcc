import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { ConnectionResult } from "../../contract/pages";
import { decodeGlobalId } from "../../contract/global-id";
import { selectedFields } from "../../graphql/selection";
import { Affiliation } from "../affiliation/affiliation.entity";
import { StatementConnection, StatementsArgs } from "../statement/statement.args";
import type { Statement } from "../statement/statement.entity";
import { statementJoins } from "../statement/statement.joins";
import { PeopleArgs, PersonConnection } from "./person.args";
import { Person } from "./person.entity";
import { Capped, LIST_CAPS } from "../../graphql/list-caps";
import { RELATIONS } from "../../registry";

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: "A person by id; null when there is none." })
  person(@Arg("id", () => ID, { description: "The global id of the Person; an id of another type is a BAD_USER_INPUT error." }) id: string, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<Person | null> {
    const personId = decodeGlobalId(id, "Person", "id");
    // Their affiliations come in the same statement when they are asked for.
    return selectedFields(info).has("affiliations") ? loaders.personWithAffiliations.load(personId) : loaders.person.load(personId);
  }

  @Query(() => PersonConnection, { description: "People, filtered and ordered." })
  people(@Args() args: PeopleArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Person>> {
    return lists.root(RELATIONS.Query.people, args);
  }

  @FieldResolver(() => [Affiliation], { description: `Their roles in organizations, current ones first. At most ${LIST_CAPS.affiliations}.` })
  @Capped(LIST_CAPS.affiliations)
  affiliations(@Root() person: Person, @Ctx() { loaders }: Context): Affiliation[] | Promise<Affiliation[]> {
    return loaders.affiliationsByPerson.get(person.id);
  }

  @FieldResolver(() => StatementConnection, { description: "What they said." })
  statements(@Root() person: Person, @Args() args: StatementsArgs, @Ctx() { lists, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionResult<Statement>> {
    return lists.nested(RELATIONS.Person.statements, person.id, args, statementJoins(info, loaders));
  }
}
