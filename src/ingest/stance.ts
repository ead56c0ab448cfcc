import type { Stance } from "../modules/statement/statement.entity";

/**
 * A statement's stance toward its event, from the words that report it and its own first words:
 * "confirmed", "corroborated", "we believe … sent" confirm; "denied", "dismissed the reports"
 * deny; "expressed uncertainty", "could not confirm" dispute; "warned", "would", "could" neither
 * confirm nor deny. Checked in that order of strength, denial and doubt first, so that "did not
 * confirm" is doubt, not confirmation. No cue, no stance: the extractor does not guess.
 */
const CUES: readonly { stance: `${Stance}`; confidence: number; where: "lead" | "own" | "either"; pattern: RegExp }[] = [
  { stance: "DENIES", confidence: 0.8, where: "either", pattern: /\b(?:denied|denies|deny|dismissed|rejected|refuted|rebuffed)\b/ },
  { stance: "DENIES", confidence: 0.7, where: "own", pattern: /\b(?:no evidence|did not happen|never happened|(?:is|are|was|were) (?:false|untrue|baseless)|fabricated)\b/ },
  {
    stance: "DISPUTES",
    confidence: 0.75,
    where: "either",
    pattern: /\b(?:expressed (?:uncertainty|doubts?|skepticism|scepticism)|questioned|cast doubt|doubted|disputed|(?:could|can|did) ?(?:not|n't) (?:confirm|verify)|cannot (?:confirm|verify)|unable to (?:confirm|verify)|(?:not|un)(?: yet)?(?: been)? (?:confirmed|verified))\b/,
  },
  { stance: "CONFIRMS", confidence: 0.8, where: "either", pattern: /\b(?:confirmed|confirms|confirming|corroborated|corroborates|verified|acknowledged)\b/ },
  { stance: "CONFIRMS", confidence: 0.65, where: "own", pattern: /^(?:we (?:believe|assess|know|can confirm|have (?:seen )?evidence)|there is evidence)\b/ },
  { stance: "NEUTRAL", confidence: 0.55, where: "lead", pattern: /\b(?:warned|warns|predicted|cautioned|urged|called for|expects?|expected)\b/ },
  { stance: "NEUTRAL", confidence: 0.5, where: "own", pattern: /^(?:\S+ ){0,8}(?:would|could|might|may)\b/ },
];

/** `lead`: the sentence up to the statement (its attribution, when it comes first); `own`: the statement's words. */
export function proposeStance(lead: string, own: string): { stance: `${Stance}` | null; stanceConfidence: number | null } {
  const text = { lead: lead.toLowerCase(), own: own.toLowerCase().trimStart() };
  for (const cue of CUES) {
    const places = cue.where === "either" ? [text.lead, text.own.slice(0, 120)] : [text[cue.where]];
    if (places.some((place) => cue.pattern.test(place))) return { stance: cue.stance, stanceConfidence: cue.confidence };
  }
  return { stance: null, stanceConfidence: null };
}
