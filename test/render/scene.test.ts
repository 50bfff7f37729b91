import { describe, expect, it } from 'vitest'
import { scenesOfYaml, NESTED, PROTOCOL, REFINED } from './fixtures.js'

describe('diagram scenes', () => {
  it('draws one diagram of everything when the model declares none', () => {
    const [scene, ...rest] = scenesOfYaml(NESTED)
    expect(rest).toEqual([])
    expect(scene!.id).toBe('system')
    expect(scene!.nodes.map((n) => n.id)).toEqual(['user', 'web', 'api', 'db'])
    expect(scene!.flows.map((f) => f.id)).toEqual(['req', 'call', 'sql'])
    // Parents come before children, so renderers can nest as they go.
    expect(scene!.boundaries.map((b) => [b.id, b.parent])).toEqual([['internet', undefined], ['cloud', undefined], ['vpc', 'cloud']])
  })

  it('marks the flows that cross a boundary', () => {
    const [scene] = scenesOfYaml(NESTED)
    expect(Object.fromEntries(scene!.flows.map((f) => [f.id, f.crossesBoundary]))).toEqual({ req: true, call: true, sql: false })
  })

  it('adds a sequence diagram for a protocol, messages in order', () => {
    const scenes = scenesOfYaml(PROTOCOL)
    expect(scenes.map((s) => [s.id, s.kind])).toEqual([['system', 'dfd'], ['sequence', 'sequence']])
    expect(scenes[1]!.flows.map((f) => f.id)).toEqual(['hello', 'reply', 'finished'])
  })

  it('keeps refined elements out of other diagrams', () => {
    const [overview] = scenesOfYaml(REFINED)
    expect(overview!.nodes.map((n) => n.id).sort()).toEqual(['app', 'db', 'other', 'user'])
    expect(overview!.flows.map((f) => f.id)).not.toContain('inner')
  })

  it('shows a refinement with the refined process\'s partners as context', () => {
    const inside = scenesOfYaml(REFINED).find((s) => s.id === 'inside')!
    const nodes = Object.fromEntries(inside.nodes.map((n) => [n.id, n.context]))
    expect(nodes).toEqual({ user: true, front: false, back: false, db: true })
    // Flows between inside and context, and inside ones; none between two context elements.
    expect(inside.flows.map((f) => f.id).sort()).toEqual(['back-save', 'inner', 'use-front'])
    expect(inside.refines).toBe('app')
  })

  it('shows listed elements, a listed boundary standing for its contents', () => {
    const yaml = NESTED + 'diagrams:\n  cloud-only: {elements: [cloud]}\n  two: {elements: [user, web]}\n'
    const [cloud, two] = scenesOfYaml(yaml)
    expect(cloud!.nodes.map((n) => n.id)).toEqual(['web', 'api', 'db'])
    expect(cloud!.boundaries.map((b) => b.id)).toEqual(['cloud', 'vpc'])
    expect(two!.flows.map((f) => f.id)).toEqual(['req'])
  })

  it('keeps positions the model gives', () => {
    const yaml = NESTED + 'diagrams:\n  d: {layout: {user: {x: 1, y: 2}}}\n'
    expect(scenesOfYaml(yaml)[0]!.positions).toEqual({ user: { x: 1, y: 2 } })
  })
})
