/** The model diff on pairs of models, and its three renderings. */
import { describe, expect, it } from 'vitest'
import { diffAnalyses, isEmptyDiff } from '../../src/core/diff/index.js'
import { diffJson } from '../../src/report/diff/json.js'
import { diffMarkdown } from '../../src/report/diff/markdown.js'
import { diffText } from '../../src/report/diff/text.js'
import { analyseText } from './fixtures.js'

const BASE = `moat: 1
system: {name: Shop, description: Sells things.}
assets:
  cards: {name: Card data, classification: restricted}
boundaries:
  internet: {name: Internet, trust: untrusted}
  dmz: {name: DMZ}
  core: {name: Core, trust: high}
externals:
  customer: {name: Customer, type: person, boundary: internet}
processes:
  web: {name: Web app, boundary: dmz, description: The shop.}
stores:
  orders: {name: Orders DB, type: database, boundary: core, data: [cards]}
flows:
  checkout: {name: Checkout, from: customer, to: web, protocol: HTTPS, data: [cards]}
  save: {name: Save order, from: web, to: orders, protocol: postgres-tls, data: [cards]}
controls:
  login: {kind: authentication, on: [web]}
`
const sides = { before: 'old.yaml', after: 'new.yaml', system: 'Shop' }

describe('diffAnalyses', () => {
  it('finds nothing between a model and itself', () => {
    const a = analyseText(BASE)
    const diff = diffAnalyses(a, analyseText(BASE))
    expect(isEmptyDiff(diff)).toBe(true)
    expect(diffText(diff, sides)).toContain('No change')
    expect(diffJson(diff, sides).changed).toBe(false)
  })

  it('lists added, removed and changed parts, field by field', () => {
    const after = BASE.replace('protocol: postgres-tls', 'protocol: postgres')
      .replace('  orders: {name: Orders DB', '  cache: {name: Cache, boundary: core}\n  orders: {name: Orders DB')
      .replace('controls:\n  login: {kind: authentication, on: [web]}\n', 'controls: {}\n')
      .replace('system: {name: Shop, description: Sells things.}', 'system: {name: Shop, description: Sells books.}')
    const diff = diffAnalyses(analyseText(BASE), analyseText(after))
    expect(diff.system).toEqual([{ field: 'description', before: 'Sells things.', after: 'Sells books.' }])
    expect(diff.parts.elements.added).toEqual([{ id: 'cache', kind: 'store', name: 'Cache' }])
    expect(diff.parts.controls.removed).toEqual([{ id: 'login', kind: 'control', name: 'login' }])
    expect(diff.parts.flows.changed).toEqual([{ id: 'save', kind: 'flow', name: 'Save order', fields: [{ field: 'protocol', before: 'postgres-tls', after: 'postgres' }] }])
    expect(diff.parts.assets).toEqual({ added: [], removed: [], changed: [] })
  })

  it('shows an element that changed kind as changed, not removed and added', () => {
    const diff = diffAnalyses(analyseText(BASE), analyseText(BASE.replace('processes:\n  web:', 'processes: {}\nstores:\n  web:').replace(/\nstores:\n  orders/, '\n  orders')))
    expect(diff.parts.elements.changed[0]).toMatchObject({ id: 'web', kind: 'store', fields: [{ field: 'kind', before: 'process', after: 'store' }] })
  })

  it('finds threats that appear and disappear, and severities that change', () => {
    // Plain HTTP to the database: cleartext threats appear on the flow.
    const diff = diffAnalyses(analyseText(BASE), analyseText(BASE.replace('protocol: postgres-tls', 'protocol: postgres')))
    expect(diff.threats.appeared.length).toBeGreaterThan(0)
    expect(diff.threats.appeared.every((t) => t.id.endsWith('@save'))).toBe(true)
    const back = diffAnalyses(analyseText(BASE.replace('protocol: postgres-tls', 'protocol: postgres')), analyseText(BASE))
    expect(back.threats.disappeared.map((t) => t.id)).toEqual(diff.threats.appeared.map((t) => t.id))
  })

  it('finds responses added and changed, and the residual severity they change', () => {
    const base = analyseText(BASE)
    const target = base.threats.find((t) => !t.response && t.severity !== 'low')!
    const planned = `${BASE}threats:\n  ${target.id}: {response: mitigate, controls: [login], status: planned, owner: alice}\n`
    const done = planned.replace('status: planned', 'status: done')
    const added = diffAnalyses(base, analyseText(planned))
    expect(added.responses.added).toEqual([expect.objectContaining({ id: target.id, before: null, after: expect.objectContaining({ kind: 'mitigate', status: 'planned', owner: 'alice' }) })])
    const finished = diffAnalyses(analyseText(planned), analyseText(done))
    expect(finished.responses.changed[0]!.fields).toEqual([{ field: 'status', before: 'planned', after: 'done' }])
    expect(finished.threats.changed[0]).toMatchObject({ id: target.id, residualBefore: target.residual.severity })
    const text = diffText(finished, sides)
    expect(text).toContain(`~ ${target.id}: status "planned" → "done"`)
    expect(diffMarkdown(finished, sides)).toContain('#### Responses: 0 added, 1 changed, 0 removed')
  })

  it('reports the review before and after, and the checks that changed', () => {
    const broken = BASE.replace('  save: {name: Save order', '  leak: {name: Leak, from: customer, to: orders}\n  save: {name: Save order')
    const diff = diffAnalyses(analyseText(BASE), analyseText(broken))
    const flowCheck = diff.review.checks.find((c) => c.id === 'dfd.flow-endpoints')
    expect(flowCheck).toMatchObject({ before: 'pass', after: 'fail' })
    expect(diff.review.after.passed).toBe(false)
    const json = diffJson(diff, sides)
    expect(Object.keys(json)).toEqual(['version', 'before', 'after', 'system', 'changed', 'systemChanges', 'parts', 'threats', 'responses', 'review'])
    expect(diffMarkdown(diff, sides)).toMatch(/\*\*Review:\*\* .* → ❌ fails/)
  })

  it('escapes model text in the Markdown comment', () => {
    const hostile = BASE.replace('name: Card data', 'name: "<img src=x onerror=alert(1)> | x"')
    const diff = diffAnalyses(analyseText(BASE), analyseText(hostile))
    const md = diffMarkdown(diff, { ...sides, system: '<script>alert(1)</script>' })
    // Inside a code span (field values) HTML is literal text; outside, it must be escaped.
    expect(md.replace(/(`+)[^`]*?\1/g, '')).not.toMatch(/<script|<img/)
    expect(md).toContain('&lt;script&gt;')
  })
})
