import { Args, ArgsType, Authorized, Ctx, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import type { ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { Connection, ConnectionArgs, type ConnectionResult } from "../../graphql/connection";
import { badUserInput } from "../../graphql/errors";
import { parseGlobalId } from "../../graphql/global-id";
import { Role } from "../auth/tokens";
import { AuditEntry } from "./audit.entity";

@ObjectType({ description: "A page of audit entries, with cursors to page on (Relay connection)." })
export class AuditEntryConnection extends Connection(AuditEntry) {}

@ArgsType()
export class AuditLogArgs extends ConnectionArgs {
  @Field(() => ID, { nullable: true, description: "Only the writes of this object (any type)." })
  entityId?: string;
}

function auditList(entityId: string | undefined): ListQuery<AuditEntry> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (entityId) {
    const parsed = parseGlobalId(entityId);
    if (!parsed) throw badUserInput(`entityId: "${entityId}" is not a valid id`, "entityId");
    conditions.push(`l.entity_id = ${params.param(parsed.id)}`);
  }
  return { entity: AuditEntry, from: "audit_log l", alias: "l", conditions, params, sort: { expression: "l.at", type: "timestamptz", direction: "DESC" } };
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized(Role.EDITOR)
  @Query(() => AuditEntryConnection, { description: "The audit trail, newest first (editors only)." })
  auditLog(@Args() args: AuditLogArgs, @Ctx() { lists }: Context): Promise<ConnectionResult<AuditEntry>> {
    return lists.root(() => auditList(args.entityId), args);
  }
}
