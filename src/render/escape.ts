/**
 * Escaping for every output format. Model text is user input: a name like `<script>` must come out
 * as text in SVG, Mermaid, DOT and PlantUML alike, never as markup or syntax.
 */

/**
 * Text or attribute value for XML (SVG). Control characters XML 1.0 forbids are dropped: one of
 * them would make the whole document unreadable.
 * @example
 * xmlEscape('<script>alert(1)</script>') // '&lt;script&gt;alert(1)&lt;/script&gt;'
 */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/**
 * An identifier safe in every text format (letters, digits, `_`), unique for distinct inputs:
 * model ids may hold `.`, `:` and `-`, which Mermaid, DOT and PlantUML read as syntax.
 * @example
 * safeId('n', 'api-gateway') // 'n_api_2dgateway'
 */
export function safeId(prefix: string, id: string): string {
  // `_` is escaped too, so `a-b` and `a_b` stay distinct.
  return `${prefix}_${id.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`
}

/** Collapses line breaks and tabs: every text format here is line-oriented. */
export const oneLine = (text: string) => text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim()
