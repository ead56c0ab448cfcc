/**
 * How deep JSON a request may nest: arrays and objects in `variables` and `extensions`. newsgraph's
 * deepest input (an event with its participants) nests 4 levels; past this a body is refused at
 * once, before it is parsed. 6 MB of 3,000,000 nested arrays took JSON.parse and graphql's coercion
 * 2.4 s and 1.5 GB; scanning it takes milliseconds.
 */
export const MAX_JSON_NESTING = 32;

/** True when `text` (JSON, or anything) opens more than `max` arrays or objects at once; strings are skipped. */
export function jsonNestedDeeperThan(text: string, max = MAX_JSON_NESTING): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* \ */) i++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth--;
  }
  return false;
}
