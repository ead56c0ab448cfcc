import { type Draft, paraphraseDrafts, quoteDrafts } from "./drafts";
import { Entities, type Organization, type Person } from "./entities";
import { publicationDay } from "./dates";
import { readLayout } from "./layout";
import { findMentions, type Mention } from "./mentions";
import { codePointOffsets } from "./offsets";
import { assignOccasions } from "./occasion";
import { attributeQuotes, lowerBound } from "./quote-attribution";
import { findQuotes, makeQuote, paragraphsOf, type Quote } from "./quotes";
import { findParaphrases, type Paraphrase } from "./reported";
import { proposeStance } from "./stance";
import { Resolver } from "./resolve";
import { quoteMask, sentencesOf, tokenize, type Sentence, type Token } from "./segment";
import { attributionAt, type Grammar, speechVerb, subjectOf } from "./speech";
import type { Extraction, ExtractionMeta, ExtractionWarning, ProposedPerson, ProposedStatement } from "./types";

export type { Extraction, ExtractionMeta, ProposedStatement } from "./types";

export const EXTRACTOR_NAME = "newsgraph-rules";
export const EXTRACTOR_VERSION = "1.4.0";

/** Below this, a proposal is the extractor abstaining: it names no one it is not sure of. */
export const ABSTAIN_BELOW = 0.5;

/**
 * The statements of an English news article, by rules of news style: direct quotes and written
 * statements with the exact span between the quotation marks, paraphrases with the span of the
 * reported clause, each with its speaker (resolved from surnames, pronouns and roles to the first
 * full mention), the organization spoken for, an unnamed source's description, and the place and
 * day of the occasion. Pure: no I/O, no clock (days resolve against `meta.publishedAt`, else a
 * timestamp line in the body). Spans are in code points of `body`.
 */
export function extractStatements(body: string, meta: ExtractionMeta = {}): Extraction {
  const warnings: ExtractionWarning[] = [];
  const toCodePoint = codePointOffsets(body);
  const layout = readLayout(body, paragraphsOf(body));
  const { paragraphs } = layout;
  const found = findQuotes(body, paragraphs, warnings);
  const mask = quoteMask(body.length, found.quotes);
  const sentences = sentencesOf(body, paragraphs, found.quotes, mask);
  const tokens = tokenize(body, sentences, mask);
  const entities = new Entities();
  if (layout.datelinePlace) entities.place(layout.datelinePlace);
  const published = publicationDay(meta.publishedAt) ?? layout.timestamp;

  const sentenceAt = (offset: number): number => {
    let low = 0;
    let high = sentences.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (sentences[mid].end <= offset) low = mid + 1;
      else if (sentences[mid].start > offset) high = mid - 1;
      else return mid;
    }
    return -1;
  };

  let mentions = findMentions(body, tokens, sentences, entities, layout.datelinePlace);
  let grammar = grammarOf(tokens, sentences, mentions);
  const recovered = recoverUnclosed(body, grammar, found.unclosed, sentenceAt);
  if (recovered.length) {
    // Words of a recovered quote are the speaker's: drop their mentions and mark them quoted.
    for (const quote of recovered) for (const t of tokens) if (t.start > quote.open && t.start < quote.close) t.quoted = true;
    mentions = mentions.filter((m) => !recovered.some((q) => m.start > q.open && m.start < q.close));
    grammar = grammarOf(tokens, sentences, mentions);
  }
  const quotes = [...found.quotes, ...recovered].sort((a, b) => a.open - b.open);

  const resolver = new Resolver(entities, documentIssuers(grammar, mentions));
  resolver.sentence(mentions);
  const attributions = attributeQuotes(body, grammar, quotes, sentenceAt);
  const quoteSpans = attributions.map((a) => ({ start: a.quote.open, end: a.quote.close }));
  const paraphrases: Paraphrase[] = [];
  sentences.forEach((sentence, index) => paraphrases.push(...findParaphrases(body, grammar, sentence, index, quoteSpans)));

  // A quote nobody is said to have said is no statement; it is reported, not proposed.
  const allQuotes = quoteDrafts(body, attributions, resolver, recovered, sentences, tokens);
  for (const a of attributions) if (a.rule === "unattributed") warnings.push({ code: "UNATTRIBUTED_QUOTE", at: a.quote.open });
  const drafts = [...allQuotes.filter((d) => d.rule !== "unattributed"), ...paraphraseDrafts(paraphrases, resolver)].sort((a, b) => a.start - b.start || a.order - b.order);
  assignOccasions(drafts, sentences, tokens, grammar, resolver, published, entities);

  const statements: ProposedStatement[] = drafts.map((draft) => ({
    ...toStatement(body, draft, toCodePoint),
    ...proposeStance(body.slice(sentences[draft.sentence]?.start ?? draft.start, draft.start), body.slice(draft.start, draft.end)),
  }));
  const speakers = new Map<string, ProposedPerson>();
  const organizations = new Map<string, { name: string; acronym?: string }>();
  const addOrganization = (organization: Organization | null | undefined) => {
    if (organization && !organizations.has(organization.name)) organizations.set(organization.name, { name: organization.name, ...(organization.acronym ? { acronym: organization.acronym } : {}) });
  };
  for (const draft of drafts) {
    if (draft.person && !speakers.has(draft.person.name)) speakers.set(draft.person.name, proposedPerson(draft.person));
    addOrganization(draft.organization);
    addOrganization(draft.person?.organization);
  }
  const places = new Set<string>([...entities.places.values(), ...statements.map((s) => s.place).filter((p): p is string => p !== null)]);
  return {
    extractor: { name: EXTRACTOR_NAME, version: EXTRACTOR_VERSION },
    statements,
    people: [...speakers.values()],
    organizations: [...organizations.values()],
    places: [...places].map((name) => ({ name })),
    // A recovered quote keeps its warning: the mark is still missing from the article.
    warnings: warnings.sort((a, b) => a.at - b.at).map((w) => ({ ...w, at: toCodePoint(w.at) })),
  };
}

