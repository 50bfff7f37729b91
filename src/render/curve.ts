/**
 * A smooth line through points, the way Threat Dragon draws its curved trust boundaries (its
 * "smooth" connector): one cubic Bézier per pair of points, tangents from the neighbours
 * (Catmull–Rom). The SVG path and the points the label placement walks come from the same controls,
 * so the label sits on the line that is drawn.
 */
import type { Point } from './layout.js'
import { num } from './svg-kit.js'

interface Segment {
  from: Point
  c1: Point
  c2: Point
  to: Point
}

function segments(points: Point[]): Segment[] {
  const at = (i: number) => points[Math.max(0, Math.min(points.length - 1, i))]!
  const result: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const [before, from, to, after] = [at(i - 1), at(i), at(i + 1), at(i + 2)]
    result.push({
      from,
      c1: { x: from.x + (to.x - before.x) / 6, y: from.y + (to.y - before.y) / 6 },
      c2: { x: to.x - (after.x - from.x) / 6, y: to.y - (after.y - from.y) / 6 },
      to,
    })
  }
  return result
}

/**
 * The SVG path data of the smooth line through `points`.
 * @example
 * smoothPath([{ x: 0, y: 0 }, { x: 60, y: 0 }]) // 'M0 0 C10 0 50 0 60 0'
 */
export function smoothPath(points: Point[]): string {
  if (!points.length) return ''
  return segments(points).reduce(
    (d, s) => `${d} C${num(s.c1.x)} ${num(s.c1.y)} ${num(s.c2.x)} ${num(s.c2.y)} ${num(s.to.x)} ${num(s.to.y)}`,
    `M${num(points[0]!.x)} ${num(points[0]!.y)}`,
  )
}

/**
 * The smooth line through `points` as a polyline of `steps` points per piece: close enough to
 * measure what it passes and to walk along it.
 * @example
 * flatten([{ x: 0, y: 0 }, { x: 60, y: 0 }], 2) // [{ x: 0, y: 0 }, { x: 30, y: 0 }, { x: 60, y: 0 }]
 */
export function flatten(points: Point[], steps = 12): Point[] {
  if (points.length < 2) return points.map((p) => ({ ...p }))
  const result: Point[] = [{ ...points[0]! }]
  for (const s of segments(points)) {
    for (let k = 1; k <= steps; k++) {
      const t = k / steps
      const u = 1 - t
      const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t]
      result.push({ x: a * s.from.x + b * s.c1.x + c * s.c2.x + d * s.to.x, y: a * s.from.y + b * s.c1.y + c * s.c2.y + d * s.to.y })
    }
  }
  return result
}
