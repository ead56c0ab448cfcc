import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../../graphql/connection";
import { badUserInput } from "../../graphql/errors";
import { boundedText } from "../../db/text-match";
import { websearchText } from "../../db/websearch-text";
import { selectedNodeFields } from "../../graphql/selection";
import { loaderOf } from "../node/node.resolver";
import { SearchArgs, SearchConnection, type SearchHit } from "./search.args";
import { countHits, searchHits } from "./search.query";

/** How deep paging may go: each page ranks all hits before it, so deeper pages cost more. */
const MAX_OFFSET = 1_000;

/** Search cursors are offsets: a ranking has no stable key to page by, and pages stay small. */
const encodeOffset = (offset: number) => Buffer.from(`search:${offset}`).toString("base64url");

function decodeOffset(cursor: string): number {
  const match = /^search:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw badUserInput(`after: "${cursor}" is not a search cursor`, "after");
  if (Number(match[1]) >= MAX_OFFSET) throw badUserInput(`after: search pages stop at ${MAX_OFFSET} hits; refine the query`, "after");
  return Number(match[1]) + 1;
}

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, { description: "Ranked hits across statements, events, people and organizations, best first." })
  async search(@Args() { query, first, after }: SearchArgs, @Ctx() { db, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<SearchConnection> {
    if (!query.trim()) throw badUserInput("query must not be empty", "query");
    const text = websearchText(boundedText(query.trim(), "query"));
    const limit = first ?? DEFAULT_PAGE_SIZE;
    if (limit < 0 || limit > MAX_PAGE_SIZE) throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${limit}`, "first");
    const offset = after ? decodeOffset(after) : 0;

    // Snippets are the costly part of a page (ts_headline re-parses each hit's text): made only when selected.
    const rows = await searchHits(db, text, offset, limit + 1, selectedNodeFields(info).has("snippet"));
    const page = rows.slice(0, limit);
    // All at once, so each type's loader batches its ids into one query.
    const nodes = await Promise.all(page.map((row) => loaderOf[row.type](loaders).load(row.id)));
    // A hit whose object vanished meanwhile is skipped; cursors keep their place in the ranking.
    const edges = page.flatMap((row, index) => {
      const node = nodes[index];
      return node ? [{ cursor: encodeOffset(offset + index), node: { node, rank: row.rank, snippet: row.snippet } as SearchHit }] : [];
    });
    const hits = edges.map((edge) => edge.node);
    return {
      edges,
      nodes: hits,
      pageInfo: {
        hasNextPage: rows.length > limit,
        hasPreviousPage: offset > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      // Counted only when asked for.
      get totalCount() {
        return countHits(db, text) as unknown as number;
      },
    };
  }
}
