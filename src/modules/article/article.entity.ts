import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";

@ObjectType({ implements: Node, description: "A news article that statements and events are sourced from." })
@Entity("articles")
export class Article extends StoredNode {
  @Field({ description: "Its web address; no two articles share one." })
  @Column("text", { unique: true })
  url!: string;

  @Field({ description: "Its headline." })
  @Column("text")
  title!: string;

  @Field(() => String, { nullable: true, description: "Who published it, e.g. a newspaper or agency; empty when unknown." })
  @Column("text", { nullable: true })
  publisher!: string | null;

  @Field(() => Date, { nullable: true, description: "When it was published; empty when unknown." })
  @Column("timestamptz", { nullable: true })
  publishedAt!: Date | null;

  @Field({ description: "The full text; statement spans are character offsets into it." })
  @Column("text")
  body!: string;

  @Field(() => Int, { description: "Which version of the body this is: 1, then one more each time ingestArticle reads a changed body at this url." })
  @Column("int", { default: 1 })
  revision!: number;
}
