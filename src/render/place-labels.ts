/**
 * Where each flow's label goes, so that none covers another label, a node, an arrowhead or
 * another flow's line. A label the layout engine placed stays where it is when nothing is under
 * it; otherwise it is moved along its line, then beside it on either side, then wrapped narrower
 * (never cutting a word); where nothing fits, the flow gets a numbered marker on its line and its
 * label goes to the legend. The names of boundaries drawn as curves are placed the same way, last.
 * Runs after either layout (ELK's or the model's positions), so both are checked the same way.
 */
import { curveLabel, FLOW_TEXT, FONT, flowLabel, markerSize, boundaryLabelBox } from './content.js'
import { flatten } from './curve.js'
import { arrowheads, intersectionArea, lengthInside, type Box, type Layout, type PlacedCurve, type PlacedFlow, type Point } from './layout.js'
import type { Scene, SceneFlow } from './scene.js'
import { widestWord } from './text.js'

/** Room kept free around a label, so that it does not touch what it avoids. */
const CLEARANCE = 2
/** Between a label beside its line and the line. */
const GAP = 3
/** The wraps tried, widest first, down to the widest word: a narrower label fits where a wide one does not. */
const WRAPS = [FLOW_TEXT, 140, 110, 80, 60]
/** Where along the line (as a fraction of its length) a label is tried, nearest the middle first. */
const ALONG = [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9]
/** The step between the places tried for a boundary's name along its box's border. */
const NAME_STEP = 16
/** How far from a curve its name may go, in label heights, when it fits nowhere on it. */
const CURVE_REACH = [0, 1, 2, 3]

/**
 * The layout with every flow label (and curve name) placed clear of the rest.
 * @example
 * const layout = placeLabels(scene, await layoutElk(scene))
 */
export function placeLabels(scene: Scene, layout: Layout): Layout {
  const space = new Space()
  for (const box of layout.nodes.values()) space.addBox(box)
  for (const flow of scene.flows) {
    const points = layout.flows.get(flow.id)?.points ?? []
    for (const head of arrowheads(points, flow.bidirectional)) space.addBox(head.box)
    for (let i = 0; i + 1 < points.length; i++) space.addLine(points[i]!, points[i + 1]!, `flow ${flow.id}`)
  }
  // A boundary drawn as a line is a line a label must not hide either.
  const curveLines = new Map([...(layout.curves ?? [])].map(([id, c]) => [id, flatten(c.points)]))
  for (const [id, line] of curveLines) for (let i = 0; i + 1 < line.length; i++) space.addLine(line[i]!, line[i + 1]!, `curve ${id}`)
  const boundaryLabels = placeBoundaryNames(scene, layout, space)

  const flows = new Map<string, PlacedFlow>()
  const waiting: SceneFlow[] = []
  // The layout's own places first, where they are clean: ELK's inline labels mostly are.
  for (const flow of scene.flows) {
    const placed = layout.flows.get(flow.id) ?? { points: [] }
    const content = flowLabel(flow, scene)
    flows.set(flow.id, { points: placed.points })
    if (!content.lines.length && !content.width) continue
    const given = placed.label && !placed.wrap && placed.label.width >= content.width && placed.label.height >= content.height ? placed.label : undefined
    if (given && space.isFree(given, `flow ${flow.id}`)) accept(flows, space, flow.id, { label: given })
    else waiting.push(flow)
  }
  // Then the rest, those with the least room (the shortest lines) first.
  const length = (flow: SceneFlow) => routeLength(flows.get(flow.id)!.points)
  const homeless: SceneFlow[] = []
  for (const flow of [...waiting].sort((a, b) => length(a) - length(b))) {
    const found = findLabelPlace(scene, flow, flows.get(flow.id)!.points, space)
    if (found) accept(flows, space, flow.id, found)
    else homeless.push(flow)
  }
  // Where nothing fits: a numbered marker, numbered in the order the flows are listed.
  let number = 0
  for (const flow of scene.flows.filter((f) => homeless.includes(f))) {
    const n = ++number
    const size = markerSize(n)
    const points = flows.get(flow.id)!.points
    const box = firstAlong(points, size, size, (b) => space.isFree(b, `flow ${flow.id}`)) ?? centred(pointAt(points, 0.5).point, size, size)
    accept(flows, space, flow.id, { marker: { number: n, box } })
  }

  const curves = new Map<string, PlacedCurve>()
  for (const curve of scene.curves ?? []) {
    const placed = layout.curves?.get(curve.id)
    if (!placed) continue
    const content = curveLabel(curve)
    const line = curveLines.get(curve.id)!
    const fits = (reach: number) => firstAlong(line, content.width, content.height, (b) => space.isFree(b, `curve ${curve.id}`), reach * content.height)
    const label = CURVE_REACH.map(fits).find(Boolean) ?? centred(pointAt(line, 0.5).point, content.width, content.height)
    space.addBox(label)
    curves.set(curve.id, { points: placed.points, label })
  }
  return { ...layout, flows, ...(curves.size && { curves }), ...(boundaryLabels.size && { boundaryLabels }) }
}

/**
 * A boundary's name goes top left in its box, unless a flow passes there: then further along the
 * top border, or along the bottom one. Only the names that moved are returned.
 */
