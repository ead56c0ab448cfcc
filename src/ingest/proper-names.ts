import type { Entities, Gender, Person } from "./entities";
import { COUNTRIES, DOTTED_ABBREVIATIONS, GIVEN_NAME_GENDER, HONORIFICS, INSTITUTIONS, NAMED_INSTITUTIONS, NOT_NAME_WORDS, ORGANIZATION_HEADS, PORTFOLIOS, TITLE_ABBREVIATIONS, TITLE_MODIFIERS } from "./lexicon";
import { describe, organizationNamed } from "./affiliations";
import { speechVerb } from "./speech";
import { add, type Context, type Run, type Titled } from "./scan";
import type { Sentence, Token } from "./segment";
import { acronymAfter, expandLeadingAbbreviation, isAcronym, isCalendar, isOrganizationHead, isTitleHead, isWord, nameLike, OF_BINDERS, PARTICLES } from "./words";

/**
 * Runs of capitalized words ("U.S. Secretary of Defense Lloyd Austin", "World Health Organization
 * (WHO)", "Brazilian Environment Minister Paulo Andrade"), read as [organization or country]
 * [title] [name], or as one organization, place or person.
 */

/**
 * A run of capitalized words ("U.S. Secretary of Defense Lloyd Austin", "World Health
 * Organization"), read as [organization or country] [title] [name], or as one organization, place or
 * person. Returns the index after the run.
 */
