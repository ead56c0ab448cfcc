import type { Entities, Gender, Organization, Person } from "./entities";
import type { Sentence, Token } from "./segment";
import { PREPOSITIONS } from "./words";

/** Words that open a clause before the subject: "Asked about …,", "Speaking …,", "When …,". */
const FRONTING = /^(asked|speaking|when|after|before|although|though|while|if|once|since|because|as|reached|interviewed|pressed)$/;

/**
 * A mention is a stretch of the reporter's words that points at a possible source: a person (a
 * name, with its title), a pronoun, a role ("the mayor"), an unnamed source ("a senior official")
 * or an organization. The scan in mentions.ts records them in text order, with the shared state it
 * needs (Context); this module holds only those types, so the readers do not import each other.
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
  /** Comes right after a fronted clause: "Asked whether he would run, [Park] said". */
  fronted?: boolean;
}

export interface Context {
  body: string;
  tokens: Token[];
  sentences: Sentence[];
  entities: Entities;
  mentions: Mention[];
  /** The dateline's town, for "the city's finance director" when the city is not otherwise named. */
  datelinePlace: string | null;
  /** "The CQC's chief inspector, Prof Jane Doe,": a title in apposition before the name it describes. */
  apposition?: Apposition;
}

/** A title phrase set off before a name ("the EU's chief negotiator, Sabine Korff,"): one mention with the name. */
export interface Apposition {
  /** First token of the title phrase, and of the name after its comma. */
  first: number;
  nameAt: number;
  title: string;
  organizationName: string | null;
}

/** Records a mention over tokens [first, last), with whether it stands in subject position. */
export function add(context: Context, partial: Omit<Mention, "start" | "end" | "sentence" | "paragraph" | "subject">, sentence: Sentence, index: number): Mention {
  const { tokens } = context;
  // "of the University of Eastbridge": a determiner between the preposition and the name.
  let b = partial.first - 1;
  if (tokens[b] && /^(the|a|an)$/.test(tokens[b].lower)) b--;
  const before = tokens[b];
  const after = tokens[partial.last];
  // "told BBC Sport", "informed the board": the one told is the verb's object, never its subject.
  const object = before && before.sentence === index && /^(told|tells|telling|tell|informed|informs|informing)$/.test(before.lower);
  const subject = !(before && before.sentence === index && PREPOSITIONS.has(before.lower)) && !object && !(after && /^[’']s$/.test(after.text));
  const fronted = tokens[b]?.text === "," && FRONTING.test(tokens[context.sentences[index].firstToken]?.lower ?? "");
  const mention: Mention = {
    ...partial,
    ...(fronted ? { fronted } : {}),
    start: tokens[partial.first].start,
    end: tokens[partial.last - 1].end,
    sentence: index,
    paragraph: sentence.paragraph,
    subject,
  };
  context.mentions.push(mention);
  return mention;
}

/** Token range [first, last) of a run of capitalized words. */
export interface Run {
  first: number;
  last: number;
}

/** A run read as a person: the name within it, and what came with it. */
export interface Titled {
  run: Run;
  /** Token range of the name within the run. */
  name?: Run;
  person?: Person;
  candidates?: Person[];
  title?: string;
  organizationName?: string;
  gender?: Gender;
}
