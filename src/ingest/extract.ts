import { Entities, type Organization, type Person } from "./entities";
import { SPEECH_VERBS } from "./lexicon";
import { publicationDay } from "./dates";
import { readLayout } from "./layout";
import { findMentions, type Mention } from "./mentions";
import { codePointOffsets } from "./offsets";
import { readClues, type Occasion } from "./occasion";
import { attributeQuotes, lowerBound, type Attribution } from "./quote-attribution";
import { findQuotes, makeQuote, paragraphsOf, type Quote } from "./quotes";
import { findParaphrases, type Paraphrase } from "./reported";
import { Resolver, type Source } from "./resolve";
import { quoteMask, sentencesOf, tokenize, type Sentence, type Token } from "./segment";
import { attributionAt, type Grammar } from "./speech";
import type { Extraction, ExtractionMeta, ExtractionWarning, ProposedPerson, ProposedStatement } from "./types";

export type { Extraction, ExtractionMeta, ProposedStatement } from "./types";

export const EXTRACTOR_NAME = "newsgraph-rules";
export const EXTRACTOR_VERSION = "1.0.0";

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

  let mentions = findMentions(body, tokens, sentences, entities, layout.datelinePlace, () => false);
  let grammar = grammarOf(tokens, sentences, mentions);
  const recovered = recoverUnclosed(body, grammar, found.unclosed, sentenceAt, paragraphs.length ? paragraphIndex(sentences) : () => -1);
  if (recovered.length) {
    // Words of a recovered quote are the speaker's: drop their mentions and mark them quoted.
    for (const quote of recovered) for (const t of tokens) if (t.start > quote.open && t.start < quote.close) t.quoted = true;
    mentions = mentions.filter((m) => !recovered.some((q) => m.start > q.open && m.start < q.close));
    grammar = grammarOf(tokens, sentences, mentions);
  }
  const quotes = [...found.quotes, ...recovered].sort((a, b) => a.open - b.open);

  const resolver = new Resolver(entities);
  resolver.sentence(mentions);
  const attributions = attributeQuotes(body, grammar, quotes, sentenceAt);
  const quoteSpans = attributions.map((a) => ({ start: a.quote.open, end: a.quote.close }));
  const paraphrases: Paraphrase[] = [];
  sentences.forEach((sentence, index) => paraphrases.push(...findParaphrases(body, grammar, sentence, index, quoteSpans)));

  const drafts = [...quoteDrafts(body, attributions, resolver, recovered, sentences, tokens), ...paraphraseDrafts(body, paraphrases, resolver)].sort((a, b) => a.start - b.start || a.order - b.order);
  assignOccasions(drafts, sentences, tokens, grammar, resolver, published, entities);

  const statements: ProposedStatement[] = drafts.map((draft) => toStatement(body, draft, toCodePoint));
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
    warnings: warnings
      .filter((w) => !recovered.some((q) => q.open === w.at))
      .map((w) => ({ ...w, at: toCodePoint(w.at) })),
  };
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

function paragraphIndex(sentences: Sentence[]): (sentence: number) => number {
  return (sentence) => sentences[sentence]?.paragraph ?? -1;
}

/**
 * An opening mark never closed: “We are not going back …, Carla Mendes, the president of Local 17,
 * told …. The quote ends at the first comma after which an attribution stands.
 */
function recoverUnclosed(body: string, grammar: Grammar, opens: number[], sentenceAt: (offset: number) => number, paragraphOf: (sentence: number) => number): Quote[] {
  const recovered: Quote[] = [];
  for (const open of opens) {
    const s = sentenceAt(open);
    if (s < 0) continue;
    const sentence = grammar.sentences[s];
    for (let k = lowerBound(grammar.tokens, open) + 1; k < sentence.lastToken; k++) {
      if (grammar.tokens[k].text !== ",") continue;
      const attribution = attributionAt(grammar, k + 1, sentence.lastToken);
      if (!attribution) continue;
      const quote = makeQuote(body, open, grammar.tokens[k].start, paragraphOf(s), false);
      if (quote) recovered.push(quote);
      break;
    }
  }
  return recovered;
}

interface Draft {
  kind: "DIRECT_QUOTE" | "PARAPHRASE" | "WRITTEN_STATEMENT";
  start: number;
  end: number;
  order: number;
  person: Person | null;
  organization: Organization | null;
  description: string | null;
  candidates: Person[] | null;
  rule: string;
  confidence: number;
  /** The pattern's own confidence, for a continuation that takes another quote's speaker. */
  ruleConfidence: number;
  context: Token[];
  sentence: number;
  /** The source's identity, for carrying its occasion ("Vask said" continues Vask's briefing). */
  sourceKey: string | null;
  occasion: Occasion | null;
}

