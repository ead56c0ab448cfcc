import { badUserInput } from "./errors";

/**
 * Pages of a list, as clients see them (Relay cursor connections): the page arguments and their
 * validation, cursors, and a page's parts. The store reads pages (db/pagination.ts) and the
 * GraphQL layer declares their types (graphql/connection.ts); both take them from here.
 */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A connection's page arguments (graphql/connection.ts's ConnectionArgs declares them). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
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

export function pageRequest(args: PageArgs): PageRequest {
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

/** Where a page sits in the whole list (graphql/connection.ts's PageInfo type). */
export interface PagePosition {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PagePosition;
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
