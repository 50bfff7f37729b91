/**
 * Text measurement without a DOM or a font file, so layout runs the same in Node and the browser.
 * Widths are DejaVu Sans advance widths (per mille of the font size): among the fonts `sans-serif`
 * resolves to, it is one of the widest, so text measured here fits in Helvetica or Arial too.
 */

// Printable ASCII, 32..126.
const REGULAR = [318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838]
const BOLD = [348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838]
const WIDE = 1000 // CJK, emoji and other characters outside the table: assume a full em

export interface Font {
  size: number
  bold?: boolean
}

/**
 * The rendered width of one line of text, in pixels.
 * @example
 * textWidth('Web app', { size: 14 }) // ≈ 55
 */
export function textWidth(text: string, font: Font): number {
  const table = font.bold ? BOLD : REGULAR
  let total = 0
  for (const char of text) {
    const code = char.codePointAt(0)!
    total += code >= 32 && code <= 126 ? table[code - 32]! : code < 0x2000 ? 640 : WIDE
  }
  return (total * font.size) / 1000
}

/**
 * Breaks text into lines no wider than `max` pixels, at spaces, or after a hyphen or a slash
 * (`player-` / `database`) when a word alone is wider than a line; a word is never cut in the
 * middle: one that does not fit even so ends with an ellipsis. At most `maxLines` lines: the last
 * one ends with an ellipsis when text was left out.
 * @example
 * wrapText('Browsing, sign-in and checkout requests', 150, { size: 12 }) // ['Browsing, sign-in and', 'checkout requests']
 */
export function wrapText(text: string, max: number, font: Font, maxLines = 4): string[] {
  const fits = (s: string) => textWidth(s, font) <= max
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word
    if (fits(candidate)) {
      line = candidate
      continue
    }
    if (line) lines.push(line)
    const parts = fits(word) ? [word] : pieces(word, fits)
    lines.push(...parts.slice(0, -1))
    line = parts[parts.length - 1]!
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = ellipsis(`${kept[maxLines - 1]!}…`, fits)
  return kept
}

/** A word too wide for a line, in pieces that end after a hyphen or a slash; a piece still too wide is shortened with an ellipsis. */
function pieces(word: string, fits: (s: string) => boolean): string[] {
  const parts = word.split(/(?<=[-/])(?=.)/)
  const result: string[] = []
  let piece = ''
  for (const part of parts) {
    if (piece && !fits(piece + part)) {
      result.push(piece)
      piece = ''
    }
    piece += part
  }
  result.push(piece)
  return result.map((p) => (fits(p) ? p : ellipsis(p, fits)))
}

/** `text` shortened at its end until it fits with an ellipsis (kept whole when it fits as it is). */
function ellipsis(text: string, fits: (s: string) => boolean): string {
  if (fits(text)) return text
  let kept = text.endsWith('…') ? text.slice(0, -1) : text
  while (kept.length > 1 && !fits(`${kept.trimEnd()}…`)) kept = kept.slice(0, -1)
  return `${kept.trimEnd()}…`
}

/**
 * The width of the widest word of a text: no line can be narrower without cutting a word.
 * @example
 * widestWord('Web app', { size: 14 }) // ≈ 31 (the width of "Web")
 */
export function widestWord(text: string, font: Font): number {
  return Math.max(0, ...text.split(/\s+/).filter(Boolean).map((w) => textWidth(w, font)))
}
