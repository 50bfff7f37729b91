import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { contains, layoutElk, layoutFixed, overlaps, renderSvg, scenesOf, type Layout } from '../../src/render/index.js'
import { buildGraph } from '../../src/core/index.js'
import { analysisOf, validModel } from '../helpers.js'
import { scenesOfYaml, NESTED, PROTOCOL, REFINED, XSS } from './fixtures.js'
import type { Scene } from '../../src/render/scene.js'

const parse = (svg: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg)
const count = (svg: string, pattern: RegExp) => svg.match(pattern)?.length ?? 0

function checkGeometry(scene: Scene, layout: Layout) {
  for (const node of scene.nodes) {
    const box = layout.nodes.get(node.id)!
    expect(box, node.id).toBeDefined()
    // Every node sits inside its boundary, every boundary inside its parent.
    if (node.boundary) expect(contains(layout.boundaries.get(node.boundary)!, box), `${node.id} in ${node.boundary}`).toBe(true)
    for (const other of scene.nodes) if (other !== node) expect(overlaps(box, layout.nodes.get(other.id)!), `${node.id} overlaps ${other.id}`).toBe(false)
  }
  for (const b of scene.boundaries) {
    if (b.parent) expect(contains(layout.boundaries.get(b.parent)!, layout.boundaries.get(b.id)!), `${b.id} in ${b.parent}`).toBe(true)
  }
  for (const flow of scene.flows) expect(layout.flows.get(flow.id)!.points.length).toBeGreaterThanOrEqual(2)
}

describe('DFD layout', () => {
  it('nests boundaries and keeps shapes apart (ELK)', async () => {
    const [scene] = scenesOfYaml(NESTED)
    checkGeometry(scene!, await layoutElk(scene!))
  })

  it('lays out the example shop without overlaps', async () => {
    const { readFileSync } = await import('node:fs')
    const model = validModel(readFileSync(new URL('../../examples/shop.yaml', import.meta.url), 'utf8'))
    for (const scene of scenesOf(buildGraph(model))) {
      const layout = await layoutElk(scene)
      checkGeometry(scene, layout)
      // Labels do not sit on shapes.
      for (const flow of scene.flows) {
        const label = layout.flows.get(flow.id)!.label!
        for (const node of scene.nodes) expect(overlaps(label, layout.nodes.get(node.id)!), `${flow.id} label on ${node.id}`).toBe(false)
      }
    }
  })

  it('uses the model\'s positions when it gives them all', async () => {
    const yaml = NESTED + 'diagrams:\n  d: {layout: {user: {x: 0, y: 0}, web: {x: 300, y: 0}, api: {x: 600, y: 0}, db: {x: 600, y: 200, width: 200, height: 80}}}\n'
    const [scene] = scenesOfYaml(yaml)
    const layout = layoutFixed(scene!)
    checkGeometry(scene!, layout)
    const user = layout.nodes.get('user')!
    const web = layout.nodes.get('web')!
    expect(web.x - user.x).toBe(300)
    expect(layout.nodes.get('db')!.width).toBe(200)
    const svg = await renderSvg(scene!)
    expect(XMLValidator.validate(svg)).toBe(true)
  })
})

