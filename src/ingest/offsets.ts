/**
 * The extractor works on the JS string (UTF-16 code units, what regular expressions index) and
 * reports spans in code points, as Statement.sourceSpan does. Most bodies have no character
 * outside the BMP, so the conversion is the identity unless a surrogate pair is present; then a
 * prefix table (one Int32 per code unit) answers each offset in O(1).
 */
export type ToCodePoint = (utf16Offset: number) => number;

export function codePointOffsets(body: string): ToCodePoint {
  if (!/[\uD800-\uDFFF]/.test(body)) return (offset) => offset;
  const table = new Int32Array(body.length + 1);
  let points = 0;
  for (let i = 0; i < body.length; i++) {
    table[i] = points;
    const unit = body.charCodeAt(i);
    // The high surrogate counts the pair; the low one adds nothing.
    if (!(unit >= 0xdc00 && unit <= 0xdfff && i > 0 && isHigh(body.charCodeAt(i - 1)))) points++;
  }
  table[body.length] = points;
  return (offset) => table[offset];
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** A text's length in code points, as spans and the body's limit count it. */
export function codePointLength(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index += 1) if (!isHigh(text.charCodeAt(index))) length += 1;
  return length;
}

/** Slices a text by code points, at no cost when it has no character outside the BMP. */
export function codePointSlicer(text: string): (start: number, end: number) => string {
  if (!/[\uD800-\uDFFF]/.test(text)) return (start, end) => text.slice(start, end);
  const points = Array.from(text);
  return (start, end) => points.slice(start, end).join("");
}
