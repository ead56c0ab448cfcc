import type { IdentityMap } from "../../db/identity-map";
import type { GraphQLResolveInfo } from "graphql";
import type { DataSource } from "typeorm";
import { byIdLoader } from "../../db/loaders";
import type { PlainListLoader } from "../../db/plain-lists";
import type { Affiliation } from "../affiliation/affiliation.entity";
import { sortKey, type ListQuery } from "../../db/pagination";
import type { Join } from "../../db/joins";
import { SqlParams } from "../../db/sql";
import { selectedNodeFields, selectedNodeSubfields } from "../../graphql/selection";
import { Article } from "../article/article.entity";
import { Event } from "../event/event.entity";
import { Organization } from "../organization/organization.entity";
import { Person } from "../person/person.entity";
import { Place } from "../place/place.entity";
import { wordsMatch } from "../../db/text-match";
import { decodeGlobalId } from "../../graphql/global-id";
import { checkDateRange } from "../../graphql/ordering";
import { StatementOrderField, type StatementFilter, type StatementOrder } from "./statement.args";
import { ACCEPTED_STATEMENTS, ReviewStatus, Statement } from "./statement.entity";

export function createStatementLoaders(db: DataSource, known: IdentityMap) {
  return { statement: byIdLoader(db, Statement, "statements", known) };
}

/** What a statement refers to, joined along when a request selects it (see joins.ts). */
const REFERENCES: Join[] = [
  { field: "speaker", entity: Person, table: "people", column: "speaker_id" },
  { field: "organization", entity: Organization, table: "organizations", column: "organization_id" },
  { field: "event", entity: Event, table: "events", column: "event_id" },
  { field: "source", entity: Article, table: "articles", column: "source_id" },
  { field: "place", entity: Place, table: "places", column: "place_id" },
];

/**
 * The references a statements connection's nodes select, to fetch with the page; with the
 * speakers, their affiliations when those are selected too (the usual "who said it, in what role").
 */
export function statementJoins(info: GraphQLResolveInfo, loaders: { affiliationsByPerson: PlainListLoader<Affiliation> }): Join[] {
  const fields = selectedNodeFields(info);
  // An article's body (up to 1,000,000 characters) joined along would come back once per statement
  // that cites it (100 statements of one article: 100 copies); read by id, it is read once.
  const joined = (field: string) => fields.has(field) && !(field === "source" && selectedNodeSubfields(info, "source").has("body"));
  return REFERENCES.filter((reference) => joined(reference.field)).map((reference) =>
    reference.field === "speaker" && selectedNodeSubfields(info, "speaker").has("affiliations")
      ? { ...reference, prefetch: (ids: string[]) => loaders.affiliationsByPerson.prefetch(ids) }
      : reference,
  );
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
  if (filter?.text) conditions.push(wordsMatch(params, "s.search", filter.text));
  if (filter?.stance?.length) conditions.push(`s.stance = ANY(${params.param(filter.stance)}::text[])`);
  if (filter?.hasStance !== undefined && filter.hasStance !== null) conditions.push(filter.hasStance ? "s.stance IS NOT NULL" : "s.stance IS NULL");
  conditions.push(reviewStatusCondition(params, filter?.reviewStatus));
  return { entity: Statement, from: "statements s", alias: "s", conditions, params, sort: sortKey(SORT_KEYS, order, { field: StatementOrderField.STATED_ON, direction: "DESC" }) };
}
