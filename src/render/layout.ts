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
}

export interface Layout {
  width: number
  height: number
  nodes: Map<string, Box>
  boundaries: Map<string, Box>
  flows: Map<string, PlacedFlow>
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
