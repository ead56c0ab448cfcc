import { ArgsType, Field, Float, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../../graphql/connection";
import { MAX_PAGE_SIZE } from "../../contract/pages";
import { Node } from "../../graphql/node";

@ObjectType({ description: "One search hit: the object, how well it matched, and where." })
export class SearchHit {
  @Field(() => Node, { description: "A Statement, Event, Person or Organization." })
  node!: Node;

  @Field(() => Float, { description: "Higher is better; comparable within one search." })
  rank!: number;

  @Field({ description: "The matching text with the matched words in <mark>…</mark>." })
  snippet!: string;
}

@ObjectType({ description: "One search hit, with its cursor." })
export class SearchHitEdge {
  @Field({ description: "Opaque position of this hit in the ranking; pass it as after to get the hits that follow." })
  cursor!: string;

  @Field(() => SearchHit, { description: "The hit." })
  node!: SearchHit;
}

@ObjectType({ description: "Ranked search hits, best first." })
export class SearchConnection {
  @Field(() => [SearchHitEdge], { description: "The hits of this page, best first, each with its cursor." })
  edges!: SearchHitEdge[];

  @Field(() => [SearchHit], { description: "The hits of the edges, for clients that need no cursors." })
  nodes!: SearchHit[];

  @Field(() => PageInfo, { description: "Whether there are more hits, and the cursors to fetch them." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "How many hits there are, on all pages." })
  totalCount!: number;
}

@ArgsType()
export class SearchArgs {
  @Field({
    description:
      'Web-search syntax: words (all must match, stemmed), "a quoted phrase", or, and -word to exclude. ' +
      "Names also match fuzzily and without accents.",
  })
  query!: string;

  @Field(() => Int, { nullable: true, description: `At most ${MAX_PAGE_SIZE}; 20 when not given.` })
  first?: number;

  @Field({ nullable: true, description: "Return the hits after this cursor of the same search; cursors past the first 1,000 hits are refused." })
  after?: string;
}
