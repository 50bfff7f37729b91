/** Every field of Threat Dragon v1 and v2 is mapped, kept under `x-threat-dragon`, or named in a warning; the header says so. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exportThreatDragon, modelToYaml } from '../../src/interop/index.js'
import { PROPERTIES_READ } from '../../src/interop/threat-dragon/fields.js'
import { conformance } from './conformance.js'
import { documentFields, leaves, named, schemaFields, section } from './schema-fields.js'
import { THREAT_DRAGON_V2_RULES } from './threat-dragon-v2-rules.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'

const file = (name: string) => readFileSync(new URL(`./every-field/${name}`, import.meta.url), 'utf8')
const docs = readFileSync(new URL('../../docs/interop.md', import.meta.url), 'utf8')
const FIXTURE_FILES = ['v2-threat-model.json', 'three-tier-web-app.json', 'generic-cms.json', 'payment-online.json', 'v1-demo-threat-model.json']

const CELLS = 'detail.diagrams[].cells[]'
const DATA = `${CELLS}.data`
const THREATS = `${DATA}.threats[]`
/** Fields Threat Dragon writes that its published schema does not list. */
const UNLISTED = [`${CELLS}.ports`, `${CELLS}.width`, `${CELLS}.height`, `${CELLS}.labels`, `${CELLS}.tools`, `${DATA}.threatFrequency`, `${THREATS}.new`]

