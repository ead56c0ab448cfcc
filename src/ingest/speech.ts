import { NAMING_BASES, OBJECT_CLAIM_BASES, REPORTING_BASES, SPEECH_VERBS, TITLE_HEADS } from "./lexicon";
import type { Mention } from "./scan";
import type { Sentence, Token } from "./segment";

/**
 * The grammar of attribution that quotes and paraphrases share: which words are verbs of saying,
 * and which mention is the subject of one. Subjects are found by walking left from the verb over
 * adverbs ("also"), auxiliaries ("did"), appositions (", the chair of …,"), relative clauses
 * (", who led the trial,") and prepositional tails ("Lund of the University of Eastbridge").
 */
export interface Grammar {
  tokens: Token[];
  sentences: Sentence[];
  mentionEndingAt: Map<number, Mention>;
  mentionStartingAt: Map<number, Mention>;
}

const SKIPPABLE = new Set([
  "also", "later", "then", "again", "previously", "repeatedly", "separately", "further", "recently", "had", "has", "have",
  "did", "does", "do", "once", "still", "earlier", "publicly", "privately", "quickly", "briefly", "firmly", "flatly", "only",
  "already", "subsequently", "initially", "first", "now", "bluntly", "simply", "openly", "immediately", "repeatedly", "strongly",
]);
const PAST_IRREGULAR = new Set(["said", "told", "wrote", "went"]);
const PRESENT = new Set(["says", "tells", "writes", "adds", "notes", "warns", "argues", "insists", "claims", "believes", "states", "explains", "suggests", "predicts", "estimates", "stresses", "maintains", "contends"]);

export type VerbForm = "finite" | "participle" | "base";

export interface Verb {
  base: string;
  form: VerbForm;
}

/** A verb of saying at token `i`, with its form: "said"/"says" finite, "saying" participle, "say" base. */
export function speechVerb(tokens: Token[], i: number): Verb | null {
  const t = tokens[i];
  if (!t || t.quoted || t.cap && i > 0 && tokens[i - 1].sentence === t.sentence) return null;
  const base = SPEECH_VERBS.get(t.lower);
  if (!base) return null;
  if (t.lower.endsWith("ing")) return { base, form: "participle" };
  if (t.lower.endsWith("ed") || PAST_IRREGULAR.has(t.lower) || PRESENT.has(t.lower)) {
    // "the written statement": a participle used as an adjective before a noun is no verb.
    if (t.lower === "written" || t.lower === "stated") return t.lower === "stated" ? { base, form: "finite" } : null;
    return { base, form: "finite" };
  }
  return { base, form: "base" };
}

export function isReporting(base: string): boolean {
  return REPORTING_BASES.has(base);
}

export function isNaming(base: string): boolean {
  return NAMING_BASES.has(base);
}

export function isObjectClaim(base: string): boolean {
  return OBJECT_CLAIM_BASES.has(base);
}

/** A base form counts after "did"/"does" ("he did caution that") or "to" in "went on to say"; a bare "say" after a plural subject too. */
export function usableVerb(tokens: Token[], i: number, verb: Verb, grammar: Grammar): boolean {
  if (verb.form !== "base") return !negated(tokens, i);
  const before = tokens[i - 1];
  if (!before) return false;
  if (/^(did|does|do)$/.test(before.lower)) return !negated(tokens, i);
  // "officials say": a plural subject right before the verb.
  const subject = grammar.mentionEndingAt.get(i);
  return subject !== undefined && (subject.kind === "source" || subject.kind === "organization");
}

/** "did not say", "declined to comment", "never said": nothing was said. */
function negated(tokens: Token[], i: number): boolean {
  const one = tokens[i - 1]?.lower;
  const two = tokens[i - 2]?.lower;
  return one === "not" || one === "never" || one === "n't" || one === "to" || one === "for" || one === "no" || two === "not" || two === "declined" || two === "refused";
}

/**
 * The mention that is the subject of the verb at `verb`, or null. `floor` is the first token the
 * subject may start at (the sentence start, or just after a quote).
 */
export function subjectOf(grammar: Grammar, verb: number, floor: number): Mention | null {
  const { tokens, mentionEndingAt } = grammar;
  let k = verb - 1;
  while (k >= floor && SKIPPABLE.has(tokens[k].lower)) k--;
  for (let step = 0; step < 5 && k >= floor; step++) {
    const t = tokens[k];
    if (t.text === ",") {
      // ", Anika Sharma, wrote": the apposition itself is the subject; ", the chair of …," is skipped.
      let comma = k - 1;
      while (comma >= floor && tokens[comma].text !== ",") comma--;
      const inside = mentionEndingAt.get(k);
      // (A title set off before the name is part of the mention: "The local MP, Fiona Garside, said".)
      if (inside && inside.first <= comma + 1 && inside.kind === "person") return inside;
      // "The ship's owner, Grange Maritime, said": a named body renames the role or source before it.
      const renamed = comma >= floor ? mentionEndingAt.get(comma) : undefined;
      if (inside && inside.first === comma + 1 && inside.kind === "organization" && (renamed?.kind === "role" || renamed?.kind === "source")) return inside;
      if (comma < floor) return null;
      k = comma - 1;
      continue;
    }
    const mention = mentionEndingAt.get(k + 1);
    if (mention) {
      if (mention.subject || mention.first <= floor) return mention;
      // "Henrik Lund of the University of Eastbridge, who …, said": the organization is in a prepositional tail.
      let before = mention.first - 1;
      if (tokens[before] && /^(the|a|an)$/.test(tokens[before].lower)) before--;
      k = before - 1;
      continue;
    }
    // "Rep. Chip Roy, R-Texas, a leading critic of the bill, said": a second apposition before the first.
    let comma = k - 1;
    while (comma >= floor && comma > k - 6 && tokens[comma].text !== ",") comma--;
    if (comma >= floor && tokens[comma].text === "," && mentionEndingAt.has(comma)) {
      k = comma - 1;
      continue;
    }
    return null;
  }
  return null;
}

