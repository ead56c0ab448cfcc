import type { SqlParams } from "./sql";

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards in it taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** SQL that is true when any of `columns` contains `text`, ignoring case and accents. */
export function textMatches(params: SqlParams, columns: string[], text: string): string {
  const pattern = `unaccent(${params.param(containsPattern(text))})`;
  return `(${columns.map((column) => `unaccent(${column}) ILIKE ${pattern}`).join(" OR ")})`;
}

/** Like textMatches, for a name, other columns, and a text[] of aliases. */
export function nameMatches(params: SqlParams, alias: string, text: string, extraColumns: string[] = []): string {
  const aliases = `EXISTS (SELECT 1 FROM unnest(${alias}.aliases) AS other_name WHERE ${textMatches(params, ["other_name"], text)})`;
  return `(${textMatches(params, [`${alias}.name`, ...extraColumns], text)} OR ${aliases})`;
}

/** SQL that is true when the stored tsvector `column` matches `query` in web-search syntax (see search). */
export function wordsMatch(params: SqlParams, column: string, query: string): string {
  return `${column} @@ websearch_to_tsquery('english', search_normalize(${params.param(query)}))`;
}
