import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../contract/errors";

/**
 * Whether the answer's data comes to more than `limit` bytes of JSON (about: see stringBytes;
 * NEWSGRAPH_MAX_RESPONSE_BYTES), stopping as soon as it does. Cost bounds how many values
 * a query may ask for, not how long they are. Walked before serializing: the values are references
 * to loaded rows, so the answer costs memory only once it is turned into text, which this prevents
 * (six aliases of a 100-statement page of a 1 MB article ended in a 500, the serializer's string limit).
 */
export function exceedsResponseSize(data: unknown, limit: number): boolean {
  // Most answers are far below the limit: a bound from string lengths alone settles them without
  // measuring a single string's bytes (that was 3% of the nested benchmark query's CPU).
  return measure(data, limit, boundBytes) && measure(data, limit, stringBytes);
}

/** Whether `data`'s JSON, with strings sized by `bytesOf`, comes to more than `limit`. */
function measure(data: unknown, limit: number, bytesOf: (value: string) => number): boolean {
  let bytes = 0;
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") bytes += bytesOf(value);
    else if (Array.isArray(value)) {
      bytes += 2 + value.length;
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === "object") {
      for (const key in value) {
        bytes += key.length + 4;
        pending.push((value as Record<string, unknown>)[key]);
      }
    } else bytes += 8;
    if (bytes > limit) return true;
  }
  return false;
}

/**
 * A string's size in the answer: its UTF-8 bytes, escapes left out for short strings (a few bytes at
 * most), counted exactly for long ones, where they could multiply it (a control character takes 6).
 */
function stringBytes(value: string): number {
  return value.length < LONG_STRING ? Buffer.byteLength(value) + 2 : Buffer.byteLength(JSON.stringify(value));
}
const LONG_STRING = 4_096;

/** At most a string's size in the answer: a UTF-16 unit takes at most 3 bytes of UTF-8, an escape at most 6. */
const boundBytes = (value: string): number => (value.length < LONG_STRING ? 3 * value.length : 6 * value.length) + 2;

export function responseTooLarge(limit: number): GraphQLError {
  return new GraphQLError(`The answer would be over ${limit} bytes: ask for fewer or shorter fields (an article's body, say) or smaller pages`, {
    extensions: { code: ErrorCode.RESPONSE_TOO_LARGE, maxBytes: limit },
  });
}

/** Over HTTP: an answer past the limit is replaced, before it is serialized, by the refusal alone (400). */
export function responseSizePlugin(limit: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !exceedsResponseSize(response.body.singleResult.data, limit)) return;
          const { message, extensions } = responseTooLarge(limit);
          response.body.singleResult = { errors: [{ message, extensions }] };
          response.http.status = 400;
        },
      };
    },
  };
}
