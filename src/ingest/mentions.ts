import type { Entities, Organization } from "./entities";
import { COUNTRIES, HONORIFICS, ORGANIZATION_HEADS, SOURCE_NOUNS } from "./lexicon";
import { genericOwner, organizationNamed } from "./affiliations";
import { expandLeadingAbbreviation } from "./words";
import { properRun } from "./proper-names";
import { add, type Context, type Mention } from "./scan";
import type { Sentence, Token } from "./segment";
import { canonicalTitleWord, DETERMINERS, isAcronym, isOrganizationHead, isTitleHead, isWord, nameLike, NOT_NAME_LOWER, ORGANIZATION_ROLES, PREPOSITIONS } from "./words";
import { findLast } from "./lists";
import { speechVerb } from "./speech";
import { TITLE_ABBREVIATIONS } from "./lexicon";

export type { Mention, MentionKind } from "./scan";

/**
 * Who the reporter's words point at: people (with the title and organization of their first full
 * mention), pronouns, roles ("the mayor"), organizations and unnamed sources ("a senior U.S.
 * official"). Words inside quotation marks are the speaker's, not the reporter's, and are skipped.
 * Mentions are found once, in text order, so a person is introduced before "Kirby" refers back.
 * Capitalized runs are read in proper-names.ts; titles and organizations in affiliations.ts.
 */
export function findMentions(body: string, tokens: Token[], sentences: Sentence[], entities: Entities, datelinePlace: string | null): Mention[] {
  const context: Context = { body, tokens, sentences, entities, mentions: [], datelinePlace };
  sentences.forEach((sentence, index) => scanSentence(context, sentence, index));
  return context.mentions;
}

function scanSentence(context: Context, sentence: Sentence, index: number): void {
  const { tokens } = context;
  let i = sentence.firstToken;
  const end = sentence.lastToken;
  while (i < end) {
    const token = tokens[i];
    if (token.quoted) {
      i++;
      continue;
    }
    if (token.lower === "he" || token.lower === "she") {
      add(context, { kind: "pronoun", first: i, last: i + 1, gender: token.lower === "he" ? "m" : "f" }, sentence, index);
      i++;
      continue;
    }
    const apposed = titleBeforeName(context, i, end, sentence);
    if (apposed > i) {
      i = apposed;
      continue;
    }
    const described = describedSource(context, i, end, sentence, index);
    if (described > i) {
      i = described;
      continue;
    }
    if (token.cap && isWord(token)) {
      i = properRun(context, i, end, sentence, index);
      continue;
    }
    i++;
  }
}

/** Adjectives that qualify a post without being part of its title: "the local MP". */
const NOT_TITLE_WORDS = new Set(["local", "longtime", "long-time", "veteran", "new", "current", "then", "newly", "recently"]);

/**
 * "The CQC's chief inspector of hospitals, Prof Martin Ayodele,", "Its chief executive, Dr Anand
 * Mehta,", "the EU's chief negotiator, Sabine Korff, told", "The local MP, Fiona Garside,": a title
 * set off before a full name describes that person; it is no source of its own. Records the title
 * for the name (see personMention) and returns the index of the name, or `i` when the pattern is absent.
 */
