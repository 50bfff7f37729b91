/**
 * What covers what in a laid-out DFD: the check that a drawing is clean. It measures the same
 * boxes the SVG draws (nodes, flow labels and their numbered markers, arrowheads, boundary boxes
 * and their names), so a clean result means nothing hides anything a reader needs.
 * Pure: run it on any layout, in tests or in the editor.
 */
import { boundaryLabelIn } from './content.js'
import { flatten } from './curve.js'
import { arrowheads, contains, intersectionArea, lengthInside, type Box, type Layout, type Point } from './layout.js'
import type { Scene } from './scene.js'

export type OverlapKind =
  | 'label×label'
  | 'label×node'
  | 'label×arrowhead'
  | 'label×flow'
  | 'node×node'
  | 'node outside its boundary'
  | 'node inside another boundary'
  | 'boundary label hidden'

export interface Thing {
  type: 'node' | 'label' | 'arrowhead' | 'flow' | 'boundary' | 'boundary label'
  /** The element, flow or boundary id; an arrowhead is `flow:end` or `flow:start`. */
  id: string
}

export interface Overlap {
  kind: OverlapKind
  a: Thing
  b: Thing
  /** Square pixels covered (for a node outside its boundary: the part of it outside). */
  area: number
}

/** Covers smaller than this (anti-aliasing, a rounding) are not overlaps. */
const NOISE = 1
/** A line hidden under a label counts as this wide (the thicker, crossing, stroke is 2.2). */
const LINE_WIDTH = 2

/**
 * Every overlap in a laid-out DFD scene, largest first.
 * @example
 * findOverlaps(scene, layoutFixed(scene)) // [{ kind: 'label×node', a: { type: 'label', id: 'checkout' }, b: { type: 'node', id: 'web' }, area: 96 }]
 */
export function findOverlaps(scene: Scene, layout: Layout): Overlap[] {
  const found: Overlap[] = []
  const nodes = scene.nodes.flatMap((n) => boxOf('node', n.id, layout.nodes.get(n.id)))
  const labels = scene.flows.flatMap((f) => {
    const placed = layout.flows.get(f.id)
    return boxOf('label', f.id, placed?.marker?.box ?? placed?.label)
  })
  const heads = scene.flows.flatMap((f) => {
    const placed = layout.flows.get(f.id)
    return placed ? arrowheads(placed.points, f.bidirectional).map((h) => ({ thing: { type: 'arrowhead' as const, id: `${f.id}:${h.end}` }, box: h.box })) : []
  })
  const boundaryLabels = [
    ...scene.boundaries.flatMap((b) => boxOf('boundary label', b.id, boundaryLabelIn(layout, b))),
    ...(scene.curves ?? []).flatMap((c) => boxOf('boundary label', c.id, layout.curves?.get(c.id)?.label)),
  ]

  const pairs = (kind: OverlapKind, as: Item[], bs: Item[], same: boolean) => {
    for (let i = 0; i < as.length; i++) {
      for (let j = same ? i + 1 : 0; j < bs.length; j++) {
        const area = intersectionArea(as[i]!.box, bs[j]!.box)
        if (area >= NOISE) found.push({ kind, a: as[i]!.thing, b: bs[j]!.thing, area: Math.round(area) })
      }
    }
  }
  pairs('node×node', nodes, nodes, true)
  pairs('label×label', labels, labels, true)
  pairs('label×node', labels, nodes, false)
  pairs('label×arrowhead', labels, heads, false)
  pairs('boundary label hidden', boundaryLabels, [...nodes, ...labels, ...heads], false)
  // A label may sit on its own line (that is where it belongs), not on another flow's, nor on a
  // boundary drawn as a line.
  const routes: { thing: Thing; points: Point[] }[] = [
    ...scene.flows.flatMap((f) => {
      const points = layout.flows.get(f.id)?.points
      return points ? [{ thing: { type: 'flow' as const, id: f.id }, points }] : []
    }),
    ...[...(layout.curves ?? [])].map(([id, c]) => ({ thing: { type: 'boundary' as const, id }, points: flatten(c.points) })),
  ]
  for (const label of [...labels, ...boundaryLabels]) {
    for (const route of routes) {
      if (route.thing.id === label.thing.id) continue
      const area = lengthInside(route.points, label.box) * LINE_WIDTH
      const kind = label.thing.type === 'label' ? 'label×flow' : 'boundary label hidden'
      if (area >= NOISE) found.push({ kind, a: label.thing, b: route.thing, area: Math.round(area) })
    }
  }
  pairs('boundary label hidden', boundaryLabels, boundaryLabels, true)

  const ancestors = new Map<string, Set<string>>()
  for (const b of scene.boundaries) ancestors.set(b.id, new Set([b.id, ...(b.parent ? ancestors.get(b.parent) ?? [] : [])]))
  for (const node of scene.nodes) {
    const box = layout.nodes.get(node.id)
    if (!box) continue
    const own = node.boundary ? layout.boundaries.get(node.boundary) : undefined
    if (own && !contains(own, box)) found.push({ kind: 'node outside its boundary', a: { type: 'node', id: node.id }, b: { type: 'boundary', id: node.boundary! }, area: Math.round(box.width * box.height - intersectionArea(own, box)) })
    // A node drawn inside a boundary it is not in says the wrong thing about its trust.
    const mine = node.boundary ? ancestors.get(node.boundary)! : new Set<string>()
    for (const b of scene.boundaries) {
      const other = layout.boundaries.get(b.id)
      if (mine.has(b.id) || !other || layout.curves?.has(b.id)) continue
      const area = intersectionArea(other, box)
      if (area >= NOISE) found.push({ kind: 'node inside another boundary', a: { type: 'node', id: node.id }, b: { type: 'boundary', id: b.id }, area: Math.round(area) })
    }
  }
  return found.sort((x, y) => y.area - x.area)
}

/**
 * One line per overlap, for a test's failure message or a warning.
 * @example
 * describeOverlap({ kind: 'label×node', a: { type: 'label', id: 'checkout' }, b: { type: 'node', id: 'web' }, area: 96 })
 * // 'label×node: label "checkout" covers node "web" (96 px²)'
 */
export function describeOverlap(o: Overlap): string {
  const verb = o.kind === 'node outside its boundary' ? 'sticks out of' : o.kind === 'node inside another boundary' ? 'is drawn inside' : 'covers'
  return `${o.kind}: ${o.a.type} "${o.a.id}" ${verb} ${o.b.type} "${o.b.id}" (${o.area} px²)`
}

interface Item {
  thing: Thing
  box: Box
}

const boxOf = (type: Thing['type'], id: string, box: Box | undefined): Item[] => (box ? [{ thing: { type, id }, box }] : [])
