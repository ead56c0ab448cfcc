import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context";
import type { Loaded } from "../../db/loaders";
import { ConnectionArgs, type ConnectionResult } from "../../graphql/connection";
import { decodeGlobalId } from "../../graphql/global-id";
import { memberList } from "../affiliation/affiliation.loaders";
import { AffiliationConnection } from "../affiliation/affiliation.args";
import type { Affiliation } from "../affiliation/affiliation.entity";
import { EventConnection, EventsArgs } from "../event/event.args";
import type { Event } from "../event/event.entity";
import { eventList } from "../event/event.loaders";
import { StatementConnection, StatementsArgs } from "../statement/statement.args";
import type { Statement } from "../statement/statement.entity";
import { statementJoins, statementList } from "../statement/statement.loaders";
import { OrganizationConnection, OrganizationsArgs } from "./organization.args";
import { Organization } from "./organization.entity";
import { organizationList } from "./organization.loaders";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: "An organization by id; null when there is none." })
  organization(@Arg("id", () => ID, { description: "The global id of the Organization; an id of another type is a BAD_USER_INPUT error." }) id: string, @Ctx() { loaders }: Context): Promise<Organization | null> {
    return loaders.organization.load(decodeGlobalId(id, "Organization", "id"));
  }

  @Query(() => OrganizationConnection, { description: "Organizations, filtered and ordered." })
  organizations(@Args() args: OrganizationsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Organization>> {
    return lists.root(() => organizationList(args.filter, args.orderBy), args);
  }

  @FieldResolver(() => Organization, { nullable: true, description: "The organization this one is part of." })
  parent(@Root() organization: Organization, @Ctx() { loaders }: Context): Loaded<Organization> {
    return organization.parentId ? loaders.organization.get(organization.parentId) : null;
  }

  @FieldResolver(() => OrganizationConnection, { description: "Organizations that are part of this one." })
  subOrganizations(@Root() organization: Organization, @Args() args: OrganizationsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Organization>> {
    return lists.nested("Organization.subOrganizations", organization.id, args, () => organizationList(args.filter, args.orderBy), "o.parent_id");
  }

  @FieldResolver(() => AffiliationConnection, { description: "The roles people hold or held at this organization (past ones too), by role title." })
  members(@Root() organization: Organization, @Args() args: ConnectionArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Affiliation>> {
    return lists.nested("Organization.members", organization.id, args, memberList, "a.organization_id");
  }

  @FieldResolver(() => StatementConnection, { description: "Statements made for this organization." })
  statements(@Root() organization: Organization, @Args() args: StatementsArgs, @Ctx() { lists, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<ConnectionResult<Statement>> {
    return lists.nested("Organization.statements", organization.id, args, () => statementList(args.filter, args.orderBy), "s.organization_id", statementJoins(info, loaders));
  }

  @FieldResolver(() => EventConnection, { description: "Events this organization took part in." })
  events(@Root() organization: Organization, @Args() args: EventsArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<Event>> {
    const from = `events e JOIN (SELECT DISTINCT event_id, organization_id FROM event_participants) part ON part.event_id = e.id`;
    return lists.nested("Organization.events", organization.id, args, () => eventList(args.filter, args.orderBy, from), "part.organization_id");
  }
}
