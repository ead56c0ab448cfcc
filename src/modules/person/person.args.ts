import { ArgsType, Field, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { OrderDirection, OrderInput } from "../../graphql/ordering";
import { Person } from "./person.entity";

@ObjectType({ description: "A page of people, with cursors to page on (Relay connection)." })
export class PersonConnection extends Connection(Person) {}

@InputType({ description: "Which people to list." })
export class PersonFilter {
  @Field({ nullable: true, description: "Part of the name or an alias; case and accents are ignored." })
  name?: string;
}

export enum PersonOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(PersonOrderField, {
  name: "PersonOrderField",
  description: "What people can be sorted by.",
  valuesConfig: {
    NAME: { description: "By name, alphabetically." },
    CREATED_AT: { description: "By when they were added to newsgraph." },
  },
});

@InputType({ description: "How to sort people." })
export class PersonOrder extends OrderInput<PersonOrderField>(PersonOrderField, OrderDirection.ASC) {}

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true, description: "Only the people that match." })
  filter?: PersonFilter;

  @Field(() => PersonOrder, { nullable: true, description: "Default: by name, A to Z." })
  orderBy?: PersonOrder;
}
