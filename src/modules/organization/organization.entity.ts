import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";
import { Capped, LIST_CAPS } from "../../graphql/list-caps";

export enum OrganizationKind {
  STATE = "STATE",
  GOVERNMENT_BODY = "GOVERNMENT_BODY",
  MILITARY = "MILITARY",
  INTERNATIONAL_ORGANIZATION = "INTERNATIONAL_ORGANIZATION",
  MEDIA = "MEDIA",
  COMPANY = "COMPANY",
  OTHER = "OTHER",
}
registerEnumType(OrganizationKind, {
  name: "OrganizationKind",
  description: "What sort of body an organization is.",
  valuesConfig: {
    STATE: { description: "A country speaking as a whole, e.g. North Korea or the United States." },
    GOVERNMENT_BODY: { description: "A part of a government, e.g. the National Security Council or a ministry." },
    MILITARY: { description: "Armed forces or a unit of them, e.g. the Korean People's Army." },
    INTERNATIONAL_ORGANIZATION: { description: "A body of several states, e.g. NATO or the United Nations." },
    MEDIA: { description: "A news outlet or agency." },
    COMPANY: { description: "A business." },
    OTHER: { description: "Anything else, e.g. a party, a group or a charity." },
  },
});

@ObjectType({ implements: Node, description: "A state, government body, military, international organization, company or outlet that people speak for." })
@Entity("organizations")
export class Organization extends StoredNode {
  @Field({ description: 'Its full name, e.g. "National Security Council".' })
  @Column("text")
  name!: string;

  @Field(() => String, { nullable: true, description: "Acronym or short form, e.g. NATO." })
  @Column("text", { nullable: true })
  shortName!: string | null;

  @Field(() => OrganizationKind, { description: "What sort of body it is." })
  @Column("text")
  kind!: OrganizationKind;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 code of the country it belongs to." })
  @Column("char", { length: 2, nullable: true })
  countryCode!: string | null;

  @Column("uuid", { nullable: true })
  parentId!: string | null;

  @Field(() => [String], { description: `Other names it goes by. At most ${LIST_CAPS.aliases}.` })
  @Capped(LIST_CAPS.aliases)
  @Column("text", { array: true, default: () => "'{}'" })
  aliases!: string[];

  @Field(() => String, { nullable: true, description: "Wikidata item id, e.g. Q7184." })
  @Column("text", { nullable: true, unique: true })
  wikidataId!: string | null;
}
