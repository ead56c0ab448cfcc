import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { write } from "../../db/write";
import { Capped, LIST_CAPS } from "../../graphql/list-caps";
import { Article } from "../article/article.entity";
import { ArticleFields } from "../article/article.inputs";
import { Role } from "../auth/tokens";
import { Statement } from "../statement/statement.entity";
import { ingest, MAX_BODY_CHARACTERS } from "./ingestion";

@InputType({ description: "An article to ingest: its text is read for statements, and it is stored as their source. The same url again is the same article (a changed body is a new revision)." })
export class IngestArticleInput extends ArticleFields {
  @Field({ description: `Its plain text (no HTML), in English, at most ${MAX_BODY_CHARACTERS.toLocaleString("en")} characters; spans point into it.` })
  body!: string;

  @Field(() => ID, { nullable: true, description: "The Event it reports: its statements are about it, and it becomes one of the event's sources." })
  eventId?: string | null;
}

@ObjectType({ description: "What ingesting an article did." })
export class IngestArticlePayload {
  @Field(() => Article, { description: "The article as now stored." })
  article!: Article;

  @Field({ description: "False when the article was stored already with this body: it was not read again (a given eventId is still linked to it and its statements)." })
  changed!: boolean;

  @Field(() => [Statement], {
    description: `The statements this ingestion added, ACCEPTED or PROPOSED (see ReviewStatus), in the order of the body: the first ${LIST_CAPS.written} (the article's statements connection has them all). At most ${LIST_CAPS.written}.`,
  })
  @Capped(LIST_CAPS.written)
  added!: Statement[];

  @Field(() => Int, { description: "How many statements this ingestion added." })
  addedCount!: number;

  @Field(() => Int, { description: "Statements of earlier revisions kept: typed in or reviewed by an editor, or found again." })
  kept!: number;

  @Field(() => Int, { description: "Kept statements whose text no longer stands at their span in the new body (sourceSpanStale)." })
  markedStale!: number;
}

@Resolver()
export class IngestMutation {
  @Authorized(Role.EDITOR)
  @Mutation(() => IngestArticlePayload, {
    description: "Reads an article for statements, with their speakers, organizations and places (matched to stored ones by name and alias, else added), in one transaction. Idempotent by url.",
  })
  ingestArticle(@Arg("input", { description: "The article." }) input: IngestArticleInput, @Ctx() ctx: Context): Promise<IngestArticlePayload> {
    return write(ctx, async (scope) => {
      const eventId = input.eventId ? await scope.ref(input.eventId, "Event", "input.eventId", "FOR KEY SHARE") : null;
      scope.problems.throwIfAny();
      const ingested = await ingest(
        scope,
        { url: input.url, title: input.title, publisher: input.publisher ?? null, publishedAt: input.publishedAt ?? null, body: input.body, eventId: eventId ?? null },
        ctx.autoAccept,
      );
      return {
        article: await scope.reload(Article, ingested.articleId),
        changed: ingested.changed,
        added: ingested.added.slice(0, LIST_CAPS.written),
        addedCount: ingested.added.length,
        kept: ingested.kept,
        markedStale: ingested.markedStale,
      };
    });
  }
}
