import { ArgsType, Field, Float, Int, ObjectType } from "type-graphql";
import { MAX_PAGE_SIZE, PageInfo } from "../../graphql/connection";
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

@ObjectType()
export class SearchHitEdge {
  @Field()
  cursor!: string;

  @Field(() => SearchHit)
  node!: SearchHit;
}

@ObjectType({ description: "Ranked search hits, best first." })
export class SearchConnection {
  @Field(() => [SearchHitEdge])
  edges!: SearchHitEdge[];

  @Field(() => [SearchHit])
  nodes!: SearchHit[];

  @Field(() => PageInfo)
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

  @Field({ nullable: true })
  after?: string;
}
