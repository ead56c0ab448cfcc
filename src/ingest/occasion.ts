import { type Draft, fromSource, type Occasion } from "./drafts";
import { findLast } from "./lists";
import type { Entities } from "./entities";
import { COUNTRIES, ORGANIZATION_HEADS, SPEECH_VERBS } from "./lexicon";
import { namedDay, type NamedDay } from "./dates";
import type { Resolver } from "./resolve";
import type { Sentence, Token } from "./segment";
import type { Grammar } from "./speech";

export type { Occasion } from "./drafts";

/**
 * The occasion of a statement — when and where it was made — read from the attribution's own
 * words, never from the reported clause ("said the troops arrived on Monday" names the troops' day,
 * not the statement's). A statement whose attribution says nothing continues its source's last
 * occasion; a new one (a day, a place, a written statement, a phone call) replaces it, and what it
 * does not state is unknown. "On the same day", "on the same call" and "at the hearing" refer back.
 */
export interface OccasionClues {
  day: NamedDay | null;
  place: string | null;
  /** Words that make it a new occasion even without a day or place ("in a statement", "by phone"). */
  medium: boolean;
  settings: string[];
  /** "at the hearing" / "after the vote": a setting named before. */
  backReference: string | null;
  /** The back-reference gives the day only ("after the hearing", somewhere else). */
  dayOnly: boolean;
}

const SETTINGS = new Set(["hearing", "vote", "briefing", "conference", "meeting", "call", "debate", "speech", "address", "rally", "interview", "summit", "session", "trial", "event"]);
const MEDIUM = /^(statement|memorandum|memo|post|letter|email|e-mail|report|phone|interview|address|speech|tweet|release|filing)$/;

export function readClues(tokens: Token[], published: string | null, entities: Entities): OccasionClues {
  const day = namedDay(tokens, published);
  let place: string | null = null;
  const settings: string[] = [];
  let backReference: string | null = null;
  let dayOnly = false;
  let medium = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (SETTINGS.has(t.lower)) {
      settings.push(t.lower);
      const before = tokens[i - 1]?.lower;
      const after = tokens[i + 1];
      // "at the hearing", "on the same call" refer back; "the conference hall" is another place.
      const compound = after !== undefined && /^\p{Ll}+$/u.test(after.text) && !/^(that|on|in|at|and|or|with|for|to|of|after|before|when)$/.test(after.lower);
      if ((before === "the" || before === "same" || before === "that") && !compound && !backReference) {
        backReference = t.lower;
        // "after the hearing" keeps its day, not its place; "at the hearing" keeps both.
        const preposition = tokens[i - 2]?.lower === "the" || tokens[i - 2]?.lower === "same" ? tokens[i - 3]?.lower : tokens[i - 2]?.lower;
        dayOnly = preposition === "after" || preposition === "before" || preposition === "since";
      }
    }
    if (MEDIUM.test(t.lower) && !t.cap) medium = true;
    if (t.lower === "in" && !place && occasionBefore(tokens, i)) place = placeAfter(tokens, i + 1, entities);
  }
  return { day, place, medium, settings, backReference, dayOnly };
}

const LISTENERS = /^(reporters|journalists|supporters|strikers|lawmakers|analysts|crowd|audience|members|delegates|students|workers|voters|residents|parliament|congress|senators|investors|press|media)$/;

/**
 * "in X" names the occasion's town only after the occasion: a verb of saying ("said in Rome"), a
 * listener ("told reporters in Kesta"), a setting ("a briefing in Port Carver"), or "at/outside …"
 * ("at a brewery in downtown Linden"); not after a body ("the NWS office in Charleston").
 */
function occasionBefore(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1];
  if (!before) return false;
  if (ORGANIZATION_HEADS.has(before.lower) || /^(headquarters|hq|branch|plant|factory)$/.test(before.lower)) return false;
  if (SPEECH_VERBS.has(before.lower) || LISTENERS.test(before.lower) || SETTINGS.has(before.lower) || /^speaking$/.test(before.lower)) return true;
  for (let k = i - 1; k >= 0 && k >= i - 6; k--) if (/^(at|outside|during|from)$/.test(tokens[k].lower)) return true;
  return false;
}

