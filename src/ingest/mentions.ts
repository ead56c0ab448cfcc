import { Entities, type Gender, type Organization, type Person } from "./entities";
import {
  COUNTRIES,
  DOTTED_ABBREVIATIONS,
  GENDERED_TITLES,
  GIVEN_NAME_GENDER,
  HONORIFICS,
  INSTITUTIONS,
  MONTHS,
  NAMED_INSTITUTIONS,
  NOT_NAME_WORDS,
  ORGANIZATION_HEADS,
  PORTFOLIOS,
  SOURCE_NOUNS,
  TITLE_ABBREVIATIONS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
  WEEKDAYS,
} from "./lexicon";
import type { Sentence, Token } from "./segment";

/**
 * Who the reporter's words point at: people (with the title and organization of their first full
 * mention), pronouns, roles ("the mayor"), organizations and unnamed sources ("a senior U.S.
 * official"). Words inside quotation marks are the speaker's, not the reporter's, and are skipped.
 * Mentions are found once, in text order, so a person is introduced before "Kirby" refers back.
 */
export type MentionKind = "person" | "pronoun" | "role" | "source" | "organization";

export interface Mention {
  kind: MentionKind;
  /** Token range [first, last). */
  first: number;
  last: number;
  start: number;
  end: number;
  sentence: number;
  paragraph: number;
  person?: Person;
  /** Several people fit ("Park" with two Parks; "the spokesperson" with two): the caller abstains. */
  candidates?: Person[];
  organization?: Organization;
  gender?: Gender;
  /** An unnamed source as first described ("a senior U.S. official"). */
  description?: string;
  /** The head noun of a role or source ("mayor", "official"). */
  head?: string;
  /** For an organization role ("the county coroner's office"): the body it names when nothing earlier does. */
  bodyName?: string;
  /** Stands where a clause's subject stands (not after a preposition, not a possessive). */
  subject: boolean;
}

const PARTICLES = new Set(["de", "da", "van", "von", "der", "den", "bin", "bint", "ibn", "al", "el", "la", "le", "du", "dos", "di", "del", "della", "ter"]);
const OF_BINDERS = new Set([...ORGANIZATION_HEADS, ...TITLE_HEADS, "republic", "kingdom", "state", "states", "city", "county", "district", "port", "province", "isle", "bay", "gulf", "people"]);
const PREPOSITIONS = new Set(["of", "for", "with", "by", "to", "from", "against", "about", "at", "on", "in", "into", "after", "before", "between", "among", "over", "under", "behind", "toward", "towards", "than", "like", "as", "near", "via", "without", "through", "during"]);
const DETERMINERS = new Set(["a", "an", "one", "two", "three", "four", "five", "six", "several", "some", "many", "other", "few", "more"]);
/** Organization roles: "the company said" speaks for the company the article is about. */
const ORGANIZATION_ROLES = new Set(["company", "firm", "agency", "ministry", "department", "council", "committee", "commission", "organization", "organisation", "group", "bank", "government", "alliance", "office", "court", "union", "authority", "port", "club", "team", "administration", "statement", "report"]);
/** Organizations that are governments or their bodies: never "the company". */
const PUBLIC_HEADS = new Set(["ministry", "department", "agency", "commission", "council", "committee", "court", "parliament", "senate", "congress", "government", "office", "administration", "bureau", "service", "assembly", "authority", "programme", "program", "organization", "organisation", "union", "nations", "police", "army", "forces", "reserve", "bank"]);
/** Title words that mean the same office, for "the spokesperson said" after "a spokeswoman for". */
const TITLE_SYNONYMS: Record<string, string> = { spokesman: "spokesperson", spokeswoman: "spokesperson", spox: "spokesperson", boss: "manager", chairman: "chair", chairwoman: "chair", chairperson: "chair", advisor: "adviser" };
const SPORTS_HEADS = new Set(["fc", "united", "athletic", "rovers", "wanderers", "women", "city"]);

/** Titles as a record would hold them: British sports desks' "boss" is the manager. */
const TITLE_DISPLAY: Record<string, string> = { boss: "Manager", spox: "Spokesperson", "team boss": "Manager" };

export function canonicalTitleWord(word: string): string {
  const lower = word.toLowerCase();
  return TITLE_SYNONYMS[lower] ?? lower;
}

