const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` user-perceived characters (grapheme clusters), the last one
 * replaced by "…" when cut. Never inside an emoji (half a surrogate pair is invalid Unicode that
 * nbformat refuses to save and encodeURIComponent throws on), a ZWJ sequence such as 👨‍👩‍👧, or a
 * letter with combining marks (é as e + U+0301 would lose its accent).
 */
export function truncateText(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`truncateText: max must be a positive integer, got ${max}`);
  if (text.length <= max) return text;
  const parts: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    if (parts.length === max) return `${parts.slice(0, max - 1).join('')}…`;
    parts.push(segment);
  }
  return text;
}
