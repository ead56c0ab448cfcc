import { Field, Int, ObjectType } from "type-graphql";
import { Capped, LIST_CAPS } from "../../graphql/list-caps";
import { DateScalar } from "../../graphql/scalars";
import { Stance } from "../statement/statement.entity";
import { EventStatus } from "./event.entity";

/**
 * Who confirms what: for each event, its sources and the organizations that confirm, deny or
 * dispute it, read for a whole page of events in one statement (corroboration.loaders.ts).
 *
 * The rules (also in the README, "Corroboration"):
 * - Only accepted statements count, with the stance they carry toward the event.
 * - Sources are the articles its statements cite and the event's own source articles. Copies of one
 *   wire story count once: articles whose bodies are equal once case and white space are set aside.
 *   Publishers are counted by name, case aside.
 * - An organization counts at its top level (the state or body it belongs to, following parents):
 *   the NSC and the Department of Defense are one confirmer, the United States; the answer lists
 *   the organizations that spoke under each.
 * - An organization that confirms and also denies or disputes is listed under each.
 * - reportedBy: top levels whose statements about the event take no stance or a neutral one, and
 *   that neither confirm, deny nor dispute it.
 * - suggestedStatus: CONFIRMED with two or more independent confirmers and no denial from a
 *   participant; DENIED with a denial and no confirmer; else the stored status. The stored status
 *   stays an editor's decision.
 */

@ObjectType({ description: "An independent voice on an event: a top-level state or body, with the organizations under it that spoke." })
export class Corroborator {
  organizationId!: string;
  viaIds!: string[];
}

@ObjectType({ description: "How many accepted statements about the event take each stance." })
export class StanceCounts {
  @Field(() => Int, { description: "Statements that confirm it." })
  confirms!: number;

  @Field(() => Int, { description: "Statements that deny it." })
  denies!: number;

  @Field(() => Int, { description: "Statements that doubt or question it." })
  disputes!: number;

  @Field(() => Int, { description: "Statements that discuss it without saying whether it happened." })
  neutral!: number;

  @Field(() => Int, { description: "Statements without a stance." })
  none!: number;
}

@ObjectType({ description: "Who says an event happened, who denies it, and how many independent sources stand behind it (rules in the README, Corroboration)." })
export class EventCorroboration {
  @Field(() => Int, { description: "Distinct source articles, copies of one wire story counted once." })
  sources!: number;

  @Field(() => Int, { description: "Distinct publishers of those articles." })
  publishers!: number;

  @Field(() => [Corroborator], { description: `Top-level organizations that confirm it, each once. At most ${LIST_CAPS.corroborators}.` })
  @Capped(LIST_CAPS.corroborators)
  confirmedBy!: Corroborator[];

  @Field(() => [Corroborator], { description: `Top-level organizations that deny it. At most ${LIST_CAPS.corroborators}.` })
  @Capped(LIST_CAPS.corroborators)
  deniedBy!: Corroborator[];

  @Field(() => [Corroborator], { description: `Top-level organizations that doubt or question it. At most ${LIST_CAPS.corroborators}.` })
  @Capped(LIST_CAPS.corroborators)
  disputedBy!: Corroborator[];

  @Field(() => [Corroborator], { description: `Top-level organizations that report or discuss it without taking a stance. At most ${LIST_CAPS.corroborators}.` })
  @Capped(LIST_CAPS.corroborators)
  reportedBy!: Corroborator[];

  @Field(() => Int, { description: "How many top-level organizations confirm it (confirmedBy lists the first 100)." })
  independentConfirmers!: number;

  @Field(() => StanceCounts, { description: "Accepted statements about it, by stance." })
  statements!: StanceCounts;

  @Field(() => DateScalar, { nullable: true, description: "The first day it was reported: the earliest publication of a source, or day a statement was made." })
  firstReportedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The latest such day." })
  latestReportedOn!: string | null;

  @Field({ description: "Whether an organization taking part in the event (or its top level) denies it." })
  participantDenial!: boolean;

  @Field(() => EventStatus, { description: "The status the evidence suggests (see the rule in the README); the stored status stays an editor's decision." })
  suggestedStatus!: EventStatus;
}

/** The evidence on one event the rules weigh, as corroboration.loaders.ts reads it. */
export interface Evidence {
  event_id: string;
  sources: number;
  publishers: number;
  first_reported: string | null;
  latest_reported: string | null;
  counts: { [stance: string]: number } | null;
  voices: { stance: Stance | null; top: string; via: string[] }[] | null;
  participant_tops: string[] | null;
}

/** The rules above, applied to an event's evidence; `stored`: its stored status. */
export function corroborationOf(row: Evidence, stored: EventStatus): EventCorroboration {
  const voices = row.voices ?? [];
  const voicesOf = (stance: Stance) => {
    const tops = new Map<string, Set<string>>();
    for (const voice of voices.filter((it) => it.stance === stance)) {
      const via = tops.get(voice.top) ?? new Set<string>();
      voice.via.forEach((id) => via.add(id));
      tops.set(voice.top, via);
    }
    return [...tops].map(([organizationId, via]) => ({ organizationId, viaIds: [...via] }));
  };
  const capped = (voices: Corroborator[]) => voices.slice(0, LIST_CAPS.corroborators);
  const confirmedBy = voicesOf(Stance.CONFIRMS);
  const deniedBy = voicesOf(Stance.DENIES);
  const disputedBy = voicesOf(Stance.DISPUTES);
  const taking = new Set([...confirmedBy, ...deniedBy, ...disputedBy].map((voice) => voice.organizationId));
  const reported = new Map<string, Set<string>>();
  for (const voice of voices.filter((it) => (it.stance === null || it.stance === Stance.NEUTRAL) && !taking.has(it.top))) {
    const via = reported.get(voice.top) ?? new Set<string>();
    voice.via.forEach((id) => via.add(id));
    reported.set(voice.top, via);
  }
  const participants = new Set(row.participant_tops ?? []);
  const participantDenial = deniedBy.some((voice) => participants.has(voice.organizationId));
  const counts = row.counts ?? {};
  const suggestedStatus =
    confirmedBy.length >= 2 && !participantDenial ? EventStatus.CONFIRMED : deniedBy.length > 0 && confirmedBy.length === 0 ? EventStatus.DENIED : stored;
  return {
    sources: row.sources,
    publishers: row.publishers,
    confirmedBy: capped(confirmedBy),
    deniedBy: capped(deniedBy),
    disputedBy: capped(disputedBy),
    reportedBy: capped([...reported].map(([organizationId, via]) => ({ organizationId, viaIds: [...via] }))),
    independentConfirmers: confirmedBy.length,
    statements: { confirms: counts.CONFIRMS ?? 0, denies: counts.DENIES ?? 0, disputes: counts.DISPUTES ?? 0, neutral: counts.NEUTRAL ?? 0, none: counts.NONE ?? 0 },
    firstReportedOn: row.first_reported,
    latestReportedOn: row.latest_reported,
    participantDenial,
    suggestedStatus,
  };
}
