import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";

@ObjectType({ implements: Node, description: "A news article that statements and events are sourced from." })
@Entity("articles")
export class Article extends StoredNode {
  @Field()
  @Column("text", { unique: true })
  url!: string;

  @Field()
  @Column("text")
  title!: string;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  publisher!: string | null;

  @Field(() => Date, { nullable: true })
  @Column("timestamptz", { nullable: true })
  publishedAt!: Date | null;

  @Field({ description: "The full text; statement spans are character offsets into it." })
  @Column("text")
  body!: string;
}
