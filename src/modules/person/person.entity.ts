import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";
import { Capped, LIST_CAPS } from "../../graphql/list-caps";

@ObjectType({ implements: Node, description: "Someone who made statements." })
@Entity("people")
export class Person extends StoredNode {
  @Field({ description: 'Their name as usually written, e.g. "John Kirby".' })
  @Column("text")
  name!: string;

  @Field(() => [String], { description: `Other names or spellings. At most ${LIST_CAPS.aliases}.` })
  @Capped(LIST_CAPS.aliases)
  @Column("text", { array: true, default: () => "'{}'" })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: "Who they are, in a line." })
  @Column("text", { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: "Wikidata item id." })
  @Column("text", { nullable: true, unique: true })
  wikidataId!: string | null;
}
