/** Every real file under ../shared/fixtures: it imports, validates, and has the counts its source has. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importAny, InteropError } from '../../src/interop/index.js'
import { conformance, countsOf } from './conformance.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'

const read = (path: string) => readFileSync(FIXTURES + path, 'utf8')

// Counted from the source files: cells by data.type (TD), components by type (OTM), technical
// assets by type (Threagile), shapes by style (draw.io), stencils by generic type (TMT).
const CASES: [string, string, ReturnType<typeof countsOf>][] = [
  ['threat-dragon/v2-threat-model.json', 'td', { externals: 1, processes: 2, stores: 4, flows: 10, boundaries: 3, threats: 14 }],
  ['threat-dragon/three-tier-web-app.json', 'td', { externals: 0, processes: 3, stores: 0, flows: 3, boundaries: 2, threats: 2 }],
  ['threat-dragon/generic-cms.json', 'td', { externals: 2, processes: 2, stores: 1, flows: 5, boundaries: 1, threats: 0 }],
  ['threat-dragon/payment-online.json', 'td', { externals: 1, processes: 4, stores: 0, flows: 10, boundaries: 3, threats: 0 }],
  ['threat-dragon/v1-demo-threat-model.json', 'td', { externals: 1, processes: 2, stores: 4, flows: 10, boundaries: 4, threats: 14 }],
  ['otm/manual-threat-model.otm.yaml', 'otm', { externals: 1, processes: 1, stores: 1, flows: 2, boundaries: 3, threats: 0 }],
  ['otm/mobile-cloud.otm.json', 'otm', { externals: 1, processes: 1, stores: 2, flows: 6, boundaries: 2, threats: 43 }],
  ['otm/otm-example.json', 'otm', { externals: 1, processes: 2, stores: 1, flows: 2, boundaries: 2, threats: 1 }],
  // Not valid YAML 1.2 (a quoted scalar's last line is under-indented); read as PyYAML reads it.
  ['otm/otm-example.yaml', 'otm', { externals: 1, processes: 2, stores: 1, flows: 2, boundaries: 2, threats: 1 }],
  // 20 links: 13 bring data back (a response flow each), 1 read-only link sends a query (a request
  // flow); 5 trust boundaries and the Internet, where the two internet-facing clients sit.
  ['threagile/example-threagile.yaml', 'threagile', { externals: 4, processes: 7, stores: 3, flows: 34, boundaries: 6, threats: 2 }],
  ['threagile/stub-threagile.yaml', 'threagile', { externals: 0, processes: 2, stores: 0, flows: 1, boundaries: 1, threats: 1 }],
  ['drawio/dfd-example.drawio.xml', 'drawio', { externals: 2, processes: 4, stores: 5, flows: 12, boundaries: 5, threats: 0 }],
  ['tmt/MTMT_example.tm7', 'tm7', { externals: 1, processes: 1, stores: 2, flows: 6, boundaries: 2, threats: 43 }],
  ['tmt/MTMT_nested_tz.tm7', 'tm7', { externals: 0, processes: 2, stores: 2, flows: 3, boundaries: 3, threats: 16 }],
  ['tmt/SDL_all_components.tm7', 'tm7', { externals: 4, processes: 7, stores: 13, flows: 0, boundaries: 2, threats: 0 }],
  ['tmt/missing_coordinates.tm7', 'tm7', { externals: 1, processes: 1, stores: 2, flows: 6, boundaries: 2, threats: 43 }],
  ['threat-composer/ThreatComposer.tc.json', 'threat-composer', { externals: 0, processes: 1, stores: 0, flows: 0, boundaries: 0, threats: 20 }],
]

describe.skipIf(!haveFixtures).each(CASES)('%s', (path, format, counts) => {
  it(`is detected as ${format}, imports into a valid model with the source's counts`, () => {
    const { result, model } = conformance(read(path), path.split('/').pop()!)
    expect(result.format).toBe(format)
    expect(countsOf(model)).toEqual(counts)
  })
})

describe.skipIf(!haveFixtures)('fixtures that are not models', () => {
  it.each([
    ['threat-dragon/v2-malformed-new-model.json', /not a Threat Dragon model: "detail" is missing/],
    ['drawio/dfd-library.xml', /shape library, not a diagram/],
    ['otm/otm_schema.json', /cannot tell which tool|not an Open Threat Model/],
  ])('%s gives a clear error', (path, message) => {
    expect(() => importAny(read(path), { fileName: path })).toThrow(InteropError)
    expect(() => importAny(read(path), { fileName: path })).toThrow(message)
  })
})

describe.skipIf(!haveFixtures)('the OTM specification\'s YAML example', () => {
  it('is read leniently, says so at the line, and gives the model its JSON twin gives', () => {
    const yaml = importAny(read('otm/otm-example.yaml'), { fileName: 'otm-example.yaml' })
    const json = importAny(read('otm/otm-example.json'), { fileName: 'otm-example.json' })
    expect(yaml.warnings[0]).toMatchObject({ line: 133, message: expect.stringContaining('not valid YAML 1.2') })
    expect(yaml.model).toEqual(json.model)
  })
})

describe.skipIf(!haveFixtures)('what the importers map', () => {
  it('Threat Dragon: statuses become responses, text is kept, boxes contain by geometry', () => {
    const { model } = conformance(read('threat-dragon/v2-threat-model.json'), 'v2.json')
    const threats = Object.values(model.threats!)
    expect(threats.filter((t) => t.response === 'mitigate' && t.status === 'done')).toHaveLength(4)
    expect(threats.every((t) => t.title && t.category && t.on?.length)).toBe(true)
    expect(threats.some((t) => t.mitigations?.[0]?.includes('HTTP/S'))).toBe(true)
    const web = Object.values(model.flows!).find((f) => f.name === 'Web Request')!
    expect(web.from).toBe('browser')
    expect(model.diagrams!['main-request-data-flow']!.layout!.browser).toEqual({ x: 10, y: 30, width: 160, height: 80 })
    const three = conformance(read('threat-dragon/three-tier-web-app.json'), 'three.json').model
    expect(Object.values(three.processes!).every((p) => p.boundary)).toBe(true)
  })

  it('OTM: trust ratings become trust levels; a mitigation of no stated kind stays text on its threat', () => {
    const { model } = conformance(read('otm/otm-example.json'), 'otm.json')
    expect(Object.values(model.boundaries!).map((b) => b.trust)).toEqual(['low', 'full'])
    expect(model.controls).toBeUndefined()
    expect(Object.values(model.threats!)[0]!.mitigations).toEqual(['This is the name of mitigation 1: Description for mitigation 1'])
    expect(model.assets!['cc-data']!.confidentiality).toBe('high')
  })

  it('Threagile: nested boundaries, link data and protocol, individual risks', () => {
    const { model } = conformance(read('threagile/example-threagile.yaml'), 'threagile.yaml')
    expect(model.boundaries!['web-dmz']!.parent).toBe('application-network')
    const traffic = Object.values(model.flows!).find((f) => f.name === 'Customer Traffic')!
    expect(traffic).toMatchObject({ from: 'customer-client', to: 'load-balancer', protocol: 'https', authenticated: true, encrypted: true })
    expect(traffic.data!.length).toBeGreaterThan(0)
  })

  it('draw.io: two-way arrows, flow labels from text cells, nested boundaries', () => {
    const { model } = conformance(read('drawio/dfd-example.drawio.xml'), 'dfd.drawio')
    const https = Object.values(model.flows!).find((f) => f.name === 'HTTPS')!
    expect(https).toMatchObject({ protocol: 'HTTPS', bidirectional: true })
    expect(model.boundaries!['user-s-machine']!.parent).toBe('users-lan')
    expect(model.externals!.user!.boundary).toBe('user-s-machine')
  })

  it('TMT: priorities, categories and states of threat instances', () => {
    const { model } = conformance(read('tmt/MTMT_example.tm7'), 'example.tm7')
    const threats = Object.values(model.threats!)
    expect(threats.every((t) => t.severity && t.on?.length === 1)).toBe(true)
    expect(new Set(threats.map((t) => t.category)).size).toBeGreaterThan(3)
  })

  it('threat-composer: mitigations linked become controls, assumptions kept', () => {
    const { model } = conformance(read('threat-composer/ThreatComposer.tc.json'), 'x.tc.json')
    expect(Object.keys(model.controls!)).toHaveLength(18)
    expect(Object.keys(model.assumptions!)).toHaveLength(5)
    expect(Object.values(model.threats!).filter((t) => t.controls?.length).length).toBeGreaterThan(10)
  })
})
