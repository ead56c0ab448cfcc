/**
 * Text PostgreSQL cannot store as sent: the NUL character (U+0000), which fails the whole
 * statement, and unpaired UTF-16 surrogates (JSON allows "\ud800"), which become U+FFFD in text
 * columns and fail json ones (the audit trail). Arguments are searched for both before any resolver
 * runs (see validation.ts), so such text is refused with its path instead.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSTORABLE_TEXT_PROBLEM = "must not contain the NUL character (U+0000) or unpaired surrogates (U+D800 to U+DFFF)";

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The path ("filter.text", "input.aliases.2") of the first string in `value` that cannot be stored. */
export function unstorableTextPath(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return isStorableText(value) ? undefined : path;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorableTextPath(item, path ? `${path}.${key}` : key);
    if (found !== undefined) return found;
  }
  return undefined;
}
