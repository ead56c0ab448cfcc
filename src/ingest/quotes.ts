import type { ExtractionWarning } from "./types";

/**
 * Quotation marks, paired. Curly marks say which way they face; a straight `"` is read from its
 * neighbours (after a space or at a paragraph start it opens, otherwise it closes). Pairing never
 * crosses a paragraph, except in the AP convention for a quote that runs on: the paragraph ends
 * with the quote still open and the next paragraph starts with an opening mark. A mark that never
 * closes is reported and dropped, so that one typo does not swallow the rest of the article.
 */
export interface Quote {
  /** Index (UTF-16) of the opening mark. */
  open: number;
  /** Index of the closing mark, or the end of the paragraph for a quote that runs on (AP style). */
  close: number;
  /** The quoted words: inside the marks, white space trimmed, a trailing comma left to the attribution. */
  start: number;
  end: number;
  /** Ends at a paragraph end with no closing mark because the next paragraph continues it. */
  runsOn: boolean;
  /** Continues the last quote of the previous paragraph (which ran on). */
  continues: boolean;
  paragraph: number;
}

export interface Paragraph {
  start: number;
  end: number;
}

const OPENING = new Set(["“", "„", "«"]);
const CLOSING = new Set(["”", "»"]);

/** Paragraphs are lines: wire copy puts one paragraph on a line, blank lines or not. */
export function paragraphsOf(body: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const line = /[^\n\r\u2028\u2029]+/g;
  for (let match = line.exec(body); match; match = line.exec(body)) {
    if (/\S/.test(match[0])) paragraphs.push({ start: match.index, end: match.index + match[0].length });
  }
  return paragraphs;
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

/** A straight quote opens after a space, a paragraph start or an opening bracket or dash, before a non-space. */
function straightOpens(body: string, i: number, paragraph: Paragraph): boolean {
  const before = i > paragraph.start ? body[i - 1] : undefined;
  const after = i + 1 < paragraph.end ? body[i + 1] : undefined;
  return (before === undefined || /[\s([{—–-]/.test(before)) && !isSpace(after);
}

/** Paired quotes, and the opening marks that never close (the caller may still find where they end). */
export function findQuotes(body: string, paragraphs: Paragraph[], warnings: ExtractionWarning[]): { quotes: Quote[]; unclosed: number[] } {
  const quotes: Quote[] = [];
  const unclosed: number[] = [];
  let previousRunsOn = false;
  paragraphs.forEach((paragraph, index) => {
    let open = -1;
    const firstMark = body.slice(paragraph.start, paragraph.end).search(/\S/) + paragraph.start;
    const continuing = previousRunsOn;
    previousRunsOn = false;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const ch = body[i];
      let opens: boolean;
      if (OPENING.has(ch)) opens = true;
      else if (CLOSING.has(ch)) opens = false;
      else if (ch === '"') opens = open < 0 && straightOpens(body, i, paragraph);
      else continue;
      if (opens) {
        // A second opening mark while one is open: the first was never closed.
        if (open >= 0) {
          warnings.push({ code: "UNBALANCED_QUOTE", at: open });
          unclosed.push(open);
        }
        open = i;
      } else if (open >= 0) {
        const quote = makeQuote(body, open, i, index, false);
        if (quote) {
          quote.continues = continuing && open === firstMark;
          quotes.push(quote);
        }
        open = -1;
      } else {
        warnings.push({ code: "STRAY_CLOSING_QUOTE", at: i });
      }
    }
    const nextStartsQuoted = index + 1 < paragraphs.length && startsWithOpeningMark(body, paragraphs[index + 1]);
    if (open >= 0 && nextStartsQuoted) {
      const quote = makeQuote(body, open, paragraph.end, index, true);
      if (quote) {
        quote.continues = continuing && open === firstMark;
        quotes.push(quote);
        previousRunsOn = true;
      }
    } else if (open >= 0) {
      warnings.push({ code: "UNBALANCED_QUOTE", at: open });
      unclosed.push(open);
    }
  });
  return { quotes, unclosed };
}

function startsWithOpeningMark(body: string, paragraph: Paragraph): boolean {
  const first = body.slice(paragraph.start, paragraph.end).trimStart()[0];
  return first !== undefined && (OPENING.has(first) || first === '"');
}

export function makeQuote(body: string, open: number, close: number, paragraph: number, runsOn: boolean): Quote | null {
  let start = open + 1;
  let end = close;
  while (start < end && /\s/.test(body[start])) start++;
  while (end > start && /\s/.test(body[end - 1])) end--;
  // “…,” X said: the comma is the attribution's, not the speaker's.
  if (end > start && body[end - 1] === ",") end--;
  while (end > start && /\s/.test(body[end - 1])) end--;
  if (end <= start) return null;
  return { open, close, start, end, runsOn, continues: false, paragraph };
}

/** Words in a quote: one or two are scare quotes or a name ("so-called “rainy day” fund"), not a statement. */
export function wordCount(body: string, quote: { start: number; end: number }): number {
  return body.slice(quote.start, quote.end).split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
