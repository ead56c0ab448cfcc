import { Field, ID, InputType } from "type-graphql";
import { NotNull, Text, WebUrl } from "../../graphql/validators";

/** What describes an article, for createArticle and ingestArticle alike. */
@InputType({ description: "What describes an article: its address, headline, publisher and date." })
export class ArticleFields {
  @Field({ description: "Its http(s) address, at most 2,000 characters; no other article may have it." })
  @WebUrl()
  url!: string;

  @Field({ description: "Its headline, at most 1,000 characters." })
  @Text(1000)
  title!: string;

  @Field(() => String, { nullable: true, description: "Who published it, at most 300 characters." })
  @Text(300)
  publisher?: string | null;

  @Field(() => Date, { nullable: true, description: "When it was published: ingestion counts \"on Tuesday\" from it." })
  publishedAt?: Date | null;
}

@InputType({ description: "A new source article." })
export class CreateArticleInput extends ArticleFields {
  @Field({ description: "The full text, at most 1,000,000 characters; statement spans point into it." })
  @Text(1_000_000)
  body!: string;
}

@InputType({ description: "Only the fields given change; null clears an optional field. The body of an article that statements quote cannot change." })
export class UpdateArticleInput {
  @Field(() => ID, { description: "The global id of the Article to change." })
  id!: string;

  @Field({ nullable: true, description: "A new http(s) address; cannot be null." })
  @NotNull()
  @WebUrl()
  url?: string;

  @Field({ nullable: true, description: "A new headline, at most 1,000 characters; cannot be null." })
  @NotNull()
  @Text(1000)
  title?: string;

  @Field(() => String, { nullable: true, description: "A new publisher; null clears it." })
  @Text(300)
  publisher?: string | null;

  @Field(() => Date, { nullable: true, description: "A new publication time; null clears it." })
  publishedAt?: Date | null;

  @Field({ nullable: true, description: "A new full text; refused (CONFLICT) while statements point into the body by sourceSpan; cannot be null." })
  @NotNull()
  @Text(1_000_000)
  body?: string;
}