describe('DFD SVG', () => {
  it('draws every element and flow once, with a title each', async () => {
    const [scene] = scenesOfYaml(NESTED)
    const svg = await renderSvg(scene!)
    expect(XMLValidator.validate(svg)).toBe(true)
    for (const node of scene!.nodes) expect(count(svg, new RegExp(`<g class="node [^"]*" data-id="${node.id}"`, 'g')), node.id).toBe(1)
    for (const flow of scene!.flows) expect(count(svg, new RegExp(`<g class="flow[^"]*" data-id="${flow.id}"><title>`, 'g')), flow.id).toBe(1)
    for (const b of scene!.boundaries) expect(count(svg, new RegExp(`<g class="boundary [^"]*" data-id="${b.id}"`, 'g'))).toBe(1)
    expect(svg).toMatch(/<svg [^>]*viewBox="0 0 \d+ \d+"[^>]*role="img"/)
    expect(svg).toContain('<style>')
    expect(svg).toContain('<g class="node store" data-id="db"')
  })

  it('marks crossing flows and where they cross', async () => {
    const [scene] = scenesOfYaml(NESTED)
    const svg = await renderSvg(scene!)
    expect(svg).toMatch(/<g class="flow crossing" data-id="req">/)
    expect(svg).toMatch(/<g class="flow" data-id="sql">/)
    const req = svg.match(/<g class="flow crossing" data-id="req">.*?<\/g>/)![0]
    expect(count(req, /class="crossing-point"/g)).toBeGreaterThanOrEqual(2) // leaves internet, enters cloud
    // Two-way flows get a head at each end.
    expect(svg).toMatch(/data-id="sql"><title>[^<]*<\/title><path [^>]*marker-end="url\(#arrow\)" marker-start="url\(#arrow-start\)"/)
  })

  it('keeps a script in a name as text', async () => {
    for (const scene of scenesOfYaml(XSS)) {
      const svg = await renderSvg(scene)
      expect(XMLValidator.validate(svg)).toBe(true)
      expect(svg).not.toMatch(/<script/i)
      expect(svg).not.toMatch(/<img/i)
      expect(svg).not.toMatch(/<b>/)
      expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      const doc = parse(svg)
      expect(doc.svg.title['#text']).toBe('<script>alert(1)</script>')
    }
  })

  it('overlays open threats and the assets a store holds', async () => {
    const analysis = analysisOf(NESTED, `
rules:
  - id: everything
    title: "{{element.name}} threat"
    category: tampering
    targets: [process, store, flow]
    when: "true"
    likelihood: likely
    impact: high
    description: d
`)
    const [scene] = scenesOf(analysis.graph, analysis.threats)
    const svg = await renderSvg(scene!)
    expect(XMLValidator.validate(svg)).toBe(true)
    const api = svg.match(/<g class="node process" data-id="api".*?<\/g><\/g>/)![0]
    expect(api).toMatch(/<g class="badge severity-\w+"><title>1 open threat\(s\), worst residual severity \w+<\/title>/)
    expect(svg).toContain('holds: Personal data')
    const user = svg.match(/<g class="node external" data-id="user".*?<\/g>/)![0]
    expect(user).not.toContain('badge') // no threat on the external
  })

  it('draws context elements of a refinement dimmed', async () => {
    const inside = scenesOfYaml(REFINED).find((s) => s.id === 'inside')!
    const svg = await renderSvg(inside)
    expect(svg).toContain('<g class="node external context" data-id="user"')
    expect(svg).toContain('<g class="node process" data-id="front"')
    expect(svg).toMatch(/<g class="flow crossing context-flow" data-id="use-front">/)
  })
})

describe('sequence SVG', () => {
  it('draws lifelines and messages in order, with their protection', async () => {
    const scene = scenesOfYaml(PROTOCOL).find((s) => s.kind === 'sequence')!
    const svg = await renderSvg(scene)
    expect(XMLValidator.validate(svg)).toBe(true)
    const order = [...svg.matchAll(/<g class="message[^"]*" data-id="([^"]+)"/g)].map((m) => m[1])
    expect(order).toEqual(['hello', 'reply', 'finished'])
    const y = (id: string) => Number(svg.match(new RegExp(`data-id="${id}".*?<path class="message-line" d="M[\\d.]+ ([\\d.]+)`))![1])
    expect(y('hello')).toBeLessThan(y('reply'))
    expect(y('reply')).toBeLessThan(y('finished'))
    const hello = svg.match(/data-id="hello".*?<\/g>/)![0]
    expect(hello).toContain('>plaintext<')
    expect(hello).toContain('>nonce<')
    const reply = svg.match(/data-id="reply".*?<\/g>/)![0]
    expect(reply).toContain('>encrypted<')
    expect(reply).toContain('>signed<')
    expect(count(svg, /<line class="lifeline"/g)).toBe(2)
  })
})
