import { describe, expect, it } from 'vitest'
import { locateAll } from './locate.js'
import { parseSource } from './parse-source.js'

describe('parseSource', () => {
  it('reads YAML into plain data', () => {
    expect(parseSource('moat: 1\nsystem: {name: Shop}\n').data).toEqual({ moat: 1, system: { name: 'Shop' } })
  })

  it('reads JSON, the same structure', () => {
    expect(parseSource('{"moat": 1, "system": {"name": "Shop"}}').data).toEqual({ moat: 1, system: { name: 'Shop' } })
  })

  it('keeps YAML 1.2 meanings: yes is text, dates stay text', () => {
    expect(parseSource('a: yes\nb: 2024-01-01\n').data).toEqual({ a: 'yes', b: '2024-01-01' })
  })

  it('reports a syntax error with its line and column', () => {
    const { data, diagnostics } = parseSource('moat: 1\nsystem:\n  name: "unterminated\n')
    expect(data).toBeUndefined()
    expect(diagnostics[0]).toMatchObject({ code: 'syntax', severity: 'error' })
    expect(diagnostics[0]!.range!.line).toBeGreaterThanOrEqual(3)
    expect(diagnostics[0]!.hint).toMatch(/not closed/)
  })

  it('reports a duplicated key where the second one is', () => {
    const { diagnostics } = parseSource('processes:\n  web: {}\n  web: {}\n')
    expect(diagnostics[0]).toMatchObject({ code: 'syntax', range: { line: 3, column: 3 } })
    expect(diagnostics[0]!.hint).toMatch(/once/)
  })

  it('reports one misindented line once, not the errors it causes in the lines after it', () => {
    const text = [
      'moat: 1',
      'system: {name: Shop}',
      'processes:',
      '  web:',
      '    name: Web app',
      '  boundary: dmz', // belongs to web: two spaces short
      '    type: web-app',
      '    technology: node',
      '    data: [orders]',
      '  api:',
      '    name: API',
      '',
    ].join('\n')
    const { diagnostics } = parseSource(text)
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ code: 'syntax', range: { line: 6 } })
    expect(diagnostics[0]!.message).toBe('the next line is indented under "boundary", which already has a value on this line: one of the two lines is indented wrongly')
    expect(diagnostics[0]!.hint).toMatch(/indentation/)
  })

  it('reports a JSON syntax error with a position', () => {
    const { diagnostics } = parseSource('{\n  "moat": 1,\n  "system": }\n', { format: 'json' })
    expect(diagnostics[0]).toMatchObject({ code: 'syntax', range: { line: 3, column: 13 } })
  })

  it('refuses a __proto__ key, which JavaScript would turn into a prototype', () => {
    const { data, diagnostics } = parseSource('processes:\n  __proto__: {name: evil}\n')
    expect(data).toBeUndefined()
    expect(diagnostics).toMatchObject([{ code: 'reserved-key', path: ['processes', '__proto__'], target: 'key' }])
  })

  it('refuses a billion-laughs document instead of hanging', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 0; i < 9; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)
    const { data, diagnostics } = parseSource(bomb.join('\n'), { maxNodes: 100_000 })
    expect(data).toBeUndefined()
    expect(diagnostics[0]!.code).toBe('document-too-large')
  })
})

describe('deeply nested input', () => {
  const deepJson = (depth: number, inner = '1') => `{"moat": 1, "system": {"name": "X"}, "x": ${'{"a": '.repeat(depth)}${inner}${'}'.repeat(depth)}}`

  it.each([
    ['YAML flow lists, 100,000 deep', `moat: 1\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, { line: 2, column: 103 }],
    ['YAML flow maps', `moat: 1\nx: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}\n`, { line: 2 }],
    ['YAML block lists', `moat: 1\nx:\n${Array.from({ length: 3_000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}\n`, {}],
    ['JSON, 3,000 deep, with a __proto__ key at the bottom', deepJson(3_000, '{"__proto__": 1}'), { line: 1 }],
    ['JSON lists, 100,000 deep', `{"moat": 1, "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, { line: 1, column: 17 + 100 }],
  ])('%s: refused with a clear error at the place, not a stack overflow', (_, text, where) => {
    const { data, diagnostics } = parseSource(text)
    expect(data).toBeUndefined()
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatchObject({ code: 'document-too-deep', severity: 'error', range: where })
    expect(diagnostics[0]!.message).toBe('the document is nested more than 100 levels deep')
  })

  it('reads nesting up to the limit', () => {
    expect(parseSource(deepJson(90)).diagnostics).toEqual([])
  })
})

describe('a file of several YAML documents', () => {
  it('is refused at the second document, saying moat reads one model per file', () => {
    const { data, diagnostics } = parseSource('moat: 1\nsystem: {name: A}\n---\nmoat: 1\nsystem: {name: B}\n')
    expect(data).toBeUndefined()
    expect(diagnostics[0]).toMatchObject({ code: 'syntax', range: { line: 3, column: 1 } })
    expect(diagnostics[0]!.message).toContain('more than one YAML document')
    expect(diagnostics[0]!.hint).toContain('a file of its own')
  })
})

describe('locateAll', () => {
  it('adds line and column from a path, pointing at the value or the key', () => {
    const text = 'flows:\n  req:\n    from: user\n    to: webb\n'
    const [value, key] = locateAll(text, [
      { code: 'x', severity: 'error', message: '', path: ['flows', 'req', 'to'] },
      { code: 'y', severity: 'error', message: '', path: ['flows', 'req'], target: 'key' },
    ])
    expect(value!.range).toMatchObject({ line: 4, column: 9 })
    expect(key!.range).toMatchObject({ line: 2, column: 3 })
  })

  it('falls back to the nearest existing ancestor of a missing field', () => {
    const [d] = locateAll('system:\n  kind: product\n', [{ code: 'missing-field', severity: 'error', message: '', path: ['system', 'name'] }])
    expect(d!.range).toMatchObject({ line: 2, column: 3 })
  })
})
