/**
 * Layout from positions the model keeps (written by the editor or an import): nodes where they
 * were put, boundaries around what they contain, flows as straight lines between the shapes.
 */
import { nodeContent } from './content.js'
import { BOUNDARY_PADDING } from './layout-elk.js'
import { normalise, overlaps, type Box, type Layout, type PlacedCurve, type PlacedFlow, type Point } from './layout.js'
import { placeLabels } from './place-labels.js'
import type { Scene, SceneFlow } from './scene.js'

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
  separate(nodes, new Set(scene.flows.flatMap((f) => [`${f.from} ${f.to}`, `${f.to} ${f.from}`])))
  const boundaries = boundaryBoxes(scene, nodes, spread)
  const curves = new Map<string, PlacedCurve>()
  for (const curve of scene.curves ?? []) {
    const points = curve.points.map((p) => ({ x: p.x * spread, y: p.y * spread }))
    curves.set(curve.id, { points, label: { ...points[0]!, width: 0, height: 0 } })
  }
  const flows = new Map<string, PlacedFlow>()
  for (const flow of scene.flows) flows.set(flow.id, { points: segmentBetween(nodes.get(flow.from)!, nodes.get(flow.to)!, parallelShift(scene, flow)) })
  return normalise(placeLabels(scene, { width: 0, height: 0, nodes, boundaries, flows, ...(curves.size && { curves }) }))
}

/** Between flows that join the same two shapes: they run side by side, not on top of each other. */
const PARALLEL_SPACING = 14

/**
 * How far a flow runs beside the line between its shapes' centres: the flows between the same two
 * shapes (either way) are spread evenly about it, in the order they are listed.
 */
function parallelShift(scene: Scene, flow: SceneFlow): number {
  const key = (f: SceneFlow) => [f.from, f.to].sort().join(' ')
  const group = scene.flows.filter((f) => key(f) === key(flow))
  const offset = (group.indexOf(flow) - (group.length - 1) / 2) * PARALLEL_SPACING
  // Measured on one side of the pair; a flow the other way sees that side mirrored.
  return flow.from < flow.to ? offset : -offset
}

/**
 * The room nudged between two shapes the source put on top of each other: enough to see they are
 * two, and where a flow joins them, for its arrowheads and a numbered marker between.
 */
const NUDGE_GAP = { apart: 16, joined: 48 }

/**
 * Moves shapes that overlap apart, each pair by the least it takes along one axis (half each), so
 * the drawing stays the one the user made where it was already clean.
 */
function separate(nodes: Map<string, Box>, joined: Set<string>): void {
  const entries = [...nodes]
  for (let round = 0; round < 50; round++) {
    let moved = false
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const [ida, a] = entries[i]!
        const [idb, b] = entries[j]!
        const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
        const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
        if (dx <= 0 || dy <= 0) continue
        const gap = joined.has(`${ida} ${idb}`) ? NUDGE_GAP.joined : NUDGE_GAP.apart
        moved = true
        // The shorter way out; the one further right (or down) goes on that way.
        const ax = a.x + a.width / 2
        const bx = b.x + b.width / 2
        const ay = a.y + a.height / 2
        const by = b.y + b.height / 2
        if (dx <= dy) {
          const push = (dx + gap) / 2
          const sign = bx >= ax ? 1 : -1
          a.x -= sign * push
          b.x += sign * push
        } else {
          const push = (dy + gap) / 2
          const sign = by >= ay ? 1 : -1
          a.y -= sign * push
          b.y += sign * push
        }
      }
    }
    if (!moved) return
  }
}

/**
 * Each boundary's box: where the source drew it, grown around what it holds; or, where that box
 * would take in a shape that is not inside the boundary (and so say the wrong thing about its
 * trust), just around what it holds.
 */
function boundaryBoxes(scene: Scene, nodes: Map<string, Box>, spread: number): Map<string, Box> {
  const boundaries = new Map<string, Box>()
  const within = new Map<string, Set<string>>()
  for (const b of scene.boundaries) within.set(b.id, new Set())
  for (const node of scene.nodes) {
    for (let at = node.boundary; at; at = scene.boundaries.find((b) => b.id === at)?.parent) within.get(at)?.add(node.id)
  }
  // Children before parents: a parent's box grows around its child boundaries.
  for (const b of [...scene.boundaries].reverse()) {
    const given = scene.positions?.[b.id]
    const inside = [
      ...scene.nodes.filter((n) => n.boundary === b.id).map((n) => nodes.get(n.id)!),
      ...scene.boundaries.filter((c) => c.parent === b.id).map((c) => boundaries.get(c.id)!),
    ]
    const around = enclose(inside)
    const drawn = given?.width && given.height ? union({ x: given.x * spread, y: given.y * spread, width: given.width * spread, height: given.height * spread }, around) : around
    const foreign = scene.nodes.some((n) => !within.get(b.id)!.has(n.id) && overlaps(drawn, nodes.get(n.id)!))
    boundaries.set(b.id, foreign ? around : drawn)
  }
  return boundaries
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