const isWord = (t: Token | undefined): boolean => t !== undefined && /^\p{L}/u.test(t.text);
const isAcronym = (text: string): boolean => /^(?:\p{Lu}\.){2,}$|^\p{Lu}[\p{Lu}\d]{1,6}$/u.test(text);
/** "Boston-based" is an adjective, "Jean-Pierre" a name. */
const nameLike = (t: Token): boolean => t.cap && !t.quoted && /^\p{Lu}[\p{L}\p{M}’'.]*(?:-\p{Lu}[\p{L}\p{M}’'.]*)*$/u.test(t.text) && !NOT_NAME_WORDS.has(t.text);
const isCalendar = (t: Token): boolean => MONTHS.includes(t.lower.replace(/\.$/, "")) || WEEKDAYS.includes(t.lower) || /^(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$/.test(t.lower);
const isTitleHead = (t: Token): boolean => TITLE_HEADS.has(t.lower) || (t.lower.includes("-") && t.lower.split("-").some((part) => TITLE_HEADS.has(part)));
const isOrganizationHead = (t: Token): boolean => ORGANIZATION_HEADS.has(t.lower) || SPORTS_HEADS.has(t.lower);

export function titleCase(words: string): string {
  return words
    .split(" ")
    .map((word, i) => (i > 0 && /^(of|for|the|and|at|on|in)$/.test(word) ? word : /^\p{Ll}/u.test(word) ? word[0].toUpperCase() + word.slice(1) : word))
    .join(" ");
}

interface Context {
  body: string;
  tokens: Token[];
  sentences: Sentence[];
  entities: Entities;
  mentions: Mention[];
  /** The dateline's town, for "the city's finance director" when the city is not otherwise named. */
  datelinePlace: string | null;
}

export function findMentions(body: string, tokens: Token[], sentences: Sentence[], entities: Entities, datelinePlace: string | null, skip: (sentence: number) => boolean): Mention[] {
  const context: Context = { body, tokens, sentences, entities, mentions: [], datelinePlace };
  sentences.forEach((sentence, index) => {
    if (!skip(index)) scanSentence(context, sentence, index);
  });
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

function add(context: Context, partial: Omit<Mention, "start" | "end" | "sentence" | "paragraph" | "subject">, sentence: Sentence, index: number): Mention {
  const { tokens } = context;
  // "of the University of Eastbridge": a determiner between the preposition and the name.
  let b = partial.first - 1;
  if (tokens[b] && /^(the|a|an)$/.test(tokens[b].lower)) b--;
  const before = tokens[b];
  const after = tokens[partial.last];
  const subject = !(before && before.sentence === index && PREPOSITIONS.has(before.lower)) && !(after && /^[’']s$/.test(after.text));
  const mention: Mention = {
    ...partial,
    start: tokens[partial.first].start,
    end: tokens[partial.last - 1].end,
    sentence: index,
    paragraph: sentence.paragraph,
    subject,
  };
  context.mentions.push(mention);
  return mention;
}

/**
 * "a senior U.S. official", "two people briefed on the inquiry", "officials on both sides", and the
 * definite roles "the mayor", "the city's finance director", "the company". Returns the index after
 * the phrase, or `i` when none starts here.
 */
function describedSource(context: Context, i: number, end: number, sentence: Sentence, index: number): number {
  const { tokens, entities } = context;
  const first = tokens[i];
  const definite = first.lower === "the";
  const indefinite = DETERMINERS.has(first.lower) || /^\d+$/.test(first.lower);
  let j = i;
  if (definite || indefinite) j = i + 1;
  // Modifiers: adjectives, countries ("U.S."), organizations ("PDU", "NATO"), a possessive ("the city's").
  let organization: Organization | null = null;
  let possessiveOwner: string | null = null;
  let words = 0;
  while (j < end && words < 5) {
    const t = tokens[j];
    if (t.quoted || (!isWord(t) && !/^[’']s$/.test(t.text))) break;
    // A role noun is lowercase: "the Office for …" is a name ("Officials said" may open a sentence).
    const lowercase = !t.cap || (j === i && j === sentence.firstToken);
    if (lowercase && (SOURCE_NOUNS.has(t.lower) || isTitleHead(t) || (definite && ORGANIZATION_ROLES.has(t.lower)))) {
      // The head, unless the phrase goes on ("the mayor's office", "officials said" is fine).
      const next = tokens[j + 1];
      if (next && isWord(next) && !next.cap && (SOURCE_NOUNS.has(next.lower) || isTitleHead(next) || (definite && (ORGANIZATION_ROLES.has(next.lower) || ORGANIZATION_HEADS.has(next.lower))))) {
        j++;
        words++;
        continue;
      }
      break;
    }
    if (t.cap && /-\p{Ll}+$/u.test(t.text)) {
      // "The Boston-based company": a hyphenated adjective.
    } else if (t.cap) {
      const country = COUNTRIES.get(t.lower);
      const known = country ? entities.organization(country.name, { state: true }) : isAcronym(t.text) ? entities.organizationByWord(t.text) ?? entities.organization(t.text) : entities.organizationByWord(t.text);
      if (!known && !/^\p{Lu}\p{Ll}+(?:ian|ean|ese|ish|i)$/u.test(t.text)) return i;
      organization = known ?? organization;
      if (!known) possessiveOwner = t.text;
    } else if (/^[’']s$/.test(t.text)) {
      if (j === i + 1 || !definite) return i;
      possessiveOwner = tokens[j - 1].text;
    } else if (PREPOSITIONS.has(t.lower) || NOT_NAME_WORDS.has(titleCase(t.lower)) || t.lower === "and" || t.lower === "who") {
      return i;
    }
    j++;
    words++;
  }
  const head = tokens[j];
  if (!head || j >= end || head.quoted || !isWord(head) || (head.cap && !(j === i && j === sentence.firstToken))) return i;
  const headIsSource = SOURCE_NOUNS.has(head.lower) || isTitleHead(head);
  const headIsOrganization = definite && ORGANIZATION_ROLES.has(head.lower) && !headIsSource;
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
    let phrase = context.body.slice(tokens[i + 1].start, head.end);
    const owner = genericOwner(context, tokens[i + 1].lower);
    if (owner && /^(county|city|state|town)$/.test(tokens[i + 1].lower)) phrase = `${owner}${phrase.slice(tokens[i + 1].text.length)}`;
    add(context, { kind: "role", first: i, last, head: head.lower, bodyName: phrase, ...(organization ? { organization } : {}) }, sentence, index);
    return last;
  }
  const title = context.body.slice(tokens[possessiveOwner ? j - countTitleWords(tokens, j) + 1 : i + 1].start, head.end);
  add(context, { kind: "role", first: i, last, head: canonicalTitleWord(head.lower), description: title, ...(organization ? { organization } : {}) }, sentence, index);
  return last;
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
    while (k < end && k - start < max && isWord(tokens[k]) && !tokens[k].quoted && !isSpeechBoundary(tokens[k])) k++;
    return k;
  };
  if (lower === "familiar" && tokens[from + 1]?.lower === "with") return phrase(from + 2, 4);
  if ((lower === "briefed" || lower === "close") && /^(on|to)$/.test(tokens[from + 1]?.lower ?? "")) return phrase(from + 2, 4);
  if (lower === "with" && tokens[from + 1]?.lower === "knowledge" && tokens[from + 2]?.lower === "of") return phrase(from + 3, 4);
  if (lower === "on" && tokens[from + 1]?.lower === "both" && /^sides?$/.test(tokens[from + 2]?.lower ?? "")) return from + 3;
  if (/^(for|at|of|to|with|in)$/.test(lower) && tokens[from + 1] && (tokens[from + 1].cap || tokens[from + 1].lower === "the")) return phrase(from + 1, 6);
  return from;
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

function organizationNamed(entities: Entities, name: string): Organization {
  const country = COUNTRIES.get(name.toLowerCase());
  if (country) return entities.organization(country.name, { state: true, ...(isAcronym(name) ? { acronym: name } : {}) });
  if (name in DOTTED_ABBREVIATIONS) return entities.organization(DOTTED_ABBREVIATIONS[name], { acronym: name });
  return entities.knownOrganization(name) ?? (name.split(" ").length === 1 ? entities.organizationByWord(name) : null) ?? entities.organization(name);
}

interface Run {
  first: number;
  last: number;
}

/**
 * A run of capitalized words ("U.S. Secretary of Defense Lloyd Austin", "World Health
 * Organization"), read as [organization or country] [title] [name], or as one organization, place or
 * person. Returns the index after the run.
 */
function properRun(context: Context, i: number, end: number, sentence: Sentence, index: number): number {
  const { tokens } = context;
  let j = i;
  while (j < end) {
    const t = tokens[j];
    if (t.quoted) break;
    if (t.cap && (isWord(t) || isAcronym(t.text))) {
      j++;
      continue;
    }
    const next = tokens[j + 1];
    const nextCap = next !== undefined && j + 1 < end && next.cap && !next.quoted;
    if (j > i && nextCap && PARTICLES.has(t.lower)) {
      j++;
      continue;
    }
    // "Department of Defense", "Ministry of the Interior", "Office for the Coordination of …", "Committee on Plastic Pollution".
    // Inside an organization's name "of" binds after any word: "Office for the Coordination of Humanitarian Affairs".
    const binder = OF_BINDERS.has(tokens[j - 1]?.lower ?? "") || (t.lower === "of" && tokens.slice(i, j).some(isOrganizationHead));
    if (j > i && binder && /^(of|for|on)$/.test(t.lower) && (t.lower === "of" || isOrganizationHead(tokens[j - 1]))) {
      if (nextCap) {
        j++;
        continue;
      }
      if (next?.lower === "the" && tokens[j + 2]?.cap && !tokens[j + 2].quoted && j + 2 < end) {
        j += 2;
        continue;
      }
    }
    if (j > i && (t.lower === "and" || t.text === "&") && nextCap && tokens[j - 1].cap) {
      j++;
      continue;
    }
    break;
  }
  const runEnd = Math.max(j, i + 1);
  for (const run of splitRun(tokens, i, runEnd)) readRun(context, run, sentence, index);
  return runEnd;
}

/** Calendar words and sentence-opening words are not part of a name: "On October 23, John Kirby". */
function splitRun(tokens: Token[], first: number, last: number): Run[] {
  const runs: Run[] = [];
  let start = first;
  for (let k = first; k <= last; k++) {
    const t = tokens[k];
    const breaks = k === last || isCalendar(t) || (k === start && NOT_NAME_WORDS.has(t.text) && !(t.lower in HONORIFICS) && !(t.lower in TITLE_ABBREVIATIONS));
    if (!breaks) continue;
    if (k > start) runs.push({ first: start, last: k });
    start = k + 1;
  }
  // Trailing connectors ("Ukraine and") go back to the sentence.
  return runs
    .map((run) => {
      let last = run.last;
      while (last > run.first && !tokens[last - 1].cap) last--;
      return { first: run.first, last };
    })
    .filter((run) => run.last > run.first);
}

function readRun(context: Context, run: Run, sentence: Sentence, index: number): void {
  const { tokens, entities, body } = context;
  const words = tokens.slice(run.first, run.last);
  const text = body.slice(words[0].start, words[words.length - 1].end);
  const lower = text.toLowerCase();

  // "Claire Duval and Omar Haddad": two names joined, unless a title joins them ("Climate and Energy Minister").
  const and = words.findIndex((w) => w.lower === "and" || w.text === "&");
  if (and > 0 && !words.some((w, k) => k > and && isTitleHead(w)) && !words.some(isOrganizationHead)) {
    readRun(context, { first: run.first, last: run.first + and }, sentence, index);
    readRun(context, { first: run.first + and + 1, last: run.last }, sentence, index);
    return;
  }

  const named = NAMED_INSTITUTIONS[lower];
  if (named === "place") {
    entities.place(text);
    return;
  }
  if (named === "org") {
    add(context, { kind: "organization", first: run.first, last: run.last, organization: entities.organization(text) }, sentence, index);
    return;
  }
  const country = COUNTRIES.get(lower) ?? COUNTRIES.get(lower.replace(/^the /, ""));
  if (country) {
    const acronym = isAcronym(text) ? text : undefined;
    add(context, { kind: "organization", first: run.first, last: run.last, organization: entities.organization(country.name, { state: true, ...(acronym ? { acronym } : {}) }) }, sentence, index);
    return;
  }

  const titled = titledName(context, run);
  if (titled) return void personMention(context, titled, sentence, index);

  // An acronym defined in parentheses: "the World Health Organization (WHO)".
  const defined = acronymAfter(tokens, run.last);
  if (defined) {
    const name = nameBeforeAcronym(context, run, defined);
    const organization = entities.organization(name.text, { acronym: defined });
    add(context, { kind: "organization", first: name.first, last: run.last + 3, organization }, sentence, index);
    return;
  }
  if (words.some(isOrganizationHead) || (words.length === 1 && INSTITUTIONS.has(text)) || (words.length === 1 && isAcronym(text))) {
    if (text in DOTTED_ABBREVIATIONS) {
      add(context, { kind: "organization", first: run.first, last: run.last, organization: entities.organization(DOTTED_ABBREVIATIONS[text], { acronym: text }) }, sentence, index);
      return;
    }
    // "the U.N. Office for …": a country or body in front is part of the name.
    add(context, { kind: "organization", first: run.first, last: run.last, organization: organizationNamed(entities, expandLeadingAbbreviation(text)) }, sentence, index);
    return;
  }
  const before = tokens[run.first - 1];
  const placeContext = before && before.sentence === index && /^(in|at|from|to|near|outside|across|toward|towards|into|of)$/.test(before.lower);
  if (words.length === 1) {
    const people = entities.bySurname(text);
    if (people.length) {
      const honorific = before && before.lower in HONORIFICS ? HONORIFICS[before.lower] : null;
      const fitting = honorific ? people.filter((p) => p.gender === null || p.gender === honorific) : people;
      personMention(context, { run, person: fitting.length === 1 ? fitting[0] : undefined, candidates: fitting.length > 1 ? fitting : undefined }, sentence, index);
      return;
    }
    const organization = entities.organizationByWord(text);
    if (organization) {
      add(context, { kind: "organization", first: run.first, last: run.last, organization }, sentence, index);
      return;
    }
    if (before && before.sentence === index && before.lower === "the" && !isTitleHead(words[0])) {
      add(context, { kind: "organization", first: run.first, last: run.last, organization: organizationNamed(entities, text) }, sentence, index);
      return;
    }
    if (placeContext) entities.place(text);
    return;
  }
  if (placeContext && !GIVEN_NAME_GENDER.has(words[0].lower) && !words.some(isTitleHead)) {
    entities.place(text);
    return;
  }
  // "the Bundesbank", "the Kremlin", "the Golden Boot": a name after "the" is not a person's.
  if (before && before.sentence === index && before.lower === "the") {
    // "the Strategic Communications Coordinator": a title without a name.
    if (words.some(isTitleHead)) return;
    add(context, { kind: "organization", first: run.first, last: run.last, organization: organizationNamed(entities, text) }, sentence, index);
    return;
  }
  // "Coastline Terminals, which operates …": "which" is said of things, not people.
  const relative = tokens[run.last]?.text === "," && tokens[run.last + 1]?.lower === "which";
  if (relative) {
    add(context, { kind: "organization", first: run.first, last: run.last, organization: organizationNamed(entities, text) }, sentence, index);
    return;
  }
  if (words.length <= 4 && words.every(nameLike)) {
    const person = entities.person(words.map((w) => w.text));
    personMention(context, { run, person }, sentence, index);
  }
}

function expandLeadingAbbreviation(text: string): string {
  const first = text.split(" ")[0];
  return first in DOTTED_ABBREVIATIONS ? `${DOTTED_ABBREVIATIONS[first]}${text.slice(first.length)}` : text;
}

function acronymAfter(tokens: Token[], k: number): string | null {
  const open = tokens[k];
  const acronym = tokens[k + 1];
  const close = tokens[k + 2];
  if (open?.text === "(" && acronym && close?.text === ")" && isAcronym(acronym.text)) return acronym.text;
  if (open?.text === "(" && acronym && tokens[k + 2]?.text === "+" && tokens[k + 3]?.text === ")") return `${acronym.text}+`;
  return null;
}

/** The words an acronym stands for may span lowercase joints: "Committee on Plastic Pollution (INC)". */
function nameBeforeAcronym(context: Context, run: Run, acronym: string): { first: number; text: string } {
  const { tokens, body } = context;
  let first = run.first;
  // "the Organization of the Petroleum Exporting Countries" is already one run; walk back over "on"/"of"/"for" joints.
  while (first - 2 >= 0 && /^(on|of|for|and)$/.test(tokens[first - 1].lower) && tokens[first - 2].cap && tokens[first - 2].sentence === tokens[first].sentence) {
    let k = first - 2;
    while (k - 1 >= 0 && tokens[k - 1].cap && tokens[k - 1].sentence === tokens[first].sentence && !NOT_NAME_WORDS.has(tokens[k - 1].text)) k--;
    const initials = tokens.slice(k, run.last).filter((t) => t.cap).map((t) => t.text[0]).join("");
    if (!initials.includes(acronym[0])) break;
    first = k;
  }
  while (first < run.last && NOT_NAME_WORDS.has(tokens[first].text)) first++;
  return { first, text: expandLeadingAbbreviation(body.slice(tokens[first].start, tokens[run.last - 1].end)) };
}

interface Titled {
  run: Run;
  /** Token range of the name within the run. */
  name?: Run;
  person?: Person;
  candidates?: Person[];
  title?: string;
  organizationName?: string;
  gender?: Gender;
}

/**
 * "[U.S.] [Secretary of Defense] [Lloyd Austin]", "[Nordhavn] [Chief Executive] [Erik Lindqvist]",
 * "[Mr.] [Haines]", "[Col.] [Irena Vask]": the rightmost title word after which a name follows.
 */
function titledName(context: Context, run: Run): Titled | null {
  const { tokens, entities, body } = context;
  let first = run.first;
  let honorific: Gender = null;
  let rank: string | null = null;
  while (first < run.last) {
    const lower = tokens[first].lower;
    if (lower in HONORIFICS) honorific = HONORIFICS[lower] ?? honorific;
    else if (lower in TITLE_ABBREVIATIONS) rank = TITLE_ABBREVIATIONS[lower];
    else break;
    first++;
  }
  if (first >= run.last) return null;
  for (let h = run.last - 2; h >= first - 1; h--) {
    let nameStart = h + 1;
    let titleEnd = h + 1;
    if (h >= first) {
      if (!isTitleHead(tokens[h])) continue;
      // "Secretary of Defense", "Minister of Foreign Affairs": the portfolio is the title's.
      const the = tokens[h + 2]?.lower === "the" ? 1 : 0;
      if (tokens[h + 1]?.lower === "of" && h + 2 + the < run.last && PORTFOLIOS.has(tokens[h + 2 + the].lower)) {
        nameStart = h + 3 + the;
        while (nameStart < run.last && /^(affairs|security|services|development|resources|protection)$/.test(tokens[nameStart].lower)) nameStart++;
        titleEnd = nameStart;
      }
    } else if (first === run.first) {
      continue; // no title and no honorific: not a titled name
    }
    const nameWords = tokens.slice(nameStart, run.last);
    if (!nameWords.length || nameWords.length > 4 || !nameWords.every(nameLike) || nameWords.some(isOrganizationHead) || nameWords.some((w) => COUNTRIES.has(w.lower))) continue;
    if (nameWords.some((w) => isTitleHead(w)) && nameWords.length === 1) continue;
    // Walk left over the title's modifiers: "Deputy Foreign Minister", "Assistant U.S. Attorney".
    let titleStart = h >= first ? h : nameStart;
    // "Linden County Councilwoman": "County" ends the place's name, not the title ("County Executive" keeps it).
    const placeNoun = (k: number) => /^(county|city|state|district|province|provincial|municipal|regional|town)$/.test(tokens[k].lower) && k - 1 >= first && tokens[k - 1].cap && !COUNTRIES.has(tokens[k - 1].lower) && !TITLE_MODIFIERS.has(tokens[k - 1].lower);
    const modifies = (k: number) => (TITLE_MODIFIERS.has(tokens[k].lower) || PORTFOLIOS.has(tokens[k].lower) || isTitleHead(tokens[k])) && !placeNoun(k);
    while (titleStart - 1 >= first && (modifies(titleStart - 1) || (tokens[titleStart - 1].lower === "and" && titleStart - 2 >= first && modifies(titleStart - 2)))) titleStart--;
    // A country inside the title stays when a modifier stands before it ("Assistant U.S. Attorney").
    while (titleStart - 2 >= first && COUNTRIES.has(tokens[titleStart - 1].lower) && TITLE_MODIFIERS.has(tokens[titleStart - 2].lower)) titleStart -= 2;
    while (titleStart < h && (tokens[titleStart].lower === "and" || COUNTRIES.has(tokens[titleStart].lower))) titleStart++;
    // "U.S. Attorney", "U.S. Marshal": offices whose name includes the country.
    if (titleStart === h && titleStart - 1 >= first && tokens[titleStart - 1].text === "U.S." && /^(attorney|marshal)$/.test(tokens[h].lower)) titleStart--;
    const title = titleStart < titleEnd ? body.slice(tokens[titleStart].start, tokens[titleEnd - 1].end) : rank;
    const prefix = titleStart > first ? body.slice(tokens[first].start, tokens[titleStart - 1].end) : null;
    const nameRun = { first: nameStart, last: run.last };
    const resolved = resolveName(entities, nameWords.map((w) => w.text), honorific);
    return { run, name: nameRun, ...resolved, ...(title ? { title } : {}), ...(prefix ? { organizationName: prefix } : {}), gender: honorific };
  }
  return null;
}

function resolveName(entities: Entities, words: string[], honorific: Gender): { person?: Person; candidates?: Person[] } {
  if (words.length > 1) return { person: entities.person(words) };
  const people = entities.bySurname(words[0]);
  const fitting = honorific ? people.filter((p) => p.gender === null || p.gender === honorific) : people;
  if (fitting.length === 1) return { person: fitting[0] };
  if (fitting.length > 1) return { candidates: fitting };
  // "President Biden" with no earlier full name: a person known by surname only.
  return { person: entities.person(words) };
}

function personMention(context: Context, titled: Titled, sentence: Sentence, index: number): void {
  const { tokens } = context;
  const person = titled.person;
  if (person) {
    const nameRun = titled.name ?? titled.run;
    const given = tokens[nameRun.first].lower;
    if (!person.genderFirm) {
      const gender = titled.gender ?? (nameRun.last - nameRun.first > 1 ? GIVEN_NAME_GENDER.get(given) ?? null : null);
      if (gender) {
        person.gender = gender;
        person.genderFirm = true;
      }
    }
    if (!person.title || !person.organization) describe(context, person, titled, sentence);
  }
  add(context, { kind: "person", first: titled.run.first, last: titled.run.last, ...(person ? { person } : {}), ...(titled.candidates ? { candidates: titled.candidates } : {}) }, sentence, index);
}

/**
 * The title and organization of a first full mention, from wherever the article gives them:
 * inside the run ("NATO spokesperson" is two runs, "U.S. Secretary of Defense" one), in lowercase
 * before it ("Harrowgate manager Marco Ricci"), or in an apposition after it ("John Kirby, the
 * Strategic Communications Coordinator for the National Security Council,").
 */
function describe(context: Context, person: Person, titled: Titled, sentence: Sentence): void {
  const { tokens, entities } = context;
  let title = titled.title ?? null;
  let organizationName = titled.organizationName ?? null;
  let fromRank = titled.title !== undefined && titled.name !== undefined && tokens[titled.run.first].lower in TITLE_ABBREVIATIONS && titled.name.first === titled.run.first + 1;
  if (!title || fromRank) {
    const before = lowercaseTitleBefore(context, titled.run.first, sentence);
    if (before) {
      title = before.title;
      organizationName = organizationName ?? before.organizationName;
      fromRank = false;
    }
  }
  const after = appositionAfter(context, titled.run.last, sentence);
  if (after && (!title || fromRank || (!organizationName && after.organizationName))) {
    if (!title || fromRank) title = after.title;
    organizationName = organizationName ?? after.organizationName;
  }
  // "the former vice president of revenue": a past post is no affiliation.
  if (title && /^(former|ex-|onetime|retired)\b/i.test(title)) {
    title = null;
    organizationName = null;
  }
  if (title && !person.title) {
    person.title = TITLE_DISPLAY[title.toLowerCase()] ?? (title === title.toLowerCase() ? titleCase(title) : title);
    const gendered = GENDERED_TITLES[title.split(" ").pop()!.toLowerCase()];
    if (gendered && !person.genderFirm) {
      person.gender = gendered;
      person.genderFirm = true;
    }
  }
  if (!person.organization) {
    const organization = organizationOf(context, person.title, organizationName) ?? impliedEmployer(context, person.title);
    if (organization) person.organization = organization;
  }
  void entities;
}

/**
 * A title with no body named: a company officer ("Chief Executive Rachel Kim") works for the
 * company the story is about, the first company acting in it; a mayor in a datelined local story
 * is that town's.
 */
function impliedEmployer(context: Context, title: string | null): Organization | null {
  if (!title) return null;
  if (/\b(chief|ceo|cfo|coo|cto|founder|co-founder)\b|\b(executive|financial|technology|operating) officer\b/i.test(title)) {
    const company = context.mentions.find((m) => m.kind === "organization" && m.subject && m.organization && isCompanyLike(m.organization));
    return company?.organization ?? null;
  }
  if (/^mayor$/i.test(title) && context.datelinePlace) return context.entities.organization(`City of ${context.datelinePlace}`);
  return null;
}

/** "NATO spokesperson", "Lumora's chief technology officer,", "the city's finance director": a lowercase title right before a name. */
function lowercaseTitleBefore(context: Context, at: number, sentence: Sentence): { title: string; organizationName: string | null } | null {
  const { tokens, body } = context;
  let k = at - 1;
  if (tokens[k]?.text === ",") k--;
  const head = tokens[k];
  if (!head || k < sentence.firstToken || head.cap || head.quoted || !isTitleHead(head)) return null;
  let start = k;
  while (start - 1 >= sentence.firstToken && !tokens[start - 1].cap && isWord(tokens[start - 1]) && (TITLE_MODIFIERS.has(tokens[start - 1].lower) || isTitleHead(tokens[start - 1]) || (k - start < 2 && !PREPOSITIONS.has(tokens[start - 1].lower) && !/^(the|a|an|and|of)$/.test(tokens[start - 1].lower)))) start--;
  const title = body.slice(tokens[start].start, head.end);
  const owner = ownerBefore(context, start, sentence);
  return { title, organizationName: owner };
}

/** The organization named just before a title: "NATO", "Lumora's", "the city's", "Ashford City". */
function ownerBefore(context: Context, at: number, sentence: Sentence): string | null {
  const { tokens, body } = context;
  let k = at - 1;
  if (k < sentence.firstToken) return null;
  if (/^[’']s$/.test(tokens[k].text)) k--;
  if (k < sentence.firstToken || !tokens[k]) return null;
  if (!tokens[k].cap) {
    // "the city's finance director": a generic owner, resolved to what the article has named so.
    if (tokens[k - 1]?.lower === "the" && /^[’']s$/.test(tokens[k + 1]?.text ?? "")) return genericOwner(context, tokens[k].lower);
    return null;
  }
  let start = k;
  while (start - 1 >= sentence.firstToken && tokens[start - 1].cap && !NOT_NAME_WORDS.has(tokens[start - 1].text)) start--;
  if (start === k && NOT_NAME_WORDS.has(tokens[k].text)) return null;
  return body.slice(tokens[start].start, tokens[k].end);
}

/** "the county" → the last "… County" the article named; "the city" → the last city, else the dateline town. */
function genericOwner(context: Context, noun: string): string | null {
  const { entities } = context;
  for (let i = entities.organizations.length - 1; i >= 0; i--) {
    const name = entities.organizations[i].name;
    if (name.toLowerCase().split(" ").includes(noun)) return name;
  }
  for (const place of [...entities.places.values()].reverse()) if (place.toLowerCase().split(" ").includes(noun)) return place;
  if ((noun === "city" || noun === "town") && context.datelinePlace) return context.datelinePlace;
  return null;
}

/**
 * ", the Strategic Communications Coordinator for the National Security Council,", ", 56, the former
 * vice president of revenue at Shoreline Health Partners,", ", a lawyer for Haines,", ", the
 * director of the Global Tuberculosis Programme at WHO,", ", the county's elections director,".
 */
function appositionAfter(context: Context, at: number, sentence: Sentence): { title: string; organizationName: string | null } | null {
  const { tokens, body } = context;
  let k = at;
  // "Professor Henrik Lund of the University of Eastbridge": the organization without a title.
  if (tokens[k]?.lower === "of" && k < sentence.lastToken) {
    const organizationName = organizationPhrase(context, k + 1, sentence);
    if (organizationName) return { title: "", organizationName: organizationName.text };
  }
  if (tokens[k]?.text !== ",") return null;
  k++;
  if (/^\d+$/.test(tokens[k]?.text ?? "") && tokens[k + 1]?.text === ",") k += 2;
  let owner: string | null = null;
  if (/^(the|a|an)$/.test(tokens[k]?.lower ?? "")) k++;
  // "NATO's secretary-general", "the city's finance director"
  if (tokens[k + 1] && /^[’']s$/.test(tokens[k + 1].text)) {
    owner = tokens[k].cap ? tokens[k].text : genericOwner(context, tokens[k].lower);
    k += 2;
  } else if (tokens[k]?.cap && !isTitleHead(tokens[k]) && !TITLE_MODIFIERS.has(tokens[k].lower)) {
    // ", a NATO spokesperson," / ", the IEA's": an organization word before the title.
    let e = k;
    while (e < sentence.lastToken && tokens[e].cap && !isTitleHead(tokens[e])) e++;
    if (e > k && tokens[e] && isTitleHead(tokens[e])) {
      owner = body.slice(tokens[k].start, tokens[e - 1].end);
      k = e;
    }
  }
  const titleStart = k;
  let head = -1;
  while (k < sentence.lastToken && k - titleStart < 7) {
    const t = tokens[k];
    if (!isWord(t) || t.quoted) break;
    if (isTitleHead(t)) head = k;
    else if (head >= 0) break;
    else if (t.cap && !TITLE_MODIFIERS.has(t.lower)) break;
    else if (PREPOSITIONS.has(t.lower) || /^(and|who|whose|which|the)$/.test(t.lower)) break;
    k++;
  }
  if (head < 0) return null;
  let titleEnd = head + 1;
  let organizationName = owner;
  // "head of the oil industry and markets division at the IEA": the division is the title's, the IEA the organization.
  const of = tokens[titleEnd];
  if (of?.lower === "of" || of?.lower === "for" || of?.lower === "at" || of?.lower === "with") {
    const phrase = organizationPhrase(context, titleEnd + 1, sentence);
    const lowercaseDivision = !phrase && of.lower === "of" ? lowercasePhrase(tokens, titleEnd + 1, sentence) : null;
    const nextAt = (phrase ?? lowercaseDivision)?.last ?? -1;
    const then = tokens[nextAt];
    if ((phrase || lowercaseDivision) && of.lower === "of" && then && (then.lower === "at" || then.lower === "with" || then.lower === "for")) {
      const outer = organizationPhrase(context, nextAt + 1, sentence);
      if (outer) {
        titleEnd = nextAt;
        organizationName = outer.text;
      }
    } else if (phrase) {
      organizationName = phrase.text;
    } else if (lowercaseDivision) {
      titleEnd = lowercaseDivision.last;
    }
  }
  const title = body.slice(tokens[titleStart].start, tokens[titleEnd - 1].end);
  return { title: title === title.toLowerCase() ? titleCase(title) : titleCase(title), organizationName };
}

function lowercasePhrase(tokens: Token[], from: number, sentence: Sentence): { last: number } | null {
  let k = from;
  if (tokens[k]?.lower === "the") k++;
  const start = k;
  while (k < sentence.lastToken && isWord(tokens[k]) && !tokens[k].cap && !/^(at|with|who|which|said|told)$/.test(tokens[k].lower)) k++;
  return k > start ? { last: k } : null;
}

/** "(the) National Security Council", "WHO", "the Bayhaven Port Authority", "Veloria's Defense Ministry". */
function organizationPhrase(context: Context, from: number, sentence: Sentence): { text: string; last: number } | null {
  const { tokens, body, entities } = context;
  let k = from;
  if (tokens[k]?.lower === "the") k++;
  // "the opposition Free Citizens' Party", "the ruling Labour Party": a lowercase adjective or two first.
  for (let skip = 0; skip < 2 && tokens[k] && !tokens[k].cap && /^\p{Ll}+$/u.test(tokens[k].text) && !PREPOSITIONS.has(tokens[k].lower) && tokens[k + 1]?.cap; skip++) k++;
  if (k > from + 1 && !tokens[k]?.cap) k = from;
  const start = k;
  while (
    k < sentence.lastToken &&
    !tokens[k].quoted &&
    (tokens[k].cap || (k > start && /^(of|for|on|the|and|&)$/.test(tokens[k].lower) && tokens[k + 1]?.cap) || (k > start && /^[’']$/.test(tokens[k].text) && tokens[k - 1].text.endsWith("s") && tokens[k + 1]?.cap))
  )
    k++;
  // "Veloria's Defense Ministry"
  if (k > start && /^[’']s$/.test(tokens[k]?.text ?? "") && tokens[k + 1]?.cap) {
    k++;
    while (k < sentence.lastToken && tokens[k] && (tokens[k].cap || /^[’']s$/.test(tokens[k].text))) k++;
  }
  if (k === start) return null;
  while (k > start && !tokens[k - 1].cap) k--;
  // "Local 17", "Group of 20": a number ends a name.
  if (/^\d+$/.test(tokens[k]?.text ?? "") && !tokens[k + 1]?.cap) k++;
  const words = tokens.slice(start, k);
  // A person ("a lawyer for Haines") is not an organization.
  if (words.length === 1 && entities.bySurname(words[0].text).length) return null;
  if (words.length >= 2 && words.length <= 3 && words.every(nameLike) && GIVEN_NAME_GENDER.has(words[0].lower) && !words.some(isOrganizationHead)) return null;
  let text = body.slice(tokens[start].start, tokens[k - 1].end);
  const acronym = acronymAfter(tokens, k);
  if (acronym) {
    entities.organization(expandLeadingAbbreviation(text), { acronym });
    k += 3;
  }
  text = expandLeadingAbbreviation(text);
  return { text, last: k };
}

/**
 * The organization a person speaks for, from the words the article gives: a named body, a
 * country ("Brazilian" → Brazil), or the body a cabinet title implies ("Secretary of Defense" →
 * Department of Defense; "Finance Minister" → Ministry of Finance).
 */
function organizationOf(context: Context, title: string | null, named: string | null): Organization | null {
  const { entities } = context;
  const country = named ? COUNTRIES.get(named.toLowerCase()) : undefined;
  const demonym = named && !country && /^\p{Lu}\p{Ll}+(?:ian|ean|an|ese|ish|i)$/u.test(named) ? named : null;
  const department = title ? impliedBody(title, country ?? null, demonym) : null;
  if (department) return entities.organization(department);
  if (country) return entities.organization(country.name, { state: true });
  if (named) {
    const possessive = /^(.+?)[’']s (.+)$/u.exec(named);
    const name = possessive ? `${possessive[1]} ${possessive[2]}` : named;
    return organizationNamed(entities, name);
  }
  return null;
}

function impliedBody(title: string, country: { name: string; forms: string[] } | null, demonym: string | null): string | null {
  const secretary = /\bSecretary of (\p{Lu}[\p{L} ]*)$/u.exec(title);
  if (secretary && (country?.name === "United States" || !country)) return `${country ? "United States " : ""}Department of ${secretary[1]}`;
  const minister = /^(?:Deputy )?(\p{Lu}[\p{L} ]*?) Minister$/u.exec(title) ?? /^Minister (?:of|for) (\p{Lu}[\p{L} ]*)$/u.exec(title);
  if (minister && !/^(Prime|First|Chief)\b/.test(minister[1])) {
    const portfolio = minister[1] === "Foreign" ? "Foreign Affairs" : minister[1];
    const adjective = demonym ?? (country ? country.forms[1] ?? country.name : null);
    return `${adjective ? `${adjective} ` : ""}Ministry of ${portfolio}`;
  }
  if (/^(?:Assistant )?U\.S\. Attorney$/.test(title)) return "United States Attorney's Office";
  if (/District Judge$/.test(title) && country?.name === "United States") return "United States District Court";
  return null;
}

/** Organizations as speakers, for "the company said": a body named in subject position that is not a government body. */
export function isCompanyLike(organization: Organization): boolean {
  if (organization.state || organization.acronym) return false;
  return !organization.name.toLowerCase().split(" ").some((word) => PUBLIC_HEADS.has(word));
}
