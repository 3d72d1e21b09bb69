/**
 * Jupyter counts `cursor_pos` in unicode code points (messaging spec 5.2, "cursor_pos"),
 * JavaScript strings and the TypeScript language service count UTF-16 code units.
 */

/** UTF-16 index of the `codePoints`-th code point of `text` (clamped to the text's end). */
export function codePointToUtf16(text: string, codePoints: number): number {
  let index = 0;
  for (let n = 0; n < codePoints && index < text.length; n++) {
    index += isHighSurrogateAt(text, index) ? 2 : 1;
  }
  return index;
}

/** Number of code points in `text` before UTF-16 index `index`. */
export function utf16ToCodePoint(text: string, index: number): number {
  let points = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    points++;
    if (isHighSurrogateAt(text, i)) i++;
  }
  return points;
}

/** Length of `text` in code points. */
export function codePointLength(text: string): number {
  return utf16ToCodePoint(text, text.length);
}

/** 1-based line and column (column in UTF-16 units, as tsc and editors report it) of `index` in `text`. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: index - lineStart + 1 };
}

function isHighSurrogateAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}
