import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";

@ObjectType({ implements: Node, description: "Someone who made statements." })
@Entity("people")
export class Person extends StoredNode {
  @Field()
  @Column("text")
  name!: string;

  @Field(() => [String], { description: "Other names or spellings." })
  @Column("text", { array: true, default: () => "'{}'" })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: "Who they are, in a line." })
  @Column("text", { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Wikidata item id." })
  @Column("text", { nullable: true, unique: true })
  wikidataId!: string | null;
}
