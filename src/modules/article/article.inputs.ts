import { Field, ID, InputType } from "type-graphql";
import { NotNull, Text, WebUrl } from "../../graphql/validators";

@InputType()
export class CreateArticleInput {
  @Field()
  @WebUrl()
  url!: string;

  @Field()
  @Text(1000)
  title!: string;

  @Field(() => String, { nullable: true })
  @Text(300)
  publisher?: string | null;

  @Field(() => Date, { nullable: true })
  publishedAt?: Date | null;

  @Field({ description: "The full text; statement spans point into it." })
  @Text(1_000_000)
  body!: string;
}

@InputType({ description: "Only the fields given change; null clears an optional field. The body of an article that statements quote cannot change." })
export class UpdateArticleInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @NotNull()
  @WebUrl()
  url?: string;

  @Field({ nullable: true })
  @NotNull()
  @Text(1000)
  title?: string;

  @Field(() => String, { nullable: true })
  @Text(300)
  publisher?: string | null;

  @Field(() => Date, { nullable: true })
  publishedAt?: Date | null;

  @Field({ nullable: true })
  @NotNull()
  @Text(1_000_000)
  body?: string;
}
