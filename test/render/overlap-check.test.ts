import { describe, expect, it } from 'vitest'
import { describeOverlap, findOverlaps, type Layout } from '../../src/render/index.js'
import { scenesOfYaml } from './fixtures.js'

const [scene] = scenesOfYaml(`
moat: 1
system: {name: Overlaps}
boundaries:
  dmz: {name: DMZ}
  core: {name: Core}
externals:
  user: {name: User}
processes:
  web: {name: Web, boundary: dmz}
stores:
  db: {name: DB, boundary: core}
flows:
  browse: {from: user, to: web, name: Browse}
  save: {from: web, to: db, name: Save}
`)

/** user ── browse ──▶ web ── save ──▶ db, in a row, each in its boundary; everything clean. */
function cleanLayout(): Layout {
  return {
    width: 800,
    height: 200,
    nodes: new Map([
      ['user', { x: 20, y: 80, width: 100, height: 50 }],
      ['web', { x: 300, y: 80, width: 100, height: 50 }],
      ['db', { x: 600, y: 80, width: 100, height: 50 }],
    ]),
    boundaries: new Map([
      ['dmz', { x: 270, y: 30, width: 160, height: 130 }],
      ['core', { x: 570, y: 30, width: 160, height: 130 }],
    ]),
    flows: new Map([
      ['browse', { points: [{ x: 120, y: 105 }, { x: 300, y: 105 }], label: { x: 180, y: 95, width: 50, height: 20 } }],
      ['save', { points: [{ x: 400, y: 105 }, { x: 600, y: 105 }], label: { x: 470, y: 95, width: 50, height: 20 } }],
    ]),
  }
}

const kinds = (layout: Layout) => findOverlaps(scene!, layout).map((o) => `${o.kind} ${o.a.id} ${o.b.id}`)

describe('the overlap check', () => {
  it('finds nothing in a clean drawing', () => {
    expect(findOverlaps(scene!, cleanLayout())).toEqual([])
  })

  it('finds a label on a shape, with the area it covers', () => {
    const layout = cleanLayout()
    layout.flows.get('browse')!.label = { x: 290, y: 95, width: 30, height: 20 } // 20 × 20 over web
    const [found] = findOverlaps(scene!, layout).filter((o) => o.kind === 'label×node')
    expect(found).toEqual({ kind: 'label×node', a: { type: 'label', id: 'browse' }, b: { type: 'node', id: 'web' }, area: 400 })
    expect(describeOverlap(found!)).toBe('label×node: label "browse" covers node "web" (400 px²)')
  })

  it('finds a label on another label, on an arrowhead, and on another flow\'s line', () => {
    const layout = cleanLayout()
    layout.flows.get('save')!.label = { x: 405, y: 95, width: 50, height: 20 }
    layout.flows.get('browse')!.label = { x: 380, y: 96, width: 50, height: 20 } // over web's right edge, the save label and line
    expect(kinds(layout)).toEqual(expect.arrayContaining(['label×label browse save', 'label×node browse web', 'label×flow browse save']))
    layout.flows.get('browse')!.label = { x: 288, y: 100, width: 10, height: 10 } // where browse's arrowhead is
    expect(kinds(layout)).toContain('label×arrowhead browse browse:end')
  })

  it('does not count a label on its own line', () => {
    expect(kinds(cleanLayout())).not.toContain('label×flow browse browse')
  })

  it('finds shapes on top of each other, outside their boundary, inside another', () => {
    const layout = cleanLayout()
    layout.nodes.set('db', { x: 350, y: 100, width: 100, height: 50 })
    expect(kinds(layout)).toEqual(expect.arrayContaining(['node×node web db', 'node outside its boundary db core', 'node inside another boundary db dmz']))
    const outside = findOverlaps(scene!, layout).find((o) => o.kind === 'node outside its boundary')!
    expect(outside.area).toBe(5000) // all of it
  })

  it('finds a boundary name hidden by a shape, a label or a line', () => {
    const layout = cleanLayout()
    layout.nodes.set('web', { x: 280, y: 35, width: 100, height: 50 })
    expect(kinds(layout)).toContain('boundary label hidden dmz web')
  })
})
