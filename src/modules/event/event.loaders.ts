import type { IdentityMap } from "../../db/identity-map";
import type { DataSource } from "typeorm";
import { byIdLoader, groupLoader } from "../../db/loaders";
import { sortKey, type ListQuery } from "../../db/pagination";
import { ownerWithListLoader, plainListLoader, type PlainList } from "../../db/plain-lists";
import { SqlParams } from "../../db/sql";
import { wordsMatch } from "../../db/text-match";
import { badUserInput } from "../../contract/errors";
import { decodeGlobalId, parseGlobalId } from "../../contract/global-id";
import { checkDateRange } from "../../graphql/ordering";
import { Article } from "../article/article.entity";
import { EventOrderField, type EventFilter, type EventOrder } from "./event.args";
import { corroborationLoader } from "./corroboration.loaders";
import { Event } from "./event.entity";
import { EventParticipant } from "./event-participant.entity";
import { EventPlace } from "./event-place.entity";
import type { SearchKind } from "../../db/relations";

/** Who took part, with the organization or person taking part: what every listing shows. */
export const PARTICIPANTS: PlainList<EventParticipant> = {
  entity: EventParticipant,
  alias: "ep",
  ownerColumn: "event_id",
  orderBy: "ep.role, ep.created_at, ep.id",
  joins: [],
};

/** Where it happened, with the place. */
export const PLACES: PlainList<EventPlace> = {
  entity: EventPlace,
  alias: "epl",
  ownerColumn: "event_id",
  orderBy: "epl.role, epl.created_at, epl.place_id",
  joins: [],
};

/** Search finds events by the words of their title and summary, the newest ranked (db/search.ts). */
export const EVENT_SEARCH: SearchKind = { entity: Event, alias: "e", match: "text", snippetText: "e.title || coalesce(' — ' || e.summary, '')" };

export function createEventLoaders(db: DataSource, known: IdentityMap) {
  const participantsByEvent = plainListLoader(db, PARTICIPANTS, known);
  return {
    event: byIdLoader(db, Event, known),
    corroboration: corroborationLoader(db),
    /** For `event(id) { participants { … } }`: the event and its participants in one statement. */
    eventWithParticipants: ownerWithListLoader(db, Event, PARTICIPANTS, participantsByEvent, known),
    participantsByEvent,
    placesByEvent: plainListLoader(db, PLACES, known),
    sourcesByEvent: groupLoader(db, Article, known, {
      from: "event_sources es JOIN articles a ON a.id = es.article_id",
      alias: "a",
      keyColumn: "es.event_id",
      orderBy: "a.published_at NULLS LAST, a.id",
    }),
  };
}

/** An event's count kept by the triggers of the CorroborationCounts migration; 0 for an event they have not seen. */
function corroborationCount(column: "independent_confirmers" | "sources" | "deniers"): string {
  return `COALESCE((SELECT c.${column} FROM event_corroboration c WHERE c.event_id = e.id), 0)`;
}

const SORT_KEYS = {
  // Undated events sort as the oldest: last when the latest come first.
  START_DATE: { expression: "COALESCE(e.start_date, '-infinity'::date)", type: "date" },
  CREATED_AT: { expression: "e.created_at", type: "timestamptz" },
  TITLE: { expression: "e.title", type: "text" },
  INDEPENDENT_CONFIRMERS: { expression: corroborationCount("independent_confirmers"), type: "int" },
  SOURCES: { expression: corroborationCount("sources"), type: "int" },
} as const;

const LAST_DAY_OF_START = `CASE e.date_precision
  WHEN 'MONTH' THEN (date_trunc('month', e.start_date) + interval '1 month - 1 day')::date
  WHEN 'YEAR' THEN (date_trunc('year', e.start_date) + interval '1 year - 1 day')::date
  ELSE e.start_date END`;

function participantCondition(params: SqlParams, globalId: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || (parsed.type !== "Organization" && parsed.type !== "Person")) {
    throw badUserInput(`filter.participantId: "${globalId}" is not the id of an Organization or a Person`, "filter.participantId");
  }
  const column = parsed.type === "Organization" ? "organization_id" : "person_id";
  return `EXISTS (SELECT 1 FROM event_participants ep WHERE ep.event_id = e.id AND ep.${column} = ${params.param(parsed.id)})`;
}

/** Organization.events: the events an organization takes part in, each once however many roles it has there. */
export const ORGANIZATION_EVENTS = {
  from: "events e JOIN (SELECT DISTINCT event_id, organization_id FROM event_participants) part ON part.event_id = e.id",
  partition: "part.organization_id",
};
/** Article.events: the events an article is a source of. */
export const ARTICLE_EVENTS = { from: "events e JOIN event_sources src ON src.event_id = e.id", partition: "src.article_id" };

/** Events matching `filter`; `from` may join a partition column for nested lists. */
export function eventList(filter: EventFilter | undefined, order: EventOrder | undefined, from = "events e"): ListQuery<Event> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (filter?.kind?.length) conditions.push(`e.kind = ANY(${params.param(filter.kind)}::text[])`);
  if (filter?.status?.length) conditions.push(`e.status = ANY(${params.param(filter.status)}::text[])`);
  if (filter?.participantId) conditions.push(participantCondition(params, filter.participantId));
  if (filter?.placeId) {
    const placeId = params.param(decodeGlobalId(filter.placeId, "Place", "filter.placeId"));
    conditions.push(`EXISTS (SELECT 1 FROM event_places epl WHERE epl.event_id = e.id AND epl.place_id = ${placeId})`);
  }
  if (filter?.date) {
    checkDateRange(filter.date, "filter.date");
    // An event without an end date lasts its start's day, month or year, as its precision says.
    if (filter.date.from) conditions.push(`COALESCE(e.end_date, ${LAST_DAY_OF_START}) >= ${params.param(filter.date.from)}::date`);
    if (filter.date.to) conditions.push(`e.start_date <= ${params.param(filter.date.to)}::date`);
  }
  if (filter?.text) conditions.push(wordsMatch(params, "e.search", filter.text, "filter.text"));
  if (filter?.minIndependentConfirmers != null) conditions.push(`${corroborationCount("independent_confirmers")} >= ${params.param(filter.minIndependentConfirmers)}::int`);
  if (filter?.minSources != null) conditions.push(`${corroborationCount("sources")} >= ${params.param(filter.minSources)}::int`);
  if (filter?.denied != null) conditions.push(`${corroborationCount("deniers")} ${filter.denied ? ">" : "="} 0`);
  return { entity: Event, from, alias: "e", conditions, params, sort: sortKey(SORT_KEYS, order, { field: EventOrderField.START_DATE, direction: "DESC" }) };
}
