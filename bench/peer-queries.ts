/**
 * PostGraphile's side of `npm run bench:peers` (bench/peers.ts): what its schema needs beside
 * newsgraph's tables, and its equivalents of the standard queries Q1–Q4 (bench-data.ts), with
 * the normalizations that let both answers be compared.
 *
 * What PostGraphile gets beyond introspecting `public` lives in a schema of its own,
 * `newsgraph_peers`, created before it starts and dropped after the run; newsgraph's tables are
 * not touched:
 * - Search (Q3) is not a PostGraphile feature: as its users would, it gets an SQL function,
 *   exposed as `newsgraphPeersSearch(query)`, that ranks exactly as newsgraph's search does
 *   (src/db/search.ts: the same tsquery, weights, window of the newest
 *   matches, fuzzy names and tie-breaks) without making the snippets Q3 does not ask for; its
 *   hits link to their statement through a smart-tag foreign key.
 * - PostGraphile offers orderBy only on indexed columns, and the index on events' start date is
 *   on `COALESCE(start_date, '-infinity')` (undated events last, newsgraph's order): a computed
 *   column, `startSort`, exposes that expression, sortable, and Postgres inlines it onto the index.
 */
import { websearchQuery } from "../src/db/websearch-text";
import { parseGlobalId } from "../src/contract/global-id";
import { normalizedText, RANK_WINDOW } from "../src/db/search";
import { ACCEPTED_STATEMENTS } from "../src/modules/statement/statement.entity";
import { benchQueries, type BenchIds } from "./bench-data";

export const PEER_SCHEMA = "newsgraph_peers";

/**
 * The `newsgraph_peers` schema. Its search function is the SQL of newsgraph's search
 * (src/db/search.ts), exposed as `newsgraphPeersSearch(query)`: the same tsquery of the query's words ($1), the same fuzzy-name text (the
 * query's plain words of four letters or more, as fuzzyText makes it), ts_rank over the
 * RANK_WINDOW newest matching statements and events, names by words or trigram similarity, and
 * the same order (rank, then newest, then id). PostGraphile's `first` limits the rows. A view
 * gives the rows their type, and its smart tag the link to the hit's statement.
 */