/**
 * The subject of a clause whose verb has none in front ("… and said it would …", "…, saying …"):
 * the first speaker-like mention in subject position of the sentence, before `verb`.
 */
export function clauseSubject(grammar: Grammar, sentence: Sentence, verb: number): Mention | null {
  const { tokens, mentionStartingAt } = grammar;
  for (let k = sentence.firstToken; k < verb; k++) {
    if (tokens[k].quoted) continue;
    const mention = mentionStartingAt.get(k);
    if (!mention || !mention.subject) continue;
    // "NATO spokesperson Farah Dakhlallah": the organization is the title's, the person the subject.
    const titled = mentionStartingAt.get(mention.last + 1) ?? mentionStartingAt.get(mention.last + 2);
    if (mention.kind === "organization" && titled?.kind === "person" && !tokens[mention.last].cap && /^\p{Ll}/u.test(tokens[mention.last].text)) return titled;
    return mention;
  }
  return null;
}

/**
 * A verb of saying and its subject, in either order, right at token `k`: "Kirby said", "the
 * delegate said", "said Maria Lopez, the city's finance director", "she added". Returns the
 * subject and the index after the verb (and after an inverted subject).
 */
export function attributionAt(grammar: Grammar, k: number, limit: number): { subject: Mention; verb: number; end: number } | null {
  const { tokens, mentionStartingAt } = grammar;
  const mention = titledPersonAt(grammar, k, limit) ?? mentionStartingAt.get(k);
  if (mention && mention.last <= limit) {
    let v = mention.last;
    // ", the emergency management director," / ", who had asked for 11 years,": an apposition before the verb.
    // "…,” the EU's chief negotiator, Sabine Korff, told reporters": the apposition's closing comma.
    if (tokens[v]?.text === "," && v + 1 < limit && speechVerb(tokens, v + 1)) v++;
    else if (tokens[v]?.text === ",") {
      let close = v + 1;
      while (close < limit && close - v < 16 && tokens[close].text !== ",") close++;
      if (close < limit && tokens[close].text === ",") v = close + 1;
    }
    while (v < limit && SKIPPABLE.has(tokens[v].lower)) v++;
    const verb = v < limit ? speechVerb(tokens, v) : null;
    if (verb && verb.form !== "participle") return { subject: mention, verb: v, end: v + 1 };
  }
  const verb = k < limit ? speechVerb(tokens, k) : null;
  if (verb && verb.form === "finite") {
    let s = k + 1;
    while (s < limit && SKIPPABLE.has(tokens[s].lower)) s++;
    const inverted = mentionStartingAt.get(s);
    if (inverted && inverted.last <= limit) return { subject: inverted, verb: k, end: inverted.last };
  }
  return null;
}

/** Words that end a descriptor before a name: "the statement by X" is no title of X. */
const DESCRIPTOR_BREAK = /^(the|a|an|and|or|but|of|for|in|on|at|to|by|with|from|about|than|as|who|which|that|said|says)$/;

/**
 * "union leader Rosa Pike", "NATO spokesperson Ines Varga": a person mention behind a title in
 * lowercase (and the organization before it), as the subject of an attribution.
 */
function titledPersonAt(grammar: Grammar, k: number, limit: number): Mention | null {
  const { tokens, mentionStartingAt } = grammar;
  // "the former 800m runner Rhona Blake": a descriptor after "the", set before the name.
  if (/^(the|a|an)$/.test(tokens[k]?.lower ?? "") && k + 1 < limit) {
    let j = k + 1;
    while (j < limit && j - k <= 4 && (/^\p{Ll}[\p{Ll}-]*$/u.test(tokens[j].text) || /^\d+(m|km|k)$/i.test(tokens[j].text)) && !speechVerb(tokens, j) && !DESCRIPTOR_BREAK.test(tokens[j].text)) j++;
    const person = j > k + 1 ? mentionStartingAt.get(j) : undefined;
    if (person?.kind === "person" && person.last <= limit && !/^\d/.test(tokens[j - 1].text)) return person;
  }
  let j = k;
  const organization = mentionStartingAt.get(j);
  if (organization?.kind === "organization") j = organization.last;
  // "Laurac president Bertrand Vasseur": the owner may be capitalized words read as something else, or as nothing.
  const bareOwner = j === k && organization?.kind !== "person" ? true : organization?.kind === "person" && organization.last - organization.first === 1;
  if (organization?.kind === "person") j = k;
  if (bareOwner) while (j < limit && j - k < 4 && tokens[j].cap && !tokens[j].quoted && /^\p{L}/u.test(tokens[j].text)) j++;
  const titleStart = j;
  while (j < limit && j - titleStart < 4 && /^\p{Ll}[\p{Ll}-]*$/u.test(tokens[j].text) && !speechVerb(tokens, j) && !/^(the|a|an|and|of|for|in|on|at|to)$/.test(tokens[j].text)) j++;
  if (j === titleStart) return null;
  if (bareOwner && titleStart > k && !TITLE_HEADS.has(tokens[j - 1].lower)) return null;
  const person = mentionStartingAt.get(j);
  return person?.kind === "person" && person.last <= limit ? person : null;
}
