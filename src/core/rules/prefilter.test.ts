import { parse } from '@marcbachmann/cel-js'
import { describe, expect, it } from 'vitest'
import { exactOf, prefilterOf, UNDECIDED } from './prefilter.js'

const contexts = [
  { element: { type: 'database', roles: ['database'], encrypted: false, crossesBoundary: true, trust: 2, protocol: 'http' }, system: { kind: 'product' } },
  { element: { type: 'cache', roles: ['cache'], encrypted: true, crossesBoundary: false, trust: 0, protocol: 'https' }, system: { kind: 'protocol' } },
  { element: { type: '', roles: [], encrypted: false, crossesBoundary: false, trust: 4, protocol: '' }, system: { kind: 'product' } },
]

const conditions = [
  'element.type == "database" && !element.encrypted',
  'element.crossesBoundary && element.protocol in ["http", "ftp"]',
  'system.kind != "protocol" && element.trust == 2',
  '"cache" == element.type && element.encrypted',
  'element.type == "database" && element.trust > 1',
  'element.trust == 2.0 && element.type.startsWith("d")',
  '"database" in element.roles && !element.encrypted',
  '"cache" in element.roles || element.encrypted',
  '(element.crossesBoundary || element.trust >= 3) && element.type != "cache"',
  'element.trust < 1 || (element.encrypted && element.type == "cache")',
  'element.trust > -1 && 2 <= element.trust',
]

describe('the condition prefilter', () => {
  it.each(conditions)('never disagrees with CEL: %s', (condition) => {
    const evaluate = parse(condition)
    const prefilter = prefilterOf(evaluate.ast) ?? (() => true)
    for (const context of contexts) {
      // the prefilter may only say "false" where CEL says false
      if (!prefilter(context)) expect(evaluate(context)).toBe(false)
    }
  })

  it('rejects early on a simple test', () => {
    const prefilter = prefilterOf(parse('element.type == "database" && element.inputs.exists(f, f.x)').ast)!
    expect(prefilter(contexts[1]!)).toBe(false)
    expect(prefilter(contexts[0]!)).toBe(true)
  })

  it('leaves a missing field to CEL, which reports it', () => {
    const prefilter = prefilterOf(parse('element.nosuch == "x" && true').ast)!
    expect(prefilter(contexts[0]!)).toBe(true)
  })

  it('has nothing to say about a condition without simple tests', () => {
    expect(prefilterOf(parse('element.inputs.exists(f, f.x) || element.y').ast)).toBeUndefined()
  })

  it('rejects an "or" only when every branch is false', () => {
    const prefilter = prefilterOf(parse('(element.crossesBoundary || element.trust >= 3) && element.inputs.exists(f, f.x)').ast)!
    expect(contexts.map((c) => prefilter(c))).toEqual([true, false, true])
  })
})

describe('the exact evaluation of simple conditions', () => {
  const simple = [...conditions.filter((c) => !c.includes('startsWith')), '!(element.type == "cache" && "cache" in element.roles)', '!element.encrypted || element.trust > 3']

  it.each(simple)('answers what CEL answers: %s', (condition) => {
    const evaluate = parse(condition)
    const exact = exactOf(evaluate.ast)!
    expect(exact).toBeDefined()
    for (const context of contexts) expect(exact(context)).toBe(evaluate(context))
  })

  it('has no answer for a condition with more than simple tests', () => {
    expect(exactOf(parse('element.type.startsWith("d")').ast)).toBeUndefined()
    expect(exactOf(parse('!element.encrypted && element.inputs.exists(f, f.x.matches("y"))').ast)).toBeUndefined()
    expect(exactOf(parse('size(element.inputs) > 1').ast)).toBeUndefined()
  })

  it.each([
    'element.inputs.exists(f, f.to == element.id && !f.authenticated)',
    'element.inputs.all(f, f.fromTrust < element.trust)',
    'element.inputs.exists_one(f, f.to == element.id)',
    'element.inputs.exists(f, "gateway" in f.source.roles)',
  ])('answers what CEL answers over a list: %s', (condition) => {
    const flow = (to: string, authenticated: boolean, fromTrust: number, roles: string[]) => ({ to, authenticated, fromTrust, source: { roles } })
    const lists = [
      [],
      [flow('a', true, 1, [])],
      [flow('a', false, 3, ['gateway']), flow('b', true, 0, [])],
      [flow('a', true, 1, ['gateway']), flow('a', false, 1, [])],
    ]
    const evaluate = parse(condition)
    const exact = exactOf(evaluate.ast)!
    expect(exact).toBeDefined()
    for (const inputs of lists) {
      const context = { element: { id: 'a', trust: 2, inputs } }
      expect(exact(context)).toBe(evaluate(context))
    }
  })

  it('leaves a missing field or another type to CEL', () => {
    expect(exactOf(parse('element.nosuch == "x"').ast)!(contexts[0]!)).toBe(UNDECIDED)
    expect(exactOf(parse('element.type > 1').ast)!(contexts[0]!)).toBe(UNDECIDED)
    // an "and" with a false part is false whatever the rest
    expect(exactOf(parse('element.nosuch == "x" && element.encrypted').ast)!(contexts[0]!)).toBe(false)
  })

  it('reads each field through the reader it is given', () => {
    const exact = exactOf(parse('!element.encrypted').ast, (object, key) => (key === 'encrypted' ? true : object[key]))!
    expect(exact(contexts[0]!)).toBe(false)
  })
})
