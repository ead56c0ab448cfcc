/**
 * Whether a text reads as English, for the extractor, whose rules are English news style: the share
 * of its words that are English function words. English news prose runs at 35–45%; French, German
 * or Spanish at a few percent (only "a", "in", "an" overlap); a text in another script has next to
 * no Latin words at all. Texts too short to tell pass.
 */
const FUNCTION_WORDS = new Set(
  `the of and to a in that is was for on it with as by at from he she they we his her their its be are were
   has have had said says this which who not but or an will would been also after over about than more`.split(/\s+/),
);

export function looksEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 30) return true;
  const english = words.reduce((count, word) => count + (FUNCTION_WORDS.has(word) ? 1 : 0), 0);
  return english / words.length >= 0.15;
}