/** "in Rome", "in downtown Linden", "in San Jose, California" → the town as written. */
function placeAfter(tokens: Token[], from: number, entities: Entities): string | null {
  let k = from;
  if (tokens[k]?.lower === "downtown" || tokens[k]?.lower === "central") k++;
  const start = k;
  while (k < tokens.length && tokens[k].cap && /^\p{Lu}[\p{L}\p{M}.’'-]*$/u.test(tokens[k].text) && tokens[k].end - tokens[start].start < 40 && (k === start || tokens[k].start - tokens[k - 1].end <= 1)) k++;
  if (k === start) return null;
  // "In Port Carver's low-lying Eastside neighborhood": a possessive names the setting's owner, not the place.
  if (/^[’']s$/.test(tokens[k]?.text ?? "")) return null;
  const words = tokens.slice(start, k).map((t) => t.text);
  const name = words.join(" ");
  if (COUNTRIES.has(name.toLowerCase()) || entities.knownOrganization(name) || /^(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(words[0])) return null;
  return name;
}

/**
 * Day and place of each statement's occasion, in text order: its own attribution's words; else
 * those of the sentence earlier in its paragraph that introduces the same source; else its
 * source's previous occasion.
 */
export function assignOccasions(drafts: Draft[], sentences: Sentence[], tokens: Token[], grammar: Grammar, resolver: Resolver, published: string | null, entities: Entities): void {
  const last = new Map<string, Occasion>();
  const history: Occasion[] = [];
  const bySentence = new Map<number, Draft>();
  for (const draft of drafts) if (!bySentence.has(draft.sentence)) bySentence.set(draft.sentence, draft);
  for (const draft of drafts) {
    const cluesOf = (words: Token[]) => {
      let clues = readClues(words, published, entities);
      // A statement of unspecified medium ("In a statement, Kirby indicated") is no new occasion.
      if (draft.rule.includes("medium-unspecified")) clues = { ...clues, medium: false };
      // "Shortly after Austin's remarks": the day of that person's last occasion.
      const after = afterRemarks(words, grammar, resolver);
      const theirs = after ? last.get(after) : undefined;
      if (theirs?.statedOn && !clues.day) clues = { ...clues, day: { value: theirs.statedOn, precision: theirs.precision ?? "DAY" } };
      return clues;
    };
    let clues = cluesOf(draft.context);
    let stated = clues.day !== null || clues.place !== null || clues.medium || clues.backReference !== null;
    if (!stated && draft.sourceKey) {
      // "Reached by phone on Wednesday, Mendes rejected … . “…,” she said."
      const paragraph = sentences[draft.sentence].paragraph;
      for (let s = draft.sentence - 1; s >= 0 && sentences[s].paragraph === paragraph && !stated; s--) {
        if (!introduces(sentences[s], grammar, resolver, draft.sourceKey)) continue;
        // The introducing sentence's own attribution words, not what it reports.
        const own = bySentence.get(s);
        const words = own ? own.context : attributionWords(tokens.slice(sentences[s].firstToken, sentences[s].lastToken));
        clues = cluesOf(words);
        stated = clues.day !== null || clues.place !== null || clues.medium || clues.backReference !== null;
      }
    }
    let occasion: Occasion | null;
    if (clues.day?.sameAsBefore) {
      const before = history[history.length - 1];
      occasion = { statedOn: before?.statedOn ?? null, precision: before?.precision ?? null, place: clues.place ?? (clues.day && /call/.test(clues.settings.join(" ")) ? before?.place ?? null : null), settings: clues.settings };
    } else if (stated) {
      const referenced = clues.backReference ? findLast(history, (o) => o.settings.includes(clues.backReference!)) : undefined;
      occasion = {
        statedOn: clues.day?.value ?? referenced?.statedOn ?? null,
        precision: clues.day?.value ? clues.day.precision : referenced?.precision ?? null,
        place: clues.place ?? (clues.dayOnly ? null : referenced?.place ?? null),
        settings: clues.settings,
      };
    } else {
      occasion = draft.sourceKey ? last.get(draft.sourceKey) ?? null : null;
    }
    draft.occasion = occasion;
    if (occasion) history.push(occasion);
    if (draft.sourceKey && occasion) last.set(draft.sourceKey, occasion);
    // A spokesperson's occasion is their body's too: "NATO also announced …" after NATO's spokesperson spoke.
    if (draft.person?.organization && occasion) last.set(`organization:${draft.person.organization.id}`, occasion);
  }
}

/** A sentence's words up to its first verb of saying: "Reached by phone on Wednesday, Mendes rejected …" whole; "Liu warned that …" stops at the verb. */
function attributionWords(words: Token[]): Token[] {
  const unquoted = words.filter((t) => !t.quoted);
  const verb = unquoted.findIndex((t, i) => i > 0 && SPEECH_VERBS.has(t.lower) && !t.cap);
  return verb >= 0 ? unquoted.slice(0, verb + 1) : unquoted;
}

/** "after Austin's remarks", "following Kirby's comments": the key of the person referred to. */
function afterRemarks(context: Token[], grammar: Grammar, resolver: Resolver): string | null {
  for (let i = 0; i + 3 < context.length; i++) {
    if (!/^(after|following)$/.test(context[i].lower) || !/^[’']s$/.test(context[i + 2].text) || !/^(remarks|comments|statement|speech|briefing|testimony)$/.test(context[i + 3].lower)) continue;
    const index = grammar.tokens.indexOf(context[i + 1]);
    const mention = grammar.mentionEndingAt.get(index + 1);
    const source = mention ? fromSource(resolver.resolve(mention)) : null;
    if (source?.sourceKey) return source.sourceKey;
  }
  return null;
}

function introduces(sentence: Sentence, grammar: Grammar, resolver: Resolver, sourceKey: string): boolean {
  for (let k = sentence.firstToken; k < sentence.lastToken; k++) {
    const mention = grammar.mentionStartingAt.get(k);
    if (!mention || !mention.subject) continue;
    const source = fromSource(resolver.resolve(mention));
    if (source.sourceKey === sourceKey) return true;
  }
  return false;
}
