/** A tiny SVG writer: every attribute value and text node goes through xmlEscape, by construction. */
import { xmlEscape } from './escape.js'
import type { Point } from './layout.js'

export type Attrs = Record<string, string | number | undefined | false>

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

const attrs = (a: Attrs) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : xmlEscape(v as string)}"`)
    .join('')

/**
 * An element with children (already SVG) or none.
 * @example
 * el('g', { class: 'node' }, [el('title', {}, [], 'Web <app>')]) // '<g class="node"><title>Web &lt;app&gt;</title></g>'
 */
export function el(tag: string, a: Attrs = {}, children: string[] = [], text?: string): string {
  const body = (text !== undefined ? xmlEscape(text) : '') + children.join('')
  return body ? `<${tag}${attrs(a)}>${body}</${tag}>` : `<${tag}${attrs(a)}/>`
}

/**
 * An orthogonal route as a path with softly rounded bends.
 * @example
 * roundedPath([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }], 4) // 'M0 0 L6 0 Q10 0 10 4 L10 10'
 */
export function roundedPath(points: Point[], radius = 6): string {
  if (points.length === 0) return ''
  const [first] = points
  let d = `M${num(first!.x)} ${num(first!.y)}`
  for (let i = 1; i < points.length - 1; i++) {
    const [prev, at, next] = [points[i - 1]!, points[i]!, points[i + 1]!]
    const r = Math.min(radius, dist(prev, at) / 2, dist(at, next) / 2)
    const a = towards(at, prev, r)
    const b = towards(at, next, r)
    d += ` L${num(a.x)} ${num(a.y)} Q${num(at.x)} ${num(at.y)} ${num(b.x)} ${num(b.y)}`
  }
  const last = points[points.length - 1]!
  return `${d} L${num(last.x)} ${num(last.y)}`
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y)
const towards = (from: Point, to: Point, r: number): Point => {
  const d = dist(from, to) || 1
  return { x: from.x + ((to.x - from.x) * r) / d, y: from.y + ((to.y - from.y) * r) / d }
}

export { num }
