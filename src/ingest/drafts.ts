import type { Organization, Person } from "./entities";
import type { Attribution } from "./quote-attribution";
import type { Quote } from "./quotes";
import type { Paraphrase } from "./reported";
import type { Resolver, Source } from "./resolve";
import type { Sentence, Token } from "./segment";

/**
 * From attributions to statements: the speaker's resolution weighed into the confidence, the kind
 * (spoken or written), and continuations that take the speaker of the quote they continue.
 */
/** When and where a statement was made (see occasion.ts). */
export interface Occasion {
  statedOn: string | null;
  precision: "DAY" | "WEEK" | null;
  place: string | null;
  /** Setting nouns it mentions ("hearing", "briefing"), for a later "at the hearing". */
  settings: string[];
}

export interface Draft {
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

export function fromSource(source: Source | null): Pick<Draft, "person" | "organization" | "description" | "candidates" | "sourceKey"> & { confidence: number; via: string } {
  // "he said" with no one to refer to: attributed, but to nobody the article names.
  if (!source) return { person: null, organization: null, description: null, candidates: null, sourceKey: null, confidence: 0.15, via: "unresolved" };
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
function frontedStatementOfPerson(context: Token[], source: Source | null, subject: Attribution["subject"]): boolean {
  if (!source?.person || subject?.kind !== "person") return false;
  if (!(context.length > 3 && context[0].lower === "in" && /^(a|an)$/.test(context[1].lower) && context[2].lower === "statement" && context[3].text === ",")) return false;
  // "In a statement, she said: “…”", "In a statement, Kirby said, “…”": the verb of saying vouches for the
  // statement's words, which are then its written text; a verb of gist ("indicated") leaves the medium open.
  const verb = context.findIndex((t, k) => k > 3 && t.start >= subject.end && /^\p{Ll}/u.test(t.text));
  return verb < 0 || !/^(said|says|wrote|writes|stated|states|added|adds)$/.test(context[verb].lower);
}

export function quoteDrafts(body: string, attributions: Attribution[], resolver: Resolver, recovered: Quote[], sentences: Sentence[], tokens: Token[]): Draft[] {
  const byQuote = new Map<Quote, Draft>();
  const drafts: Draft[] = [];
  attributions.forEach((attribution, order) => {
    const source = attribution.subject ? resolver.resolve(attribution.subject) : null;
    const resolved = fromSource(source);
    let written = writtenIn(attribution.context) || introducedInWriting(attribution, sentences, tokens, source);
    let rule = attribution.rule;
    let confidence = attribution.confidence * resolved.confidence;
    if (written && frontedStatementOfPerson(attribution.context, source, attribution.subject)) {
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

export function paraphraseDrafts(paraphrases: Paraphrase[], resolver: Resolver): Draft[] {
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
  return drafts;
}
