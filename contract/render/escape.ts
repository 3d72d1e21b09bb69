/**
 * Escapes text for XML/HTML text and attribute values. Payload strings (titles, label names) come
 * from user code and land in SVG that GitHub/nbviewer render: every one goes through here, so a
 * label like `<img onerror=…>` stays text. Control characters are dropped because XML 1.0 §2.2
 * forbids them and an SVG containing one fails to render at all.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: unknown): string {
  return String(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
