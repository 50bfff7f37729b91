/**
 * Containment from geometry. Threat Dragon, draw.io and TMT draw trust boundaries as boxes that do
 * not list what they hold: an element belongs to the smallest box around its centre, a box to the
 * smallest box around it.
 */

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

const area = (b: Box) => b.width * b.height
const holdsPoint = (b: Box, x: number, y: number) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height
const holdsBox = (outer: Box, inner: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height

/**
 * The key of the smallest box that holds the centre of `box`, if any.
 * @example
 * innermost(new Map([['dmz', { x: 0, y: 0, width: 100, height: 100 }]]), { x: 10, y: 10, width: 20, height: 20 }) // 'dmz'
 */
export function innermost<K>(boxes: ReadonlyMap<K, Box>, box: Box): K | undefined {
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  let best: K | undefined
  let bestArea = Number.POSITIVE_INFINITY
  for (const [key, b] of boxes) {
    if (b !== box && holdsPoint(b, cx, cy) && area(b) < bestArea) {
      best = key
      bestArea = area(b)
    }
  }
  return best
}

/**
 * Each box's parent: the smallest other box that holds it whole and is larger (two equal boxes do
 * not nest, so there is never a cycle).
 * @example
 * parents(new Map([['a', { x: 0, y: 0, width: 100, height: 100 }], ['b', { x: 10, y: 10, width: 10, height: 10 }]])).get('b') // 'a'
 */
export function parents<K>(boxes: ReadonlyMap<K, Box>): Map<K, K> {
  const result = new Map<K, K>()
  for (const [key, box] of boxes) {
    let best: K | undefined
    let bestArea = Number.POSITIVE_INFINITY
    for (const [other, b] of boxes) {
      if (other !== key && area(b) > area(box) && holdsBox(b, box) && area(b) < bestArea) {
        best = other
        bestArea = area(b)
      }
    }
    if (best !== undefined) result.set(key, best)
  }
  return result
}

/**
 * The key of the box nearest to a point, when it is within `tolerance` of its border: a flow end
 * dropped next to a shape (not on it) is still meant for that shape.
 * @example
 * nearest(new Map([['web', { x: 0, y: 0, width: 10, height: 10 }]]), { x: 15, y: 5 }, 20) // 'web'
 */
export function nearest<K>(boxes: ReadonlyMap<K, Box>, point: { x: number; y: number }, tolerance: number): K | undefined {
  let best: K | undefined
  let bestDistance = tolerance
  for (const [key, b] of boxes) {
    const dx = Math.max(b.x - point.x, 0, point.x - (b.x + b.width))
    const dy = Math.max(b.y - point.y, 0, point.y - (b.y + b.height))
    const distance = Math.hypot(dx, dy)
    if (distance <= bestDistance) {
      best = key
      bestDistance = distance
    }
  }
  return best
}
