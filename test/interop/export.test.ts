/** Exports open in their tools' schemas, and round trips keep what both formats can hold. */
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { analyze, checkModel, type Model } from '../../src/core/index.js'
import { exportOtm, exportThreatDragon } from '../../src/interop/index.js'
import { conformance, countsOf } from './conformance.js'
import { THREAT_DRAGON_V2_RULES } from './threat-dragon-v2-rules.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'
import { loadProject } from '../../src/node/load-project.js'

const ajv = new Ajv({ allErrors: true, strict: false })
const tdValid = ajv.compile(THREAT_DRAGON_V2_RULES)
// OTM's own schema is one of the shared fixtures; without them the OTM schema test is skipped.
const otmSchema = haveFixtures ? JSON.parse(readFileSync(`${FIXTURES}otm/otm_schema.json`, 'utf8')) : {}
const otmValid = ajv.compile(otmSchema)

const load = (text: string): Model => {
  const { model, diagnostics } = checkModel(text)
  if (!model) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  return model
}
const shop = load(readFileSync(new URL('../../examples/shop.yaml', import.meta.url), 'utf8'))

const SMALL = `moat: 1
system: {name: Small, description: Two parts and a store}
boundaries:
  internet: {trust: untrusted}
  app: {name: Application, trust: medium}
externals:
  user: {name: User, type: person, boundary: internet}
processes:
  web: {name: Web app, boundary: app}
stores:
  db: {name: Database, boundary: app, outOfScope: Managed by the platform team}
flows:
  request: {from: user, to: web, protocol: HTTPS, bidirectional: true}
  save: {from: web, to: db}
controls:
  tls: {kind: encryption-in-transit, on: [request]}
threats:
  stolen-session:
    title: A stolen session cookie is replayed
    category: spoofing
    on: [web, request]
    response: accept
    owner: ops
    rationale: Sessions last five minutes
  db-tampering:
    title: Someone edits rows by hand
    category: tampering
    on: [db]
    response: mitigate
    controls: [tls]
    status: in-progress
diagrams:
  main:
    name: Main
    layout:
      user: {x: 10, y: 20, width: 160, height: 80}
      web: {x: 300, y: 20, width: 100, height: 100}
      db: {x: 300, y: 200, width: 160, height: 80}
`
const small = load(SMALL)

const ids = (m: Model) => ({
  externals: Object.keys(m.externals ?? {}).sort(),
  processes: Object.keys(m.processes ?? {}).sort(),
  stores: Object.keys(m.stores ?? {}).sort(),
  flows: Object.keys(m.flows ?? {}).sort(),
  boundaries: Object.keys(m.boundaries ?? {}).sort(),
})
const responses = (m: Model) => Object.fromEntries(Object.entries(m.threats ?? {}).map(([k, t]) => [k, [t.response ?? null, t.title ?? null]]))

describe('Threat Dragon export', () => {
  it.each([['shop', shop], ['small', small]] as const)('%s follows Threat Dragon\'s v2 schema rules', (_, model) => {
    const { text } = exportThreatDragon(model, { threats: analyze(model, { rules: [] }).threats })
    const ok = tdValid(JSON.parse(text))
    expect(tdValid.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('exports every threat the analysis finds, answered or not, with its status', () => {
    const { model, analysis } = loadProject(new URL('../../examples/shop.yaml', import.meta.url).pathname)
    const file = JSON.parse(exportThreatDragon(model!, { threats: analysis!.threats }).text)
    expect(tdValid(file)).toBe(true)
    const exported = new Map<string, string>()
    for (const d of file.detail.diagrams) for (const c of d.cells) for (const t of c.data?.threats ?? []) exported.set(t.id, t.status)
    expect([...exported.keys()].sort()).toEqual(analysis!.threats.map((t) => t.id).sort())
    expect(analysis!.threats.length).toBeGreaterThan(Object.keys(model!.threats ?? {}).length)
    for (const t of analysis!.threats) {
      const expected = t.response?.kind === 'not-applicable' ? 'NotApplicable' : t.response && t.response.kind !== 'accept' && t.status === 'done' ? 'Mitigated' : 'Open'
      expect(exported.get(t.id), t.id).toBe(expected)
    }
    // Back in moat, the generated threats without a written response add nothing to the model.
    const back = conformance(exportThreatDragon(model!, { threats: analysis!.threats }).text, 'shop.json', 'td').model
    expect(responses(back)).toEqual(responses(model!))
  })

  it('would catch a file Threat Dragon refuses', () => {
    const file = JSON.parse(exportThreatDragon(small).text)
    delete file.detail.diagrams[0].cells[0].zIndex
    expect(tdValid(file)).toBe(false)
  })

  it.each([['shop', shop], ['small', small]] as const)('%s round-trips: elements, flows, boundaries, threats, responses', (name, model) => {
    const back = conformance(exportThreatDragon(model).text, `${name}.json`, 'td').model
    expect(ids(back)).toEqual(ids(model))
    expect(responses(back)).toEqual(responses(model))
    for (const [id, f] of Object.entries(model.flows ?? {})) expect(back.flows![id]).toMatchObject({ from: f.from, to: f.to })
    for (const [id, s] of Object.entries(model.stores ?? {})) expect(back.stores![id]!.boundary).toBe(s.boundary)
  })

  it('keeps positions, response details and out-of-scope reasons', () => {
    const back = conformance(exportThreatDragon(small).text, 'small.json', 'td').model
    expect(back.diagrams!.main!.layout).toMatchObject(small.diagrams!.main!.layout!)
    expect(back.threats!['stolen-session']).toMatchObject({ response: 'accept', owner: 'ops', rationale: 'Sessions last five minutes', on: ['web', 'request'] })
    expect(back.threats!['db-tampering']).toMatchObject({ response: 'mitigate', status: 'in-progress' })
    expect(back.stores!.db!.outOfScope).toBe('Managed by the platform team')
    expect(back.flows!.request).toMatchObject({ protocol: 'HTTPS', bidirectional: true })
  })
})

describe.skipIf(!haveFixtures)('OTM export', () => {
  it.each([['shop', shop], ['small', small]] as const)('%s validates against the OTM 0.2.0 JSON Schema', (_, model) => {
    const ok = otmValid(JSON.parse(exportOtm(model, { threats: analyze(model, { rules: [] }).threats }).text))
    expect(otmValid.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it.each([['shop', shop], ['small', small]] as const)('%s round-trips: elements, flows, boundaries, threats, responses', (name, model) => {
    const back = conformance(exportOtm(model).text, `${name}.otm.json`, 'otm').model
    expect(ids(back)).toEqual(ids(model))
    expect(responses(back)).toEqual(responses(model))
    expect(countsOf(back)).toEqual(countsOf(model))
    for (const [id, b] of Object.entries(model.boundaries ?? {})) expect(back.boundaries![id]).toMatchObject({ ...(b.parent && { parent: b.parent }), ...(b.trust && { trust: b.trust }) })
  })

  it('keeps positions, controls and response details', () => {
    const back = conformance(exportOtm(small).text, 'small.otm.json', 'otm').model
    expect(back.diagrams!['moat-diagram-main']!.layout).toEqual(small.diagrams!.main!.layout)
    expect(back.controls!.tls).toMatchObject({ kind: 'encryption-in-transit', status: 'implemented' })
    expect(back.threats!['db-tampering']).toMatchObject({ response: 'mitigate', status: 'in-progress', controls: ['tls'] })
    expect(back.threats!['stolen-session']).toMatchObject({ response: 'accept', owner: 'ops' })
  })
})
