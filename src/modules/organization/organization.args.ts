import { ArgsType, Field, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import { OrderDirection, OrderInput } from "../../graphql/ordering";
import { Organization, OrganizationKind } from "./organization.entity";

@ObjectType()
export class OrganizationConnection extends Connection(Organization) {}

@InputType()
export class OrganizationFilter {
  @Field({ nullable: true, description: "Part of the name, short name or an alias; case and accents are ignored." })
  name?: string;

  @Field(() => [OrganizationKind], { nullable: true, description: "Any of these kinds." })
  kind?: OrganizationKind[];

  @Field({ nullable: true, description: "ISO 3166-1 alpha-2 country code." })
  countryCode?: string;
}

export enum OrganizationOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(OrganizationOrderField, { name: "OrganizationOrderField" });

@InputType()
export class OrganizationOrder extends OrderInput<OrganizationOrderField>(OrganizationOrderField, OrderDirection.ASC) {}

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationFilter, { nullable: true })
  filter?: OrganizationFilter;

  @Field(() => OrganizationOrder, { nullable: true, description: "Default: by name, A to Z." })
  orderBy?: OrganizationOrder;
}