export function properRun(context: Context, i: number, end: number, sentence: Sentence, index: number): number {
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

  // "Claire Duval and Omar Haddad", "Mayor Ana Ruiz and Councilman Ted Park": two mentions joined;
  // but "Danish Climate and Energy Minister" is one title, and "Department of Housing and Urban Development" one name.
  const and = words.findIndex((w) => w.lower === "and" || w.text === "&");
  const portfolio = (w: Token) => PORTFOLIOS.has(w.lower) || TITLE_MODIFIERS.has(w.lower) || COUNTRIES.has(w.lower);
  const joinsTitle = and > 0 && words.slice(0, and).every(portfolio) && words.slice(and + 1).some(isTitleHead);
  if (and > 0 && !joinsTitle && !words.some(isOrganizationHead)) {
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
    // "The Romanian said", "the Briton added": a nationality used as a noun is an epithet for a
    // person already in the story, read like a pronoun (the nearest subject; abstains when two fit).
    const previous = tokens[run.first - 1];
    const next = tokens[run.last];
    if (run.last - run.first === 1 && text !== country.name && !isAcronym(text) && previous?.lower === "the" && previous.sentence === index && next && !next.cap && (!!speechVerb(tokens, run.last) || /^(,|who|had|has|was|is)$/.test(next.lower))) {
      add(context, { kind: "pronoun", first: run.first - 1, last: run.last }, sentence, index);
      return;
    }
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
  // "Olympique Laurac have signed …": a name that takes a plural verb is a team or a body (British style), not a person.
  if (/^(have|are|were)$/.test(tokens[run.last]?.lower ?? "") && tokens[run.last].sentence === index && !(before && before.sentence === index && /^(and|&|,)$/.test(before.lower)) && words.every(nameLike) && !entities.bySurname(text).length) {
    add(context, { kind: "organization", first: run.first, last: run.last, organization: organizationNamed(entities, text) }, sentence, index);
    return;
  }
  const placeContext = before && before.sentence === index && /^(in|at|from|to|near|outside|across|toward|towards|into|of)$/.test(before.lower);
  // "ship-tracking firm MarineLane", "data company Kpler": a name right after a lowercase business noun is the business's.
  if (before && before.sentence === index && !before.cap && BUSINESS_NOUN.test(before.lower) && !words.some(isTitleHead) && !entities.bySurname(words[words.length - 1].text).length) {
    add(context, { kind: "organization", first: run.first, last: run.last, organization: organizationNamed(entities, text) }, sentence, index);
    return;
  }
  // "Lyrae Imaging, a Singapore-based firm that …": an apposition that calls the name a business.
  if (businessApposition(tokens, run.last, index) && !words.some(isTitleHead) && !entities.bySurname(words[words.length - 1].text).length && !GIVEN_NAME_GENDER.has(words[0].lower)) {
    add(context, { kind: "organization", first: run.first, last: run.last, organization: organizationNamed(entities, text) }, sentence, index);
    return;
  }
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
    if (placeContext) {
      entities.place(text);
      return;
    }
    // "Zelenskyy, speaking in his nightly address, urged …", "Zelenskyy said": someone the article
    // names by one name only. Proposed as such, and a candidate for later pronouns.
    if (speaksNext(tokens, run.last, sentence) && nameLike(words[0]) && !entities.places.has(text.toLowerCase()) && !isAcronym(text)) {
      // "Laurac announced …" after "Olympique Laurac": the body, by the last word of its name.
      const body = entities.organizationByLastWord(text, (w) => ORGANIZATION_HEADS.has(w.toLowerCase()));
      if (body) return void add(context, { kind: "organization", first: run.first, last: run.last, organization: body }, sentence, index);
      personMention(context, { run, person: entities.person([text]) }, sentence, index);
    }
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

/** ", a Singapore-based firm", ", an Oslo insurer": the words after a name set it among businesses (a few modifiers, then the noun). */
function businessApposition(tokens: Token[], at: number, index: number): boolean {
  if (tokens[at]?.text !== "," || !/^(a|an)$/.test(tokens[at + 1]?.lower ?? "")) return false;
  for (let k = at + 2; k < at + 7 && k < tokens.length && tokens[k].sentence === index; k++) {
    const t = tokens[k];
    if (BUSINESS_NOUN.test(t.lower)) return true;
    if (t.quoted || /^(,|of|who|which|that|and|the)$/.test(t.lower)) return false;
  }
  return false;
}

/** The run is followed by a verb of saying, maybe after an apposition: "X said", "X, who …, said", "X, speaking …". */
function speaksNext(tokens: Token[], at: number, sentence: Sentence): boolean {
  let k = at;
  if (tokens[k]?.text === ",") {
    if (/^(speaking|who|writing|asked|interviewed)$/.test(tokens[k + 1]?.lower ?? "")) return true;
    return false;
  }
  while (k < sentence.lastToken && /^(also|later|then|again|had|has|did)$/.test(tokens[k].lower)) k++;
  const t = tokens[k];
  return !!t && k < sentence.lastToken && /^(said|says|told|added|noted|warned|wrote|stated|insisted|argued|explained|replied|asked|urged|announced)$/.test(t.lower);
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


/** Lowercase nouns of a business's kind, which stand right before its name ("analytics firm Kpler"). */
const BUSINESS_NOUN = /^(firm|company|consultancy|startup|start-up|carrier|insurer|reinsurer|lender|retailer|broker|brokerage|airline|provider|maker|manufacturer|developer|operator|conglomerate|miner|shipper|publisher|broadcaster|outlet|newspaper|website|app|platform)$/;

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
    // "Det Ch Insp": a compound rank spelled out whole ("Detective Chief Inspector").
    else if (lower in TITLE_ABBREVIATIONS) rank = rank ? `${rank} ${TITLE_ABBREVIATIONS[lower]}` : TITLE_ABBREVIATIONS[lower];
    else break;
    first++;
  }
  if (first >= run.last) return null;
  for (let h = run.last - 2; h >= first - 1; h--) {
    let nameStart = h + 1;
    let titleEnd = h + 1;
    if (h >= first) {
      // "State Rep. Paul Okerlund": an abbreviated rank after modifiers heads the title as well.
      const abbreviated = h > first && tokens[h].lower in TITLE_ABBREVIATIONS;
      if (!isTitleHead(tokens[h]) && !abbreviated) continue;
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
    const title = titleStart < titleEnd ? expandRanks(tokens, body, titleStart, titleEnd) : rank;
    const prefix = titleStart > first ? body.slice(tokens[first].start, tokens[titleStart - 1].end) : null;
    const nameRun = { first: nameStart, last: run.last };
    const resolved = resolveName(entities, nameWords.map((w) => w.text), honorific);
    return { run, name: nameRun, ...resolved, ...(title ? { title } : {}), ...(prefix ? { organizationName: prefix } : {}), gender: honorific };
  }
  return null;
}

/** The title's words as written, an abbreviated rank spelled out: "State Rep." → "State Representative". */
function expandRanks(tokens: Token[], body: string, from: number, to: number): string {
  if (!tokens.slice(from, to).some((t) => t.lower in TITLE_ABBREVIATIONS)) return body.slice(tokens[from].start, tokens[to - 1].end);
  return tokens.slice(from, to).map((t) => TITLE_ABBREVIATIONS[t.lower] ?? t.text).join(" ");
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
  // "the EU's chief negotiator, Sabine Korff,": the title phrase before the comma is this person's, and one mention with the name.
  const apposition = context.apposition && context.apposition.nameAt === titled.run.first && titled.run.last - (titled.name ?? titled.run).first > 1 ? context.apposition : undefined;
  context.apposition = undefined;
  if (apposition && !titled.title) {
    titled.title = apposition.title;
    if (apposition.organizationName && !titled.organizationName) titled.organizationName = apposition.organizationName;
  }
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
  add(context, { kind: "person", first: apposition?.first ?? titled.run.first, last: titled.run.last, ...(person ? { person } : {}), ...(titled.candidates ? { candidates: titled.candidates } : {}) }, sentence, index);
}
