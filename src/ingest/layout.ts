import type { Paragraph } from "./quotes";

/**
 * What surrounds the story in wire copy and is not the reporter's prose: the headline, bylines,
 * timestamps, datelines ("GENEVA (Reuters) -"), photo captions, credits ("(Reporting by …)"),
 * section labels. None of it attributes anything, but its names would otherwise become pronoun
 * candidates ("By Claire Duval" before "she said").
 */
export interface Layout {
  /** Paragraphs of prose, a dateline cut off the front of the one that has it. */
  paragraphs: Paragraph[];
  datelinePlace: string | null;
  /** A publication date found in a timestamp line ("March 4, 2025 9:30 AM GMT"), YYYY-MM-DD. */
  timestamp: string | null;
}

const MONTH = "(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)";
const BYLINE = /^By \p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+)*(?:(?:,| and) .*)?$/u;
const TIMESTAMP = new RegExp(`^(?:(?:Published|Updated|Posted)\\b.*|(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), )?${MONTH} \\d{1,2}, \\d{4}\\b.*)$`);
const CAPTION = /^(?:FILE PHOTO|PHOTO|Photo|Caption)\s*:|REUTERS\/|\(Photo\b|\bAP Photo\//;
const CREDITS = /^\((?:Reporting|Writing|Editing|Additional reporting|Compiled)\b|^Our Standards:|^Copyright\b/;
/** "GENEVA (Reuters) - ", "NEW HAVEN, Conn. (AP) — ", "SAN FRANCISCO, July 15 - ", "April 24 (Reuters) - ", "LINDEN, Pa. - ". */
const DATELINE = new RegExp(
  `^(?:(\\p{Lu}[\\p{Lu}.' -]*\\p{Lu}\\.?)(?:, (?:\\p{Lu}[\\p{L}.]*(?: \\p{Lu}[\\p{L}.]*)?))?(?:, ${MONTH} \\d{1,2})?|${MONTH} \\d{1,2})(?: \\((?:AP|Reuters|AFP|Bloomberg|UPI|dpa|Xinhua)\\))? [-—–]+ `,
  "u",
);

/** "Paris (AFP) – ", "New Delhi, India (Reuters) - ": a place in title case, only with an agency's credit. */
const TITLE_CASE_DATELINE = new RegExp(
  `^(\\p{Lu}[\\p{Ll}.'’-]+(?: \\p{Lu}[\\p{Ll}.'’-]+){0,2})(?:, \\p{Lu}[\\p{L}.]*(?: \\p{Lu}[\\p{L}.]*)?)?(?:, ${MONTH} \\d{1,2})? \\((?:AP|Reuters|AFP|Bloomberg|UPI|dpa|Xinhua)\\) [-—–]+ `,
  "u",
);

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export function readLayout(body: string, paragraphs: Paragraph[]): Layout {
  const prose: Paragraph[] = [];
  let datelinePlace: string | null = null;
  let timestamp: string | null = null;
  paragraphs.forEach((paragraph, index) => {
    const text = body.slice(paragraph.start, paragraph.end).trim();
    if (BYLINE.test(text) && text.length < 120) return;
    if (TIMESTAMP.test(text) && text.length < 100) {
      timestamp ??= dateOf(text);
      return;
    }
    if (CAPTION.test(text) || CREDITS.test(text)) return;
    // A headline or a section label: a short first line, or a line in capitals, with no sentence end.
    const unpunctuated = !/[.!?)]$/.test(text.replace(/[”"’]+$/, ""));
    if (unpunctuated && ((index === 0 && text.length < 150) || (text === text.toUpperCase() && /\p{Lu}/u.test(text)))) return;
    const lead = body.slice(paragraph.start, paragraph.end);
    const dateline = DATELINE.exec(lead) ?? TITLE_CASE_DATELINE.exec(lead);
    if (dateline && prose.length < 2) {
      if (dateline[1]) datelinePlace ??= titleCaseWords(dateline[1]);
      prose.push({ start: paragraph.start + dateline[0].length, end: paragraph.end });
      return;
    }
    prose.push(paragraph);
  });
  return { paragraphs: prose, datelinePlace, timestamp };
}

function dateOf(text: string): string | null {
  const match = new RegExp(`(${MONTH}) (\\d{1,2}), (\\d{4})`).exec(text);
  if (!match) return null;
  const month = MONTHS.indexOf(match[1].slice(0, 3).toLowerCase()) + 1;
  return `${match[3]}-${String(month).padStart(2, "0")}-${match[2].padStart(2, "0")}`;
}

function titleCaseWords(text: string): string {
  return text
    .trim()
    .split(" ")
    .map((word) => word.charAt(0) + word.slice(1).toLowerCase())
    .join(" ");
}
