import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { ConnectionResult } from "../../graphql/connection";
import { decodeGlobalId } from "../../graphql/global-id";
import { Article } from "../article/article.entity";
import { Event } from "../event/event.entity";
import { Organization } from "../organization/organization.entity";
import { Person } from "../person/person.entity";
import { Place } from "../place/place.entity";
import { StatementConnection, StatementsArgs } from "./statement.args";
import { Statement } from "./statement.entity";
import { statementList } from "./statement.loaders";

@Resolver(() => Statement)
export class StatementResolver {
  @Query(() => Statement, { nullable: true, description: "A statement by id." })
  statement(@Arg("id", () => ID) id: string, @Ctx() { loaders }: Context): Promise<Statement | null> {
    return loaders.statement.load(decodeGlobalId(id, "Statement", "id"));
  }

  @Query(() => StatementConnection, { description: "Statements, filtered and ordered." })
  statements(@Args() args: StatementsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Statement>> {
    return lists.root(() => statementList(args.filter, args.orderBy), args);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who said it; empty when an organization speaks as a whole." })
  speaker(@Root() statement: Statement, @Ctx() { loaders }: Context): Promise<Person | null> | null {
    return statement.speakerId ? loaders.person.load(statement.speakerId) : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization it was said for." })
  organization(@Root() statement: Statement, @Ctx() { loaders }: Context): Promise<Organization | null> | null {
    return statement.organizationId ? loaders.organization.load(statement.organizationId) : null;
  }

  @FieldResolver(() => Event, { nullable: true, description: "The event it is about." })
  event(@Root() statement: Statement, @Ctx() { loaders }: Context): Promise<Event | null> | null {
    return statement.eventId ? loaders.event.load(statement.eventId) : null;
  }

  @FieldResolver(() => Article, { nullable: true, description: "The article it was reported in." })
  source(@Root() statement: Statement, @Ctx() { loaders }: Context): Promise<Article | null> | null {
    return statement.sourceId ? loaders.article.load(statement.sourceId) : null;
  }

  @FieldResolver(() => Place, { nullable: true, description: "Where it was said." })
  place(@Root() statement: Statement, @Ctx() { loaders }: Context): Promise<Place | null> | null {
    return statement.placeId ? loaders.place.load(statement.placeId) : null;
  }
}
