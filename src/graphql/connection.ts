import type { ClassType } from "type-graphql";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageArgs, type PagePosition } from "../contract/pages";

/** Relay connections' GraphQL types: the page arguments, PageInfo, and the generic connection types (their rules: contract/pages.ts). */
@ArgsType()
export class ConnectionArgs implements PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Return the first n items, paging forward (0 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given); not with last.`,
  })
  first?: number;

  @Field({ nullable: true, description: "Return items after this cursor (an edge cursor or endCursor this list returned); with first, not before." })
  after?: string;

  @Field(() => Int, { nullable: true, description: `Return the last n items, paging backward (0 to ${MAX_PAGE_SIZE}); not with first.` })
  last?: number;

  @Field({ nullable: true, description: "Return items before this cursor (an edge cursor or startCursor this list returned); with last, not after." })
  before?: string;
}

@ObjectType({ description: "Where a page sits in the whole list (Relay cursor connections)." })
export class PageInfo implements PagePosition {
  @Field({ description: "Whether items follow this page (when paging backward: whether a before cursor was given)." })
  hasNextPage!: boolean;

  @Field({ description: "Whether items precede this page (when paging forward: whether an after cursor was given)." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the page's first item, for before; null when the page is empty." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The cursor of the page's last item, for after; null when the page is empty." })
  endCursor!: string | null;
}

/** The `XConnection` and `XEdge` types for a node class. */
export function Connection<T extends object>(nodeClass: ClassType<T>) {
  const name = nodeClass.name;

  @ObjectType(`${name}Edge`, { description: `One ${name} in a connection, with its cursor.` })
  class EdgeType {
    @Field({ description: "Opaque position of this item in the list; pass it as after or before to page from here." })
    cursor!: string;

    @Field(() => nodeClass, { description: `The ${name} itself.` })
    node!: T;
  }

  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [EdgeType], { description: "The items of this page, in order, each with its cursor." })
    edges!: EdgeType[];

    @Field(() => [nodeClass], { description: "The nodes of the edges, for clients that need no cursors." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Whether there are more pages, and the cursors to fetch them." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items match, on all pages." })
    totalCount!: number;
  }
  return ConnectionType;
}
