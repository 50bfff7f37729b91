import { describe, expect, it } from 'vitest'
import { shortenId, table, wrap, type Column } from './table.js'

interface Row {
  id: string
  title: string
}
const ROWS: Row[] = [
  { id: 'cleartext-credentials-in-transit@session-reads', title: 'Look up sessions carries credentials, keys or session tokens in clear text' },
  { id: 'card-testing', title: 'Card testers use the checkout' },
]

describe('table', () => {
  const columns: Column<Row>[] = [
    { header: 'ID', value: (r) => r.id, fit: { kind: shortenId, min: 20 } },
    { header: 'TITLE', value: (r) => r.title, fit: { kind: 'wrap', min: 20, weight: 2 } },
  ]

  it('keeps every row on one line when it fits', () => {
    const text = table(ROWS, columns)
    expect(text.split('\n')).toHaveLength(3)
    expect(text).toContain(ROWS[0]!.title)
  })

  it('fits a narrow terminal: no line is wider, titles wrap, ids keep both ends', () => {
    const text = table(ROWS, columns, { width: 60 })
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60)
    expect(text).toContain('…@session-reads')
    expect(text.replace(/\s+/g, ' ')).toContain('Look up sessions carries credentials')
    expect(text.split('\n').length).toBeGreaterThan(3)
  })
})

describe('wrap', () => {
  it('breaks between words, and long ids after a hyphen', () => {
    expect(wrap('Anyone can read what checkout carries', 12)).toEqual(['Anyone can', 'read what', 'checkout', 'carries'])
    expect(wrap('mitigated (edge-rate-limits, ha)', 14)).toEqual(['mitigated', '(edge-rate-', 'limits, ha)'])
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij'])
  })
})

describe('shortenId', () => {
  it('cuts the middle of the rule and keeps the element', () => {
    expect(shortenId('unauthenticated-requests-to-sensitive-process@api-gateway', 30)).toBe('unauthenticated-r…@api-gateway')
    expect(shortenId('card-testing', 30)).toBe('card-testing')
    expect(shortenId('a-very-long-hand-written-threat-id-without-element', 20)).toBe('a-very-long-hand-wr…')
  })
})
