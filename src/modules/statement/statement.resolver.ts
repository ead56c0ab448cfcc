import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { Loaded } from "../../db/loaders";
import type { ConnectionResult } from "../../contract/pages";
import { decodeGlobalId } from "../../contract/global-id";
import { Article } from "../article/article.entity";
import { Event } from "../event/event.entity";
import { Organization } from "../organization/organization.entity";
import { Person } from "../person/person.entity";
import { Place } from "../place/place.entity";
import { StatementConnection, StatementsArgs } from "./statement.args";
import { Statement } from "./statement.entity";
import { statementJoins } from "./statement.joins";
import { RELATIONS } from "../../registry";

@Resolver(() => Statement)
export class StatementResolver {
  @Query(() => Statement, { nullable: true, description: "A statement by id; null when there is none." })
  statement(@Arg("id", () => ID, { description: "The global id of the Statement; an id of another type is a BAD_USER_INPUT error." }) id: string, @Ctx() { loaders }: Context): Promise<Statement | null> {
    return loaders.statement.load(decodeGlobalId(id, "Statement", "id"));
  }

  @Query(() => StatementConnection, { description: "Statements, filtered and ordered." })
  statements(@Args() args: StatementsArgs, @Ctx() { lists, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionResult<Statement>> {
    return lists.root(RELATIONS.Query.statements, args, statementJoins(info, loaders));
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who said it; empty when an organization speaks as a whole." })
  speaker(@Root() statement: Statement, @Ctx() { loaders }: Context): Loaded<Person> {
    return statement.speakerId ? loaders.person.get(statement.speakerId) : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization it was said for." })
  organization(@Root() statement: Statement, @Ctx() { loaders }: Context): Loaded<Organization> {
    return statement.organizationId ? loaders.organization.get(statement.organizationId) : null;
  }

  @FieldResolver(() => Event, { nullable: true, description: "The event it is about." })
  event(@Root() statement: Statement, @Ctx() { loaders }: Context): Loaded<Event> {
    return statement.eventId ? loaders.event.get(statement.eventId) : null;
  }

  @FieldResolver(() => Article, { nullable: true, description: "The article it was reported in." })
  source(@Root() statement: Statement, @Ctx() { loaders }: Context): Loaded<Article> {
    return statement.sourceId ? loaders.article.get(statement.sourceId) : null;
  }

  @FieldResolver(() => Place, { nullable: true, description: "Where it was said." })
  place(@Root() statement: Statement, @Ctx() { loaders }: Context): Loaded<Place> {
    return statement.placeId ? loaders.place.get(statement.placeId) : null;
  }
}
