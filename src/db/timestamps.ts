/**
 * timestamptz values as Postgres prints them (DateStyle ISO): "2024-10-23 12:00:00.123456+00".
 * pg's own parser runs three regular expressions per value; with two timestamps on every row it
 * was a measurable share of a nested page's CPU time. This reads the usual shape with plain
 * arithmetic and leaves anything else (BC, infinity, years before 100, odd offsets) to pg's parser.
 */
const ZERO = 48;

function number(text: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index += 1) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

export function timestamptzParser(fallback: (text: string) => unknown): (text: string) => unknown {
  return (text) => parseTimestamptz(text) ?? fallback(text);
}

/** The instant `text` names, or undefined when it is not in the usual shape. */
export function parseTimestamptz(text: string): Date | undefined {
  if (text.length >= 22 && text[4] === "-" && text[7] === "-" && text[10] === " " && text[13] === ":" && text[16] === ":") {
    let index = 19;
    let milliseconds = 0;
    if (text[index] === ".") {
      const start = index + 1;
      index = start;
      while (index < text.length && text.charCodeAt(index) >= ZERO && text.charCodeAt(index) <= ZERO + 9) index += 1;
      // Microseconds are cut to milliseconds, as Date holds no finer.
      milliseconds = Math.floor(number(text.slice(start, index).padEnd(3, "0"), 0, 3));
    }
    const sign = text[index] === "+" ? 1 : text[index] === "-" ? -1 : 0;
    const rest = text.length - index;
    const year = number(text, 0, 4);
    if (sign !== 0 && year >= 100 && (rest === 3 || (rest === 6 && text[index + 3] === ":"))) {
      const offsetMinutes = number(text, index + 1, index + 3) * 60 + (rest === 6 ? number(text, index + 4, index + 6) : 0);
      const utc = Date.UTC(year, number(text, 5, 7) - 1, number(text, 8, 10), number(text, 11, 13), number(text, 14, 16), number(text, 17, 19), milliseconds);
      const time = utc - sign * offsetMinutes * 60_000;
      if (!Number.isNaN(time)) return new Date(time);
    }
  }
  return undefined;
}
