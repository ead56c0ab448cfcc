import type { DataSource } from "typeorm";
import { websearchQuery } from "../../db/websearch-text";
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

// The query's words and fuzzy-name text, written inline (not read from a CTE) so the planner sees
// them as constants ($1 and $2 are known when each statement is planned) and can use the column
// statistics: a common word walks the recency index, a rare one the GIN index. Any text is a
// valid query (websearchQuery).
const WORDS = websearchQuery("$1");
const NAME_TEXT = `search_normalize($2)`;

/**
 * How many of the newest matching statements (and events) are ranked. Ranking every match of a
 * common word means reading and scoring tens of thousands of rows per request; the newest
 * thousand are what a news reader wants to see, and recency breaks ties between equal ranks.
 */
export const RANK_WINDOW = 1_000;

/** Text ranked among the newest RANK_WINDOW matches of `table` (aliased `alias`), that also meet `scope`. */
const rankedText = (type: string, table: string, alias: string, scope?: string) => `
    (SELECT '${type}' AS type, newest.id, ts_rank(newest.search, ${WORDS}) AS rank, newest.created_at FROM (
       SELECT ${alias}.id, ${alias}.search, ${alias}.created_at FROM ${table} ${alias} WHERE ${alias}.search @@ ${WORDS}${scope ? ` AND ${alias}.${scope}` : ""}
       ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${RANK_WINDOW}) newest
     ORDER BY rank DESC, newest.created_at DESC, newest.id DESC LIMIT $3)`;

/**
 * A name matches by its words or fuzzily: `%>` is pg_trgm's word similarity at its threshold
 * (pg_trgm.word_similarity_threshold, 0.6 by default), which the trigram index answers.
 */
const rankedName = (type: string, table: string, alias: string) => `
    (SELECT '${type}' AS type, ${alias}.id, greatest(ts_rank(${alias}.search, ${WORDS}), word_similarity(${NAME_TEXT}, search_normalize(${alias}.name))) AS rank, ${alias}.created_at
     FROM ${table} ${alias} WHERE ${alias}.search @@ ${WORDS} OR search_normalize(${alias}.name) %> ${NAME_TEXT}
     ORDER BY rank DESC, ${alias}.created_at DESC, ${alias}.id DESC LIMIT $3)`;

/**
 * The best matches of each kind, ranked. Snippets are made afterwards for one page only:
 * ts_headline re-parses the text, far too slow to run for every match of a common word.
 * $1: the query, $2: the fuzzy-name text, $3: how many of each kind may be needed (offset + limit).
 */
const MATCHES = `matches AS (${[
  rankedText("Statement", "statements", "s", ACCEPTED_STATEMENTS),
  rankedText("Event", "events", "e"),
  rankedName("Person", "people", "p"),
  rankedName("Organization", "organizations", "o"),
].join("\n    UNION ALL")})`;

/** Text made safe for HTML before <mark> tags are added: snippets are meant to be rendered as markup. */
const escaped = (expression: string) => `replace(replace(replace(${expression}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

const SNIPPET = `
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

/** A page of hits; with `snippets` false (no hit's snippet is selected), no ts_headline runs at all. */
export async function searchHits(db: DataSource, query: string, offset: number, limit: number, snippets: boolean): Promise<Hit[]> {
  const rows: (Hit & { rank: number | string })[] = await db.query(
    `WITH q AS (SELECT ${WORDS} AS words), ${MATCHES},
       page AS (SELECT * FROM matches ORDER BY rank DESC, created_at DESC, id DESC OFFSET $4 LIMIT $5)
     SELECT page.type, page.id, page.rank, ${snippets ? SNIPPET : "''"} AS snippet FROM page, q ORDER BY page.rank DESC, page.created_at DESC, page.id DESC`,
    [query, fuzzyText(query), offset + limit, offset, limit],
  );
  return rows.map((row) => ({ type: row.type, id: row.id, rank: Number(row.rank), snippet: row.snippet }));
}

/** Every match counts, not only the ranked window. */
export async function countHits(db: DataSource, query: string): Promise<number> {
  const [{ count }] = await db.query(
    `SELECT (SELECT count(*) FROM statements s WHERE s.search @@ ${WORDS} AND s.${ACCEPTED_STATEMENTS})
          + (SELECT count(*) FROM events e WHERE e.search @@ ${WORDS})
          + (SELECT count(*) FROM people p WHERE p.search @@ ${WORDS} OR search_normalize(p.name) %> ${NAME_TEXT})
          + (SELECT count(*) FROM organizations o WHERE o.search @@ ${WORDS} OR search_normalize(o.name) %> ${NAME_TEXT}) AS count`,
    [query, fuzzyText(query)],
  );
  return Number(count);
}