function titleBeforeName(context: Context, i: number, end: number, sentence: Sentence): number {
  const { tokens, body } = context;
  const first = tokens[i];
  let k = i;
  let organizationName: string | null = null;
  const determiner = /^(the|its|their)$/.test(first.lower);
  if (determiner) k++;
  // An owner: "the CQC's", "Northmere Rail's".
  if (tokens[k]?.cap && !tokens[k].quoted) {
    let e = k;
    while (e < end && e - k < 5 && tokens[e].cap && !tokens[e].quoted && isWord(tokens[e])) e++;
    if (!/^[’']s$/.test(tokens[e]?.text ?? "") || NOT_NAME_LOWER.has(tokens[k].lower)) return i;
    organizationName = context.body.slice(tokens[k].start, tokens[e - 1].end);
    // "Dobrescu's coach, Paolo Renzi,": a person's possessive names no organization.
    if (e - k === 1 && context.entities.bySurname(organizationName).length) organizationName = null;
    k = e + 1;
  } else if (determiner && tokens[k] && /^[’']s$/.test(tokens[k + 1]?.text ?? "") && isWord(tokens[k])) {
    // "the agency's head of inspections": a generic owner, what the article has named so.
    organizationName = genericOwner(context, tokens[k].lower);
    k += 2;
  } else if (!determiner) {
    return i;
  }
  if (/^(its|their)$/.test(first.lower)) {
    // "Its chief executive": the organization the sentence before put forward.
    const owner = findLast(context.mentions, (m) => m.kind === "organization" && m.subject && !!m.organization && m.sentence >= tokens[i].sentence - 2);
    if (!owner?.organization) return i;
    organizationName = owner.organization.name;
  }
  const titleFirst = k;
  let head = -1;
  while (k < end && k - titleFirst < 7) {
    const t = tokens[k];
    if (t.quoted || !isWord(t)) break;
    const acronymTitle = isAcronym(t.text) && isTitleHead(t);
    if (t.cap && !acronymTitle) return i;
    // "founder and chief executive": two posts joined, each ending on a title's head.
    if (t.lower === "and" && head === k - 1 && k > titleFirst && tokens[k + 1] && isWord(tokens[k + 1]) && !tokens[k + 1].cap && !/^(who|the|a|an)$/.test(tokens[k + 1].lower)) {
      head = -1;
      k++;
      continue;
    }
    if (PREPOSITIONS.has(t.lower) || /^(and|who|the|a|an)$/.test(t.lower) || speechVerb(tokens, k)) break;
    head = isTitleHead(t) ? k : -1;
    k++;
  }
  if (head < 0 || head !== k - 1) return i;
  let titleEnd = k;
  // "chief inspector of hospitals": a lowercase tail is the title's; "chief executive of Acme Corp" names the body.
  if (/^(of|for|at)$/.test(tokens[k]?.lower ?? "")) {
    let e = k + 1;
    while (e < end && e - k < 8 && isWord(tokens[e]) && !tokens[e].quoted && !speechVerb(tokens, e)) e++;
    if (tokens[e]?.text !== ",") return i;
    const tail = tokens.slice(k + 1, e);
    const capitals = tail.filter((t) => t.cap);
    if (!capitals.length) titleEnd = e;
    else if (!organizationName) organizationName = body.slice(capitals[0].start, capitals[capitals.length - 1].end);
    k = e;
  }
  if (tokens[k]?.text !== "," || k + 1 >= end) return i;
  // The name: honorifics, then two to four words of a name.
  let n = k + 1;
  while (n < end && (tokens[n].lower in HONORIFICS || tokens[n].lower in TITLE_ABBREVIATIONS)) n++;
  const nameFirst = n;
  while (n < end && n - nameFirst < 5 && nameLike(tokens[n]) && !isOrganizationHead(tokens[n]) && !COUNTRIES.has(tokens[n].lower)) n++;
  if (n - nameFirst < 2 || n - nameFirst > 4 || tokens[n]?.cap) return i;
  let start = titleFirst;
  while (start < head && NOT_TITLE_WORDS.has(tokens[start].lower)) start++;
  const title = body.slice(tokens[start].start, tokens[titleEnd - 1].end);
  context.apposition = { first: i, nameAt: k + 1, title, organizationName };
  return k + 1;
}

/**
 * "a senior U.S. official", "two people briefed on the inquiry", "officials on both sides", and the
 * definite roles "the mayor", "the city's finance director", "the company". Returns the index after
 * the phrase, or `i` when none starts here.
 */
function describedSource(context: Context, i: number, end: number, sentence: Sentence, index: number): number {
  const { tokens, entities } = context;
  const first = tokens[i];
  // "Jane Moss, a spokeswoman for …,": an apposition describes the person before it, it is no source of its own.
  const previous = context.mentions[context.mentions.length - 1];
  if (tokens[i - 1]?.text === "," && previous?.kind === "person" && previous.last === i - 1) return i;
  // "Ukraine's air force", "Russia's defense ministry": a named owner works as "the".
  const owned = first.cap && /^[’']s$/.test(tokens[i + 1]?.text ?? "") && (COUNTRIES.has(first.lower) || !!entities.organizationByWord(first.text)) && tokens[i + 2] !== undefined && !tokens[i + 2].cap;
  const definite = first.lower === "the" || owned;
  const indefinite = DETERMINERS.has(first.lower) || /^\d+$/.test(first.lower);
  let j = i;
  if (owned) j = i + 2;
  else if (definite || indefinite) j = i + 1;
  // Modifiers: adjectives, countries ("U.S."), organizations ("PDU", "NATO"), a possessive ("the city's").
  let organization: Organization | null = null;
  let possessiveOwner: string | null = null;
  let words = 0;
  while (j < end && words < 5) {
    const t = tokens[j];
    if (t.quoted || (!isWord(t) && !/^[’']s$/.test(t.text))) break;
    // A role noun is lowercase: "the Office for …" is a name ("Officials said" may open a sentence).
    const lowercase = !t.cap || (j === i && j === sentence.firstToken);
    if (lowercase && (SOURCE_NOUNS.has(t.lower) || isTitleHead(t) || (definite && (ORGANIZATION_ROLES.has(t.lower) || (owned && ORGANIZATION_HEADS.has(t.lower)))))) {
      // The head, unless the phrase goes on ("the mayor's office", "officials said" is fine).
      const next = tokens[j + 1];
      if (next && isWord(next) && !next.cap && (SOURCE_NOUNS.has(next.lower) || isTitleHead(next) || (definite && (ORGANIZATION_ROLES.has(next.lower) || ORGANIZATION_HEADS.has(next.lower))))) {
        j++;
        words++;
        continue;
      }
      break;
    }
    // "a Department for Transport spokesperson": a body's full name in front of the source noun.
    const named = t.cap ? nameBeforeNoun(tokens, j, end) : j;
    if (named > j + 1) {
      organization = organizationNamed(entities, expandLeadingAbbreviation(context.body.slice(t.start, tokens[named - 1].end)));
      j = named;
      words++;
      continue;
    }
    if (t.cap && /-\p{Ll}+$/u.test(t.text)) {
      // "The Boston-based company": a hyphenated adjective.
    } else if (t.cap) {
      const country = COUNTRIES.get(t.lower);
      const known = country ? entities.organization(country.name, { state: true }) : isAcronym(t.text) ? entities.organizationByWord(t.text) ?? entities.organization(t.text) : entities.organizationByWord(t.text);
      // "two Republican aides", "a senior Velorian official": a capitalized adjective in an indefinite phrase.
      if (!known && !/^\p{Lu}\p{Ll}+(?:ian|ean|ese|ish|i)$/u.test(t.text) && !(indefinite && entities.bySurname(t.text).length === 0 && !tokens[j + 1]?.cap)) return i;
      organization = known ?? organization;
      if (!known) possessiveOwner = t.text;
    } else if (/^[’']s$/.test(t.text)) {
      if (j === i + 1 || !definite) return i;
      possessiveOwner = tokens[j - 1].text;
    } else if (PREPOSITIONS.has(t.lower) || NOT_NAME_LOWER.has(t.lower) || t.lower === "and" || t.lower === "who") {
      return i;
    }
    j++;
    words++;
  }
  const head = tokens[j];
  if (!head || j >= end || head.quoted || !isWord(head) || (head.cap && !(j === i && j === sentence.firstToken))) return i;
  const headIsSource = SOURCE_NOUNS.has(head.lower) || isTitleHead(head);
  const headIsOrganization = definite && (ORGANIZATION_ROLES.has(head.lower) || (owned && ORGANIZATION_HEADS.has(head.lower))) && !headIsSource;
  if (!headIsSource && !headIsOrganization) return i;
  // A title before a name is the name's ("NATO spokesperson Farah Dakhlallah"), not a role.
  const after = tokens[j + 1];
  if (after && after.sentence === index && nameLike(after) && !after.quoted && !(after.lower in HONORIFICS) && !COUNTRIES.has(after.lower)) return i;
  const bare = !definite && !indefinite;
  if (bare && !(head.lower.endsWith("s") && SOURCE_NOUNS.has(head.lower))) return i;
  // A lone capitalized word that is not a known organization ("Officials said") reads as the head.
  let last = j + 1;
  if (indefinite || bare) {
    last = sourceTail(tokens, last, end);
    const tailOrganization = organizationAfter(context, j + 1, last);
    organization = organization ?? tailOrganization;
    const description = context.body.slice(first.start, tokens[last - 1].end);
    add(context, { kind: "source", first: i, last, description: lowerArticle(description), head: canonicalTitleWord(head.lower), ...(organization ? { organization } : {}) }, sentence, index);
    return last;
  }
  if (headIsOrganization) {
    // "the county coroner's office": if nothing named resolves it, the phrase names the body, its generic owner filled in.
    let phrase = context.body.slice(tokens[owned ? i : i + 1].start, head.end);
    const owner = owned ? null : genericOwner(context, tokens[i + 1].lower);
    if (owner && /^(county|city|state|town)$/.test(tokens[i + 1].lower)) phrase = `${owner}${phrase.slice(tokens[i + 1].text.length)}`;
    add(context, { kind: "role", first: i, last, head: head.lower, bodyName: phrase, ...(organization ? { organization } : {}) }, sentence, index);
    return last;
  }
  const title = context.body.slice(tokens[possessiveOwner ? j - countTitleWords(tokens, j) + 1 : i + 1].start, head.end);
  add(context, { kind: "role", first: i, last, head: canonicalTitleWord(head.lower), description: title, ...(organization ? { organization } : {}) }, sentence, index);
  return last;
}

/** The end of an organization's name of two words or more ("Department of Health and Social Care") followed by a lowercase source noun or title. */
function nameBeforeNoun(tokens: Token[], from: number, end: number): number {
  let e = from;
  while (e < end && !tokens[e].quoted && ((tokens[e].cap && isWord(tokens[e])) || (e > from && /^(of|for|and|&|on|the)$/.test(tokens[e].lower) && tokens[e + 1]?.cap))) e++;
  const noun = tokens[e];
  if (e - from < 2 || !tokens.slice(from, e).some(isOrganizationHead) || !noun || noun.cap || !(SOURCE_NOUNS.has(noun.lower) || isTitleHead(noun))) return from;
  return e;
}

function countTitleWords(tokens: Token[], head: number): number {
  let n = 1;
  while (head - n >= 0 && isWord(tokens[head - n]) && !tokens[head - n].cap && !/^[’']s$/.test(tokens[head - n].text) && tokens[head - n].lower !== "the") n++;
  return n;
}

function lowerArticle(description: string): string {
  return description.replace(/^(A|An|The|One|Two|Three|Several|Some|Other)\b/, (word) => word.toLowerCase());
}

/**
 * What follows a source noun and belongs to its description: "familiar with the matter",
 * "briefed on the inquiry", "on both sides", "to Whitmore", "for the ministry", "close to the talks".
 */
function sourceTail(tokens: Token[], from: number, end: number): number {
  const t = tokens[from];
  if (!t || from >= end || t.quoted) return from;
  const lower = t.lower;
  const phrase = (start: number, max: number): number => {
    let k = start;
    // "a spokesperson for the Costa Hotel Federation denied that …": a past verb of saying ends the tail.
    while (k < end && k - start < max && isWord(tokens[k]) && !tokens[k].quoted && !isSpeechBoundary(tokens[k]) && !pastSpeechVerb(tokens, k)) k++;
    return k;
  };
  if (lower === "familiar" && tokens[from + 1]?.lower === "with") return phrase(from + 2, 4);
  if ((lower === "briefed" || lower === "close") && /^(on|to)$/.test(tokens[from + 1]?.lower ?? "")) return phrase(from + 2, 4);
  if (lower === "with" && tokens[from + 1]?.lower === "knowledge" && tokens[from + 2]?.lower === "of") return phrase(from + 3, 4);
  if (lower === "on" && tokens[from + 1]?.lower === "both" && /^sides?$/.test(tokens[from + 2]?.lower ?? "")) return from + 3;
  // "a nurse who worked in the emergency department during the period, …": a defining relative clause
  // describes the source; "who asked not to be named" only explains the anonymity.
  if (lower === "who") {
    let k = from + 1;
    while (k < end && k - from <= 14 && isWord(tokens[k]) && !tokens[k].quoted && !(speechVerb(tokens, k)?.form === "finite" && k > from + 1)) k++;
    const clause = tokens.slice(from + 1, k).map((w) => w.lower).join(" ");
    if (k > from + 2 && (tokens[k]?.text === "," || speechVerb(tokens, k)) && !/\b(anonymity|named|identified|authori[sz]ed)\b/.test(clause)) return k;
  }
  if (/^(for|at|of|to|with|in)$/.test(lower) && tokens[from + 1] && (tokens[from + 1].cap || tokens[from + 1].lower === "the")) return phrase(from + 1, 6);
  return from;
}

function pastSpeechVerb(tokens: Token[], k: number): boolean {
  const t = tokens[k];
  return !t.cap && !t.lower.endsWith("s") && speechVerb(tokens, k)?.form === "finite";
}

function isSpeechBoundary(t: Token): boolean {
  return /^(said|says|told|added|warned|noted|stated|declined|asked|who|which|and|but|speaking|that)$/.test(t.lower);
}

function organizationAfter(context: Context, from: number, to: number): Organization | null {
  const { tokens, entities } = context;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (!t.cap || !isWord(t)) continue;
    let e = k;
    while (e < to && (tokens[e].cap || (e > k && /^(of|the)$/.test(tokens[e].lower)))) e++;
    const name = context.body.slice(t.start, tokens[e - 1].end);
    // "a senior aide to Whitmore", "a lawyer for Haines": a person is no organization.
    if (entities.bySurname(name).length || entities.people.some((p) => p.name === name)) return null;
    return organizationNamed(entities, name);
  }
  return null;
}
