/**
 * Bounds on the shape of a request's JSON (the body; a GET's `variables` and `extensions`; a
 * WebSocket message), checked by a scan as it arrives, before anything parses it. Parsing and
 * coercion cost grows with shape, not bytes: 6 MB of 3,000,000 nested arrays took JSON.parse and
 * graphql 2.4 s and 1.5 GB; a variable holding a 700,000-item list took 1.4 s to coerce, and an
 * input object of 100,000 unknown fields 9.4 s. Scanning takes milliseconds, and stops at the bound.
 * The nesting bound is configurable (NEWSGRAPH_MAX_JSON_NESTING, config.ts); the sizes below follow the schema.
 */
/** The schema's longest list inputs take 100 items (participants, sources, aliases). */
export const MAX_JSON_LIST_ITEMS = 1_000;
/** Its largest input object has 12 fields; a request's variables are an object too. */
export const MAX_JSON_OBJECT_MEMBERS = 100;
/**
 * Values in all (arrays and objects opened, and the items and members after the first of each):
 * the bounds above multiply through nesting (a list of 1,000 lists of 1,000 is within them). The
 * largest real input, an event with 100 participants, holds about 1,000.
 */
export const MAX_JSON_VALUES = 10_000;

export type JsonShapeProblem = "depth" | "list" | "object" | "values";

/** What a client is told of a problem. */
export function jsonShapeMessage(problem: JsonShapeProblem, maxNesting: number): string {
  if (problem === "depth") return `The request's JSON nests deeper than ${maxNesting} levels`;
  if (problem === "list") return `A list in the request's JSON holds more than ${MAX_JSON_LIST_ITEMS} items`;
  if (problem === "object") return `An object in the request's JSON has more than ${MAX_JSON_OBJECT_MEMBERS} members`;
  return `The request's JSON holds more than ${MAX_JSON_VALUES} values`;
}

/**
 * Follows JSON's structure across the chunks of a text, as bytes or characters: brackets, braces,
 * commas, quotes and backslashes are ASCII, and in UTF-8 no byte of a multi-byte character is, so
 * bytes scan like text. Not a validator: what is not JSON is left to the parser.
 */
export class JsonShapeScanner {
  private depth = 0;
  private values = 0;
  private inString = false;
  private escaped = false;
  /** For each open container: whether it is an object, and the commas met in it so far. */
  private readonly isObject: boolean[] = [];
  private readonly commas: number[] = [];

  constructor(readonly maxNesting: number) {}

  /** Reads more of the text; the first bound it breaks, once it does. */
  feed(chunk: Buffer | string): JsonShapeProblem | undefined {
    const text = typeof chunk === "string";
    for (let i = 0; i < chunk.length; i++) {
      const char = text ? chunk.charCodeAt(i) : chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === 0x5c /* \ */) this.escaped = true;
        else if (char === 0x22 /* " */) this.inString = false;
      } else if (char === 0x22) this.inString = true;
      else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
        if (this.depth === this.maxNesting) return "depth";
        if (++this.values > MAX_JSON_VALUES) return "values";
        this.isObject[this.depth] = char === 0x7b;
        this.commas[this.depth] = 0;
        this.depth++;
      } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
        if (this.depth > 0) this.depth--;
      } else if (char === 0x2c /* , */ && this.depth > 0) {
        if (++this.values > MAX_JSON_VALUES) return "values";
        const commas = ++this.commas[this.depth - 1];
        if (this.isObject[this.depth - 1] ? commas >= MAX_JSON_OBJECT_MEMBERS : commas >= MAX_JSON_LIST_ITEMS) return this.isObject[this.depth - 1] ? "object" : "list";
      }
    }
    return undefined;
  }
}

/** The first bound `text` breaks, if any. */
export function jsonShapeProblem(text: string, maxNesting: number): JsonShapeProblem | undefined {
  return new JsonShapeScanner(maxNesting).feed(text);
}
