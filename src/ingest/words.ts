import { DOTTED_ABBREVIATIONS, MONTHS, NOT_NAME_WORDS, ORGANIZATION_HEADS, TITLE_HEADS, WEEKDAYS } from "./lexicon";
import type { Token } from "./segment";

/**
 * What a single word is, in news style: a title word, an organization's head noun, a calendar
 * word, a possible part of a name. Shared by the readers of mentions, names and affiliations.
 */
export const PARTICLES = new Set(["de", "da", "van", "von", "der", "den", "bin", "bint", "ibn", "al", "el", "la", "le", "du", "dos", "di", "del", "della", "ter"]);
export const OF_BINDERS = new Set([...ORGANIZATION_HEADS, ...TITLE_HEADS, "republic", "kingdom", "state", "states", "city", "county", "district", "port", "province", "isle", "bay", "gulf", "people"]);
export const PREPOSITIONS = new Set(["of", "for", "with", "by", "to", "from", "against", "about", "at", "on", "in", "into", "after", "before", "between", "among", "over", "under", "behind", "toward", "towards", "than", "like", "as", "near", "via", "without", "through", "during"]);
export const DETERMINERS = new Set(["a", "an", "one", "two", "three", "four", "five", "six", "several", "some", "many", "other", "few", "more"]);
/** Organization roles: "the company said" speaks for the company the article is about. */
export const ORGANIZATION_ROLES = new Set(["company", "firm", "agency", "ministry", "department", "council", "committee", "commission", "organization", "organisation", "group", "bank", "government", "alliance", "office", "court", "union", "authority", "port", "club", "team", "administration", "statement", "report"]);
/** Organizations that are governments or their bodies: never "the company". */
export const PUBLIC_HEADS = new Set(["ministry", "department", "agency", "commission", "council", "committee", "court", "parliament", "senate", "congress", "government", "office", "administration", "bureau", "service", "assembly", "authority", "programme", "program", "organization", "organisation", "union", "nations", "police", "army", "forces", "reserve", "bank"]);
/** Title words that mean the same office, for "the spokesperson said" after "a spokeswoman for". */
export const TITLE_SYNONYMS: Record<string, string> = { spokesman: "spokesperson", spokeswoman: "spokesperson", spox: "spokesperson", boss: "manager", chairman: "chair", chairwoman: "chair", chairperson: "chair", advisor: "adviser" };
export const NOT_NAME_LOWER = new Set([...NOT_NAME_WORDS].map((word) => word.toLowerCase()));
export const SPORTS_HEADS = new Set(["fc", "united", "athletic", "rovers", "wanderers", "women", "city"]);

/** Titles as a record would hold them: British sports desks' "boss" is the manager. */
export const TITLE_DISPLAY: Record<string, string> = { boss: "Manager", spox: "Spokesperson", "team boss": "Manager" };

export function canonicalTitleWord(word: string): string {
  const lower = word.toLowerCase();
  return TITLE_SYNONYMS[lower] ?? lower;
}

export const isWord = (t: Token | undefined): boolean => t !== undefined && /^\p{L}/u.test(t.text);
export const isAcronym = (text: string): boolean => /^(?:\p{Lu}\.){2,}$|^\p{Lu}[\p{Lu}\d]{1,6}$/u.test(text);
/** "Boston-based" is an adjective, "Jean-Pierre" a name. */
export const nameLike = (t: Token): boolean => t.cap && !t.quoted && /^\p{Lu}[\p{L}\p{M}’'.]*(?:-\p{Lu}[\p{L}\p{M}’'.]*)*$/u.test(t.text) && !NOT_NAME_WORDS.has(t.text);
export const isCalendar = (t: Token): boolean => MONTHS.includes(t.lower.replace(/\.$/, "")) || WEEKDAYS.includes(t.lower) || /^(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$/.test(t.lower);
export const isTitleHead = (t: Token): boolean => TITLE_HEADS.has(t.lower) || (t.lower.includes("-") && t.lower.split("-").some((part) => TITLE_HEADS.has(part)));
/** Trade-name compounds on a business noun: "Freightways", "Skylines", "Ironworks", "Medtech". */
const BUSINESS_COMPOUND = /^\p{L}{3,}(?:ways|lines|works|tech)$/u;
export const isOrganizationHead = (t: Token): boolean => ORGANIZATION_HEADS.has(t.lower) || SPORTS_HEADS.has(t.lower) || (t.cap && BUSINESS_COMPOUND.test(t.lower));

export function titleCase(words: string): string {
  return words
    .split(" ")
    .map((word, i) => (i > 0 && /^(of|for|the|and|at|on|in)$/.test(word) ? word : /^\p{Ll}/u.test(word) ? word[0].toUpperCase() + word.slice(1) : word))
    .join(" ");
}

export function expandLeadingAbbreviation(text: string): string {
  const first = text.split(" ")[0];
  return first in DOTTED_ABBREVIATIONS ? `${DOTTED_ABBREVIATIONS[first]}${text.slice(first.length)}` : text;
}

export function acronymAfter(tokens: Token[], k: number): string | null {
  const open = tokens[k];
  const acronym = tokens[k + 1];
  const close = tokens[k + 2];
  if (open?.text === "(" && acronym && close?.text === ")" && isAcronym(acronym.text)) return acronym.text;
  if (open?.text === "(" && acronym && tokens[k + 2]?.text === "+" && tokens[k + 3]?.text === ")") return `${acronym.text}+`;
  return null;
}
