import { ABBREVIATIONS, NOT_NAME_WORDS } from "./lexicon";
import type { Paragraph, Quote } from "./quotes";

/**
 * Sentences and words. A sentence ends at . ! or ? followed by a capital, a digit or an opening
 * mark — but not inside a quote (a quote of three sentences is one piece of its sentence), not
 * after an abbreviation ("Gen.", "Inc.") or an initial, and after a dotted acronym ("U.S.") only
 * when a word that typically starts a sentence follows.
 */
export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
  /** Index of its first token in the token array, and one past its last. */
  firstToken: number;
  lastToken: number;
}

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Starts with a capital letter. */
  cap: boolean;
  /** Inside quotation marks: the speaker's words, not the reporter's. */
  quoted: boolean;
  sentence: number;
}

/** 1 for every character between a quote's marks. */
export function quoteMask(length: number, quotes: Quote[]): Uint8Array {
  const mask = new Uint8Array(length);
  for (const quote of quotes) mask.fill(1, quote.open + 1, quote.close);
  return mask;
}

const CLOSERS = /[”"’)\]»]/;
const STARTERS = /[\p{Lu}\p{N}“"‘«(]/u;

export function sentencesOf(body: string, paragraphs: Paragraph[], quotes: Quote[], mask: Uint8Array): Sentence[] {
  const sentences: Sentence[] = [];
  const closeAt = new Set(quotes.map((quote) => quote.close));
  paragraphs.forEach((paragraph, index) => {
    let start = paragraph.start;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const ch = body[i];
      if (ch !== "." && ch !== "!" && ch !== "?") continue;
      let j = i + 1;
      while (j < paragraph.end && CLOSERS.test(body[j])) j++;
      // Inside a quote, only the mark that ends it can end the sentence ("… training.” He said").
      if (mask[i] && !closesWithin(i + 1, j, closeAt)) continue;
      if (j >= paragraph.end || !/\s/.test(body[j])) continue;
      let k = j;
      while (k < paragraph.end && /\s/.test(body[k])) k++;
      if (k >= paragraph.end || !STARTERS.test(body[k])) continue;
      if (ch === "." && !endsSentence(body, paragraph.start, i, k)) continue;
      sentences.push({ start, end: j, paragraph: index, firstToken: 0, lastToken: 0 });
      start = k;
    }
    if (start < paragraph.end) sentences.push({ start, end: trimEnd(body, start, paragraph.end), paragraph: index, firstToken: 0, lastToken: 0 });
  });
  return sentences;
}

function closesWithin(from: number, to: number, closeAt: Set<number>): boolean {
  for (let i = from; i < to; i++) if (closeAt.has(i)) return true;
  return false;
}

function trimEnd(body: string, start: number, end: number): number {
  while (end > start && /\s/.test(body[end - 1])) end--;
  return end;
}

/** The period at `dot` ends a sentence whose successor starts at `next`. */
function endsSentence(body: string, floor: number, dot: number, next: number): boolean {
  let w = dot;
  while (w > floor && /[\p{L}.]/u.test(body[w - 1])) w--;
  const word = body.slice(w, dot);
  if (/^\p{Lu}$/u.test(word)) return false; // an initial: "Lloyd J. Austin"
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) {
    // "the U.S. The next day": a dotted acronym ends the sentence only before a sentence-like start.
    const following = /^[\p{L}]+/u.exec(body.slice(next, next + 20))?.[0] ?? "";
    return NOT_NAME_WORDS.has(following);
  }
  return true;
}

const TOKEN = /(?:\p{Lu}\.){2,}|\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}]+(?:[’'\-.&][\p{L}\p{M}\p{N}]+)*|\S/gu;

export function tokenize(body: string, sentences: Sentence[], mask: Uint8Array): Token[] {
  const tokens: Token[] = [];
  sentences.forEach((sentence, index) => {
    sentence.firstToken = tokens.length;
    TOKEN.lastIndex = sentence.start;
    for (let match = TOKEN.exec(body); match && match.index < sentence.end; match = TOKEN.exec(body)) {
      let text = match[0];
      const start = match.index;
      // "Gen." and "J." keep their period; a sentence's final period stays a token of its own.
      if (body[start + text.length] === "." && /^\p{L}+$/u.test(text) && (ABBREVIATIONS.has(text.toLowerCase()) || /^\p{Lu}$/u.test(text))) {
        text += ".";
        TOKEN.lastIndex = start + text.length;
      }
      const possessive = /^(.+?)([’']s)$/u.exec(text);
      if (possessive && /\p{L}/u.test(possessive[1])) {
        push(tokens, possessive[1], start, index, mask);
        push(tokens, possessive[2], start + possessive[1].length, index, mask);
      } else {
        push(tokens, text, start, index, mask);
      }
    }
    sentence.lastToken = tokens.length;
  });
  return tokens;
}

function push(tokens: Token[], text: string, start: number, sentence: number, mask: Uint8Array): void {
  tokens.push({ text, lower: text.toLowerCase(), start, end: start + text.length, cap: /^\p{Lu}/u.test(text), quoted: mask[start] === 1, sentence });
}
