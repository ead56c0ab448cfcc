import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, Info, Query, Resolver } from "type-graphql";
import type { Context } from "../../context";
import { selectedNodeFields } from "../../graphql/selection";
import { SearchArgs, SearchConnection, type SearchHit } from "./search.args";
import { countHits, searchHits } from "../../db/search";
import { RELATIONS } from "../../registry";
import { encodeOffset, searchRequest } from "./search.request";

@Resolver()
export class SearchResolver {
  @Query(() => SearchConnection, { description: "Ranked hits across statements, events, people and organizations, best first." })
  async search(@Args() { query, first, after }: SearchArgs, @Ctx() { db, loaders }: Context, @Info() info: GraphQLResolveInfo): Promise<SearchConnection> {
    const { text, limit, offset } = searchRequest({ query, first, after });

    // Snippets are the costly part of a page (ts_headline re-parses each hit's text): made only when selected.
    const { kinds } = RELATIONS.Query.search;
    const rows = await searchHits(db, kinds, text, offset, limit + 1, selectedNodeFields(info).has("snippet"));
    const page = rows.slice(0, limit);
    // All at once, so each type's loader batches its ids into one query.
    const nodes = await Promise.all(page.map((row) => loaders.nodeLoader(row.type)!.load(row.id)));
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
        return countHits(db, kinds, text) as unknown as number;
      },
    };
  }
}
