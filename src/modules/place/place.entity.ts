import { Field, Float, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";
import { Capped, LIST_CAPS } from "../../graphql/list-caps";

@ObjectType({ implements: Node, description: "A place where something happened or was said." })
@Entity("places")
export class Place extends StoredNode {
  @Field({ description: 'Its name as usually written, e.g. "Vladivostok".' })
  @Column("text")
  name!: string;

  @Field(() => [String], { description: `Other names or spellings, e.g. as a source spells it. At most ${LIST_CAPS.aliases}.` })
  @Capped(LIST_CAPS.aliases)
  @Column("text", { array: true, default: () => "'{}'" })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 country code." })
  @Column("char", { length: 2, nullable: true })
  countryCode!: string | null;

  @Field(() => Float, { nullable: true, description: "WGS 84 latitude; empty for a region." })
  @Column("double precision", { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: "WGS 84 longitude; empty for a region." })
  @Column("double precision", { nullable: true })
  longitude!: number | null;

  @Field(() => String, { nullable: true, description: "Wikidata item id." })
  @Column("text", { nullable: true, unique: true })
  wikidataId!: string | null;
}