function fromSource(source: Source | null): Pick<Draft, "person" | "organization" | "description" | "candidates" | "sourceKey"> & { confidence: number; via: string } {
  if (!source) return { person: null, organization: null, description: null, candidates: null, sourceKey: null, confidence: 0.15, via: "none" };
  if (source.ambiguous) return { person: null, organization: null, description: null, candidates: source.ambiguous, sourceKey: null, confidence: 0.2, via: `${source.via}-ambiguous` };
  if (source.person) return { person: source.person, organization: source.person.organization, description: null, candidates: null, sourceKey: `person:${source.person.id}`, confidence: source.confidence, via: source.via };
  if (source.description !== undefined) {
    // An unnamed source is proposed, flagged by a lower confidence than a named one.
    return { person: null, organization: source.organization ?? null, description: source.description ?? null, candidates: null, sourceKey: `source:${source.description}`, confidence: Math.min(source.confidence, 0.7), via: "unnamed" };
  }
  return { person: null, organization: source.organization ?? null, description: null, candidates: null, sourceKey: source.organization ? `organization:${source.organization.id}` : null, confidence: source.confidence, via: source.via };
}

/** Words that say the quoted words were written: "in a statement", "wrote:", "a blog post", "the report". */
const WRITTEN = /^(statement|statements|memorandum|memo|blog|post|posted|letter|email|e-mail|emailed|report|filing|wrote|writes|written|tweet|tweeted|release|communique|communiqué)$/;

function writtenIn(context: Token[]): boolean {
  return context.some((t) => !t.cap && WRITTEN.test(t.lower));
}

/**
 * "In a statement, Kirby indicated, “…”": a person's statement of unspecified medium, which may have
 * been read out (the seed's gold keeps it a DIRECT_QUOTE); "the company said in a statement" and
 * "X said in a statement" are written. Kept apart, with lower confidence, for an editor to settle.
 */
function frontedStatementOfPerson(context: Token[], source: Source | null): boolean {
  return !!source?.person && context.length > 3 && context[0].lower === "in" && /^(a|an)$/.test(context[1].lower) && context[2].lower === "statement" && context[3].text === ",";
}

function quoteDrafts(body: string, attributions: Attribution[], resolver: Resolver, recovered: Quote[], sentences: Sentence[], tokens: Token[]): Draft[] {
  const byQuote = new Map<Quote, Draft>();
  const drafts: Draft[] = [];
  attributions.forEach((attribution, order) => {
    const source = attribution.subject ? resolver.resolve(attribution.subject) : null;
    const resolved = fromSource(source);
    let written = writtenIn(attribution.context) || introducedInWriting(attribution, sentences, tokens, source);
    let rule = attribution.rule;
    let confidence = attribution.confidence * resolved.confidence;
    if (written && frontedStatementOfPerson(attribution.context, source)) {
      written = false;
      rule += "/medium-unspecified";
      confidence = Math.min(confidence, 0.6);
    }
    if (recovered.includes(attribution.quote)) {
      rule = `unclosed-${rule}`;
      confidence *= 0.8;
    }
    const draft: Draft = {
      kind: written ? "WRITTEN_STATEMENT" : "DIRECT_QUOTE",
      start: attribution.quote.start,
      end: attribution.quote.end,
      order,
      ...resolved,
      rule: attribution.subject ? `${rule}+${resolved.via}` : rule,
      confidence,
      ruleConfidence: attribution.confidence,
      context: attribution.context,
      sentence: attribution.sentence,
      occasion: null,
    };
    byQuote.set(attribution.quote, draft);
    drafts.push(draft);
  });
  // Continuations take their source quote's speaker and kind; an AP chain takes any piece's.
  for (const attribution of attributions) {
    const draft = byQuote.get(attribution.quote)!;
    if (draft.person || draft.organization || draft.description || draft.candidates) continue;
    let from = attribution.inheritsFrom ? byQuote.get(attribution.inheritsFrom) : undefined;
    if (attribution.quote.runsOn || attribution.quote.continues) {
      const chain = chainOf(attribution.quote, attributions);
      from = chain.map((q) => byQuote.get(q)!).find((d) => d.person || d.organization || d.description) ?? from;
    }
    while (from && !(from.person || from.organization || from.description || from.candidates)) {
      const next = attributions.find((a) => byQuote.get(a.quote) === from)?.inheritsFrom;
      from = next ? byQuote.get(next) : undefined;
    }
    if (!from) continue;
    Object.assign(draft, {
      person: from.person,
      organization: from.organization,
      description: from.description,
      candidates: from.candidates,
      sourceKey: from.sourceKey,
      kind: from.kind === "WRITTEN_STATEMENT" || draft.kind === "WRITTEN_STATEMENT" ? "WRITTEN_STATEMENT" : "DIRECT_QUOTE",
      confidence: draft.ruleConfidence * (from.confidence / from.ruleConfidence),
      rule: `${draft.rule}<${from.rule}`,
    });
  }
  return drafts.filter((d) => body.slice(d.start, d.end).trim().length > 0);
}

