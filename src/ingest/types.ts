import type { StatementKind } from "../modules/statement/statement.entity";

/**
 * The dry-run JSON of issue 14, as extractStatements returns it. Spans are [start, end) in Unicode
 * code points of the body, like Statement.sourceSpan; everything else is plain strings so that the
 * object serializes as is. Fields beyond the (statedOnPrecision, speakerCandidates,
 * warnings, extractor) are additions; the fields keep their names and shapes.
 */
export interface Extraction {
  extractor: { name: string; version: string };
  statements: ProposedStatement[];
  people: ProposedPerson[];
  organizations: ProposedOrganization[];
  places: ProposedPlace[];
  /** What the extractor noticed but could not use, e.g. an opening quotation mark that is never closed. */
  warnings: ExtractionWarning[];
}

export interface ProposedStatement {
  kind: `${StatementKind}`;
  text: string;
  span: { start: number; end: number };
  /** The person who spoke; null for an organization, an unnamed source, or when the extractor abstains. */
  speaker: ProposedPerson | null;
  /** The organization spoken for: the speaker's, or the organization that speaks itself. */
  organization: { name: string } | null;
  /** An unnamed source as the article describes it ("a senior U.S. official"); null otherwise. */
  sourceDescription: string | null;
  place: string | null;
  /** YYYY-MM-DD, or null when the article does not let the day be known. */
  statedOn: string | null;
  statedOnPrecision: "DAY" | "WEEK" | null;
  confidence: number;
  rule: string;
  /** Toward its event, from its reporting verb and first words (see stance.ts); null when nothing says. */
  stance: "CONFIRMS" | "DENIES" | "DISPUTES" | "NEUTRAL" | null;
  /** How sure that guess is (0–1), or null with no stance. */
  stanceConfidence: number | null;
  /** When the extractor abstains between people, the names it hesitated between. */
  speakerCandidates?: string[];
}

export interface ProposedPerson {
  name: string;
  title: string | null;
  organization: string | null;
}

export interface ProposedOrganization {
  name: string;
  acronym?: string;
}

export interface ProposedPlace {
  name: string;
}

export interface ExtractionWarning {
  /**
   * UNBALANCED_QUOTE: an opening mark never closed (the quote is still proposed when an attribution
   * shows where it ends); STRAY_CLOSING_QUOTE: a closing mark with no opening one; UNATTRIBUTED_QUOTE:
   * quoted words of three or more that no rule attributes to anyone (a title, a slogan) — not proposed.
   */
  code: "UNBALANCED_QUOTE" | "STRAY_CLOSING_QUOTE" | "UNATTRIBUTED_QUOTE";
  /** Code point offset of the mark. */
  at: number;
}

export interface ExtractionMeta {
  /** ISO 8601 date or date-time; its calendar day (as written, no time zone shift) anchors "on Tuesday". */
  publishedAt?: string | null;
}
