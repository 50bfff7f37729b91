/** A laid-out diagram: where every node, boundary, flow and label sits. Produced by a layout engine, drawn by svg.ts. */

export interface Point {
  x: number
  y: number
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export interface PlacedFlow {
  /** The route, first point on the source's border, last on the target's. */
  points: Point[]
  label?: Box
  /** The width the label's text was wrapped to, when narrower than the default (see content.ts). */
  wrap?: number
  /** Where no label fits: a numbered marker on the line, the label itself in the legend. */
  marker?: { number: number; box: Box }
}

/** A trust boundary drawn as a line (a Threat Dragon curve), not a box: it holds no elements. */
export interface PlacedCurve {
  points: Point[]
  label: Box
}

export interface Layout {
  width: number
  height: number
  nodes: Map<string, Box>
  boundaries: Map<string, Box>
  flows: Map<string, PlacedFlow>
  /** Boundaries drawn as curves, by id (they have no box in `boundaries`). */
  curves?: Map<string, PlacedCurve>
  /** Where a boundary's name sits when not at its box's top left (a flow passes there). */
  boundaryLabels?: Map<string, Box>
}

/** Whether `inner` lies entirely inside `outer`. */
export const contains = (outer: Box, inner: Box, tolerance = 0.5) =>
  inner.x >= outer.x - tolerance &&
  inner.y >= outer.y - tolerance &&
  inner.x + inner.width <= outer.x + outer.width + tolerance &&
  inner.y + inner.height <= outer.y + outer.height + tolerance

/** Whether two boxes overlap (touching edges do not count). */
export const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/**
 * The area two boxes share.
 * @example
 * intersectionArea({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 5, width: 10, height: 10 }) // 25
 */
export function intersectionArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

/** An arrowhead's size in pixels: its length along the line and its width across (svg.ts draws it). */
export const ARROWHEAD = { length: 8, width: 8, overshoot: 0.8 }

/**
 * The boxes around a flow's arrowheads: at its end, and at its start too when it goes both ways.
 * @example
 * arrowheads([{ x: 0, y: 0 }, { x: 100, y: 0 }], false) // [{ end: 'end', box: { x: 92.8, y: -4, width: 8, height: 8 } }]
 */
export function arrowheads(points: Point[], bidirectional: boolean): { end: 'end' | 'start'; box: Box }[] {
  if (points.length < 2) return []
  const head = (tip: Point, from: Point) => {
    const length = Math.hypot(tip.x - from.x, tip.y - from.y) || 1
    const ux = (tip.x - from.x) / length
    const uy = (tip.y - from.y) / length
    const point = { x: tip.x + ux * ARROWHEAD.overshoot, y: tip.y + uy * ARROWHEAD.overshoot }
    const base = { x: point.x - ux * ARROWHEAD.length, y: point.y - uy * ARROWHEAD.length }
    const half = ARROWHEAD.width / 2
    const corners = [point, { x: base.x - uy * half, y: base.y + ux * half }, { x: base.x + uy * half, y: base.y - ux * half }]
    const xs = corners.map((c) => c.x)
    const ys = corners.map((c) => c.y)
    return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) }
  }
  const n = points.length
  const heads: { end: 'end' | 'start'; box: Box }[] = [{ end: 'end', box: head(points[n - 1]!, points[n - 2]!) }]
  if (bidirectional) heads.push({ end: 'start', box: head(points[0]!, points[1]!) })
  return heads
}

/**
 * Where a route crosses the border of a box: the points a flow passes a trust boundary.
 * @example
 * borderCrossings([{ x: 0, y: 5 }, { x: 20, y: 5 }], { x: 10, y: 0, width: 20, height: 10 }) // [{ x: 10, y: 5 }]
 */
export function borderCrossings(points: Point[], box: Box): Point[] {
  const corners = [
    { x: box.x, y: box.y },
    { x: box.x + box.width, y: box.y },
    { x: box.x + box.width, y: box.y + box.height },
    { x: box.x, y: box.y + box.height },
  ]
  const found: Point[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    for (let j = 0; j < 4; j++) {
      const hit = intersection(points[i]!, points[i + 1]!, corners[j]!, corners[(j + 1) % 4]!)
      if (hit && !found.some((p) => Math.hypot(p.x - hit.x, p.y - hit.y) < 1)) found.push(hit)
    }
  }
  return found
}