/** The pieces of an AP continuation: a quote that runs on, and the ones that continue it. */
function chainOf(quote: Quote, attributions: Attribution[]): Quote[] {
  const all = attributions.map((a) => a.quote);
  let i = all.indexOf(quote);
  while (i > 0 && all[i].continues && all[i - 1].runsOn) i--;
  const chain = [all[i]];
  while (i + 1 < all.length && all[i].runsOn && all[i + 1].continues) chain.push(all[++i]);
  return chain;
}

/**
 * "NATO spokesperson Farah Dakhlallah released a written statement confirming that … . “…,”
 * Dakhlallah stated.": the sentence that introduces the speaker, earlier in the paragraph, says the
 * words were written.
 */
function introducedInWriting(attribution: Attribution, sentences: Sentence[], tokens: Token[], source: Source | null): boolean {
  if (!source?.person && !source?.organization) return false;
  const paragraph = sentences[attribution.sentence].paragraph;
  for (let s = attribution.sentence - 1; s >= 0 && sentences[s].paragraph === paragraph; s--) {
    const words = tokens.slice(sentences[s].firstToken, sentences[s].lastToken).filter((t) => !t.quoted);
    const text = words.map((t) => t.lower).join(" ");
    if (/\b(released|issued|published|posted|sent|emailed) (a|an) (written |separate |brief |short )?(statement|letter|post|release)\b/.test(text)) return true;
  }
  return false;
}

function paraphraseDrafts(body: string, paraphrases: Paraphrase[], resolver: Resolver): Draft[] {
  const drafts: Draft[] = [];
  paraphrases.forEach((paraphrase, order) => {
    const base = { kind: "PARAPHRASE" as const, start: paraphrase.start, end: paraphrase.end, order: 10_000 + order, context: paraphrase.context, sentence: paraphrase.sentence, occasion: null };
    if (paraphrase.organizations) {
      // One per body: "reports from Ukraine and South Korea" are two sources.
      for (const mention of paraphrase.organizations) {
        const organization = mention.organization ?? null;
        drafts.push({ ...base, person: null, organization, description: paraphrase.description ?? null, candidates: null, rule: paraphrase.rule, confidence: paraphrase.confidence, ruleConfidence: paraphrase.confidence, sourceKey: null });
      }
      return;
    }
    const source = paraphrase.subject ? resolver.resolve(paraphrase.subject) : null;
    const resolved = fromSource(source);
    drafts.push({ ...base, ...resolved, rule: `${paraphrase.rule}+${resolved.via}`, confidence: paraphrase.confidence * resolved.confidence, ruleConfidence: paraphrase.confidence });
  });
  void body;
  return drafts;
}

/**
 * Day and place of each statement's occasion, in text order: its own attribution's words; else
 * those of the sentence earlier in its paragraph that introduces the same source; else its
 * source's previous occasion.
 */
function assignOccasions(drafts: Draft[], sentences: Sentence[], tokens: Token[], grammar: Grammar, resolver: Resolver, published: string | null, entities: Entities): void {
  const last = new Map<string, Occasion>();
  const history: Occasion[] = [];
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
        const own = drafts.find((d) => d.sentence === s);
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
      const referenced = clues.backReference ? [...history].reverse().find((o) => o.settings.includes(clues.backReference!)) : undefined;
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

function proposedPerson(person: Person): ProposedPerson {
  return { name: person.name, title: person.title, organization: person.organization?.name ?? null };
}

function toStatement(body: string, draft: Draft, toCodePoint: (offset: number) => number): ProposedStatement {
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
