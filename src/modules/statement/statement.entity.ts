import { Extensions, Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity } from "typeorm";
import { Node, StoredNode } from "../../graphql/node";
import { DateScalar } from "../../graphql/scalars";

export enum StatementKind {
  DIRECT_QUOTE = "DIRECT_QUOTE",
  PARAPHRASE = "PARAPHRASE",
  WRITTEN_STATEMENT = "WRITTEN_STATEMENT",
}
registerEnumType(StatementKind, {
  name: "StatementKind",
  description: "DIRECT_QUOTE: spoken words, verbatim. PARAPHRASE: what was said, reported in other words. WRITTEN_STATEMENT: published words, verbatim.",
  valuesConfig: {
    DIRECT_QUOTE: { description: "Spoken words, verbatim; with a sourceSpan, the text matches the article there exactly." },
    PARAPHRASE: { description: "What was said, in other words; the text need not match the article at its sourceSpan." },
    WRITTEN_STATEMENT: { description: "Published words (a press release, a post), verbatim; with a sourceSpan, matched like a quote." },
  },
});

export enum ReviewStatus {
  PROPOSED = "PROPOSED",
  ACCEPTED = "ACCEPTED",
  REJECTED = "REJECTED",
}
registerEnumType(ReviewStatus, {
  name: "ReviewStatus",
  description: "Whether an editor stands behind a statement. Lists, search and statementAdded show ACCEPTED ones unless asked for others.",
  valuesConfig: {
    PROPOSED: { description: "Extracted from an article with a confidence below NEWSGRAPH_AUTO_ACCEPT, waiting for an editor." },
    ACCEPTED: { description: "Typed in by an editor, accepted by one, or extracted with a confidence at or above NEWSGRAPH_AUTO_ACCEPT." },
    REJECTED: { description: "An editor decided the article does not say this; kept so that ingesting the article again does not propose it again." },
  },
});

export enum Stance {
  CONFIRMS = "CONFIRMS",
  DENIES = "DENIES",
  DISPUTES = "DISPUTES",
  NEUTRAL = "NEUTRAL",
}
registerEnumType(Stance, {
  name: "Stance",
  description: "What a statement says of its event: that it happened, that it did not, doubts about it, or neither.",
  valuesConfig: {
    CONFIRMS: { description: "Says it happened (confirmed, corroborated, \"we believe … sent\")." },
    DENIES: { description: "Says it did not happen (denied, dismissed the reports)." },
    DISPUTES: { description: "Doubts or questions it (expressed uncertainty, questioned)." },
    NEUTRAL: { description: "Discusses, predicts or warns, without saying whether it happened." },
  },
});

/** The condition (on a statements table's alias) that lists, search and statementAdded apply by default. */
export const ACCEPTED_STATEMENTS = `review_status = '${ReviewStatus.ACCEPTED}'`;

@ObjectType({ description: "How an extracted statement came to be: which extractor found it, by which rule, how sure it is." })
export class StatementProvenance {
  @Field(() => Float, { description: "How sure the extractor is, from 0 to 1." })
  confidence!: number;

  @Field({ description: "The extractor's name and version, as name@version." })
  extractor!: string;

  @Field({ description: "The extractor's rule that found it, e.g. quote-said-after." })
  rule!: string;
}

@ObjectType({ description: "Where a statement's text stands in its source article's body: [start, end) in characters (Unicode code points)." })
export class SourceSpan {
  @Field(() => Int, { description: "Offset of the text's first character in the body, counting from 0." })
  start!: number;

  @Field(() => Int, { description: "Offset just after the text's last character (exclusive)." })
  end!: number;
}

@ObjectType({ implements: Node, description: "Something a person or organization said or wrote, about an event." })
@Entity("statements")
export class Statement extends StoredNode {
  @Field({ description: "The words: verbatim for quotes and written statements." })
  @Column("text")
  text!: string;

  @Field(() => StatementKind, { description: "Direct quote, paraphrase or written statement: whether text is their exact words." })
  @Column("text")
  kind!: StatementKind;

  @Column("uuid", { nullable: true })
  speakerId!: string | null;

  @Column("uuid", { nullable: true })
  organizationId!: string | null;

  @Column("uuid", { nullable: true })
  eventId!: string | null;

  @Column("uuid", { nullable: true })
  sourceId!: string | null;

  @Column("int", { nullable: true })
  spanStart!: number | null;

  @Column("int", { nullable: true })
  spanEnd!: number | null;

  @Column("uuid", { nullable: true })
  placeId!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The day it was said." })
  @Column("date", { nullable: true })
  statedOn!: string | null;

  @Field(() => Stance, { nullable: true, description: "What it says of its event (see Stance); empty when nobody said." })
  @Column("text", { nullable: true })
  stance!: Stance | null;

  /** How sure the extractor was of the stance it proposed; null when an editor set it. */
  @Column("real", { nullable: true })
  stanceConfidence!: number | null;

  @Field(() => ReviewStatus, { description: "Whether an editor stands behind it; see ReviewStatus." })
  @Column("text", { default: ReviewStatus.ACCEPTED })
  reviewStatus!: ReviewStatus;

  @Column("real", { nullable: true })
  confidence!: number | null;

  @Column("text", { nullable: true })
  extractor!: string | null;

  @Column("text", { nullable: true })
  extractionRule!: string | null;

  /** When an editor accepted, rejected or corrected it: a new revision of its article keeps it. */
  @Column("timestamptz", { nullable: true })
  reviewedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "An unnamed source as the article describes it (\"a senior U.S. official\"); then there may be no speaker." })
  @Column("text", { nullable: true })
  sourceDescription!: string | null;

  @Field({ description: "True when its article's body changed since and the text no longer stands at sourceSpan: the span was kept, not moved." })
  @Column("boolean", { default: false })
  sourceSpanStale!: boolean;

  @Field(() => StatementProvenance, { nullable: true, description: "How it was extracted from its article; empty for statements typed in by hand." })
  @Extensions({ reads: ["confidence", "extractor", "extractionRule"] }) // see graphql/column-plan.ts
  get provenance(): StatementProvenance | null {
    return this.extractor === null || this.confidence === null ? null : { confidence: this.confidence, extractor: this.extractor, rule: this.extractionRule ?? "" };
  }

  @Field(() => SourceSpan, { nullable: true, description: "Where the text stands in the source article, when it is there." })
  @Extensions({ reads: ["spanStart", "spanEnd"] }) // see graphql/column-plan.ts
  get sourceSpan(): SourceSpan | null {
    return this.spanStart === null || this.spanEnd === null ? null : { start: this.spanStart, end: this.spanEnd };
  }
}
