import type { ClassType } from "type-graphql";
import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { badUserInput } from "./errors";

/** Relay connections: the page arguments, their validation, and the generic connection types. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class ConnectionArgs {
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface Cursor {
  /** Which ordering the cursor belongs to: a cursor of another ordering is refused. */
  ordering: string;
  /** The sort key of the item as Postgres prints it (exact: timestamps keep their microseconds). */
  sort: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.ordering, cursor.sort, cursor.id]), "utf8").toString("base64url");
}

function decodeCursor(value: string, argumentName: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((part) => typeof part === "string") && UUID.test(parsed[2])) {
      return { ordering: parsed[0], sort: parsed[1], id: parsed[2] };
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput(`${argumentName}: "${value}" is not a valid cursor`, argumentName);
}

/** A validated page request: how many, which way, and from where. */
export interface PageRequest {
  limit: number;
  backward: boolean;
  cursor?: Cursor;
  /** The argument the cursor came in, for error messages. */
  cursorArgument: "after" | "before";
}

export function pageRequest(args: ConnectionArgs): PageRequest {
  const { first, last, after, before } = args;
  // One direction per request: forward with first/after, backward with last/before.
  if (first != null && last != null) throw badUserInput("Pass either first or last, not both", "last");
  if (after != null && before != null) throw badUserInput("Pass either after or before, not both", "before");
  if (first != null && before != null) throw badUserInput("before pages backward: use it with last, not first", "before");
  if (last != null && after != null) throw badUserInput("after pages forward: use it with first, not last", "after");
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(`${name} must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, name);
    }
  }
  if (last != null || before != null) {
    return {
      limit: last ?? DEFAULT_PAGE_SIZE,
      backward: true,
      cursor: before != null ? decodeCursor(before, "before") : undefined,
      cursorArgument: "before",
    };
  }
  return {
    limit: first ?? DEFAULT_PAGE_SIZE,
    backward: false,
    cursor: after != null ? decodeCursor(after, "after") : undefined,
    cursorArgument: "after",
  };
}

@ObjectType({ description: "Where a page sits in the whole list (Relay cursor connections)." })
export class PageInfo {
  @Field({ description: "Whether items follow this page (when paging backward: whether a before cursor was given)." })
  hasNextPage!: boolean;

  @Field({ description: "Whether items precede this page (when paging forward: whether an after cursor was given)." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The cursor of the page's first item, for before; null when the page is empty." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The cursor of the page's last item, for after; null when the page is empty." })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** What every connection resolver returns; `totalCount` is a getter, so it is counted only when asked for. */
export interface ConnectionResult<T> extends Page<T> {
  readonly totalCount: Promise<number>;
}

export function withTotalCount<T>(page: Page<T>, count: () => Promise<number>): ConnectionResult<T> {
  let counted: Promise<number> | undefined;
  // Built on the page rather than copied from it, so the page's own lazy fields stay lazy.
  return Object.create(page, {
    totalCount: {
      get: () => (counted ??= count()),
    },
  }) as ConnectionResult<T>;
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
