import type { Entities, Organization, Person } from "./entities";
import { COUNTRIES, DOTTED_ABBREVIATIONS, GENDERED_TITLES, ORGANIZATION_HEADS, GIVEN_NAME_GENDER, NOT_NAME_WORDS, TITLE_ABBREVIATIONS, TITLE_MODIFIERS } from "./lexicon";
import type { Context, Titled } from "./scan";
import type { Sentence, Token } from "./segment";
import { acronymAfter, expandLeadingAbbreviation, isAcronym, isOrganizationHead, isTitleHead, isWord, nameLike, PREPOSITIONS, PUBLIC_HEADS, TITLE_DISPLAY, titleCase } from "./words";

/**
 * The title and organization a person speaks for, from the words around their first full mention,
 * and the organizations those words name.
 */

/** An organization by the name the text gives: a country ("U.S."), a dotted abbreviation ("U.N."), one already met ("WHO"), else a new one. */
export function organizationNamed(entities: Entities, name: string): Organization {
  const country = COUNTRIES.get(name.toLowerCase());
  if (country) return entities.organization(country.name, { state: true, ...(isAcronym(name) ? { acronym: name } : {}) });
  if (name in DOTTED_ABBREVIATIONS) return entities.organization(DOTTED_ABBREVIATIONS[name], { acronym: name });
  return entities.knownOrganization(name) ?? (name.split(" ").length === 1 ? entities.organizationByWord(name) : null) ?? entities.organization(name);
}

/**
 * The title and organization of a first full mention, from wherever the article gives them:
 * inside the run ("NATO spokesperson" is two runs, "U.S. Secretary of Defense" one), in lowercase
 * before it ("Harrowgate manager Marco Ricci"), or in an apposition after it ("John Kirby, the
 * Strategic Communications Coordinator for the National Security Council,").
 */
export function describe(context: Context, person: Person, titled: Titled, sentence: Sentence): void {
  const { tokens } = context;
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
  // "the former 800m runner Rhona Blake, now an anti-doping campaigner,": the present post wins over a past one.
  const past = (t: string | null) => t !== null && /^(former|ex-|onetime|retired)\b/i.test(t);
  if (after && past(title) && after.title && !past(after.title)) {
    title = after.title;
    organizationName = after.organizationName;
  }
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
  // "the former 800m runner": a past post, though a number stands between "former" and the title.
  let lead = start - 1;
  while (lead > start - 3 && lead >= sentence.firstToken && /^\d/.test(tokens[lead].text)) lead--;
  if (lead < start - 1 && lead >= sentence.firstToken && /^(former|ex-|onetime|retired)$/.test(tokens[lead].lower)) start = lead;
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
export function genericOwner(context: Context, noun: string): string | null {
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
  // ", now an anti-doping campaigner,": the present post.
  if (/^(now|currently)$/.test(tokens[k]?.lower ?? "") && /^(the|a|an)$/.test(tokens[k + 1]?.lower ?? "")) k++;
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
    else if (PREPOSITIONS.has(t.lower) || /^(and|who|whose|which|the|a|an)$/.test(t.lower)) break;
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
    // "Laurac president" after "Olympique Laurac": the body by the last word of its name.
    const byLast = !name.includes(" ") && !entities.knownOrganization(name) && !entities.organizationByWord(name) ? entities.organizationByLastWord(name, (w) => ORGANIZATION_HEADS.has(w.toLowerCase())) : null;
    if (byLast) return byLast;
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
