import { findLast } from "./lists";
import type { Mention } from "./mentions";
import { wordCount, type Quote } from "./quotes";
import type { Sentence, Token } from "./segment";
import { attributionAt, clauseSubject, type Grammar, isNaming, speechVerb, subjectOf, usableVerb } from "./speech";

/**
 * Who said a quote, by the news patterns, tried in this order:
 *   “…,” X said · “…,” said X        the attribution right after the closing mark
 *   X said, “…” · X said: “…”        a verb of saying right before the opening mark
 *   According to X, “…”
 *   X called it “…” · X said it was “…”  an embedded fragment of three words or more
 *   “…?” X asked.                    the attribution opening the next sentence
 *   “A,” she said. “B.”              B continues the paragraph's last attributed quote,
 *                                    unless another source was put forward in between
 *   AP continuation                  a paragraph that runs on takes its closing paragraph's speaker
 *   Smith was blunt: “…”             a colon after a clause whose subject is a person (weaker)
 *   Ruiz disagreed. “…”              the person the sentence before put forward (weaker still)
 * A quote of one or two words, or after "so-called", is a scare quote and no statement; one that
 * no rule attributes is reported as UNATTRIBUTED_QUOTE and not proposed.
 */
export interface Attribution {
  quote: Quote;
  subject: Mention | null;
  rule: string;
  /** Confidence of the pattern, before the speaker's resolution is weighed in. */
  confidence: number;
  /** The tokens that say how, when and where: the sentence without its quotes. */
  context: Token[];
  sentence: number;
  /** Another quote this one takes its speaker from (continuations). */
  inheritsFrom?: Quote;
}

export function attributeQuotes(body: string, grammar: Grammar, quotes: Quote[], sentenceAt: (offset: number) => number): Attribution[] {
  const { tokens, sentences } = grammar;
  const attributions: Attribution[] = [];
  const tokenAt = (offset: number): number => lowerBound(tokens, offset);
  for (let qi = 0; qi < quotes.length; qi++) {
    const quote = quotes[qi];
    if (/so-called\s*$/i.test(body.slice(Math.max(0, quote.open - 12), quote.open))) continue;
    const s = sentenceAt(quote.open);
    if (s < 0) continue;
    // One or two words are scare quotes — unless they are a piece of an interrupted quote: “The economy,” she said, “is strong.”
    if (wordCount(body, quote) < 3 && !interrupted(body, quotes, qi)) continue;
    const sentence = sentences[s];
    const openToken = tokenAt(quote.open);
    const closeToken = quote.runsOn ? sentence.lastToken : tokenAt(quote.close);
    const previous = quotes[qi - 1];
    const next = quotes[qi + 1];
    const floor = previous && previous.close > sentence.start && previous.close < quote.open ? tokenAt(previous.close) + 1 : sentence.firstToken;
    const limit = next && next.open < sentence.end && next.open > quote.close ? tokenAt(next.open) : sentence.lastToken;
    const context = tokens.slice(sentence.firstToken, sentence.lastToken).filter((t) => !t.quoted);
    const found = (subject: Mention | null, rule: string, confidence: number, inheritsFrom?: Quote) =>
      attributions.push({ quote, subject, rule, confidence, context, sentence: s, ...(inheritsFrom ? { inheritsFrom } : {}) });

    // “…,” X said / “…,” said X
    let k = closeToken + 1;
    while (k < limit && tokens[k].text === ",") k++;
    const after = !quote.runsOn && k < limit ? attributionAt(grammar, k, limit) : null;
    if (after) {
      found(after.subject, after.verb < after.subject.first ? "quote-said-speaker" : "quote-speaker-said", 0.95);
      continue;
    }
    // X said, “…” / X said: “…” / He stated, “…”
    const before = introducedBy(grammar, sentence, floor, openToken);
    if (before) {
      found(before.subject, before.rule, before.confidence);
      continue;
    }
    // “…?” Smith asked. — the attribution opens the next sentence.
    const nextSentence = sentences[s + 1];
    if (!quote.runsOn && nextSentence && nextSentence.paragraph === sentence.paragraph && /[.?!]$/.test(body.slice(quote.start, quote.end)) && closeToken + 1 >= sentence.lastToken) {
      const opening = attributionAt(grammar, nextSentence.firstToken, nextSentence.lastToken);
      if (opening && nextSentence.lastToken - opening.end <= 6 && !(next && next.open < nextSentence.end)) {
        found(opening.subject, "quote-then-attribution", 0.75);
        continue;
      }
    }
    // A continuation: the paragraph's (or the run-on chain's) last attributed quote.
    const source = findLast(attributions, (a) => a.quote.paragraph === quote.paragraph || (quote.continues && a.quote.paragraph === quote.paragraph - 1 && a.quote.runsOn));
    if (source && (source.quote.paragraph === quote.paragraph || quote.continues) && !someoneElseBetween(grammar, source, tokenAt(source.quote.close), openToken)) {
      found(null, quote.continues ? "ap-continuation" : "continuation", 0.85, source.quote);
      continue;
    }
    // “Smith was blunt: “…”” / “Ruiz disagreed. “…”” — the person the reporter just put forward.
    const introducer = floor === sentence.firstToken ? colonIntroducer(grammar, sentence, openToken) ?? previousSubject(grammar, sentences, s, openToken) : null;
    if (introducer) {
      found(introducer.subject, introducer.rule, introducer.confidence);
      continue;
    }
    found(null, quote.runsOn ? "ap-continuation" : "unattributed", quote.runsOn ? 0.85 : 0.15);
  }
  return attributions;
}

