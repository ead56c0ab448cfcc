import type { IdentityMap } from "../../db/identity-map";
import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import { sortKey, type ListQuery } from "../../db/pagination";
import { SqlParams } from "../../db/sql";
import { wordsMatch } from "../../db/text-match";
import { decodeGlobalId } from "../../contract/global-id";
import { checkDateRange } from "../../graphql/ordering";
import { StatementOrderField, type StatementFilter, type StatementOrder } from "./statement.args";
import { ACCEPTED_STATEMENTS, ReviewStatus, Statement } from "./statement.entity";
import type { SearchKind } from "../../db/relations";

/** Search finds accepted statements by their words, the newest ranked (db/search.ts). */
export const STATEMENT_SEARCH: SearchKind = { entity: Statement, alias: "s", match: "text", scope: ACCEPTED_STATEMENTS, snippetText: "s.text" };

export function createStatementLoaders(db: DataSource, known: IdentityMap) {
  return { statement: byIdLoader(db, Statement, known) };
}

const SORT_KEYS = {
  // Undated statements sort as the oldest: last when the newest come first.
  STATED_ON: { expression: "COALESCE(s.stated_on, '-infinity'::date)", type: "date" },
  CREATED_AT: { expression: "s.created_at", type: "timestamptz" },
} as const;

/**
 * Accepted statements only, unless the filter names other review statuses. The default is written
 * without a parameter: it is the same for every request, so pages that only have it stay prepared.
 */
function reviewStatusCondition(params: SqlParams, statuses: ReviewStatus[] | undefined): string {
  if (!statuses?.length || (statuses.length === 1 && statuses[0] === ReviewStatus.ACCEPTED)) return `s.${ACCEPTED_STATEMENTS}`;
  return `s.review_status = ANY(${params.param(statuses)}::text[])`;
}

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
  if (filter?.text) conditions.push(wordsMatch(params, "s.search", filter.text, "filter.text"));
  if (filter?.stance?.length) conditions.push(`s.stance = ANY(${params.param(filter.stance)}::text[])`);
  if (filter?.hasStance !== undefined && filter.hasStance !== null) conditions.push(filter.hasStance ? "s.stance IS NOT NULL" : "s.stance IS NULL");
  conditions.push(reviewStatusCondition(params, filter?.reviewStatus));
  return { entity: Statement, from: "statements s", alias: "s", conditions, params, sort: sortKey(SORT_KEYS, order, { field: StatementOrderField.STATED_ON, direction: "DESC" }) };
}
