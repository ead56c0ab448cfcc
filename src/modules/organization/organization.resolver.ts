import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { Loaded } from "../../db/loaders";
import { ConnectionArgs } from "../../graphql/connection";
import type { ConnectionResult } from "../../contract/pages";
import { decodeGlobalId } from "../../contract/global-id";
import { AffiliationConnection } from "../affiliation/affiliation.args";
import type { Affiliation } from "../affiliation/affiliation.entity";
import { EventConnection, EventsArgs } from "../event/event.args";
import type { Event } from "../event/event.entity";
import { StatementConnection, StatementsArgs } from "../statement/statement.args";
import type { Statement } from "../statement/statement.entity";
import { statementJoins } from "../statement/statement.joins";
import { OrganizationConnection, OrganizationsArgs } from "./organization.args";
import { Organization } from "./organization.entity";
import { RELATIONS } from "../../registry";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: "An organization by id; null when there is none." })
  organization(@Arg("id", () => ID, { description: "The global id of the Organization; an id of another type is a BAD_USER_INPUT error." }) id: string, @Ctx() { loaders }: Context): Promise<Organization | null> {
    return loaders.organization.load(decodeGlobalId(id, "Organization", "id"));
  }

  @Query(() => OrganizationConnection, { description: "Organizations, filtered and ordered." })
  organizations(@Args() args: OrganizationsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Organization>> {
    return lists.root(RELATIONS.Query.organizations, args);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization this one is part of." })
  parent(@Root() organization: Organization, @Ctx() { loaders }: Context): Loaded<Organization> {
    return organization.parentId ? loaders.organization.get(organization.parentId) : null;
  }

  @FieldResolver(() => OrganizationConnection, { description: "Organizations that are part of this one." })
  subOrganizations(@Root() organization: Organization, @Args() args: OrganizationsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Organization>> {
    return lists.nested(RELATIONS.Organization.subOrganizations, organization.id, args);
  }

  @FieldResolver(() => AffiliationConnection, { description: "The roles people hold or held at this organization (past ones too), by role title." })
  members(@Root() organization: Organization, @Args() args: ConnectionArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Affiliation>> {
    return lists.nested(RELATIONS.Organization.members, organization.id, args);
  }

  @FieldResolver(() => StatementConnection, { description: "Statements made for this organization." })
  statements(@Root() organization: Organization, @Args() args: StatementsArgs, @Ctx() { lists, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionResult<Statement>> {
    return lists.nested(RELATIONS.Organization.statements, organization.id, args, statementJoins(info, loaders));
  }

  @FieldResolver(() => EventConnection, { description: "Events this organization took part in." })
  events(@Root() organization: Organization, @Args() args: EventsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Event>> {
    return lists.nested(RELATIONS.Organization.events, organization.id, args);
  }
}
