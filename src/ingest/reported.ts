import type { Mention } from "./mentions";
import type { Sentence, Token } from "./segment";
import { clauseSubject, type Grammar, isObjectClaim, isReporting, speechVerb, subjectOf, usableVerb, type Verb } from "./speech";

/**
 * Reported speech: a claim without quotation marks, introduced by a reporting verb. The span is
 * the reported clause (without the verb, its subject and "that"):
 *   X warned that C · X told reporters in Rome on Monday that C · X said C (no "that")
 *   C, X said · C, the minister said · C, according to X · According to X, C
 *   X confirmed the reports of N · X expressed uncertainty about whether C   (the verb stays)
 *   …, saying C · …, emphasizing that C     a participle starts a paraphrase of its own
 *   reports from A and B indicating C      one paraphrase per source body
 * A clause with a quotation inside is not also a paraphrase: the quote is the statement.
 */
export interface Paraphrase {
  start: number;
  end: number;
  subject: Mention | null;
  /** For "reports from Ukraine and South Korea indicating …": the bodies, and what they issued. */
  organizations?: Mention[];
  description?: string;
  rule: string;
  confidence: number;
  /** The attribution's own words, where the occasion (day, place, medium) is read. */
  context: Token[];
  sentence: number;
}

/** Verbs after which a clause may follow without "that" ("said the company would …"). */
const BARE_CLAUSE = new Set(["say", "insist", "argue", "believe", "tell", "add", "estimate", "predict", "warn", "claim", "acknowledge", "write"]);
/** Verbs whose first object is the listener: "told analysts that", "warned the council that". */
const LISTENER = new Set(["tell", "warn", "assure", "inform", "remind", "advise", "urge", "caution"]);
/** Words that show a clause has a verb: a clause is more than a noun phrase ("rejected that description"). */
const VERBAL = /^(would|will|could|should|can|may|might|must|had|has|have|is|are|was|were|be|been|being|did|does|do|gave|took|made|went|came|saw|got|kept|left|rose|fell|grew|won|lost|sent|spent|paid|sold|bought|held|met|ran|began|brought|thought|knew)$/;
/** Finite auxiliaries and modals: a clause's verb, never part of the listener or an adjunct. */
const AUXILIARY = /^(would|will|could|should|can|may|might|must|had|has|have|is|are|was|were)$/;
/** Words a plural noun follows: after them an -s word is a noun ("the reports", "of fuels"), not a verb. */
const NOUN_BEFORE = /^(the|a|an|its|his|her|their|our|my|your|of|in|on|for|to|and|or|with|by|from|at|these|those|some|many|all|both|two|three|four|five|several|more|most|other|new|such|no|any|each|every|\d.*)$/;
const CLAUSE_START_BLOCK = /^(to|on|in|at|during|after|before|with|by|from|for|of|as|about|while|when|through|via|into|over|under|outside|inside|near|and|but|or|so|yet|shortly|not|goodbye|hello|yes)$/;
const ADJUNCT_START = /^(on|in|at|during|after|before|late|early|last|this|yesterday|today|earlier|later|monday|tuesday|wednesday|thursday|friday|saturday|sunday|,|told|by|from|when|as|while|via|through|outside|inside)$/;
const TIME_ADJUNCT = /^(on|late|early|last|this|next|yesterday|today|earlier|later|again|separately|afterwards|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

export function findParaphrases(body: string, grammar: Grammar, sentence: Sentence, index: number, quoteSpans: { start: number; end: number }[]): Paraphrase[] {
  const { tokens } = grammar;
  const found: Paraphrase[] = [];
  const first = sentence.firstToken;
  const last = endOfContent(tokens, sentence);
  const overlapsQuote = (start: number, end: number) => quoteSpans.some((q) => q.start - 1 < end && q.end + 1 > start);
  const push = (p: Omit<Paraphrase, "context" | "sentence">, clauseFirst: number, clauseLast: number) => {
    if (p.end <= p.start || overlapsQuote(p.start, p.end)) return;
    if (!hasVerb(tokens, clauseFirst, clauseLast) && !p.rule.startsWith("reported-object")) return;
    if (found.some((f) => f.start < p.end && p.start < f.end)) return;
    const context = tokens.slice(first, sentence.lastToken).filter((t) => !t.quoted && (t.end <= p.start || t.start >= p.end));
    found.push({ ...p, context, sentence: index });
  };

  // C, according to X. / According to X, C.
  for (let k = first; k < last - 1; k++) {
    if (tokens[k].lower !== "according" || tokens[k + 1].lower !== "to") continue;
    // "according to the Segral Water Board": the article before a body's name is not the mention's.
    let mention = grammar.mentionStartingAt.get(k + 2) ?? (tokens[k + 2]?.lower === "the" ? grammar.mentionStartingAt.get(k + 3) : undefined);
    // "according to ship-tracking firm MarineLane": a lowercase descriptor before a body's name.
    if (!mention) {
      let d = k + 2;
      while (d < last && d - k <= 5 && /^\p{Ll}[\p{Ll}-]*$/u.test(tokens[d].text) && !/^(the|a|an|and|or|of|to|in|on|at|by|for|with)$/.test(tokens[d].text)) d++;
      const named = d > k + 2 ? grammar.mentionStartingAt.get(d) : undefined;
      if (named?.kind === "organization") mention = named;
    }
    if (!mention) continue;
    if (k === first || (k === first + 1 && tokens[first].text === ",")) {
      let c = mention.last;
      if (tokens[c]?.text === ",") c++;
      const end = clauseEnd(tokens, c, last);
      push(span(tokens, c, end, "according-to", mention, 0.8), c, end);
    } else if (tokens[k - 1].text === ",") {
      const start = frontedAdjunctEnd(tokens, first, k - 1);
      push(span(tokens, start, k - 1, "according-to", mention, 0.8), start, k - 1);
    }
  }

  for (let v = first; v < last; v++) {
    const verb = speechVerb(tokens, v);
    if (!verb || !usableVerb(tokens, v, verb, grammar)) continue;
    const reporting = isReporting(verb.base) || isObjectClaim(verb.base);
    if (!reporting) continue;
    const subject = subjectFor(grammar, sentence, v, verb);

    // C, X said. / C, said X.
    const inverted = invertedAttribution(grammar, sentence, v, last, subject);
    if (inverted) {
      const start = frontedAdjunctEnd(tokens, first, inverted.comma);
      if (start < inverted.comma && !tokens[start].quoted && !/^[“"]$/.test(tokens[start].text)) push(span(tokens, start, inverted.comma, "clause-then-attribution", inverted.subject, 0.8), start, inverted.comma);
      continue;
    }
    if (!subject) continue;
    const participle = verb.form === "participle";
    const base = participle ? "participle" : "reported";

    // X said (to Y) (on Monday) (in Rome) that C
    const that = thatAfter(tokens, v + 1, last, verb);
    if (that >= 0) {
      const end = clauseEnd(tokens, that + 1, last);
      push(span(tokens, that + 1, end, `${base}-that`, subject, participle ? 0.75 : 0.85), that + 1, end);
      continue;
    }
    // X confirmed the reports of N / X expressed uncertainty about whether C: the verb stays.
    if (isObjectClaim(verb.base) && tokens[v + 1] && !/^[,:“"]$/.test(tokens[v + 1].text)) {
      if (verb.base === "express" || verb.base === "voice" ? /^(uncertainty|concern|concerns|doubt|doubts|hope|confidence|optimism|skepticism|scepticism|frustration|regret|support|surprise)$/.test(tokens[v + 1].lower) : /^(the|a|an|reports?|that|its|his|her|their)$/.test(tokens[v + 1].lower)) {
        const end = clauseEnd(tokens, v + 1, last);
        push(span(tokens, v, end, "reported-object", subject, 0.75), v, end);
        continue;
      }
    }
    // X said C
    if (BARE_CLAUSE.has(verb.base)) {
      let c = v + 1;
      if (verb.base === "tell") continue; // "told reporters C" without "that" is rare and ambiguous
      while (c < last && TIME_ADJUNCT.test(tokens[c].lower)) c++;
      if (c > v + 1 && tokens[c - 1].lower === "on") c = v + 1;
      const start = tokens[c];
      const approximate = /^(about|around|nearly|almost|roughly|some|over)$/.test(start?.lower ?? "") && /^\d/.test(tokens[c + 1]?.text ?? "");
      if (!start || c >= last || start.quoted || /^[“"',:;.]$/.test(start.text) || (CLAUSE_START_BLOCK.test(start.lower) && !approximate) || speechVerb(tokens, c)) continue;
      const end = clauseEnd(tokens, c, last);
      push(span(tokens, c, end, `${base}-clause`, subject, participle ? 0.7 : 0.75), c, end);
    }
  }

  // Reports from A and B indicating C: the bodies are the sources.
  for (let k = first; k < last - 2; k++) {
    if (!/^reports?$/.test(tokens[k].lower) || tokens[k + 1].lower !== "from") continue;
    const bodies: Mention[] = [];
    let j = k + 2;
    while (j < last) {
      if (/^(both|and|,)$/.test(tokens[j].lower)) {
        j++;
        continue;
      }
      const mention = grammar.mentionStartingAt.get(j);
      if (!mention || mention.kind !== "organization") break;
      bodies.push(mention);
      j = mention.last;
    }
    const verb = speechVerb(tokens, j);
    if (!bodies.length || !verb || verb.form !== "participle") continue;
    let c = j + 1;
    if (tokens[c]?.lower === "that") c++;
    const end = clauseEnd(tokens, c, last);
    const description = body.slice(tokens[k - 1] && !tokens[k - 1].cap && /^\p{L}+$/u.test(tokens[k - 1].text) && !/^(the|a|an|from)$/.test(tokens[k - 1].lower) ? tokens[k - 1].start : tokens[k].start, tokens[k].end);
    push({ ...span(tokens, c, end, "reports-from", null, 0.6), organizations: bodies, description }, c, end);
  }
  return found.sort((a, b) => a.start - b.start);
}

function subjectFor(grammar: Grammar, sentence: Sentence, v: number, verb: Verb): Mention | null {
  const { tokens } = grammar;
  if (verb.form === "participle") {
    // "…, saying C", "released a written statement confirming that C": the clause's subject.
    return clauseSubject(grammar, sentence, v);
  }
  const direct = subjectOf(grammar, v, sentence.firstToken);
  if (direct) return direct;
  // "… cut its forecast and said it would …": the subject of the first predicate.
  if (tokens[v - 1]?.lower === "and" || (tokens[v - 1] && /^(also|later)$/.test(tokens[v - 1].lower) && tokens[v - 2]?.lower === "and")) return clauseSubject(grammar, sentence, v);
  return null;
}

/** "…, the minister said (on Monday)." / "…, said X." — the verb's subject stands after a comma, and only adjuncts follow. */
function invertedAttribution(grammar: Grammar, sentence: Sentence, v: number, last: number, subject: Mention | null): { comma: number; subject: Mention } | null {
  const { tokens, mentionStartingAt } = grammar;
  const verb = tokens[v];
  if (!verb) return null;
  let comma = -1;
  let speaker: Mention | null = null;
  // ", the World Health Organization (WHO) said": a determiner may stand between the comma and the name.
  const determiner = subject && /^(the|a|an)$/.test(tokens[subject.first - 1]?.lower ?? "") ? 1 : 0;
  if (subject && subject.last <= v && tokens[subject.first - 1 - determiner]?.text === ",") {
    comma = subject.first - 1 - determiner;
    speaker = subject;
  } else if (tokens[v - 1]?.text === ",") {
    const after = mentionStartingAt.get(v + 1);
    if (after) {
      comma = v - 1;
      speaker = after;
    }
  }
  if (!speaker || comma <= sentence.firstToken) return null;
  // After the attribution only its adjuncts: "on Tuesday", "in a statement", "at the hearing".
  // "…, Solheim said, adding that …": a reporting participle starts a statement of its own.
  let tailEnd = last;
  for (let k = Math.max(v + 1, speaker.last); k < last - 1; k++) {
    const participle = tokens[k].text === "," ? speechVerb(tokens, k + 1) : null;
    if (participle && participle.form === "participle" && isReporting(participle.base)) {
      tailEnd = k;
      break;
    }
  }
  const tail = tokens.slice(Math.max(v + 1, speaker.last), tailEnd);
  if (tail.length > 10 || tail.some((t) => t.lower === "that" || t.quoted || /^[“"]$/.test(t.text))) return null;
  if (tail.length && !ADJUNCT_START.test(tail[0].lower)) return null;
  if (comma - sentence.firstToken < 3) return null;
  return { comma, subject: speaker };
}

/** "that" after the verb, past a listener ("told analysts") and adjuncts ("on the same call", "in Geneva on Monday"). */
function thatAfter(tokens: Token[], from: number, last: number, verb: Verb): number {
  const reach = LISTENER.has(verb.base) ? 14 : 10;
  for (let k = from; k < last && k - from <= reach; k++) {
    const t = tokens[k];
    if (t.quoted || /^[“":;]$/.test(t.text)) return -1;
    if (t.lower === "that") {
      // "rejected that description": "that" as a determiner starts no clause (checked by hasVerb later).
      return k;
    }
    const other = speechVerb(tokens, k);
    if ((other && other.form !== "base") || /^(whether|if|because|but|who|which)$/.test(t.lower)) return -1;
    if (t.text === "," && !LISTENER.has(verb.base)) return -1;
    // "said the authority would waive fees for ships that had …": a finite auxiliary before "that"
    // means the clause began without one; the "that" is a relative pronoun inside it.
    if (k > from && AUXILIARY.test(t.lower)) return -1;
  }
  return -1;
}

/**
 * Where a reported clause ends: the sentence end, or before a new reporting participle
 * (", saying …", ", emphasizing that …"), a clause-final "according to", or a second reporting
 * verb ("… and said …").
 */
function clauseEnd(tokens: Token[], from: number, last: number): number {
  for (let k = from; k < last; k++) {
    const t = tokens[k];
    const next = tokens[k + 1];
    if (t.text === ";") return k;
    if (t.text === "," && next) {
      const verb = speechVerb(tokens, k + 1);
      if (verb && verb.form === "participle" && isReporting(verb.base)) return k;
      if (next.lower === "according" && tokens[k + 2]?.lower === "to") return k;
      // ", after volumes fell 7%": the reporter's explanation, not the claim.
      if (/^(after|amid|despite|following)$/.test(next.lower)) return k;
    }
    if (t.lower === "and" && next) {
      const verb = speechVerb(tokens, k + 1);
      if (verb && verb.form === "finite" && isReporting(verb.base) && !["report", "show"].includes(verb.base)) return k;
    }
  }
  return last;
}

/** The sentence's last token that belongs to it: its final period (and a closing mark) do not. */
function endOfContent(tokens: Token[], sentence: Sentence): number {
  let last = sentence.lastToken;
  while (last > sentence.firstToken && /^[.!?]$/.test(tokens[last - 1].text) && !tokens[last - 1].quoted) last--;
  return last;
}

/** "In the United States, the FTC is examining …, according to …": a short fronted adjunct is not the claim. */
function frontedAdjunctEnd(tokens: Token[], first: number, limit: number): number {
  if (!/^(in|on|at|for|after|before|during|since|by)$/.test(tokens[first]?.lower ?? "")) return first;
  for (let k = first + 1; k < limit && k - first <= 5; k++) if (tokens[k].text === ",") return k + 1;
  return first;
}

/**
 * A reported clause has a verb; a noun phrase ("that description of the offer", "two more in a
 * 12-minute spell") does not. Without a part-of-speech model: an auxiliary, a modal or a copula, a
 * past form, or an -s form that follows a word no plural noun would follow.
 */
function hasVerb(tokens: Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.quoted) continue;
    if (VERBAL.test(t.lower) || (/^\p{Ll}{2,}ed$/u.test(t.text))) return true;
    if (k > from && /^\p{Ll}{2,}s$/u.test(t.text) && !/ss$/.test(t.text) && !NOUN_BEFORE.test(tokens[k - 1].lower)) return true;
  }
  return false;
}

function span(tokens: Token[], from: number, to: number, rule: string, subject: Mention | null, confidence: number): Omit<Paraphrase, "context" | "sentence"> {
  let end = to;
  while (end > from && /^[,.;:]$/.test(tokens[end - 1].text)) end--;
  if (end <= from) return { start: 0, end: 0, subject, rule, confidence };
  return { start: tokens[from].start, end: tokens[end - 1].end, subject, rule, confidence };
}
