import { ArgsType, Field, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { OrderDirection, OrderInput } from "../../graphql/ordering";
import { Person } from "./person.entity";

@ObjectType()
export class PersonConnection extends Connection(Person) {}

@InputType()
export class PersonFilter {
  @Field({ nullable: true, description: "Part of the name or an alias; case and accents are ignored." })
  name?: string;
}

export enum PersonOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(PersonOrderField, { name: "PersonOrderField" });

@InputType()
export class PersonOrder extends OrderInput<PersonOrderField>(PersonOrderField, OrderDirection.ASC) {}

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true })
  filter?: PersonFilter;

  @Field(() => PersonOrder, { nullable: true, description: "Default: by name, A to Z." })
  orderBy?: PersonOrder;
}
