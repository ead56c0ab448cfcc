/**
 * The characters search_normalize (unaccent) turns into a `-`: Unicode hyphens, dashes and minus
 * signs (soft hyphen, ‐ ‑ ‒ – — ―, −, ﹣, －, …). Read as `-` here too, so "troops —russia" excludes
 * Russia from the fuzzy name match as it does from the words.
 */
const DASHES = /[\u00AD\u02D7\u2010-\u2015\u2212\uFE31\uFE32\uFE58\uFE63\uFF0D]/g;

/**
 * A `-` (NOT) that does not start a word, followed by more of them with only what
 * websearch_to_tsquery skips in between (ASCII white space and the characters ! & | ( ) <).
 */
const NEGATION_RUN = /(?<![\p{L}\p{N}])-[ \t\n\r\v\f!&|()<-]*-/gu;

/**
 * The query as the search means it: dashes read as `-`, and a run of negations as one `-`, or
 * none, as two negations cancel ("x --troops" means x and troops either way). The length is
 * bounded by the callers (boundedText). Not what keeps Postgres safe: see websearchQuery.
 */
export function websearchText(text: string): string {
  return text.replace(DASHES, "-").replace(NEGATION_RUN, (run) => (run.split("-").length % 2 === 0 ? "-" : " "));
}

/**
 * Pairs of NOTs, as Postgres will read them after search_normalize: a `-` that starts a word (at
 * the start, or after white space, one of ! & | ( ) < " or another `-`) and the next `-` with only
 * white space or those operators between. Each pair becomes a space, so any run of them leaves
 * one `-` (odd) or none (even).
 */
const NOT_PAIRS = `(?<![^[:space:]!&|()<"-])-[[:space:]!&|()<]*-`;

/**
 * SQL for the tsquery of `text` (an SQL expression: a parameter) in web-search syntax, for ANY
 * text. websearch_to_tsquery never fails on syntax, but it stacks the NOT operators that wait for
 * their operand 32 deep and fails the statement beyond that ("tsquery stack too small"). The
 * negation runs are cancelled in SQL, after search_normalize: unaccent makes `-` out of many
 * characters (dashes, the soft hyphen) and removes others (combining marks) that could otherwise
 * hide a run from a check made beforehand. Checked for every code point between the dashes of a
 * run, and in random mixes (test/search-syntax.test.ts).
 */
export function websearchQuery(text: string): string {
  return `websearch_to_tsquery('english', regexp_replace(search_normalize(${text}), '${NOT_PAIRS}', ' ', 'g'))`;
}
