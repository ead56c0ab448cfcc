import { Field, ObjectType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";
import { DateScalar } from "../../graphql/scalars";

@ObjectType({ implements: Node, description: "A person's role in an organization, e.g. its spokesperson." })
@Entity("affiliations")
export class Affiliation extends StoredNode {
  @Column("uuid")
  personId!: string;

  @Column("uuid")
  organizationId!: string;

  @Field({ description: 'The role title, e.g. "Strategic Communications Coordinator".' })
  @Column("text")
  role!: string;

  @Field(() => DateScalar, { nullable: true, description: "When they took up the role; empty when unknown." })
  @Column("date", { nullable: true })
  startDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When they left the role; empty while they hold it (or when unknown)." })
  @Column("date", { nullable: true })
  endDate!: string | null;
}
