/** CSV: RFC 4180 that a real CSV parser reads back row for row, with formulas defused. */
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, csvCell, threatsCsv } from '../../src/report/csv.js'
import { analyseText, HOSTILE, project, SHOP } from './fixtures.js'

describe('threats CSV', () => {
  it('reads back with the same rows and columns (shop example)', () => {
    const { analysis } = project(SHOP)
    const rows: string[][] = parse(threatsCsv(analysis.threats), { relax_column_count: false })
    expect(rows[0]).toEqual([...CSV_COLUMNS])
    expect(rows.slice(1).map((r) => r[0])).toEqual(analysis.threats.map((t) => t.id))
    const first = analysis.threats[0]!
    expect(rows[1]).toEqual([first.id, first.title, first.category, first.elements.join(' '), first.severity, first.residual.severity, expect.any(String), first.response?.owner ?? '', first.status, first.description, first.mitigations.join('\n'), first.possible ? 'yes' : ''])
  })

  it('quotes commas, quotes and line breaks, and ends lines with CRLF', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(threatsCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`)
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const formula of ['=1+2', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/)
    const analysis = analyseText(HOSTILE)
    const rows: string[][] = parse(threatsCsv(analysis.threats))
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    expect(rows.flat()).toContain("'=HYPERLINK(\"http://evil\")")
  })
})

it('guards cells that a spreadsheet reads as formulas after spaces, line breaks or full-width signs', () => {
  for (const formula of [' =1+2', '\n=1', '\u3000@SUM(A1)', '＝1+2', '＋1', '－1', '＠SUM(A1)']) expect(csvCell(formula).replace(/^"/, ''), JSON.stringify(formula)).toMatch(/^'/)
  expect(csvCell('plain text')).toBe('plain text')
})
