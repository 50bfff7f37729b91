/**
 * Layout from positions the model keeps (written by the editor or an import): nodes where they
 * were put, boundaries around what they contain, flows as straight lines between the shapes.
 */
import { flowLabel, nodeContent } from './content.js'
import { BOUNDARY_PADDING } from './layout-elk.js'
import type { Box, Layout, PlacedFlow, Point } from './layout.js'
import type { Scene } from './scene.js'

/** Whether the model places every node of the scene: only then are its positions used. */
export const hasFixedLayout = (scene: Scene) => scene.nodes.length > 0 && scene.nodes.every((n) => scene.positions?.[n.id])

/**
 * @example
 * if (hasFixedLayout(scene)) layout = layoutFixed(scene)
 */
export function layoutFixed(scene: Scene): Layout {
  const contents = new Map(scene.nodes.map((node) => [node.id, nodeContent(node, scene)]))
  const spread = spreadFor(scene, contents)
  const nodes = new Map<string, Box>()
  for (const node of scene.nodes) {
    const p = scene.positions![node.id]!
    const size = contents.get(node.id)!
    // The drawing is spread about each shape's centre; a shape keeps its size, grown where our
    // text needs more room.
    const width = Math.max(p.width ?? 0, size.width)
    const height = Math.max(p.height ?? 0, size.height)
    const cx = (p.x + (p.width ?? 0) / 2) * spread
    const cy = (p.y + (p.height ?? 0) / 2) * spread
    nodes.set(node.id, p.width === undefined || p.height === undefined ? { x: p.x * spread, y: p.y * spread, width, height } : { x: cx - width / 2, y: cy - height / 2, width, height })
  }
  const boundaries = new Map<string, Box>()
  // Children before parents: a parent's box grows around its child boundaries.
  for (const b of [...scene.boundaries].reverse()) {
    const given = scene.positions?.[b.id]
    const inside = [
      ...scene.nodes.filter((n) => n.boundary === b.id).map((n) => nodes.get(n.id)!),
      ...scene.boundaries.filter((c) => c.parent === b.id).map((c) => boundaries.get(c.id)!),
    ]
    const around = enclose(inside)
    boundaries.set(b.id, given?.width && given.height ? union({ x: given.x * spread, y: given.y * spread, width: given.width * spread, height: given.height * spread }, around) : around)
  }
  const flows = new Map<string, PlacedFlow>()
  for (const flow of scene.flows) {
    const a = nodes.get(flow.from)!
    const b = nodes.get(flow.to)!
    // Two flows in opposite directions between the same pair run side by side, not on top of each other.
    const paired = scene.flows.some((f) => f.from === flow.to && f.to === flow.from)
    const shift = paired ? 7 : 0
    const [start, end] = segmentBetween(a, b, shift)
    const label = flowLabel(flow, scene)
    const mid = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 }
    const offset = paired ? label.height / 2 + 4 : 0
    flows.set(flow.id, { points: [start, end], label: { x: mid.x - label.width / 2, y: mid.y - label.height / 2 + (start.x <= end.x ? -offset : offset), width: label.width, height: label.height } })
  }
  return normalise({ width: 0, height: 0, nodes, boundaries, flows })
}

function enclose(boxes: Box[]): Box {
  if (!boxes.length) return { x: 0, y: 0, width: 120, height: 60 }
  const x = Math.min(...boxes.map((b) => b.x)) - BOUNDARY_PADDING.side
  const y = Math.min(...boxes.map((b) => b.y)) - BOUNDARY_PADDING.top
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + BOUNDARY_PADDING.side
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + BOUNDARY_PADDING.bottom
  return { x, y, width: right - x, height: bottom - y }
}

const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y }
}

/** The centre-to-centre line, moved sideways by `shift`, cut at both boxes' borders. */
function segmentBetween(a: Box, b: Box, shift: number): [Point, Point] {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 }
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 }
  const length = Math.hypot(cb.x - ca.x, cb.y - ca.y) || 1
  const normal = { x: -(cb.y - ca.y) / length, y: (cb.x - ca.x) / length }
  const from = { x: ca.x + normal.x * shift, y: ca.y + normal.y * shift }
  const to = { x: cb.x + normal.x * shift, y: cb.y + normal.y * shift }
  return [exitPoint(from, to, a), exitPoint(to, from, b)]
}

/** Where the ray from `inside` towards `target` leaves `box`. */
function exitPoint(inside: Point, target: Point, box: Box): Point {
  const dx = target.x - inside.x
  const dy = target.y - inside.y
  const tx = dx ? (dx > 0 ? box.x + box.width - inside.x : box.x - inside.x) / dx : Infinity
  const ty = dy ? (dy > 0 ? box.y + box.height - inside.y : box.y - inside.y) / dy : Infinity
  const t = Math.max(0, Math.min(tx, ty, 1))
  return { x: inside.x + dx * t, y: inside.y + dy * t }
}

/** Moves everything so the drawing starts at the margin, and measures it. */
function normalise(layout: Layout): Layout {
  const boxes = [...layout.nodes.values(), ...layout.boundaries.values(), ...[...layout.flows.values()].flatMap((f) => (f.label ? [f.label] : []))]
  const minX = Math.min(...boxes.map((b) => b.x)) - 20
  const minY = Math.min(...boxes.map((b) => b.y)) - 20
  const move = (b: Box): Box => ({ ...b, x: b.x - minX, y: b.y - minY })
  const nodes = new Map([...layout.nodes].map(([k, b]) => [k, move(b)]))
  const boundaries = new Map([...layout.boundaries].map(([k, b]) => [k, move(b)]))
  const flows = new Map(
    [...layout.flows].map(([k, f]) => [k, { points: f.points.map((p) => ({ x: p.x - minX, y: p.y - minY })), ...(f.label && { label: move(f.label) }) }]),
  )
  const all = [...nodes.values(), ...boundaries.values(), ...[...flows.values()].flatMap((f) => (f.label ? [f.label] : []))]
  const width = Math.ceil(Math.max(...all.map((b) => b.x + b.width)) + 20)
  const height = Math.ceil(Math.max(...all.map((b) => b.y + b.height)) + 20)
  return { width, height, nodes, boundaries, flows }
}

/**
 * How much to spread a drawing made by another tool, whose shapes are smaller than our text
 * needs (at most 3×): the arrangement is kept, and the flows between the grown shapes keep room
 * for their labels.
 */
function spreadFor(scene: Scene, contents: Map<string, { width: number; height: number }>): number {
  let spread = 1
  for (const node of scene.nodes) {
    const p = scene.positions![node.id]!
    const size = contents.get(node.id)!
    if (p.width) spread = Math.max(spread, size.width / p.width)
    if (p.height) spread = Math.max(spread, size.height / p.height)
  }
  return Math.min(spread, 3)
}