/** Documents a source issues and the article then quotes by their noun: "the statement said", "the report said". */
const DOCUMENTS = new Set(["statement", "report", "memo", "memorandum", "letter", "filing", "ruling", "opinion"]);

/**
 * "Front Range Electric said in a statement that … . “…,” the statement said.": the document is its
 * issuer's voice. For each such role, the subject of the nearest earlier sentence (same or previous
 * paragraph) that names the same kind of document beside a verb of saying.
 */
function documentIssuers(grammar: Grammar, mentions: Mention[]): Map<Mention, Mention> {
  const { tokens, sentences } = grammar;
  const issuers = new Map<Mention, Mention>();
  for (const mention of mentions) {
    if (mention.kind !== "role" || !DOCUMENTS.has(mention.head ?? "") || mention.description !== undefined) continue;
    for (let s = mention.sentence - 1; s >= 0 && s >= mention.sentence - 4 && sentences[s].paragraph >= mention.paragraph - 1; s--) {
      const sentence = sentences[s];
      let named = false;
      let subject: Mention | null = null;
      for (let k = sentence.firstToken; k < sentence.lastToken; k++) {
        const t = tokens[k];
        if (t.quoted) continue;
        if (t.lower === mention.head && !t.cap) named = true;
        const verb = subject ? null : speechVerb(tokens, k);
        if (verb && verb.form === "finite") subject = subjectOf(grammar, k, sentence.firstToken);
      }
      if (!named) continue;
      if (subject) issuers.set(mention, subject);
      break;
    }
  }
  return issuers;
}

function grammarOf(tokens: Token[], sentences: Sentence[], mentions: Mention[]): Grammar {
  const mentionEndingAt = new Map<number, Mention>();
  const mentionStartingAt = new Map<number, Mention>();
  for (const mention of mentions) {
    mentionEndingAt.set(mention.last, mention);
    mentionStartingAt.set(mention.first, mention);
  }
  return { tokens, sentences, mentionEndingAt, mentionStartingAt };
}

/**
 * An opening mark never closed: “We are not going back …, Carla Mendes, the president of Local 17,
 * told …. The quote ends at the first comma after which an attribution stands.
 */
function recoverUnclosed(body: string, grammar: Grammar, opens: number[], sentenceAt: (offset: number) => number): Quote[] {
  const recovered: Quote[] = [];
  for (const open of opens) {
    const s = sentenceAt(open);
    if (s < 0) continue;
    const sentence = grammar.sentences[s];
    for (let k = lowerBound(grammar.tokens, open) + 1; k < sentence.lastToken; k++) {
      if (grammar.tokens[k].text !== ",") continue;
      const attribution = attributionAt(grammar, k + 1, sentence.lastToken);
      if (!attribution) continue;
      const quote = makeQuote(body, open, grammar.tokens[k].start, sentence.paragraph, false);
      if (quote) recovered.push(quote);
      break;
    }
  }
  return recovered;
}

function proposedPerson(person: Person): ProposedPerson {
  return { name: person.name, title: person.title, organization: person.organization?.name ?? null };
}

function toStatement(body: string, draft: Draft, toCodePoint: (offset: number) => number): Omit<ProposedStatement, "stance" | "stanceConfidence"> {
  const confidence = Math.round(Math.max(0, Math.min(1, draft.confidence)) * 100) / 100;
  return {
    kind: draft.kind,
    text: body.slice(draft.start, draft.end),
    span: { start: toCodePoint(draft.start), end: toCodePoint(draft.end) },
    speaker: draft.person ? proposedPerson(draft.person) : null,
    organization: draft.organization ? { name: draft.organization.name } : null,
    sourceDescription: draft.description,
    place: draft.occasion?.place ?? null,
    statedOn: draft.occasion?.statedOn ?? null,
    statedOnPrecision: draft.occasion?.statedOn ? draft.occasion.precision : null,
    confidence,
    rule: draft.rule,
    ...(draft.candidates ? { speakerCandidates: draft.candidates.map((p) => p.name) } : {}),
  };
}
