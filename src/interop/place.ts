/**
 * Positions for an export: the diagram's saved layout where it has one, otherwise a simple grid,
 * one column per boundary, and boundary boxes drawn around what they hold. Tools that open the
 * file need a position for every shape; moat's own renderer lays out automatically instead.
 */
import type { Model } from '../core/index.js'
import type { Box } from './geometry.js'

const SIZE = { externals: { width: 160, height: 80 }, processes: { width: 100, height: 100 }, stores: { width: 160, height: 80 } } as const
const GAP = 60
const PAD = 30

export interface Placed {
  nodes: Map<string, Box>
  boundaries: Map<string, Box>
}

/**
 * @example
 * const { nodes, boundaries } = place(model, ['web', 'db'], diagram.layout)
 */
export function place(model: Model, shown: readonly string[], layout: Record<string, Partial<Box>> = {}): Placed {
  const nodes = new Map<string, Box>()
  const kindOf = (id: string) => (model.externals?.[id] ? 'externals' : model.processes?.[id] ? 'processes' : 'stores')
  const boundaryOf = (id: string) => model.externals?.[id]?.boundary ?? model.processes?.[id]?.boundary ?? model.stores?.[id]?.boundary ?? ''
  const columns = new Map<string, string[]>()
  for (const id of shown) {
    const saved = layout[id]
    const size = SIZE[kindOf(id)]
    if (saved?.x !== undefined && saved.y !== undefined) nodes.set(id, { x: saved.x, y: saved.y, width: saved.width ?? size.width, height: saved.height ?? size.height })
    else columns.set(boundaryOf(id), [...(columns.get(boundaryOf(id)) ?? []), id])
  }
  // Unplaced shapes go below the placed ones, a column per boundary.
  const top = Math.max(0, ...[...nodes.values()].map((b) => b.y + b.height)) + (nodes.size ? GAP * 2 : PAD * 2)
  let x = PAD * 2
  for (const ids of columns.values()) {
    let y = top
    for (const id of ids) {
      const size = SIZE[kindOf(id)]
      nodes.set(id, { x, y, ...size })
      y += size.height + GAP
    }
    x += 160 + GAP * 2
  }
  const boundaries = new Map<string, Box>()
  const depth = (id: string): number => {
    let d = 0
    for (let p = model.boundaries?.[id]?.parent; p && d < 64; p = model.boundaries?.[p]?.parent) d++
    return d
  }
  // Deepest first: a parent's box grows around its children's boxes.
  for (const id of Object.keys(model.boundaries ?? {}).sort((a, b) => depth(b) - depth(a))) {
    const inside = [
      ...[...nodes].filter(([n]) => boundaryOf(n) === id).map(([, box]) => box),
      ...[...boundaries].filter(([c]) => model.boundaries?.[c]?.parent === id).map(([, box]) => box),
    ]
    const saved = layout[id]
    // A boundary saved with `points` is a line (a Threat Dragon curve), not a box.
    if (saved?.x !== undefined && saved.y !== undefined && saved.width && saved.height && !('points' in saved)) boundaries.set(id, saved as Box)
    else if (inside.length) boundaries.set(id, around(inside))
  }
  return { nodes, boundaries }
}

function around(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x)) - PAD
  const y = Math.min(...boxes.map((b) => b.y)) - PAD
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) + PAD - x, height: Math.max(...boxes.map((b) => b.y + b.height)) + PAD - y }
}
