import { Field, ID, InputType, ObjectType } from "type-graphql";

@InputType({ description: "Which object to delete." })
export class DeleteInput {
  @Field(() => ID, { description: "The global id of the object to delete." })
  id!: string;
}

@ObjectType({ description: "What a delete removed, so a client can drop it from its cache." })
export class DeletePayload {
  @Field(() => ID, { description: "The global id of the object that was deleted." })
  deletedId!: string;
}