function placeBoundaryNames(scene: Scene, layout: Layout, space: Space): Map<string, Box> {
  const moved = new Map<string, Box>()
  for (const b of scene.boundaries) {
    const box = layout.boundaries.get(b.id)
    if (!box) continue
    const home = boundaryLabelBox(b, box)
    const bottom = box.y + box.height - (home.y - box.y) - home.height
    const slots = Math.max(0, Math.floor((box.width - 2 * (home.x - box.x) - home.width) / NAME_STEP))
    const tries = [home.y, bottom].flatMap((y) => Array.from({ length: slots + 1 }, (_, i) => ({ ...home, x: home.x + i * NAME_STEP, y })))
    const label = tries.find((t) => space.isFree(t, `boundary ${b.id}`)) ?? home
    if (label !== home) moved.set(b.id, label)
    space.addBox(label)
  }
  return moved
}

function accept(flows: Map<string, PlacedFlow>, space: Space, id: string, place: Pick<PlacedFlow, 'label' | 'wrap' | 'marker'>): void {
  flows.set(id, { ...flows.get(id)!, ...place })
  space.addBox(place.label ?? place.marker!.box)
}

/** The first clean place for a flow's label: along its line, on it or beside it, narrower if need be. */
function findLabelPlace(scene: Scene, flow: SceneFlow, points: Point[], space: Space): Pick<PlacedFlow, 'label' | 'wrap'> | undefined {
  if (points.length < 2) return undefined
  const narrowest = Math.ceil(widestWord(flow.name, FONT.flow))
  let previous = -1
  for (const wrap of [...WRAPS.filter((w) => w > narrowest), Math.min(narrowest, FLOW_TEXT)]) {
    const content = flowLabel(flow, scene, wrap)
    if (content.width === previous) continue
    previous = content.width
    const label = firstAlong(points, content.width, content.height, (b) => space.isFree(b, `flow ${flow.id}`))
    if (label) return { label, ...(wrap !== FLOW_TEXT && { wrap }) }
  }
  return undefined
}

/**
 * The first box of a size along a route that `ok` accepts: at each stop (middle first), centred
 * on the line, then beside it on one side and the other (`reach` further out, when given).
 */
function firstAlong(points: Point[], width: number, height: number, ok: (box: Box) => boolean, reach = 0): Box | undefined {
  if (points.length < 2) return undefined
  for (const t of ALONG) {
    const { point, direction } = pointAt(points, t)
    const normal = { x: -direction.y, y: direction.x }
    const beside = (Math.abs(normal.x) * width + Math.abs(normal.y) * height) / 2 + GAP + reach
    for (const offset of reach ? [beside, -beside] : [0, beside, -beside]) {
      const box = centred({ x: point.x + normal.x * offset, y: point.y + normal.y * offset }, width, height)
      if (ok(box)) return box
    }
  }
  return undefined
}

const centred = (p: Point, width: number, height: number): Box => ({ x: p.x - width / 2, y: p.y - height / 2, width, height })

const routeLength = (points: Point[]) => points.slice(1).reduce((sum, p, i) => sum + Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y), 0)

/** The point at fraction `t` of a route's length, and the direction of the line there. */
function pointAt(points: Point[], t: number): { point: Point; direction: Point } {
  const total = routeLength(points)
  let left = total * t
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!
    const b = points[i + 1]!
    const length = Math.hypot(b.x - a.x, b.y - a.y)
    if (length === 0) continue
    if (left <= length || i + 2 === points.length) {
      const f = Math.min(1, left / length)
      return { point: { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f }, direction: { x: (b.x - a.x) / length, y: (b.y - a.y) / length } }
    }
    left -= length
  }
  return { point: points[0] ?? { x: 0, y: 0 }, direction: { x: 1, y: 0 } }
}

/**
 * What is already on the drawing, in a grid of cells so that a question looks only nearby: boxes
 * (nodes, arrowheads, boundary names, placed labels) and lines (flows, by their id).
 */
class Space {
  private readonly boxes = new Map<string, Box[]>()
  private readonly lines = new Map<string, { a: Point; b: Point; owner: string }[]>()

  addBox(box: Box): void {
    for (const key of cellsOf(box)) push(this.boxes, key, box)
  }

  /** A piece of a line: `owner` is `flow ID` or `curve ID`. */
  addLine(a: Point, b: Point, owner: string): void {
    const box = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) }
    for (const key of cellsOf(box)) push(this.lines, key, { a, b, owner })
  }

  /** Whether `box` (with clearance) covers nothing, and no line but its `own` (`flow ID`, `curve ID`). */
  isFree(box: Box, own: string): boolean {
    const wide = { x: box.x - CLEARANCE, y: box.y - CLEARANCE, width: box.width + 2 * CLEARANCE, height: box.height + 2 * CLEARANCE }
    for (const key of cellsOf(wide)) {
      for (const other of this.boxes.get(key) ?? []) if (intersectionArea(wide, other) > 0) return false
      for (const line of this.lines.get(key) ?? []) if (line.owner !== own && lengthInside([line.a, line.b], wide) > 0.25) return false
    }
    return true
  }
}

const CELL = 96

function cellsOf(box: Box): string[] {
  const keys: string[] = []
  for (let i = Math.floor(box.x / CELL); i <= Math.floor((box.x + box.width) / CELL); i++) {
    for (let j = Math.floor(box.y / CELL); j <= Math.floor((box.y + box.height) / CELL); j++) keys.push(`${i},${j}`)
  }
  return keys
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