export function peerSchemaSql(): string[] {
  const words = websearchQuery("$1").replace(/\bsearch_normalize\(/g, "public.search_normalize(");
  const nameText = `public.search_normalize((SELECT coalesce(string_agg(w, ' '), '') FROM regexp_split_to_table(replace($1, '"', ' '), '\\s+') AS w
       WHERE length(w) >= 4 AND left(w, 1) <> '-' AND lower(w) <> 'or'))`;
  const rankedText = (type: string, table: string, scope?: string) => `
    SELECT '${type}'::text AS type, newest.id, ts_rank(newest.search, ${words}) AS rank, newest.created_at FROM (
      SELECT t.id, t.search, t.created_at FROM public.${table} t WHERE t.search @@ ${words}${scope ? ` AND t.${scope}` : ""}
      ORDER BY t.created_at DESC, t.id DESC LIMIT ${RANK_WINDOW}) newest`;
  const rankedName = (type: string, table: string) => `
    SELECT '${type}'::text AS type, t.id, greatest(ts_rank(t.search, ${words}), word_similarity(${nameText}, ${normalizedText("t.name")})) AS rank, t.created_at
    FROM public.${table} t WHERE t.search @@ ${words} OR public.search_normalize(t.name) %> ${nameText}`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${PEER_SCHEMA}`,
    // Exposed as Event.startSort, and EventOrderBy.START_SORT_DESC (see above).
    `CREATE OR REPLACE FUNCTION ${PEER_SCHEMA}.events_start_sort(e public.events) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT COALESCE(e.start_date, '-infinity'::date) $fn$`,
    `COMMENT ON FUNCTION ${PEER_SCHEMA}.events_start_sort(public.events) IS E'@behavior +orderBy'`,
    `CREATE OR REPLACE VIEW ${PEER_SCHEMA}.search_hit AS
       SELECT NULL::text AS type, NULL::uuid AS hit_id, NULL::real AS rank, NULL::timestamptz AS created_at, NULL::uuid AS statement_id WHERE false`,
    `COMMENT ON VIEW ${PEER_SCHEMA}.search_hit IS E'@foreignKey (statement_id) references public.statements (id)'`,
    `CREATE OR REPLACE FUNCTION ${PEER_SCHEMA}.search(query text) RETURNS SETOF ${PEER_SCHEMA}.search_hit LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
       SELECT m.type, m.id, m.rank, m.created_at, CASE WHEN m.type = 'Statement' THEN m.id END FROM (
         ${[rankedText("Statement", "statements", ACCEPTED_STATEMENTS), rankedText("Event", "events"), rankedName("Person", "people"), rankedName("Organization", "organizations")].join("\n         UNION ALL")}
       ) m ORDER BY m.rank DESC, m.created_at DESC, m.id DESC
     $fn$`,
  ];
}

export interface PeerQuery {
  name: string;
  newsgraph: { query: string; variables?: object };
  postgraphile: { query: string; variables?: object };
  /** Both answers' data in one shape: newsgraph's field names, lists the query leaves unordered sorted. */
  normalize: { newsgraph(data: any): unknown; postgraphile(data: any): unknown };
  /** A second pair compared before timing (not timed), where the query alone shows too little. */
  alsoCompare?: { what: string } & Omit<PeerQuery, "name" | "alsoCompare" | "limit">;
  /** The request of the "limit" server (bench/limit-server.ts), for the queries it has SQL for; answered in newsgraph's shape. */
  limit?: { query: string };
}

/** Items of a list whose order the query leaves open, in a fixed order. */
const unordered = <T>(items: T[]): T[] => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
/** Ranks are `real`: compared to six significant digits. */
const rank = (value: number) => Number(Number(value).toPrecision(6));

export function peerQueries(ids: BenchIds): PeerQuery[] {
  const standard = new Map(benchQueries(ids).map((query) => [query.name.slice(0, 2), query]));
  const uuid = (globalId: string) => parseGlobalId(globalId)!.id;
  const of = (name: string) => {
    const { query, variables } = standard.get(name)!;
    return { query, variables };
  };
  return [
    {
      name: standard.get("Q1")!.name,
      newsgraph: of("Q1"),
      limit: { query: "Q1" },
      // newsgraph's default order of events: the latest start date first (undated last), ties by id.
      postgraphile: {
        query: `{ allEvents(first: 20, orderBy: [START_SORT_DESC, ROW_ID_DESC]) { nodes { title kind startDate
          statementsByEventId(first: 10, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { nodes { text statedOn
            personBySpeakerId { name affiliationsByPersonId { nodes { role organizationByOrganizationId { name shortName } } } } } } } } }`,
      },
      normalize: {
        newsgraph: (data) =>
          data.events.nodes.map((event: any) => ({
            title: event.title,
            kind: event.kind,
            startDate: event.startDate,
            statements: event.statements.nodes.map((statement: any) => ({
              text: statement.text,
              statedOn: statement.statedOn,
              speaker: statement.speaker && {
                name: statement.speaker.name,
                affiliations: unordered(statement.speaker.affiliations.map((a: any) => ({ role: a.role, organization: a.organization && { name: a.organization.name, shortName: a.organization.shortName } }))),
              },
            })),
          })),
        postgraphile: (data) =>
          data.allEvents.nodes.map((event: any) => ({
            title: event.title,
            kind: event.kind,
            startDate: event.startDate,
            statements: event.statementsByEventId.nodes.map((statement: any) => ({
              text: statement.text,
              statedOn: statement.statedOn,
              speaker: statement.personBySpeakerId && {
                name: statement.personBySpeakerId.name,
                affiliations: unordered(
                  statement.personBySpeakerId.affiliationsByPersonId.nodes.map((a: any) => ({
                    role: a.role,
                    organization: a.organizationByOrganizationId && { name: a.organizationByOrganizationId.name, shortName: a.organizationByOrganizationId.shortName },
                  })),
                ),
              },
            })),
          })),
      },
    },
    {
      name: standard.get("Q2")!.name,
      newsgraph: of("Q2"),
      postgraphile: {
        query: `query ($id: UUID!) { eventByRowId(rowId: $id) { title eventParticipantsByEventId { nodes { organizationByOrganizationId { name } } } } }`,
        variables: { id: uuid(ids.eventId) },
      },
      normalize: {
        newsgraph: (data) => ({ title: data.event.title, participants: unordered(data.event.participants.map((p: any) => p.organization?.name ?? null)) }),
        postgraphile: (data) => ({
          title: data.eventByRowId.title,
          participants: unordered(data.eventByRowId.eventParticipantsByEventId.nodes.map((p: any) => p.organizationByOrganizationId?.name ?? null)),
        }),
      },
    },
    {
      name: standard.get("Q3")!.name,
      newsgraph: of("Q3"),
      postgraphile: { query: `{ newsgraphPeersSearch(query: "sanctions", first: 20) { nodes { rank statementByStatementId { text personBySpeakerId { name } } } } }` },
      // Hits in rank order; Q3 selects only statements' fields, so any other hit is its rank alone.
      normalize: {
        newsgraph: (data) =>
          data.search.nodes.map((hit: any) => ({ rank: rank(hit.rank), statement: hit.node?.text === undefined ? null : { text: hit.node.text, speaker: hit.node.speaker?.name ?? null } })),
        postgraphile: (data) =>
          data.newsgraphPeersSearch.nodes.map((hit: any) => ({
            rank: rank(hit.rank),
            statement: hit.statementByStatementId && { text: hit.statementByStatementId.text, speaker: hit.statementByStatementId.personBySpeakerId?.name ?? null },
          })),
      },
      // Q3 shows only ranks for hits that are not statements (on the synthetic data its page is
      // people and organizations named after the word, all of rank 1): which objects were hit,
      // in which order, is compared as well.
      alsoCompare: {
        what: "the hits' types and ids",
        newsgraph: { query: `{ search(query: "sanctions", first: 20) { nodes { rank node { __typename id } } } }` },
        postgraphile: { query: `{ newsgraphPeersSearch(query: "sanctions", first: 20) { nodes { rank type hitId } } }` },
        normalize: {
          newsgraph: (data) => data.search.nodes.map((hit: any) => ({ rank: rank(hit.rank), type: hit.node.__typename, id: parseGlobalId(hit.node.id)?.id })),
          postgraphile: (data) => data.newsgraphPeersSearch.nodes.map((hit: any) => ({ rank: rank(hit.rank), type: hit.type, id: hit.hitId })),
        },
      },
    },
    {
      name: standard.get("Q4")!.name,
      newsgraph: of("Q4"),
      postgraphile: {
        query: `query ($id: UUID!) { personByRowId(rowId: $id) { name affiliationsByPersonId { nodes { role organizationByOrganizationId { name } } }
          statementsBySpeakerId(first: 20, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) { nodes { text eventByEventId { title } } } } }`,
        variables: { id: uuid(ids.personId) },
      },
      normalize: {
        newsgraph: (data) => ({
          name: data.person.name,
          affiliations: unordered(data.person.affiliations.map((a: any) => ({ role: a.role, organization: a.organization?.name ?? null }))),
          statements: data.person.statements.nodes.map((s: any) => ({ text: s.text, event: s.event?.title ?? null })),
        }),
        postgraphile: (data) => ({
          name: data.personByRowId.name,
          affiliations: unordered(data.personByRowId.affiliationsByPersonId.nodes.map((a: any) => ({ role: a.role, organization: a.organizationByOrganizationId?.name ?? null }))),
          statements: data.personByRowId.statementsBySpeakerId.nodes.map((s: any) => ({ text: s.text, event: s.eventByEventId?.title ?? null })),
        }),
      },
    },
  ];
}

/** The first place two normalized answers differ, as a path with both values; undefined when they are the same. */
export function firstDifference(a: unknown, b: unknown, at = "data"): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const difference = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (difference) return difference;
    }
    return a.length === b.length ? undefined : `${at}: ${a.length} items in newsgraph's answer, ${b.length} in the other's`;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const difference = firstDifference((a as any)[key], (b as any)[key], `${at}.${key}`);
      if (difference) return difference;
    }
    return undefined;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  const show = (value: unknown) => (JSON.stringify(value) ?? "undefined").slice(0, 200);
  return `${at}: newsgraph ${show(a)}, the other ${show(b)}`;
}

