import { Args, ArgsType, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { Connection, ConnectionArgs } from "../../graphql/connection";
import type { ConnectionResult } from "../../contract/pages";
import { Role } from "../auth/tokens";
import { AuditEntry } from "./audit.entity";
import { RELATIONS } from "../../registry";

@ObjectType({ description: "A page of audit entries, with cursors to page on (Relay connection)." })
export class AuditEntryConnection extends Connection(AuditEntry) {}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only the writes of this object (any type)." })
  entityId?: string;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Role.EDITOR)
  @Query(() => AuditEntryConnection, { description: "The audit trail, newest first (editors only)." })
  auditLog(@Args() args: AuditLogArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<AuditEntry>> {
    return lists.root(RELATIONS.Query.auditLog, args);
  }
}
