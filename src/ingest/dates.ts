import { MONTHS, WEEKDAYS } from "./lexicon";
import type { Token } from "./segment";

/**
 * Days named in an attribution, resolved against the publication day: a weekday is the latest such
 * day on or before publication ("on Tuesday" in a Wednesday paper is the day before; a Wednesday
 * paper's "on Wednesday" is that day); "March 2" takes the publication year; "last week" is the
 * Monday–Sunday week before publication, an ISO 8601 interval. Without a publication day only a
 * date with its year can be known. Month names alone ("in January") are not a day and are ignored.
 */
export interface NamedDay {
  /** YYYY-MM-DD, or YYYY-MM-DD/YYYY-MM-DD for a week. */
  value: string | null;
  precision: "DAY" | "WEEK";
  /** "on the same day": the day of the occasion before. */
  sameAsBefore?: boolean;
}

const MONTH_PREFIXES = MONTHS.map((month) => month.slice(0, 3));

export function publicationDay(publishedAt: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(publishedAt ?? "");
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

function monthOf(word: string): number {
  const lower = word.toLowerCase().replace(/\.$/, "");
  if (MONTHS.includes(lower)) return MONTHS.indexOf(lower);
  if (lower === "sept") return 8;
  // "Nov." "Oct." (with the period) are abbreviations; bare "Nov" too, never "mar"/"may" as words.
  if (word.endsWith(".") && MONTH_PREFIXES.includes(lower)) return MONTH_PREFIXES.indexOf(lower);
  return -1;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function addDays(day: string, days: number): string {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + days);
  return iso(date);
}

/** The first day named among `tokens` (the attribution's words, not the reported clause's). */
export function namedDay(tokens: Token[], published: string | null): NamedDay | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const weekday = WEEKDAYS.indexOf(t.lower);
    if (weekday >= 0) {
      if (!published) return { value: null, precision: "DAY" };
      const back = (utc(published).getUTCDay() - weekday + 7) % 7;
      return { value: addDays(published, -back), precision: "DAY" };
    }
    const month = monthOf(t.text);
    if (month >= 0 && next && /^\d{1,2}$/.test(next.text)) {
      const year = tokens[i + 2]?.text === "," && /^\d{4}$/.test(tokens[i + 3]?.text ?? "") ? tokens[i + 3].text : published?.slice(0, 4);
      return { value: year ? day(year, month, Number(next.text)) : null, precision: "DAY" };
    }
    if (/^\d{1,2}$/.test(t.text) && next && monthOf(next.text) >= 0 && !(tokens[i - 1] && monthOf(tokens[i - 1].text) >= 0)) {
      const year = /^\d{4}$/.test(tokens[i + 2]?.text ?? "") ? tokens[i + 2].text : published?.slice(0, 4);
      return { value: year ? day(year, monthOf(next.text), Number(t.text)) : null, precision: "DAY" };
    }
    if (t.lower === "yesterday") return { value: published ? addDays(published, -1) : null, precision: "DAY" };
    if (t.lower === "today" || (t.lower === "this" && /^(morning|afternoon|evening)$/.test(next?.lower ?? ""))) return { value: published, precision: "DAY" };
    if (t.lower === "last" && next?.lower === "week") {
      if (!published) return { value: null, precision: "WEEK" };
      // ISO weeks start on Monday; the week before publication's week.
      const monday = addDays(published, -((utc(published).getUTCDay() + 6) % 7) - 7);
      return { value: `${monday}/${addDays(monday, 6)}`, precision: "WEEK" };
    }
    if (t.lower === "same" && /^(day|call|briefing|occasion|conference|event)$/.test(next?.lower ?? "")) return { value: null, precision: "DAY", sameAsBefore: true };
  }
  return null;
}

function day(year: string, month: number, date: number): string | null {
  const value = `${year}-${String(month + 1).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
  const parsed = utc(value);
  // "February 30" is no day.
  return !Number.isNaN(parsed.getTime()) && iso(parsed) === value ? value : null;
}
