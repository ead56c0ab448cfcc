/**
 * How deep JSON a request may nest: arrays and objects in `variables` and `extensions`. newsgraph's
 * deepest input (an event with its participants) nests 4 levels; past this a body is refused as it
 * arrives, before it is parsed. 6 MB of 3,000,000 nested arrays took JSON.parse and graphql's
 * coercion 2.4 s and 1.5 GB; scanning it takes milliseconds.
 */
export const MAX_JSON_NESTING = 32;

/**
 * Follows JSON's nesting across the chunks of a body, as bytes or text: brackets, quotes and
 * backslashes are ASCII, and in UTF-8 no byte of a multi-byte character is, so bytes scan like text.
 */
export class JsonNestingScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly max = MAX_JSON_NESTING) {}

  /** Reads more of the text; true once it has opened more than `max` arrays or objects at once. */
  feed(chunk: Buffer | string): boolean {
    const text = typeof chunk === "string";
    for (let i = 0; i < chunk.length; i++) {
      const char = text ? chunk.charCodeAt(i) : chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === 0x5c /* \ */) this.escaped = true;
        else if (char === 0x22 /* " */) this.inString = false;
      } else if (char === 0x22) this.inString = true;
      else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
        if (++this.depth > this.max) return true;
      } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) this.depth--;
    }
    return false;
  }
}

/** True when `text` (JSON, or anything) opens more than `max` arrays or objects at once; strings are skipped. */
export function jsonNestedDeeperThan(text: string, max = MAX_JSON_NESTING): boolean {
  return new JsonNestingScanner(max).feed(text);
}
