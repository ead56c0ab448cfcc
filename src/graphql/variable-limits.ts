import type { GraphQLError } from "graphql";
import { ErrorCode, refusedRequest } from "./errors";

/**
 * How many items a list in a request's `variables` may hold. The schema's longest list inputs take
 * 100 (participants, sourceIds: LIST_CAPS), so 1,000 is generous; without a bound, graphql coerces
 * whatever arrives: a variable holding a 700,000-item list took 1.4 s, stalling every other request.
 */
export const MAX_VARIABLE_LIST_ITEMS = 1_000;

/**
 * How many fields an object in `variables` may have. The schema's largest input object has 12;
 * graphql reports every unknown field of an input object, at a cost that grows with the object
 * (100,000 unknown fields took it 7.7 s).
 */
export const MAX_VARIABLE_OBJECT_FIELDS = 100;

/** How many variables a request may send: one operation has no use for more. */
export const MAX_VARIABLES = MAX_VARIABLE_LIST_ITEMS;

/** A list or object met in the walk, with where it is (built into a path only for a refusal). */
interface Found {
  value: object;
  key: string;
  parent: Found | undefined;
}

function pathOf(found: Found): string {
  const keys: string[] = [];
  for (let at: Found | undefined = found; at; at = at.parent) keys.unshift(at.key);
  return `$${keys.join(".")}`;
}

/**
 * A refusal (HTTP 400, VARIABLES_TOO_LARGE, naming the variable's path such as
 * `$input.participants`) when the already parsed `variables` of a request hold more variables, or
 * any list more items or object more fields, than the bounds above; else undefined. Anything
 * that is not an object of variables is left to Apollo Server to refuse. Walks the values once,
 * without recursion, so depth costs no stack; stops at the first refusal. Pure: runs before
 * coercion and reaches no database, for HTTP (early-checks.ts) and WebSocket alike.
 */
export function variablesProblem(variables: unknown): GraphQLError | undefined {
  if (variables === null || typeof variables !== "object" || Array.isArray(variables)) return undefined;
  const names = Object.keys(variables);
  if (names.length > MAX_VARIABLES) {
    return refusedRequest(ErrorCode.VARIABLES_TOO_LARGE, `A request may send at most ${MAX_VARIABLES} variables, not ${names.length}`, {
      maxItems: MAX_VARIABLES,
    });
  }
  const pending: Found[] = [];
  const visit = (value: unknown, key: string, parent: Found | undefined) => {
    if (value !== null && typeof value === "object") pending.push({ value, key, parent });
  };
  for (const name of names) visit((variables as Record<string, unknown>)[name], name, undefined);
  for (let found = pending.pop(); found; found = pending.pop()) {
    const { value } = found;
    if (Array.isArray(value)) {
      if (value.length > MAX_VARIABLE_LIST_ITEMS) {
        const path = pathOf(found);
        return refusedRequest(
          ErrorCode.VARIABLES_TOO_LARGE,
          `${path} is a list of ${value.length} items; a list in variables may hold at most ${MAX_VARIABLE_LIST_ITEMS}`,
          { path, maxItems: MAX_VARIABLE_LIST_ITEMS },
        );
      }
      for (let index = 0; index < value.length; index += 1) visit(value[index], String(index), found);
    } else {
      const keys = Object.keys(value);
      if (keys.length > MAX_VARIABLE_OBJECT_FIELDS) {
        const path = pathOf(found);
        return refusedRequest(
          ErrorCode.VARIABLES_TOO_LARGE,
          `${path} is an object of ${keys.length} fields; an object in variables may have at most ${MAX_VARIABLE_OBJECT_FIELDS}`,
          { path, maxFields: MAX_VARIABLE_OBJECT_FIELDS },
        );
      }
      for (const key of keys) visit((value as Record<string, unknown>)[key], key, found);
    }
  }
  return undefined;
}
