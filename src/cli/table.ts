import { clean, visibleLength } from './style.js'

export interface Column<T> {
  header: string
  value: (row: T) => string
  /** Coloured version of the value; must show the same text. */
  styled?: (row: T, text: string) => string
  /** The column that gives way when the table is wider than the terminal. */
  flexible?: boolean
}

/** A plain text table, fitted to `width` by shortening the flexible column. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], width = 120, header = (s: string) => s): string {
  const cells = rows.map((row) => columns.map((c) => clean(c.value(row).replace(/\s+/g, ' '))))
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)))
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (columns.length - 1)
  const flexible = columns.findIndex((c) => c.flexible)
  if (total > width && flexible >= 0) widths[flexible] = Math.max(12, widths[flexible]! - (total - width))
  const fit = (text: string, w: number) => (text.length > w ? `${text.slice(0, w - 1)}…` : text)
  const pad = (text: string, w: number) => text + ' '.repeat(Math.max(0, w - visibleLength(text)))
  const lines = [header(columns.map((c, i) => pad(c.header, widths[i]!)).join('  ').trimEnd())]
  rows.forEach((row, r) => {
    lines.push(
      columns
        .map((c, i) => {
          const text = fit(cells[r]![i]!, widths[i]!)
          return pad(c.styled ? c.styled(row, text) : text, widths[i]!)
        })
        .join('  ')
        .trimEnd(),
    )
  })
  return lines.join('\n')
}
