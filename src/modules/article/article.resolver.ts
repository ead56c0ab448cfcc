import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs } from "../../graphql/connection";
import type { ConnectionResult } from "../../contract/pages";
import { decodeGlobalId } from "../../contract/global-id";
import { EventConnection, EventsArgs } from "../event/event.args";
import type { Event } from "../event/event.entity";
import { StatementConnection, StatementsArgs } from "../statement/statement.args";
import type { Statement } from "../statement/statement.entity";
import { statementJoins } from "../statement/statement.joins";
import { ArticleConnection } from "./article.args";
import { Article } from "./article.entity";
import { RELATIONS } from "../../registry";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: "An article by id; null when there is none." })
  article(@Arg("id", () => ID, { description: "The global id of the Article; an id of another type is a BAD_USER_INPUT error." }) id: string, @Ctx() { loaders }: Context): Promise<Article | null> {
    return loaders.article.load(decodeGlobalId(id, "Article", "id"));
  }

  @Query(() => ArticleConnection, { description: "The source articles, the most recently added first." })
  articles(@Args() args: ConnectionArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Article>> {
    return lists.root(RELATIONS.Query.articles, args);
  }

  @FieldResolver(() => StatementConnection, { description: "Statements sourced from this article." })
  statements(@Root() article: Article, @Args() args: StatementsArgs, @Ctx() { lists, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionResult<Statement>> {
    return lists.nested(RELATIONS.Article.statements, article.id, args, statementJoins(info, loaders));
  }

  @FieldResolver(() => EventConnection, { description: "Events this article reports." })
  events(@Root() article: Article, @Args() args: EventsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Event>> {
    return lists.nested(RELATIONS.Article.events, article.id, args);
  }
}
