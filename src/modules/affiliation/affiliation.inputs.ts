import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../graphql/scalars";
import { NotBefore, NotNull, Text } from "../../graphql/validators";

@InputType()
export class CreateAffiliationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field()
  @Text(300)
  role!: string;

  @Field(() => DateScalar, { nullable: true })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @NotBefore("startDate")
  endDate?: string | null;
}

@InputType({ description: "Only the fields given change; null clears an optional field." })
export class UpdateAffiliationInput {
  @Field(() => ID)
  id!: string;

  @Field({ nullable: true })
  @NotNull()
  @Text(300)
  role?: string;

  @Field(() => DateScalar, { nullable: true })
  startDate?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @NotBefore("startDate")
  endDate?: string | null;
}
