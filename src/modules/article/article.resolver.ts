import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import { ConnectionArgs, type ConnectionResult } from "../../graphql/connection";
import { decodeGlobalId } from "../../graphql/global-id";
import { EventConnection, EventsArgs } from "../event/event.args";
import type { Event } from "../event/event.entity";
import { eventList } from "../event/event.loaders";
import { StatementConnection, StatementsArgs } from "../statement/statement.args";
import type { Statement } from "../statement/statement.entity";
import { statementJoins, statementList } from "../statement/statement.loaders";
import { ArticleConnection } from "./article.args";
import { Article } from "./article.entity";
import { articleList } from "./article.loaders";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: "An article by id; null when there is none." })
  article(@Arg("id", () => ID, { description: "The global id of the Article; an id of another type is a BAD_USER_INPUT error." }) id: string, @Ctx() { loaders }: Context): Promise<Article | null> {
    return loaders.article.load(decodeGlobalId(id, "Article", "id"));
  }

  @Query(() => ArticleConnection, { description: "The source articles, the most recently added first." })
  articles(@Args() args: ConnectionArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Article>> {
    return lists.root(articleList, args);
  }

  @FieldResolver(() => StatementConnection, { description: "Statements sourced from this article." })
  statements(@Root() article: Article, @Args() args: StatementsArgs, @Ctx() { lists, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionResult<Statement>> {
    return lists.nested("Article.statements", article.id, args, () => statementList(args.filter, args.orderBy), "s.source_id", statementJoins(info, loaders));
  }

  @FieldResolver(() => EventConnection, { description: "Events this article reports." })
  events(@Root() article: Article, @Args() args: EventsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Event>> {
    const from = "events e JOIN event_sources src ON src.event_id = e.id";
    return lists.nested("Article.events", article.id, args, () => eventList(args.filter, args.orderBy, from), "src.article_id");
  }
}
