/**
 * Which way each flow points for the layout engine. A DFD is full of cycles (every request has its
 * response), and a layered layout must break them; left to itself it breaks them by accident and
 * draws half the system backwards. Instead we rank the elements: less trusted first (the attacker's
 * side on the left), then in the order flows reach them from there. Every flow is laid out from
 * lower to higher rank; the drawing restores its real direction.
 */
import type { Scene } from './scene.js'

const TRUST_ORDER = ['untrusted', 'low', 'medium', 'high', 'full']

/**
 * The rank of every node: a total order, so the oriented flows have no cycle.
 * @example
 * const rank = rankNodes(scene)
 * rank.get('customer')! < rank.get('web')! // true
 */
export function rankNodes(scene: Scene): Map<string, number> {
  const trust = new Map(scene.boundaries.map((b) => [b.id, TRUST_ORDER.indexOf(b.trust)]))
  // An element outside every boundary: externals count as untrusted, the rest as medium.
  const trustById = new Map(scene.nodes.map((n) => [n.id, n.boundary ? trust.get(n.boundary)! : n.kind === 'external' ? 0 : 2]))
  const trustOf = (id: string) => trustById.get(id)!
  const outputs = new Map<string, string[]>()
  for (const flow of scene.flows) outputs.set(flow.from, [...(outputs.get(flow.from) ?? []), flow.to])

  // Depth-first along flows from each node in model order, externals first: the visit order is
  // "how far along the data travels", the tie-breaker between elements of equal trust.
  const visit = new Map<string, number>()
  const walk = (id: string) => {
    if (visit.has(id)) return
    visit.set(id, visit.size)
    for (const next of outputs.get(id) ?? []) walk(next)
  }
  const seeds = [...scene.nodes].sort((a, b) => trustOf(a.id) - trustOf(b.id) || Number(a.kind !== 'external') - Number(b.kind !== 'external'))
  for (const node of seeds) walk(node.id)

  const ordered = [...scene.nodes].sort((a, b) => trustOf(a.id) - trustOf(b.id) || visit.get(a.id)! - visit.get(b.id)!)
  return new Map(ordered.map((n, i) => [n.id, i]))
}
