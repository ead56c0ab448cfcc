import { boundedText } from "../../db/text-match";
import { websearchText } from "../../db/websearch-text";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../contract/pages";
import { badUserInput } from "../../contract/errors";

// What a search asks for, checked; its SQL is db/search.ts's, over the kinds the registry lists.

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
