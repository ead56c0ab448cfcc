import { Field, ID, InputType, ObjectType } from "type-graphql";

@InputType({ description: "Which object to delete." })
export class DeleteInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "What a delete removed, so a client can drop it from its cache." })
export class DeletePayload {
  @Field(() => ID)
  deletedId!: string;
}
