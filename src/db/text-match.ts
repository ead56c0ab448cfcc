import { badUserInput } from "../contract/errors";
import type { SqlParams } from "./sql";
import { websearchQuery, websearchText } from "./websearch-text";

/**
 * The most characters a text filter or a search may have. Longer ones match nothing more (no
 * stored name is longer) but cost more for every row, and overflow tsquery's limits.
 */
export const MAX_FILTER_TEXT = 500;

/** `text`, or a BAD_USER_INPUT error naming `argumentName` when it is longer than MAX_FILTER_TEXT. */
export function boundedText(text: string, argumentName: string): string {
  if (text.length > MAX_FILTER_TEXT) throw badUserInput(`${argumentName} must be at most ${MAX_FILTER_TEXT} characters`, argumentName);
  return text;
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards in it taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** SQL that is true when any of `columns` contains `text`, ignoring case and accents. */
export function textMatches(params: SqlParams, columns: string[], text: string): string {
  const pattern = `unaccent(${params.param(containsPattern(text))})`;
  return `(${columns.map((column) => `unaccent(${column}) ILIKE ${pattern}`).join(" OR ")})`;
}

/** Like textMatches, for a name, other columns, and a text[] of aliases; `argumentName` is where the text came from, for the error when it is too long. */
export function nameMatches(params: SqlParams, alias: string, text: string, argumentName: string, extraColumns: string[] = []): string {
  boundedText(text, argumentName);
  const aliases = `EXISTS (SELECT 1 FROM unnest(${alias}.aliases) AS other_name WHERE ${textMatches(params, ["other_name"], text)})`;
  return `(${textMatches(params, [`${alias}.name`, ...extraColumns], text)} OR ${aliases})`;
}

/** SQL that is true when the stored tsvector `column` matches `query` (the text of argument `argumentName`) in web-search syntax (see search). */
export function wordsMatch(params: SqlParams, column: string, query: string, argumentName: string): string {
  return `${column} @@ ${websearchQuery(params.param(websearchText(boundedText(query, argumentName))))}`;
}
