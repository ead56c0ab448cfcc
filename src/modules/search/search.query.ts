import type { DataSource } from "typeorm";

/**
 * One SQL statement for a page of hits across statements, events, people and organizations.
 * Words match the stored, weighted tsvectors (websearch_to_tsquery syntax); names also match by
 * trigram word similarity on accent-free lower case, so "kirbi" finds Kirby and "dakhlalah" finds
 * Dakhlallah. Rank is ts_rank (titles and names weigh A, body text less) or, for a fuzzy name
 * match, the similarity; snippets come from ts_headline with <mark> around the matched words.
 */
const HEADLINE = `'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'`;
const FUZZY = 0.6;

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
 * The matches of each kind, ranked. Snippets are made afterwards for one page only: ts_headline
 * re-parses the text, far too slow to run for every match of a common word.
 * $1: the query, $2: the fuzzy-name text, $3: how many of each kind may be needed (offset + limit).
 */
const MATCHES = `
  q AS (SELECT websearch_to_tsquery('english', search_normalize($1)) AS words, search_normalize($2) AS text),
  matches AS (
    (SELECT 'Statement' AS type, s.id, ts_rank(s.search, q.words) AS rank FROM statements s, q
      WHERE s.search @@ q.words ORDER BY rank DESC, s.id LIMIT $3)
    UNION ALL
    (SELECT 'Event', e.id, ts_rank(e.search, q.words) AS rank FROM events e, q
      WHERE e.search @@ q.words ORDER BY rank DESC, e.id LIMIT $3)
    UNION ALL
    (SELECT 'Person', p.id, greatest(ts_rank(p.search, q.words), word_similarity(q.text, search_normalize(p.name))) AS rank FROM people p, q
      WHERE p.search @@ q.words OR word_similarity(q.text, search_normalize(p.name)) >= ${FUZZY} ORDER BY rank DESC, p.id LIMIT $3)
    UNION ALL
    (SELECT 'Organization', o.id, greatest(ts_rank(o.search, q.words), word_similarity(q.text, search_normalize(o.name))) AS rank FROM organizations o, q
      WHERE o.search @@ q.words OR word_similarity(q.text, search_normalize(o.name)) >= ${FUZZY} ORDER BY rank DESC, o.id LIMIT $3)
  )`;

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

export async function searchHits(db: DataSource, query: string, offset: number, limit: number): Promise<Hit[]> {
  const rows: (Hit & { rank: number | string })[] = await db.query(
    `WITH ${MATCHES}, page AS (SELECT * FROM matches ORDER BY rank DESC, type, id OFFSET $4 LIMIT $5)
     SELECT page.type, page.id, page.rank, ${SNIPPET} AS snippet FROM page, q ORDER BY page.rank DESC, page.type, page.id`,
    [query, fuzzyText(query), offset + limit, offset, limit],
  );
  return rows.map((row) => ({ ...row, rank: Number(row.rank) }));
}

export async function countHits(db: DataSource, query: string): Promise<number> {
  const [{ count }] = await db.query(`WITH ${MATCHES} SELECT count(*)::int AS count FROM matches`, [query, fuzzyText(query), null]);
  return count;
}