/** A v1 path in v2's terms: cells under `diagramJson`, a cell's properties on the cell itself. */
function asV2(path: string): string {
  if (path === 'detail.diagrams[].diagramJson') return 'detail.diagrams[]'
  if (path === 'detail.diagrams[].diagramJson.cells') return 'detail.diagrams[].cells'
  const m = /^detail\.diagrams\[\]\.diagramJson\.cells\[\]\.([^.[]+)(.*)$/.exec(path)
  if (!m) return path
  const [, key, rest] = m
  const isProperty = PROPERTIES_READ.includes(key!) || key === 'hasOpenThreats' || key === 'threatFrequency'
  return `${isProperty ? DATA : CELLS}.${key}${rest}`
}

/** Whether a table entry accounts for a path: the same field, or a part of it (styles under `attrs`). */
const covers = (entry: string, path: string) => path === entry || path.startsWith(`${entry}.`) || path.startsWith(`${entry}[]`)

describe('Threat Dragon: every field is mapped, kept or warned', () => {
  const v2 = conformance(file('every-field.td-v2.json'), 'every-field.td-v2.json')
  const v1 = conformance(file('every-field.td-v1.json'), 'every-field.td-v1.json')
  const m2 = v2.result.model as Record<string, any>
  const m1 = v1.result.model as Record<string, any>
  const warned2 = (pattern: RegExp) => v2.result.warnings.some((w) => pattern.test(w.message))
  const warned1 = (pattern: RegExp) => v1.result.warnings.some((w) => pattern.test(w.message))
  type Fate = ['mapped' | 'kept' | 'warned', () => unknown]
  const mapped = (check: () => unknown): Fate => ['mapped', check]
  const kept = (check: () => unknown): Fate => ['kept', check]
  const warned = (check: () => unknown): Fate => ['warned', check]
  const drawing = (words: string, v = warned2) => warned(() => v(new RegExp(`how Threat Dragon draws the cells is not kept .*${words.replace(/[()]/g, '\\$&')}`)))
  const threat2 = () => m2.threats['card-data-is-read-from-memory']
  const threat1 = () => m1.threats['poison-message']

  const FIELDS: Record<string, Fate> = {
    version: kept(() => m2.system['x-threat-dragon'].version === '2.2.0'),
    'summary.title': mapped(() => m2.system.name === 'Web shop' && m1.system.name === 'Order worker'),
    'summary.owner': mapped(() => m2.system.owners[0] === 'Ada Lovelace'),
    'summary.description': mapped(() => m2.system.description === 'Sells books.'),
    'summary.id': kept(() => m2.system['x-threat-dragon'].id === '7'),
    'detail.contributors[].name': kept(() => m2.system['x-threat-dragon'].contributors.join() === 'Grace Hopper,Alan Turing' && m1.system['x-threat-dragon'].contributors[0] === 'Grace Hopper'),
    'detail.reviewer': kept(() => m2.system['x-threat-dragon'].reviewer === 'Barbara Liskov' && m1.system['x-threat-dragon'].reviewer),
    'detail.diagramTop': kept(() => m2.system['x-threat-dragon'].diagramTop === 1),
    'detail.threatTop': kept(() => m2.system['x-threat-dragon'].threatTop === 3),
    'detail.diagrams[].id': kept(() => m2.diagrams['checkout-2']['x-threat-dragon'].id === '0'),
    'detail.diagrams[].title': mapped(() => m2.diagrams['checkout-2'].name === 'Checkout' && m1.diagrams.orders.name === 'Orders'),
    'detail.diagrams[].description': mapped(() => m2.diagrams['checkout-2'].description.startsWith('Paying for an order')),
    'detail.diagrams[].diagramType': kept(() => m2.diagrams['checkout-2']['x-threat-dragon'].diagramType === 'STRIDE' && m1.diagrams.orders['x-threat-dragon'].diagramType),
    'detail.diagrams[].placeholder': kept(() => m2.diagrams['checkout-2']['x-threat-dragon'].placeholder),
    'detail.diagrams[].thumbnail': kept(() => m2.diagrams['checkout-2']['x-threat-dragon'].thumbnail && m1.diagrams.orders['x-threat-dragon'].thumbnail),
    'detail.diagrams[].version': kept(() => m2.diagrams['checkout-2']['x-threat-dragon'].version === '2.2.0'),
    'detail.diagrams[].size': kept(() => m1.diagrams.orders['x-threat-dragon'].size.width === 800),
    [`${CELLS}.id`]: mapped(() => m2.processes.checkout && m1.processes.worker),
    [`${CELLS}.shape`]: mapped(() => m2.boundaries['internet-edge'] && m2.diagrams['checkout-2'].layout['internet-edge'].points.length >= 2),
    [`${CELLS}.type`]: mapped(() => m1.externals.browser && m1.stores.queue),
    [`${CELLS}.position.x`]: mapped(() => m2.diagrams['checkout-2'].layout.checkout.x === 300 && m1.diagrams.orders.layout.worker.x === 300),
    [`${CELLS}.position.y`]: mapped(() => m2.diagrams['checkout-2'].layout.checkout.y === 60),
    [`${CELLS}.size.width`]: mapped(() => m2.diagrams['checkout-2'].layout['shop-zone'].width === 260),
    [`${CELLS}.size.height`]: mapped(() => m2.diagrams['checkout-2'].layout['shop-zone'].height === 360),
    [`${CELLS}.source.cell`]: mapped(() => m2.flows['order-flow'].from === 'shopper'),
    [`${CELLS}.target.cell`]: mapped(() => m2.flows['order-flow'].to === 'checkout'),
    [`${CELLS}.source.x`]: mapped(() => m2.flows['save-flow'].from === 'checkout' && m2.diagrams['checkout-2'].layout['internet-edge'].points[0].x === 230),
    [`${CELLS}.source.y`]: mapped(() => m2.diagrams['checkout-2'].layout['internet-edge'].points[0].y === 0),
    [`${CELLS}.target.x`]: mapped(() => m2.diagrams['checkout-2'].layout['internet-edge'].points.at(-1).x === 230),
    [`${CELLS}.target.y`]: mapped(() => m2.diagrams['checkout-2'].layout['internet-edge'].points.at(-1).y === 400),
    [`${CELLS}.source.port`]: drawing('ports'),
    [`${CELLS}.target.port`]: drawing('ports'),
    [`${CELLS}.source.id`]: mapped(() => m1.flows.order.from === 'browser'),
    [`${CELLS}.target.id`]: mapped(() => m1.flows.order.to === 'worker'),
    [`${CELLS}.vertices[].x`]: kept(() => m2.flows['order-flow']['x-threat-dragon'].vertices[0].x === 250 && m1.flows.order['x-threat-dragon'].vertices[0].x === 240),
    [`${CELLS}.vertices[].y`]: kept(() => m2.flows['order-flow']['x-threat-dragon'].vertices[0].y === 90),
    [`${CELLS}.attrs`]: drawing('styles (attrs)'),
    [`${CELLS}.labels`]: mapped(() => m1.flows.order.name === 'Order' && warned2(/label positions/)),
    [`${CELLS}.zIndex`]: drawing('z-order (zIndex)'),
    [`${CELLS}.z`]: drawing('z-order (z)', warned1),
    [`${CELLS}.visible`]: drawing('visibility'),
    [`${CELLS}.connector`]: drawing('connector style'),
    [`${CELLS}.ports`]: drawing('ports'),
    [`${CELLS}.tools`]: drawing('editing tools'),
    [`${CELLS}.width`]: drawing('edge sizes (width, height)'),
    [`${CELLS}.height`]: drawing('edge sizes (width, height)'),
    [`${CELLS}.angle`]: drawing('rotation (angle)', warned1),
    [`${CELLS}.smooth`]: drawing('smoothing', warned1),
    [`${DATA}.type`]: mapped(() => m2.externals.shopper && m2.boundaries['shop-zone'] && m2.diagrams['checkout-2'].description.endsWith('Reviewed in March')),
    [`${DATA}.name`]: mapped(() => m2.processes.checkout.name === 'Checkout' && m1.processes.worker.name === 'Worker'),
    [`${DATA}.description`]: mapped(() => m2.processes.checkout.description === 'Takes the order' && m1.processes.worker.description === 'Processes orders'),
    [`${DATA}.isTrustBoundary`]: mapped(() => m2.boundaries['shop-zone'] && !m2.boundaries.checkout),
    [`${DATA}.outOfScope`]: mapped(() => m2.stores.orders.outOfScope && !m2.processes.checkout.outOfScope),
    [`${DATA}.reasonOutOfScope`]: mapped(() => m2.stores.orders.outOfScope === 'Run by the platform team' && m1.stores.queue.outOfScope === 'Managed service'),
    [`${DATA}.providesAuthentication`]: mapped(() => m2.externals.shopper.attributes.providesAuthentication === true),
    [`${DATA}.handlesCardPayment`]: mapped(() => m2.processes.checkout.attributes.handlesCardPayment === true),
    [`${DATA}.handlesGoodsOrServices`]: mapped(() => m2.processes.checkout.attributes.handlesGoodsOrServices === true),
    [`${DATA}.isWebApplication`]: mapped(() => m2.processes.checkout.type === 'web-app'),
    [`${DATA}.privilegeLevel`]: mapped(() => m2.processes.checkout.attributes.privilegeLevel === 'service account' && m1.processes.worker.attributes.privilegeLevel === 'root'),
    [`${DATA}.isALog`]: mapped(() => m2.stores.orders.type === 'log'),
    [`${DATA}.isEncrypted`]: mapped(() => m2.stores.orders.encrypted === true && m2.flows['order-flow'].encrypted === true),
    [`${DATA}.isSigned`]: mapped(() => m2.stores.orders.attributes.isSigned === true),
    [`${DATA}.storesCredentials`]: mapped(() => m2.stores.orders.attributes.storesCredentials === true),
    [`${DATA}.storesInventory`]: mapped(() => m2.stores.orders.attributes.storesInventory === true),
    [`${DATA}.isBidirectional`]: mapped(() => m2.flows['order-flow'].bidirectional === true),
    [`${DATA}.isPublicNetwork`]: mapped(() => m2.flows['order-flow'].attributes.publicNetwork === true),
    [`${DATA}.protocol`]: mapped(() => m2.flows['order-flow'].protocol === 'HTTPS' && m1.flows.enqueue.protocol === 'AMQP'),
    // Worked out from the threats, which are imported; moat works out its own.
    [`${DATA}.hasOpenThreats`]: mapped(() => threat1().response === undefined && threat2().response === 'mitigate'),
    [`${DATA}.threatFrequency`]: mapped(() => threat2().category === 'information-disclosure'),
    [`${THREATS}.id`]: kept(() => threat2()['x-threat-dragon'].id === '9f1c2d3e-0000-4000-8000-000000000001'),
    [`${THREATS}.threatId`]: kept(() => threat2()['x-threat-dragon'].id),
    [`${THREATS}.title`]: mapped(() => threat2().title === 'Card data is read from memory' && threat1().title === 'Poison message'),
    [`${THREATS}.status`]: mapped(() => threat2().response === 'mitigate' && threat2().status === 'done'),
    [`${THREATS}.severity`]: mapped(() => threat2().severity === 'high' && threat1().severity === 'medium'),
    [`${THREATS}.type`]: mapped(() => threat2().category === 'information-disclosure' && threat1().category === 'denial-of-service'),
    [`${THREATS}.description`]: mapped(() => threat2().description.startsWith('A debugger')),
    [`${THREATS}.mitigation`]: mapped(() => threat2().mitigations[0].startsWith('Run with a hardened runtime')),
    [`${THREATS}.modelType`]: kept(() => threat2()['x-threat-dragon'].modelType === 'STRIDE'),
    [`${THREATS}.number`]: kept(() => threat2()['x-threat-dragon'].number === 3),
    [`${THREATS}.score`]: kept(() => threat2()['x-threat-dragon'].score === '8.1'),
    [`${THREATS}.ruleId`]: kept(() => threat2()['x-threat-dragon'].ruleId && threat1()['x-threat-dragon'].ruleId),
    [`${THREATS}.new`]: kept(() => threat2()['x-threat-dragon'].new === true),
  }
  const entryFor = (path: string) => Object.keys(FIELDS).find((entry) => covers(entry, path))

  it('the v2 file holds every field of Threat Dragon\'s v2 schema and those it writes beyond it', () => {
    const present = [...documentFields(JSON.parse(file('every-field.td-v2.json')))]
    const defined = [...leaves(schemaFields(THREAT_DRAGON_V2_RULES)), ...UNLISTED]
    expect(defined.filter((f) => !present.some((p) => covers(f, p) || covers(p, f)))).toEqual([])
    expect(defined.filter((f) => !entryFor(f))).toEqual([])
  })

  it.each(['every-field.td-v1.json', 'every-field.td-v2.json'])('%s holds no field the table does not account for', (name) => {
    const present = [...documentFields(JSON.parse(file(name)))].map(asV2)
    expect(present.filter((p) => !entryFor(p) && !Object.keys(FIELDS).some((e) => e.startsWith(`${p}.`) || e.startsWith(`${p}[]`)))).toEqual([])
  })

  it.skipIf(!haveFixtures).each(FIXTURE_FILES)('the demo %s holds no field the table does not account for', (name) => {
    const present = [...documentFields(JSON.parse(readFileSync(`${FIXTURES}threat-dragon/${name}`, 'utf8')))].map(asV2)
    expect(present.filter((p) => !entryFor(p) && !Object.keys(FIELDS).some((e) => e.startsWith(`${p}.`) || e.startsWith(`${p}[]`)))).toEqual([])
  })

  it.each(Object.entries(FIELDS).map(([field, [fate, check]]) => [field, fate, check] as const))('%s is %s', (_, __, check) => {
    expect(check()).toBeTruthy()
  })

  it('a field Threat Dragon does not define is named in a warning, not dropped silently', () => {
    const doc = JSON.parse(file('every-field.td-v2.json'))
    doc.detail.diagrams[0].cells[1].data.riskOwner = 'Ada'
    doc.detail.diagrams[0].cells[1].data.threats[0].cvss = '7.5'
    const { result } = conformance(JSON.stringify(doc), 'extra.json', 'td')
    expect(result.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([
      expect.stringContaining('"Checkout" has fields Threat Dragon does not define: data.riskOwner'),
      expect.stringContaining('a threat of "Checkout" has fields Threat Dragon does not define: cvss'),
    ]))
  })

  it('docs/interop.md lists each field in the Threat Dragon table', () => {
    const td = section(docs, 'OWASP Threat Dragon')
    expect(Object.keys(FIELDS).filter((f) => !named(td, f))).toEqual([])
  })
})

describe('the header of an imported Threat Dragon model', () => {
  it.skipIf(!haveFixtures)('does not say everything was mapped when contributors and drawing details were not', () => {
    const { result } = conformance(readFileSync(`${FIXTURES}threat-dragon/v1-demo-threat-model.json`, 'utf8'), 'v1.json')
    const yaml = modelToYaml(result.model, { format: 'td', source: 'v1.json', warnings: result.warnings.length })
    expect(yaml).not.toContain('Everything in the source was mapped')
    expect(yaml).toMatch(/contributors:\n\s+- Tom Brown\n\s+- Albert Moneypenny/)
  })

  it('says what it kept in x- fields when nothing needed a warning', () => {
    const model = { moat: 1, system: { name: 'S', 'x-threat-dragon': { reviewer: 'Jane' } } } as never
    expect(modelToYaml(model, { format: 'td', source: 's.json', warnings: 0 })).toContain('# Everything in the source was mapped, or kept in `x-` fields.')
    expect(modelToYaml({ moat: 1, system: { name: 'S' } } as never, { format: 'td', source: 's.json', warnings: 0 })).toContain('# Everything in the source was mapped.')
  })
})

describe('what the import kept goes back to Threat Dragon', () => {
  it('contributors and the reviewer survive a round trip', () => {
    const { model } = conformance(file('every-field.td-v2.json'), 'every-field.td-v2.json')
    const detail = JSON.parse(exportThreatDragon(model).text).detail
    expect(detail.contributors).toEqual([{ name: 'Grace Hopper' }, { name: 'Alan Turing' }])
    expect(detail.reviewer).toBe('Barbara Liskov')
  })
})
