import { escapeLiteral } from "pg";
import type { DataSource } from "typeorm";
import { queryPrepared, SEARCH_NAMES } from "./prepared";
import type { SearchKind } from "./relations";
import { websearchQuery } from "./websearch-text";

/**
 * One SQL statement for a page of hits across the kinds of objects search finds (each concept
 * declares its SearchKind in its .loaders.ts; the registry lists them). Words match the stored,
 * weighted tsvectors (websearch_to_tsquery syntax); names also match by trigram word similarity on
 * accent-free lower case, so "kirbi" finds Kirby and "dakhlalah" finds Dakhlallah. Rank is ts_rank
 * (titles and names weigh A, body text less) or, for a fuzzy name match, the similarity; snippets
 * come from ts_headline with <mark> around the matched words.
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
  type: string;
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
 * How many of the newest matching objects of a "text" kind (statements, events) are ranked. Ranking
 * every match of a common word means reading and scoring tens of thousands of rows per request; the
 * newest thousand are what a news reader wants to see, and recency breaks ties between equal ranks.
 */
export const RANK_WINDOW = 1_000;

/** Text made safe for HTML before <mark> tags are added: snippets are meant to be rendered as markup. */
const escaped = (expression: string) => `replace(replace(replace(${expression}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')`;

/**
 * The SQL of one search, over its query's text and fuzzy-name text (SQL expressions: literals, or
 * placeholders such as `$1`): they are written where they are used (not read from a CTE) so the
 * planner sees them as constants and can use the column statistics: a common word walks the
 * recency index, a rare one the GIN index. Any text is a valid query (websearchQuery).
 */
function searchSql(db: DataSource, kinds: readonly SearchKind[], query: string, nameQuery: string) {
  const tableOf = (kind: SearchKind) => db.getMetadata(kind.entity).tableName;
  const words = websearchQuery(query);
  const nameText = `search_normalize(${nameQuery})`;
  /** Whether a row of `kind` matches: by its words, and a "name" kind also fuzzily by name; within its scope. */
  const matching = ({ alias, match, scope }: SearchKind) => {
    const byWords = `${alias}.search @@ ${words}`;
    const condition = match === "text" ? byWords : `${byWords} OR search_normalize(${alias}.name) %> ${nameText}`;
    return scope ? `(${condition}) AND ${alias}.${scope}` : condition;
  };

  /**
   * The best `perKind` of a kind (offset + limit: as many as a page may need). A "text" kind ranks
   * its RANK_WINDOW newest matches. A "name" kind ranks every match, by words or fuzzily: `%>` is
   * pg_trgm's word similarity at its threshold (pg_trgm.word_similarity_threshold, 0.6 by
   * default), which the trigram index answers.
   */
  const ranked = (kind: SearchKind, perKind: string) => {
    const { alias } = kind;
    const [type, table] = [kind.entity.name, tableOf(kind)];
    if (kind.match === "text") {
      return `
    (SELECT '${type}' AS type, newest.id, ts_rank(newest.search, ${words}) AS rank, newest.created_at FROM (
       SELECT ${alias}.id, ${alias}.search, ${alias}.created_at FROM ${table} ${alias} WHERE ${matching(kind)}
       ORDER BY ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${RANK_WINDOW}) newest
     ORDER BY rank DESC, newest.created_at DESC, newest.id DESC LIMIT ${perKind})`;
    }
    return `
    (SELECT '${type}' AS type, ${alias}.id, greatest(ts_rank(${alias}.search, ${words}), word_similarity(${nameText}, ${normalizedText(`${alias}.name`)})) AS rank, ${alias}.created_at
     FROM ${table} ${alias} WHERE ${matching(kind)}
     ORDER BY rank DESC, ${alias}.created_at DESC, ${alias}.id DESC LIMIT ${perKind})`;
  };

  const matches = (perKind: string) => `matches AS (${kinds.map((kind) => ranked(kind, perKind)).join("\n    UNION ALL")})`;

  /** A hit's snippet: its words marked in its text; a name found only fuzzily is marked whole. */
  const snippet = `
  CASE page.type${kinds
    .map((kind) => {
      const { alias, snippetText, match } = kind;
      const headline = `ts_headline('english', ${escaped(snippetText)}, q.words, ${HEADLINE})`;
      const text = match === "text" ? headline : `CASE WHEN ${alias}.search @@ q.words THEN ${headline} ELSE '<mark>' || ${escaped(`${alias}.name`)} || '</mark>' END`;
      return `
    WHEN '${kind.entity.name}' THEN (SELECT ${text} FROM ${tableOf(kind)} ${alias} WHERE ${alias}.id = page.id)`;
    })
    .join("")}
  END`;

  /** Every match of every kind, not only the ranked windows. */
  const count = kinds.map((kind) => `(SELECT count(*) FROM ${tableOf(kind)} ${kind.alias} WHERE ${matching(kind)})`).join("\n          + ");

  return { words, matches, snippet, count };
}

/**
 * The statement for a page of hits (type, id, rank, snippet; best first). Snippets are made
 * afterwards for the page only (ts_headline re-parses the text, far too slow to run for every
 * match of a common word); with `snippets` false (no hit's snippet is selected), no ts_headline
 * runs at all.
 *
 * Its values are written into its text, the query's words as quoted literals (pg's escapeLiteral),
 * so it has no parameters: PostgreSQL plans it with its words, as it must (a common word walks the
 * recency index, a rare one the GIN index), and a search that recurs, run prepared under
 * SEARCH_NAMES, is parsed and planned once per connection rather than at every request. Measured
 * on "sanctions" at scale 1: 7.5 ms of PostgreSQL's CPU a search with its words as parameters
 * (parsed, and planned for the values, at every execution: a generic plan cannot know the words),
 * 4.75 ms prepared with its words written in.
 */
export function hitsQuery(db: DataSource, kinds: readonly SearchKind[], query: string, offset: number, limit: number, snippets: boolean): string {
  const [perKind, offsetAt, limitAt] = [offset + limit, offset, limit].map((value) => {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`a search's page is counted in whole hits, not ${value}`);
    return String(value);
  });
  const sql = searchSql(db, kinds, escapeLiteral(query), escapeLiteral(fuzzyText(query)));
  return `WITH q AS (SELECT ${sql.words} AS words), ${sql.matches(perKind)},
       page AS (SELECT * FROM matches ORDER BY rank DESC, created_at DESC, id DESC OFFSET ${offsetAt} LIMIT ${limitAt})
     SELECT page.type, page.id, page.rank, ${snippets ? sql.snippet : "''"} AS snippet FROM page, q ORDER BY page.rank DESC, page.created_at DESC, page.id DESC`;
}

/** A page of hits (see hitsQuery). */
export async function searchHits(db: DataSource, kinds: readonly SearchKind[], query: string, offset: number, limit: number, snippets: boolean): Promise<Hit[]> {
  const rows = (await queryPrepared(db, hitsQuery(db, kinds, query, offset, limit, snippets), [], SEARCH_NAMES)) as unknown as (Hit & { rank: number | string })[];
  return rows.map((row) => ({ type: row.type, id: row.id, rank: Number(row.rank), snippet: row.snippet }));
}

/** How many objects match: every match counts, not only the ranked windows. */
export async function countHits(db: DataSource, kinds: readonly SearchKind[], query: string): Promise<number> {
  const [{ count }] = await db.query(`SELECT ${searchSql(db, kinds, "$1", "$2").count} AS count`, [query, fuzzyText(query)]);
  return Number(count);
}
