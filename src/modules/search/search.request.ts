import type { DataSource } from "typeorm";
import { boundedText } from "../../db/text-match";
import { websearchQuery, websearchText } from "../../db/websearch-text";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../contract/pages";
import { badUserInput } from "../../contract/errors";
import { SqlParams } from "../../db/sql";
import { ACCEPTED_STATEMENTS } from "../statement/statement.entity";

/**
 * One SQL statement for a page of hits across statements, events, people and organizations.
 * Words match the stored, weighted tsvectors (websearch_to_tsquery syntax); names also match by
 * trigram word similarity on accent-free lower case, so "kirbi" finds Kirby and "dakhlalah" finds
 * Dakhlallah. Rank is ts_rank (titles and names weigh A, body text less) or, for a fuzzy name
 * match, the similarity; snippets come from ts_headline with <mark> around the matched words.
 */
const HEADLINE = `'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;

/**
 * The words a name may fuzzily match: the query's plain words of four letters or more, without
 * excluded (-word) ones and the `or` operator, so "troops -russia" does not find Russia by name.
 */
export function fuzzyText(query: string): string {
  return query
    .replace(/"/g, " ")
    .split(/\s+/)
    .filter((word) => word.length >= 4 && !word.startsWith("-") && word.toLowerCase() !== "or")
    .join(" ");
}

export interface Hit {
  type: "Statement" | "Event" | "Person" | "Organization";
  id: string;
  rank: number;
  snippet: string;
}

/**
 * search_normalize(`expression`) written out (the function's body, migration Search; a test keeps
 * the two the same), for a value computed on every matching row. The function must be IMMUTABLE,
 * as the trigram indexes are built on it, but unaccent is only STABLE, so PostgreSQL does not inline
 * it and runs it as an SQL function, about 3 µs a call; written out it is two C calls (ranking
 * "sanctions" at scale 5: 1.6–2.2 ms less of PostgreSQL's CPU). Conditions keep
 * search_normalize(name): that is the expression the indexes answer.
 */
export const normalizedText = (expression: string) => `lower(public.unaccent('public.unaccent'::regdictionary, ${expression}))`;

/**
 * How many of the newest matching statements (and events) are ranked. Ranking every match of a
 * common word means reading and scoring tens of thousands of rows per request; the newest
 * thousand are what a news reader wants to see, and recency breaks ties between equal ranks.
 */
export const RANK_WINDOW = 1_000;

/**
 * The SQL of one search, over its parameters (placeholders such as `$1`): the query's words and
 * fuzzy-name text are written inline (not read from a CTE) so the planner sees them as constants
 * (they are known when each statement is planned) and can use the column statistics: a common word
 * walks the recency index, a rare one the GIN index. Any text is a valid query (websearchQuery).
 */
function searchSql(query: string, nameQuery: string) {
  const words = websearchQuery(query);
  const nameText = `search_normalize(${nameQuery})`;

  /** Text ranked among the newest RANK_WINDOW matches of `table` (aliased `alias`), that also meet `scope`. */
  const rankedText = (type: string, table: string, alias: string, perKind: string, scope?: string) => `
    (SELECT '${type}' AS type, newest.id, ts_rank(newest.search, ${words}) AS rank, newest.created_at FROM (
       SELECT ${alias}.id, ${alias}.search, ${alias}.created_at FROM ${table} ${alias} WHERE ${alias}.search @@ ${words}${scope ? ` AND ${alias}.${scope}` : ""}
       ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${RANK_WINDOW}) newest
     ORDER BY rank DESC, newest.created_at DESC, newest.id DESC LIMIT ${perKind})`;

  /**
   * A name matches by its words or fuzzily: `%>` is pg_trgm's word similarity at its threshold
   * (pg_trgm.word_similarity_threshold, 0.6 by default), which the trigram index answers.
   */
  const rankedName = (type: string, table: string, alias: string, perKind: string) => `
    (SELECT '${type}' AS type, ${alias}.id, greatest(ts_rank(${alias}.search, ${words}), word_similarity(${nameText}, ${normalizedText(`${alias}.name`)})) AS rank, ${alias}.created_at
     FROM ${table} ${alias} WHERE ${alias}.search @@ ${words} OR search_normalize(${alias}.name) %> ${nameText}
     ORDER BY rank DESC, ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${perKind})`;

  /**
   * The best matches of each kind, ranked. `perKind`: how many of each kind may be needed (offset + limit).
   */
  const matches = (perKind: string) => `matches AS (${[
    rankedText("Statement", "statements", "s", perKind, ACCEPTED_STATEMENTS),
    rankedText("Event", "events", "e", perKind),
    rankedName("Person", "people", "p", perKind),
    rankedName("Organization", "organizations", "o", perKind),
  ].join("\n    UNION ALL")})`;

  const snippet = `
  CASE page.type
    WHEN 'Statement' THEN (SELECT ts_headline('english', ${escaped("s.text")}, q.words, ${HEADLINE}) FROM statements s WHERE s.id = page.id)
    WHEN 'Event' THEN (SELECT ts_headline('english', ${escaped("e.title || coalesce(' — ' || e.summary, '')")}, q.words, ${HEADLINE}) FROM events e WHERE e.id = page.id)
    WHEN 'Person' THEN (SELECT CASE WHEN p.search @@ q.words
        THEN ts_headline('english', ${escaped("p.name || coalesce(' — ' || p.description, '')")}, q.words, ${HEADLINE}) ELSE '<mark>' || ${escaped("p.name")} || '</mark>' END
      FROM people p WHERE p.id = page.id)
    ELSE (SELECT CASE WHEN o.search @@ q.words
        THEN ts_headline('english', ${escaped("o.name || coalesce(' (' || o.short_name || ')', '')")}, q.words, ${HEADLINE}) ELSE '<mark>' || ${escaped("o.name")} || '</mark>' END
      FROM organizations o WHERE o.id = page.id)
  END`;

  return { words, nameText, matches, snippet };
}

/** Text made safe for HTML before <mark> tags are added: snippets are meant to be rendered as markup. */
const escaped = (expression: string) => `replace(replace(replace(${expression}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

/**
 * The statement for a page of hits (type, id, rank, snippet; best first), its values added to
 * `params`. Snippets are made afterwards for the page only (ts_headline re-parses the text, far
 * too slow to run for every match of a common word); with `snippets` false (no hit's snippet is
 * selected), no ts_headline runs at all.
 */
export function hitsQuery(params: SqlParams, query: string, offset: number, limit: number, snippets: boolean): string {
  const placeholders = [query, fuzzyText(query), offset + limit, offset, limit].map((value) => params.param(value));
  // The text depends only on where its parameters fall (the same for every search of one shape): built once.
  const key = `${placeholders.join(",")} ${snippets}`;
  let text = HITS_QUERIES.get(key);
  if (text === undefined) {
    const [words, names, perKind, offsetAt, limitAt] = placeholders;
    const sql = searchSql(words, names);
    text = `WITH q AS (SELECT ${sql.words} AS words), ${sql.matches(perKind)},
       page AS (SELECT * FROM matches ORDER BY rank DESC, created_at DESC, id DESC OFFSET ${offsetAt} LIMIT ${limitAt})
     SELECT page.type, page.id, page.rank, ${snippets ? sql.snippet : "''"} AS snippet FROM page, q ORDER BY page.rank DESC, page.created_at DESC, page.id DESC`;
    if (HITS_QUERIES.size < 100) HITS_QUERIES.set(key, text);
  }
  return text;
}

const HITS_QUERIES = new Map<string, string>();

/** How deep paging may go: each page ranks all hits before it, so deeper pages cost more. */
const MAX_OFFSET = 1_000;

/** Search cursors are offsets: a ranking has no stable key to page by, and pages stay small. */
export const encodeOffset = (offset: number) => Buffer.from(`search:${offset}`).toString("base64url");

function decodeOffset(cursor: string): number {
  const match = /^search:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw badUserInput(`after: "${cursor}" is not a search cursor`, "after");
  if (Number(match[1]) >= MAX_OFFSET) throw badUserInput(`after: search pages stop at ${MAX_OFFSET} hits; refine the query`, "after");
  return Number(match[1]) + 1;
}

/** A search's arguments, checked: the query's text, the page size and the offset a cursor names (BAD_USER_INPUT errors). */
export function searchRequest({ query, first, after }: { query: string; first?: number | null; after?: string | null }): { text: string; limit: number; offset: number } {
  if (!query.trim()) throw badUserInput("query must not be empty", "query");
  const text = websearchText(boundedText(query.trim(), "query"));
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (limit < 0 || limit > MAX_PAGE_SIZE) throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${limit}`, "first");
  return { text, limit, offset: after ? decodeOffset(after) : 0 };
}

/** A page of hits (see hitsQuery). */
export async function searchHits(db: DataSource, query: string, offset: number, limit: number, snippets: boolean): Promise<Hit[]> {
  const params = new SqlParams();
  const rows: (Hit & { rank: number | string })[] = await db.query(hitsQuery(params, query, offset, limit, snippets), params.values);
  return rows.map((row) => ({ type: row.type, id: row.id, rank: Number(row.rank), snippet: row.snippet }));
}

/** Every match counts, not only the ranked window. */
export async function countHits(db: DataSource, query: string): Promise<number> {
  const { words, nameText } = searchSql("$1", "$2");
  const [{ count }] = await db.query(
    `SELECT (SELECT count(*) FROM statements s WHERE s.search @@ ${words} AND s.${ACCEPTED_STATEMENTS})
          + (SELECT count(*) FROM events e WHERE e.search @@ ${words})
          + (SELECT count(*) FROM people p WHERE p.search @@ ${words} OR search_normalize(p.name) %> ${nameText})
          + (SELECT count(*) FROM organizations o WHERE o.search @@ ${words} OR search_normalize(o.name) %> ${nameText}) AS count`,
    [query, fuzzyText(query)],
  );
  return Number(count);
}