function intersection(a: Point, b: Point, c: Point, d: Point): Point | undefined {
  const denominator = (b.x - a.x) * (d.y - c.y) - (b.y - a.y) * (d.x - c.x)
  if (Math.abs(denominator) < 1e-9) return undefined
  const t = ((c.x - a.x) * (d.y - c.y) - (c.y - a.y) * (d.x - c.x)) / denominator
  const u = ((c.x - a.x) * (b.y - a.y) - (c.y - a.y) * (b.x - a.x)) / denominator
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? { x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) } : undefined
}

/**
 * How much of a route runs inside a box (each segment clipped to it, Liang–Barsky).
 * @example
 * lengthInside([{ x: 0, y: 5 }, { x: 100, y: 5 }], { x: 10, y: 0, width: 20, height: 10 }) // 20
 */
export function lengthInside(points: Point[], box: Box): number {
  let total = 0
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!
    const b = points[i + 1]!
    const dx = b.x - a.x
    const dy = b.y - a.y
    let t0 = 0
    let t1 = 1
    const edges: [number, number][] = [[-dx, a.x - box.x], [dx, box.x + box.width - a.x], [-dy, a.y - box.y], [dy, box.y + box.height - a.y]]
    let outside = false
    for (const [p, q] of edges) {
      if (p === 0) {
        if (q < 0) outside = true
        continue
      }
      const r = q / p
      if (p < 0) t0 = Math.max(t0, r)
      else t1 = Math.min(t1, r)
    }
    if (!outside && t1 > t0) total += (t1 - t0) * Math.hypot(dx, dy)
  }
  return total
}

/**
 * The layout moved so that everything (shapes, routes, labels, markers, curves) starts at
 * `margin`, with its width and height measured to match.
 * @example
 * normalise(layout).nodes.get('web') // moved by the same amount as everything else
 */
export function normalise(layout: Layout, margin = 20): Layout {
  const flows = [...layout.flows.values()]
  const curves = [...(layout.curves?.values() ?? [])]
  const boxes = [
    ...layout.nodes.values(),
    ...layout.boundaries.values(),
    ...flows.flatMap((f) => [f.label, f.marker?.box].filter((b): b is Box => !!b)),
    ...flows.flatMap((f) => f.points.map((p) => ({ ...p, width: 0, height: 0 }))),
    ...curves.flatMap((c) => [c.label, ...c.points.map((p) => ({ ...p, width: 0, height: 0 }))]),
  ]
  if (!boxes.length) return { ...layout, width: 2 * margin, height: 2 * margin }
  const dx = margin - Math.min(...boxes.map((b) => b.x))
  const dy = margin - Math.min(...boxes.map((b) => b.y))
  const point = (p: Point): Point => ({ x: p.x + dx, y: p.y + dy })
  const move = (b: Box): Box => ({ ...b, x: b.x + dx, y: b.y + dy })
  const moved: Layout = {
    width: Math.ceil(Math.max(...boxes.map((b) => b.x + b.width)) + dx + margin),
    height: Math.ceil(Math.max(...boxes.map((b) => b.y + b.height)) + dy + margin),
    nodes: new Map([...layout.nodes].map(([k, b]) => [k, move(b)])),
    boundaries: new Map([...layout.boundaries].map(([k, b]) => [k, move(b)])),
    flows: new Map(
      [...layout.flows].map(([k, f]) => [
        k,
        { ...f, points: f.points.map(point), ...(f.label && { label: move(f.label) }), ...(f.marker && { marker: { ...f.marker, box: move(f.marker.box) } }) },
      ]),
    ),
  }
  if (layout.curves) moved.curves = new Map([...layout.curves].map(([k, c]) => [k, { points: c.points.map(point), label: move(c.label) }]))
  if (layout.boundaryLabels) moved.boundaryLabels = new Map([...layout.boundaryLabels].map(([k, b]) => [k, move(b)]))
  return moved
}
