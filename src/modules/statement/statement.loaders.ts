import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import { sortKey, type ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { wordsMatch } from "../../db/text-match";
import { decodeGlobalId } from "../../graphql/global-id";
import { checkDateRange } from "../../graphql/ordering";
import { StatementOrderField, type StatementFilter, type StatementOrder } from "./statement.args";
import { Statement } from "./statement.entity";

export function createStatementLoaders(db: DataSource) {
  return { statement: byIdLoader(db, Statement, "statements") };
}

const SORT_KEYS = {
  // Undated statements sort as the oldest: last when the newest come first.
  STATED_ON: { expression: "COALESCE(s.stated_on, '-infinity'::date)", type: "date" },
  CREATED_AT: { expression: "s.created_at", type: "timestamptz" },
} as const;

export function statementList(filter: StatementFilter | undefined, order: StatementOrder | undefined): ListQuery<Statement> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (filter?.speakerId) conditions.push(`s.speaker_id = ${params.param(decodeGlobalId(filter.speakerId, "Person", "filter.speakerId"))}`);
  if (filter?.organizationId) {
    conditions.push(`s.organization_id = ${params.param(decodeGlobalId(filter.organizationId, "Organization", "filter.organizationId"))}`);
  }
  if (filter?.eventId) conditions.push(`s.event_id = ${params.param(decodeGlobalId(filter.eventId, "Event", "filter.eventId"))}`);
  if (filter?.kind?.length) conditions.push(`s.kind = ANY(${params.param(filter.kind)}::text[])`);
  if (filter?.statedOn) {
    checkDateRange(filter.statedOn, "filter.statedOn");
    if (filter.statedOn.from) conditions.push(`s.stated_on >= ${params.param(filter.statedOn.from)}::date`);
    if (filter.statedOn.to) conditions.push(`s.stated_on <= ${params.param(filter.statedOn.to)}::date`);
  }
  if (filter?.text) conditions.push(wordsMatch(params, "s.search", filter.text));
  return { entity: Statement, from: "statements s", alias: "s", conditions, params, sort: sortKey(SORT_KEYS, order, { field: StatementOrderField.STATED_ON, direction: "DESC" }) };
}
