import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { IsNull, Not } from "typeorm";
import type { Context } from "../../context";
import { write } from "../../db/write";
import { ErrorCode } from "../../contract/errors";
import { DeleteInput, DeletePayload } from "../../graphql/mutation";
import { Role } from "../auth/tokens";
import { Statement } from "../statement/statement.entity";
import { Article } from "./article.entity";
import { CreateArticleInput, UpdateArticleInput } from "./article.inputs";
import { EventSource } from "../event/event-source.entity";

@Resolver(() => Article)
export class ArticleMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Stores a source article (its url must be new); returns it as stored." })
  createArticle(@Arg("input", { description: "The new article." }) input: CreateArticleInput, @Ctx() ctx: Context): Promise<Article> {
    return write(ctx, (scope) => scope.insert(Article, { ...input }));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => Article, { description: "Changes the given fields of an article; returns it as now stored." })
  updateArticle(@Arg("input", { description: "Which article, and what to change." }) input: UpdateArticleInput, @Ctx() ctx: Context): Promise<Article> {
    return write(ctx, async (scope) => {
      const { id, ...fields } = input;
      const before = await scope.lock(Article, id);
      if (fields.body !== undefined && fields.body !== before.body) {
        // Spans of statements point into the body: changing it would silently break them.
        const n = await scope.manager.countBy(Statement, { sourceId: before.id, spanStart: Not(IsNull()) });
        if (n > 0) scope.problems.add("input.body", "spansIntact", `${n} statements quote this body by position; it cannot change`, ErrorCode.CONFLICT);
      }
      return scope.update(Article, before, fields);
    });
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, { description: "Deletes an article and returns its id; refused while statements or events cite it." })
  deleteArticle(@Arg("input", { description: "Which article." }) input: DeleteInput, @Ctx() ctx: Context): Promise<DeletePayload> {
    return write(ctx, async (scope) => ({
      deletedId: await scope.delete(Article, await scope.lock(Article, input.id), [
        { entity: Statement, property: "sourceId", label: "statements" },
        { entity: EventSource, property: "articleId", label: "events" },
      ]),
    }));
  }
}
