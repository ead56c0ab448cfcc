import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../graphql/scalars";
import { NotBefore, NotNull, Text } from "../../graphql/validators";

@InputType({ description: "A person's role at an organization." })
export class CreateAffiliationInput {
  @Field(() => ID, { description: "The Person who holds the role." })
  personId!: string;

  @Field(() => ID, { description: "The Organization the role is at." })
  organizationId!: string;

  @Field({ description: 'The role title, e.g. "Spokesperson", at most 300 characters.' })
  @Text(300)
  role!: string;

  @Field(() => DateScalar, { nullable: true, description: "When they took up the role." })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When they left the role, not before startDate; leave empty while they hold it." })
  @NotBefore("startDate")
  endDate?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdateAffiliationInput {
  @Field(() => ID, { description: "The global id of the Affiliation to change." })
  id!: string;

  @Field({ nullable: true, description: "A new role title, at most 300 characters; cannot be null." })
  @NotNull()
  @Text(300)
  role?: string;

  @Field(() => DateScalar, { nullable: true, description: "A new start date; null clears it." })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "A new end date, not before the start date; null makes the role current." })
  @NotBefore("startDate")
  endDate?: string | null;
}
