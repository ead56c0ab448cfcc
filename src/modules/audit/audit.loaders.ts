import type { ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { badUserInput } from "../../contract/errors";
import { parseGlobalId } from "../../contract/global-id";
import { AuditEntry } from "./audit.entity";

/** The audit trail, newest first; with `entityId`, the writes of that object only. */
export function auditList(entityId: string | undefined): ListQuery<AuditEntry> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (entityId) {
    const parsed = parseGlobalId(entityId);
    if (!parsed) throw badUserInput(`entityId: "${entityId}" is not a valid id`, "entityId");
    conditions.push(`l.entity_id = ${params.param(parsed.id)}`);
  }
  return { entity: AuditEntry, from: "audit_log l", alias: "l", conditions, params, sort: { expression: "l.at", type: "timestamptz", direction: "DESC" } };
}
