import { ArgsType, Field, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { OrderDirection, OrderInput } from "../../graphql/ordering";
import { Organization, OrganizationKind } from "./organization.entity";

@ObjectType({ description: "A page of organizations, with cursors to page on (Relay connection)." })
export class OrganizationConnection extends Connection(Organization) {}

@InputType({ description: "Which organizations to list; all given conditions must hold." })
export class OrganizationFilter {
  @Field({ nullable: true, description: "Part of the name, short name or an alias; case and accents are ignored." })
  name?: string;

  @Field(() => [OrganizationKind], { nullable: true, description: "Any of these kinds." })
  kind?: OrganizationKind[];

  @Field({ nullable: true, description: "ISO 3166-1 alpha-2 country code, e.g. US (any case)." })
  countryCode?: string;
}

export enum OrganizationOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(OrganizationOrderField, {
  name: "OrganizationOrderField",
  description: "What organizations can be sorted by.",
  valuesConfig: {
    NAME: { description: "By name, alphabetically." },
    CREATED_AT: { description: "By when they were added to newsgraph." },
  },
});

@InputType({ description: "How to sort organizations." })
export class OrganizationOrder extends OrderInput<OrganizationOrderField>(OrganizationOrderField, OrderDirection.ASC) {}

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: "Only the organizations that meet all the given conditions." })
  filter?: OrganizationFilter;

  @Field(() => OrganizationOrder, { nullable: true, description: "Default: by name, A to Z." })
  orderBy?: OrganizationOrder;
}
