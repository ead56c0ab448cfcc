/**
 * A `-` (NOT) that does not start a word, followed by more of them with only what
 * websearch_to_tsquery skips in between (ASCII white space and the characters ! & | ( ) <).
 */
const NEGATION_RUN = /(?<![\p{L}\p{N}])-[ \t\n\r\v\f!&|()<-]*-/gu;

/**
 * Text for websearch_to_tsquery, made safe for it: Postgres stacks the NOT operators that wait for
 * their operand 32 deep and fails the whole statement beyond that ("tsquery stack too small"). So a
 * run of negations becomes one `-`, or none, as two negations cancel ("x --troops" means x and
 * troops either way). The length is bounded by the callers (boundedText).
 */
export function websearchText(text: string): string {
  return text.replace(NEGATION_RUN, (run) => (run.split("-").length % 2 === 0 ? "-" : " "));
}
