import { describe, expect, it } from 'vitest'
import { describeOverlap, dfdSvg, findOverlaps, layoutElk, layoutFixed, renderSvg } from '../../src/render/index.js'
import { flowLabel } from '../../src/render/content.js'
import { wrapText } from '../../src/render/text.js'
import { scenesOfYaml } from './fixtures.js'

/** As the Threat Modeling Tool draws it: small shapes close together, a pair of flows each way, short names. */
const CLOSE = `
moat: 1
system: {name: Close together}
externals:
  attacker: {name: Attacker}
processes:
  app: {name: App}
stores:
  cache: {name: Cache}
flows:
  attacker-in: {from: attacker, to: app, name: Attacker In}
  attacker-out: {from: app, to: attacker, name: Attacker Out}
  read: {from: app, to: cache, name: R/O}
  results: {from: cache, to: app, name: Results}
diagrams:
  d:
    layout:
      attacker: {x: 0, y: 0, width: 100, height: 100}
      app: {x: 170, y: 0, width: 100, height: 100}
      cache: {x: 170, y: 150, width: 100, height: 100}
`

const clean = (yaml: string) => {
  const [scene] = scenesOfYaml(yaml)
  const layout = layoutFixed(scene!)
  return { scene: scene!, layout, overlaps: findOverlaps(scene!, layout).map(describeOverlap) }
}

describe('flow labels', () => {
  it('keep a pair of flows each way readable, with their arrowheads, at the source\'s positions', () => {
    const { scene, layout, overlaps } = clean(CLOSE)
    expect(overlaps).toEqual([])
    // Each on the drawing, whole (wrapped where the room is narrow), none sent to the legend.
    const shown = scene.flows.map((f) => {
      const placed = layout.flows.get(f.id)!
      return placed.label ? flowLabel(f, scene, placed.wrap).lines.map((l) => l.text).join(' ') : `marker ${placed.marker?.number}`
    })
    expect(shown).toEqual(['Attacker In', 'Attacker Out', 'R/O', 'Results'])
    expect(dfdSvg(scene, layout)).toMatch(/>Attacker<\/text><text [^>]*>Out<\/text>/)
  })

  it('move along the line and to either side before they give up', () => {
    const { layout } = clean(CLOSE)
    const [a, b] = [layout.flows.get('attacker-in')!, layout.flows.get('attacker-out')!]
    // Side by side, one above the pair and one below, not on top of each other.
    expect(a.label && b.label).toBeTruthy()
    expect(Math.sign(a.label!.y - b.label!.y)).not.toBe(0)
  })

  it('fall back to a numbered marker, with the label in the legend, where nothing fits', async () => {
    const yaml = `
moat: 1
system: {name: Crowded}
externals:
  user: {name: User}
processes:
  web: {name: Web}
flows:
  a: {from: user, to: web, name: Sign in}
  b: {from: user, to: web, name: Browse the catalogue}
  c: {from: user, to: web, name: Check out}
diagrams:
  d: {layout: {user: {x: 0, y: 0, width: 130, height: 54}, web: {x: 0, y: 200, width: 130, height: 54}}}
`
    const { scene, layout, overlaps } = clean(yaml)
    expect(overlaps).toEqual([])
    const markers = [...layout.flows].filter(([, f]) => f.marker).map(([id, f]) => [id, f.marker!.number])
    expect(markers).toEqual([['b', 1]]) // the middle one of three side by side
    const svg = await renderSvg(scene)
    expect(svg).toMatch(/<g class="numbered-flows"[^>]*><g class="flow numbered" data-id="b">.*?>1<\/text>.*?>Browse the catalogue<\/text>/)
  })

  it('are wrapped narrower rather than left out, never cutting a word', () => {
    expect(wrapText('player-database', 60, { size: 12 })).toEqual(['player-', 'database'])
    expect(wrapText('Supercalifragilisticexpialidocious', 80, { size: 12 })).toEqual(['Supercalifr…'])
    expect(wrapText('Browsing, sign-in and checkout requests', 150, { size: 12 })).toEqual(['Browsing, sign-in and', 'checkout requests'])
  })

  it('name unnamed flows by their data, then by their protocol, never by their id', () => {
    const [scene] = scenesOfYaml(`
moat: 1
system: {name: Unnamed}
assets:
  orders: {name: Orders}
  cards: {name: Card data}
processes:
  web: {name: Web}
stores:
  db: {name: DB}
flows:
  web-to-db: {from: web, to: db, protocol: postgres, data: [orders, cards]}
  db-to-web: {from: db, to: web, protocol: postgres}
  player-database: {from: web, to: db, bidirectional: true}
`)
    expect(Object.fromEntries(scene!.flows.map((f) => [f.id, flowLabel(f, scene!).lines.map((l) => l.text)]))).toEqual({
      'web-to-db': ['Orders, Card data', 'postgres'],
      'db-to-web': ['postgres'],
      'player-database': [],
    })
  })

  it('leave a flow without name, data or protocol unlabelled in every layout', async () => {
    const [scene] = scenesOfYaml(`
moat: 1
system: {name: Bare}
processes: {a: {name: A}, b: {name: B}}
flows: {player-database: {from: a, to: b}}
`)
    const layout = await layoutElk(scene!)
    expect(layout.flows.get('player-database')!.label).toBeUndefined()
    expect(dfdSvg(scene!, layout)).not.toMatch(/>[^<]*player-datab/) // in no text, only in the data-id
  })
})

describe('shapes the source put on top of each other', () => {
  it('are nudged apart, and no further than it takes', () => {
    const { layout, overlaps } = clean(`
moat: 1
system: {name: Stacked}
processes: {a: {name: A}, b: {name: B}, c: {name: C}}
flows: {ab: {from: a, to: b, name: Calls}}
diagrams:
  d: {layout: {a: {x: 0, y: 0, width: 130, height: 54}, b: {x: 20, y: 10, width: 130, height: 54}, c: {x: 400, y: 0, width: 130, height: 54}}}
`)
    expect(overlaps).toEqual([])
    const [a, b, c] = ['a', 'b', 'c'].map((id) => layout.nodes.get(id)!)
    // a and b overlapped by 44 px vertically: pushed apart by that and the gap a flow needs, half each.
    expect(b!.y - (a!.y + a!.height)).toBe(48)
    expect(c!.y).toBe(a!.y + 46) // c did not move; everything was shifted by the same amount
  })
})
