import { ABSTAIN_BELOW } from "./extract";
import { normalizeName } from "./names";
import { codePointOffsets } from "./offsets";
import type { Extraction, ProposedStatement } from "./types";

/**
 * Scoring an extraction against a hand-made gold file (test/fixtures/articles/*.gold.json, whose
 * README states the rules), shared by test/extract.test.ts and bench/ingest.ts:
 * - quotes: (quote text, canonical speaker) pairs over DIRECT_QUOTE and WRITTEN_STATEMENT, the span
 *   exact, the speaker the person's full name or null (an organization or unnamed source speaks);
 * - paraphrases: the same speaker and overlapping spans (overlap over union ≥ 0.5, in characters);
 * - titles and organizations of the speakers that both name, compared loosely (see `sameName`).
 * Proposals under ABSTAIN_BELOW are abstentions: they are neither right nor wrong, only missing.
 */
export interface GoldStatement {
  kind: string;
  text: string;
  speaker: string | null;
  organization: string | null;
  sourceDescription: string | null;
  place: string | null;
  statedOn: string | null;
  span: [number, number];
  unclosedQuote?: boolean;
}

export interface Gold {
  meta: { url: string; title: string; publisher: string | null; publishedAt: string | null };
  people: { name: string; title: string | null; organization: string | null }[];
  statements: GoldStatement[];
  nonStatements?: { text: string; reason: string }[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ArticleScore {
  quotes: Counts;
  paraphrases: Counts;
  titles: Counts;
  organizations: Counts;
  /** Secondary attributes on matched statements: [right, compared]. */
  kind: [number, number];
  place: [number, number];
  statedOn: [number, number];
  /** What went wrong, for a reader: "FP quote …", "FN paraphrase …". */
  misses: string[];
}

export const PARAPHRASE_OVERLAP = 0.5;

export function precision(c: Counts): number {
  return c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
}

export function recall(c: Counts): number {
  return c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

const speakerKey = (name: string | null | undefined): string => (name ? normalizeName(name) : "");

export function scoreArticle(body: string, gold: Gold, extraction: Extraction): ArticleScore {
  const toCodePoint = codePointOffsets(body);
  const goldSpan = (s: GoldStatement) => ({ start: toCodePoint(s.span[0]), end: toCodePoint(s.span[1]) });
  const proposed = extraction.statements.filter((s) => s.confidence >= ABSTAIN_BELOW);
  const misses: string[] = [];
  const kind: [number, number] = [0, 0];
  const place: [number, number] = [0, 0];
  const statedOn: [number, number] = [0, 0];
  const secondary = (g: GoldStatement, p: ProposedStatement) => {
    kind[1]++;
    if (g.kind === p.kind) kind[0]++;
    else misses.push(`kind ${p.kind} for ${g.kind}: ${short(g.text)}`);
    place[1]++;
    if ((g.place ?? null) === (p.place ?? null)) place[0]++;
    statedOn[1]++;
    if ((g.statedOn ?? null) === (p.statedOn ?? null)) statedOn[0]++;
  };

  // Quotes: exact span, same speaker.
  const quotes: Counts = { tp: 0, fp: 0, fn: 0 };
  const goldQuotes = gold.statements.filter((s) => s.kind !== "PARAPHRASE");
  const proposedQuotes = proposed.filter((s) => s.kind !== "PARAPHRASE");
  const usedQuotes = new Set<ProposedStatement>();
  for (const g of goldQuotes) {
    const span = goldSpan(g);
    const p = proposedQuotes.find((q) => !usedQuotes.has(q) && q.span.start === span.start && q.span.end === span.end && speakerKey(q.speaker?.name) === speakerKey(g.speaker));
    if (p) {
      usedQuotes.add(p);
      quotes.tp++;
      secondary(g, p);
    } else {
      quotes.fn++;
      const wrong = proposedQuotes.find((q) => q.span.start === span.start && q.span.end === span.end);
      misses.push(`FN quote (${g.speaker ?? "null"}${wrong ? `; proposed ${wrong.speaker?.name ?? "null"}` : ""}): ${short(g.text)}`);
    }
  }
  for (const p of proposedQuotes) {
    if (usedQuotes.has(p)) continue;
    quotes.fp++;
    misses.push(`FP quote (${p.speaker?.name ?? "null"}, ${p.rule}): ${short(p.text)}`);
  }

  // Paraphrases: same speaker, overlapping spans; greedy on the best overlap.
  const paraphrases: Counts = { tp: 0, fp: 0, fn: 0 };
  const goldParaphrases = gold.statements.filter((s) => s.kind === "PARAPHRASE");
  const proposedParaphrases = proposed.filter((s) => s.kind === "PARAPHRASE");
  const usedParaphrases = new Set<ProposedStatement>();
  for (const g of goldParaphrases) {
    const span = goldSpan(g);
    let best: ProposedStatement | null = null;
    let bestOverlap = 0;
    for (const p of proposedParaphrases) {
      if (usedParaphrases.has(p) || speakerKey(p.speaker?.name) !== speakerKey(g.speaker)) continue;
      if (g.speaker === null && !sameName(p.organization?.name ?? null, g.organization) && !(p.sourceDescription && g.sourceDescription)) continue;
      const overlap = spanOverlap(span, p.span);
      if (overlap > bestOverlap) [best, bestOverlap] = [p, overlap];
    }
    if (best && bestOverlap >= PARAPHRASE_OVERLAP) {
      usedParaphrases.add(best);
      paraphrases.tp++;
      secondary(g, best);
    } else {
      paraphrases.fn++;
      misses.push(`FN paraphrase (${g.speaker ?? g.organization ?? g.sourceDescription}): ${short(g.text)}`);
    }
  }
  for (const p of proposedParaphrases) {
    if (usedParaphrases.has(p)) continue;
    paraphrases.fp++;
    misses.push(`FP paraphrase (${p.speaker?.name ?? p.organization?.name ?? p.sourceDescription ?? "null"}, ${p.rule}): ${short(p.text)}`);
  }

  // Titles and organizations of the speakers both name.
  const titles: Counts = { tp: 0, fp: 0, fn: 0 };
  const organizations: Counts = { tp: 0, fp: 0, fn: 0 };
  const proposedPeople = new Map(extraction.people.map((p) => [speakerKey(p.name), p]));
  for (const g of gold.people) {
    const p = proposedPeople.get(speakerKey(g.name));
    compare(titles, g.title, p?.title ?? null, `title of ${g.name}`, misses);
    compare(organizations, g.organization, p?.organization ?? null, `organization of ${g.name}`, misses);
  }
  const goldNames = new Set(gold.people.map((g) => speakerKey(g.name)));
  for (const p of extraction.people) {
    if (goldNames.has(speakerKey(p.name))) continue;
    if (p.title) titles.fp++;
    if (p.organization) organizations.fp++;
  }
  return { quotes, paraphrases, titles, organizations, kind, place, statedOn, misses };
}

function compare(counts: Counts, gold: string | null, proposed: string | null, what: string, misses: string[]): void {
  if (gold && proposed && sameName(gold, proposed)) counts.tp++;
  else {
    if (proposed) counts.fp++;
    if (gold) counts.fn++;
    if (gold || proposed) misses.push(`${what}: ${proposed ?? "null"} for ${gold ?? "null"}`);
  }
}

/** Overlap over union of two spans, in characters. */
export function spanOverlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (inter <= 0) return 0;
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

const STOP = new Set(["the", "of", "for", "and", "on", "at", "in"]);
const stems = (s: string): string[] => normalizeName(s).split(" ").filter((w) => w && !STOP.has(w)).map((w) => w.slice(0, 5));

/**
 * Names of one organization or title, loosely: equal once normalized, one contained in the other
 * word for word ("Ashford City" in "Ashford City Women"), an acronym of the other ("NATO"), or at
 * least half their word stems shared ("Veloria's Defense Ministry" ≈ "Velorian Ministry of Defense").
 */
export function sameName(a: string | null, b: string | null): boolean {
  if (!a || !b) return a === b;
  const x = normalizeName(a).replace(/^the /, "");
  const y = normalizeName(b).replace(/^the /, "");
  if (x === y || ` ${x} `.includes(` ${y} `) || ` ${y} `.includes(` ${x} `)) return true;
  const initials = (s: string) => s.split(" ").filter((w) => !STOP.has(w)).map((w) => w[0]).join("");
  if ((!x.includes(" ") && initials(y) === x) || (!y.includes(" ") && initials(x) === y)) return true;
  const sx = new Set(stems(a));
  const sy = new Set(stems(b));
  const shared = [...sx].filter((w) => sy.has(w)).length;
  return shared / Math.max(sx.size, sy.size) >= 0.5;
}

function short(text: string): string {
  return text.length > 70 ? `${text.slice(0, 67)}…` : text;
}
