import { Extensions, Field, Int, ObjectType, registerEnumType } from "type-graphql";
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

  @Field(() => SourceSpan, { nullable: true, description: "Where the text stands in the source article, when it is there." })
  @Extensions({ reads: ["spanStart", "spanEnd"] }) // see graphql/column-plan.ts
  get sourceSpan(): SourceSpan | null {
    return this.spanStart === null || this.spanEnd === null ? null : { start: this.spanStart, end: this.spanEnd };
  }
}
