import { clean, visibleLength } from './style.js'

export interface Column<T> {
  header: string
  /** The cell's text; several lines when it holds more than one thing (a title, then an id). */
  value: (row: T) => string | readonly string[]
  /** Coloured version of one line of the value (`line` is its index); must show the same text. */
  styled?: (row: T, text: string, line: number) => string
  /**
   * How the column gives way when the table is wider than the terminal, down to `min` characters:
   * `wrap` breaks its text between words onto more lines; `cut` ends a line with "…"; a function
   * lays out each line of the value in the width its own way (a title wrapped, an id shortened
   * in the middle, whose two halves matter more than the middle). `weight`
   * is its share of what is left: a title wants more room than a response. Columns without `fit`
   * keep their width.
   */
  fit?: { kind: 'wrap' | 'cut' | ((text: string, width: number, line: number) => string | string[]); min: number; weight?: number }
}

export interface TableOptions {
  /** The terminal's width; Infinity when output is piped (no line is cut there). */
  width?: number
  header?: (text: string) => string
  /** Between columns. */
  gap?: number
}

/**
 * A plain text table fitted to `width`: too wide, its flexible columns give way (by weight, the
 * widest first) and their cells wrap onto more lines or are shortened. Rows of several lines are
 * aligned line by line. A column added later (a marker, a status) is fitted the same way.
 * @example
 * table(threats, [{ header: 'ID', value: (t) => t.id }, { header: 'TITLE', value: (t) => t.title, fit: { kind: 'wrap', min: 20 } }], { width: 80 })
 */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], options: TableOptions = {}): string {
  const gap = options.gap ?? 2
  const lines = (row: T, c: Column<T>) => {
    const value = c.value(row)
    return (typeof value === 'string' ? [value] : value).map((line) => clean(line.replace(/\s+/g, ' ')))
  }
  const cells = rows.map((row) => columns.map((c) => lines(row, c)))
  const widths = fitWidths(
    columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => Math.max(0, ...r[i]!.map((l) => l.length))))),
    columns,
    options.width ?? Number.POSITIVE_INFINITY,
    gap,
  )
  const pad = (text: string, w: number) => text + ' '.repeat(Math.max(0, w - visibleLength(text)))
  const join = (parts: string[]) => parts.join(' '.repeat(gap)).trimEnd()
  const out = [(options.header ?? ((s: string) => s))(join(columns.map((c, i) => pad(c.header, widths[i]!))))]
  rows.forEach((row, r) => {
    const laidOut = columns.map((c, i) => cells[r]![i]!.flatMap((text, line) => layOut(text, widths[i]!, line, c).map((piece) => (c.styled ? c.styled(row, piece, line) : piece))))
    const height = Math.max(...laidOut.map((l) => l.length))
    for (let line = 0; line < height; line++) out.push(join(laidOut.map((l, i) => pad(l[line] ?? '', widths[i]!))))
  })
  return out.join('\n')
}

/** The width each column's text needs on one line, header included, plus the gaps. */
export function naturalWidth<T>(rows: readonly T[], columns: readonly Column<T>[], gap = 2): number {
  const widths = columns.map((c) => Math.max(c.header.length, ...rows.map((row) => Math.max(0, ...[c.value(row)].flat().map((l) => clean(l.replace(/\s+/g, ' ')).length)))))
  return widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1)
}

function fitWidths<T>(natural: number[], columns: readonly Column<T>[], width: number, gap: number): number[] {
  const widths = [...natural]
  let over = widths.reduce((a, b) => a + b, 0) + gap * (columns.length - 1) - width
  while (over > 0) {
    // The column with the most room per unit of weight gives up a character.
    let pick = -1
    let most = 0
    columns.forEach((c, i) => {
      if (!c.fit) return
      const min = Math.max(c.fit.min, Math.min(c.header.length, natural[i]!))
      if (widths[i]! <= min) return
      const room = widths[i]! / (c.fit.weight ?? 1)
      if (room > most) {
        most = room
        pick = i
      }
    })
    if (pick < 0) break
    widths[pick]!--
    over--
  }
  return widths
}

function layOut<T>(text: string, width: number, line: number, column: Column<T>): string[] {
  if (text.length <= width) return [text]
  const kind = column.fit?.kind ?? 'cut'
  if (kind === 'wrap') return wrap(text, width)
  if (kind === 'cut') return [cut(text, width)]
  return [kind(text, width, line)].flat()
}

/**
 * Words onto lines of at most `width`. A word longer than a line breaks after a hyphen (ids of
 * controls and elements are hyphenated), else where it must.
 * @example
 * wrap('Anyone can read what checkout carries', 12) // ['Anyone can', 'read what', 'checkout', 'carries']
 * wrap('(edge-rate-limits, ha)', 12) // ['(edge-rate-', 'limits, ha)']
 */
export function wrap(text: string, width: number): string[] {
  const out: string[] = []
  let line = ''
  const put = (token: string, glue: string) => {
    if (line && line.length + glue.length + token.length <= width) {
      line += glue + token
      return
    }
    if (line) out.push(line)
    for (line = token; line.length > width; line = line.slice(width)) out.push(line.slice(0, width))
  }
  for (const word of text.split(' ')) {
    const pieces = word.length > width ? word.split(/(?<=-)/) : [word]
    pieces.forEach((piece, i) => put(piece, i === 0 ? ' ' : ''))
  }
  out.push(line)
  return out
}

/** The first `width - 1` characters and "…". */
export const cut = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`)

/**
 * A threat id shortened in the middle of its rule, so both the rule's first words and the whole
 * element stay: `unauthenticated-requests-to-sensitive-process@api-gateway` in 30 characters is
 * `unauthenticated-r…@api-gateway`. An id without `@`, or whose element alone is too long, is cut.
 * @example
 * shortenId('cleartext-credentials-in-transit@session-reads', 28) // 'cleartext-cre…@session-reads'
 */
export function shortenId(id: string, width: number): string {
  if (id.length <= width) return id
  const at = id.lastIndexOf('@')
  const element = id.slice(at)
  if (at < 0 || element.length > width - 6) return cut(id, width)
  return `${id.slice(0, width - element.length - 1)}…${element}`
}