/**
 * The attribution before a quote: a verb of saying with at most a few words between it and the
 * opening mark ("said during Thursday's debate:", "told BBC Sport:", "wrote:"), or an earlier verb
 * of saying or naming whose object the quote is ("called the plan “…”", "said her players had
 * been “…”"), or "According to X,".
 */
function introducedBy(grammar: Grammar, sentence: Sentence, floor: number, openToken: number): { subject: Mention; rule: string; confidence: number } | null {
  const { tokens, mentionStartingAt } = grammar;
  if (tokens[floor]?.lower === "according" && tokens[floor + 1]?.lower === "to") {
    const mention = mentionStartingAt.get(floor + 2) ?? (tokens[floor + 2]?.lower === "the" ? mentionStartingAt.get(floor + 3) : undefined);
    if (mention) return { subject: mention, rule: "according-to-quote", confidence: 0.9 };
  }
  for (let v = openToken - 1; v >= floor; v--) {
    const verb = speechVerb(tokens, v);
    if (!verb || !usableVerb(tokens, v, verb, grammar)) continue;
    const between = tokens.slice(v + 1, openToken);
    const direct = between.length <= 12 && !between.some((t) => /^(that|whether|if)$/.test(t.lower)) && /^[,:]$/.test(tokens[openToken - 1]?.text ?? "");
    const subject = verb.form === "participle" ? clauseSubject(grammar, sentence, v) : subjectOf(grammar, v, floor) ?? (tokens[v - 1]?.lower === "and" ? clauseSubject(grammar, sentence, v) : null);
    if (!subject) continue;
    if (direct || between.length === 0) return { subject, rule: "speaker-said-quote", confidence: 0.93 };
    if (isNaming(verb.base) || between.length <= 25) return { subject, rule: "embedded-quote", confidence: 0.85 };
  }
  return null;
}

/** "Smith was blunt: “…”": a colon before the quote, after a clause whose subject is a person. */
function colonIntroducer(grammar: Grammar, sentence: Sentence, openToken: number): { subject: Mention; rule: string; confidence: number } | null {
  if (grammar.tokens[openToken - 1]?.text !== ":") return null;
  const subject = clauseSubject(grammar, sentence, openToken);
  return subject && (subject.kind === "person" || subject.kind === "pronoun") ? { subject, rule: "colon-introduced-quote", confidence: 0.7 } : null;
}

/**
 * "Ruiz disagreed. “We cannot afford not to.”": a quote that opens its sentence, unattributed, right
 * after a sentence of the same paragraph whose subject is a person and which quotes nothing.
 */
function previousSubject(grammar: Grammar, sentences: Sentence[], s: number, openToken: number): { subject: Mention; rule: string; confidence: number } | null {
  const sentence = sentences[s];
  const previous = sentences[s - 1];
  if (!previous || previous.paragraph !== sentence.paragraph || openToken !== sentence.firstToken) return null;
  const words = grammar.tokens.slice(previous.firstToken, previous.lastToken);
  if (words.some((t) => t.quoted || /^[“”"]$/.test(t.text))) return null;
  const subject = clauseSubject(grammar, previous, previous.lastToken);
  return subject && (subject.kind === "person" || subject.kind === "pronoun") && subject.first === previous.firstToken ? { subject, rule: "after-subject-sentence", confidence: 0.6 } : null;
}

/**
 * “A,” Smith said. Jones disagreed. “B.” — B is not Smith's: another source stands in subject
 * position between the quote a continuation would take its speaker from and the continuation.
 */
function someoneElseBetween(grammar: Grammar, source: Attribution, from: number, to: number): boolean {
  const { tokens } = grammar;
  // "the runner Rhona Blake, now a campaigner, told …": the speaker's own apposition names no one else.
  let appositionEnd = -1;
  const subjectEnd = source.subject?.last ?? -1;
  if (subjectEnd > from && tokens[subjectEnd]?.text === ",") {
    for (let c = subjectEnd + 1; c < to && c - subjectEnd < 16; c++) {
      if (tokens[c].quoted) break;
      if (tokens[c].text === ",") {
        appositionEnd = c;
        break;
      }
    }
  }
  for (let k = from + 1; k < to; k++) {
    if (k > subjectEnd && k < appositionEnd) continue;
    const mention = grammar.mentionStartingAt.get(k);
    if (!mention || !mention.subject || mention === source.subject || grammar.tokens[k].quoted) continue;
    // An organization counts only as a speaker ("NATO said"), not as a place's name ("in downtown Linden").
    if (mention.kind !== "organization" || speechVerb(grammar.tokens, mention.last)) return true;
  }
  return false;
}

/** “A,” X said, “B.”: A ends on a comma and B follows the attribution's comma in the same sentence. */
function interrupted(body: string, quotes: Quote[], qi: number): boolean {
  const quote = quotes[qi];
  const next = quotes[qi + 1];
  const previous = quotes[qi - 1];
  const leadsOn = body[quote.end] === "," && !!next && /^,?\s*[^.!?“”"]{1,80},\s*$/.test(body.slice(quote.close + 1, next.open));
  const follows = !!previous && body[previous.end] === "," && /^,?\s*[^.!?“”"]{1,80},\s*$/.test(body.slice(previous.close + 1, quote.open));
  return leadsOn || follows;
}

/** Index of the first token starting at or after `offset`. */
export function lowerBound(tokens: Token[], offset: number): number {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tokens[mid].start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
