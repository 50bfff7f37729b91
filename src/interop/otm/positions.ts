/**
 * Where OTM's representations put things. A component's or trust zone's position is relative to
 * its parent (the trust zone or component it sits in) when the parent is drawn in the same
 * representation: that is how the OTM specification nests them and how the converters that write
 * OTM (StartLeft from the Threat Modeling Tool, Visio, draw.io, Lucidchart) compute them. Older
 * writers (moat's own export before it composed them) gave absolute positions; a file whose
 * elements sit inside their parents only when read as absolute is read so, with a warning.
 */
import type { Box } from '../geometry.js'
import type { SourcePath } from '../types.js'
import { dict, list, num, text, type Dict } from '../values.js'

/** A trust zone or component, as far as drawing goes. */
export interface Drawn {
  /** The OTM id. */
  key: string
  name: string
  /** The OTM id of its trust zone or component. */
  parent?: string
  path: SourcePath
  raw: Dict
}

export interface Placement {
  /** OTM id → box, in the representation's own coordinates (absolute). */
  boxes: Map<string, Partial<Box> & { x: number; y: number }>
  notes: { path: SourcePath; message: string }[]
}

type Point = Partial<Box> & { x: number; y: number }

/** The position (and size) an owner has in one representation. */
function own(drawn: Drawn, representation: string): Point | undefined {
  for (const r of list(drawn.raw.representations).map(dict)) {
    if (text(r.representation) !== representation) continue
    const x = num(dict(r.position).x)
    const y = num(dict(r.position).y)
    if (x === undefined || y === undefined) continue
    const width = num(dict(r.size).width)
    const height = num(dict(r.size).height)
    return { x, y, ...(width !== undefined && { width }), ...(height !== undefined && { height }) }
  }
  return undefined
}

const inside = (inner: Point, outer: Point) =>
  inner.width !== undefined && inner.height !== undefined && outer.width !== undefined && outer.height !== undefined &&
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height

/**
 * Absolute boxes of everything drawn in one representation, and what is wrong with them.
 * @example
 * place(drawn, 'diagram-1').boxes.get('web') // { x: 433, y: 240, width: 100, height: 100 }
 */
export function place(drawn: readonly Drawn[], representation: string, label: string): Placement {
  const byKey = new Map(drawn.map((d) => [d.key, d]))
  const given = new Map<string, Point>()
  for (const d of drawn) {
    const p = own(d, representation)
    if (p) given.set(d.key, p)
  }
  const relative = compose(drawn, given, byKey)
  const notes: Placement['notes'] = []
  const contained = (boxes: Map<string, Point>) => drawn.filter((d) => d.parent && boxes.has(d.key) && boxes.has(d.parent) && inside(boxes.get(d.key)!, boxes.get(d.parent)!)).length
  const absoluteWins = contained(given) > contained(relative)
  const boxes = absoluteWins ? given : relative
  if (absoluteWins) notes.push({ path: ['representations'], message: `representation "${label}" gives absolute positions (its elements sit inside their trust zones only when read so); OTM gives them relative to the parent, so check the drawing` })
  for (const d of drawn) {
    const parent = d.parent && byKey.get(d.parent)
    const box = boxes.get(d.key)
    const around = d.parent && boxes.get(d.parent)
    if (parent && box && around && around.width !== undefined && box.width !== undefined && !inside(box, around)) {
      notes.push({ path: d.path, message: `"${d.name}" is drawn outside "${parent.name}", which holds it, in representation "${label}"; the diagram grows "${parent.name}" around it` })
    }
  }
  return { boxes, notes }
}

/** Relative → absolute: each position plus its parent's absolute position (a parent drawn nowhere is the origin). */
function compose(drawn: readonly Drawn[], given: Map<string, Point>, byKey: Map<string, Drawn>): Map<string, Point> {
  const result = new Map<string, Point>()
  const resolve = (key: string, depth: number): Point | undefined => {
    const p = given.get(key)
    if (!p) return undefined
    const done = result.get(key)
    if (done) return done
    const parent = byKey.get(key)?.parent
    // Bounded: a cycle of parents (a malformed file) stops here instead of recursing forever.
    const origin = parent && depth < 64 ? resolve(parent, depth + 1) : undefined
    const box = origin ? { ...p, x: p.x + origin.x, y: p.y + origin.y } : p
    result.set(key, box)
    return box
  }
  for (const d of drawn) resolve(d.key, 0)
  return result
}
