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
 * Breaks text into lines no wider than `max` pixels, at spaces; a word longer than a line is cut.
 * At most `maxLines` lines: the last one ends with an ellipsis when text was left out.
 * @example
 * wrapText('Browsing, sign-in and checkout requests', 150, { size: 12 }) // ['Browsing, sign-in and', 'checkout requests']
 */
export function wrapText(text: string, max: number, font: Font, maxLines = 4): string[] {
  const words = text.split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = ''
  const push = (word: string) => {
    const candidate = line ? `${line} ${word}` : word
    if (textWidth(candidate, font) <= max) {
      line = candidate
      return
    }
    if (line) lines.push(line)
    line = word
    while (textWidth(line, font) > max && line.length > 1) {
      let cut = line.length - 1
      while (cut > 1 && textWidth(line.slice(0, cut), font) > max) cut--
      lines.push(line.slice(0, cut))
      line = line.slice(cut)
    }
  }
  for (const word of words) push(word)
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  let last = kept[maxLines - 1]!
  while (last.length > 1 && textWidth(`${last}…`, font) > max) last = last.slice(0, -1)
  kept[maxLines - 1] = `${last.trimEnd()}…`
  return kept
}
