/**
 * What each diagram of a model shows: which elements (and which only as context), which flows,
 * which boundaries. Pure and format-free: every renderer (SVG, Mermaid, DOT, PlantUML) draws a
 * Scene, so they all agree on the content.
 */
import { isLocalProtocol, TRUST_LEVELS, type Diagram, type ElementNode, type FlowEdge, type ModelGraph } from '../core/index.js'
import type { Overlays } from './overlays.js'

export type SceneNodeKind = 'external' | 'process' | 'store'

export interface SceneNode {
  id: string
  kind: SceneNodeKind
  name: string
  /** A short second line: technology or type. */
  detail?: string
  /** The innermost boundary around it (always one of the scene's boundaries). */
  boundary?: string
  /** Drawn for context only: an outside party of a refined process. */
  context: boolean
  outOfScope: boolean
}

export interface SceneFlow {
  id: string
  from: string
  to: string
  /** Its name, or the data it carries; empty when the model says neither (see displayName). */
  name: string
  protocol: string
  bidirectional: boolean
  crossesBoundary: boolean
  encrypted: boolean
  /** Never leaves the machine (a file, a pipe, a function call): clear text is no finding there. */
  local: boolean
  authenticated: boolean
  signed: boolean
  nonce: boolean
  order?: number
  /** One end is a context element. */
  context: boolean
}

export interface SceneBoundary {
  id: string
  name: string
  parent?: string
  trust: string
}

/**
 * A trust boundary drawn as a line, not a box: a Threat Dragon curve, kept with the points the
 * user drew in the diagram's `layout` (`points`). It holds no elements; it is drawn, and that is all.
 */
export interface SceneCurve {
  id: string
  name: string
  points: { x: number; y: number }[]
}

export interface Position {
  x: number
  y: number
  width?: number
  height?: number
  /** A boundary drawn as a line through these points (see SceneCurve). */
  points?: { x: number; y: number }[]
}

export interface Scene {
  /** The diagram's id in the model, or `system` / `sequence` for the implicit ones. */
  id: string
  kind: 'dfd' | 'sequence'
  title: string
  system: string
  description?: string
  refines?: string
  nodes: SceneNode[]
  flows: SceneFlow[]
  /** Parents before children. */
  boundaries: SceneBoundary[]
  /** Boundaries drawn as lines where the model's layout says (they hold no elements). */
  curves?: SceneCurve[]
  /** Positions from the model, by element or boundary id. */
  positions?: Record<string, Position>
  overlays?: Overlays
}

/**
 * Every diagram of a model: one per entry of `diagrams`, or, with none, a DFD of everything
 * (and, for a protocol, its sequence diagram too).
 * @example
 * const [system] = diagramScenes(buildGraph(model))
 * system.nodes.map((n) => n.id) // ['customer', 'web', 'orders']
 */
export function diagramScenes(graph: ModelGraph): Scene[] {
  const declared = Object.entries(graph.model.diagrams ?? {})
  if (declared.length) return declared.map(([id, diagram]) => sceneOf(graph, id, diagram))
  const scenes = [sceneOf(graph, 'system', { kind: 'dfd' })]
  if (graph.model.system.kind === 'protocol') scenes.push(sceneOf(graph, 'sequence', { kind: 'sequence' }))
  return scenes
}

/**
 * One diagram's scene.
 * @example
 * sceneOf(graph, 'api-internals', model.diagrams['api-internals'])
 */
export function sceneOf(graph: ModelGraph, id: string, diagram: Pick<Diagram, 'kind'> & Partial<Diagram>): Scene {
  const { shown, context, listedFlows } = selectElements(graph, diagram)
  const nodes = [...graph.nodes.values()].filter((n) => shown.has(n.id))
  const order = diagram.elements && diagram.kind === 'sequence' ? diagram.elements : undefined
  if (order) nodes.sort((a, b) => rank(order, a.id) - rank(order, b.id))

  // Flows between two context elements are not about the refined process: they stay out.
  const drawn = (f: FlowEdge) => shown.has(f.from.id) && shown.has(f.to.id) && !(context.has(f.from.id) && context.has(f.to.id))
  let flows = [...graph.flows.values()].filter((f) => (listedFlows ? listedFlows.has(f.id) : drawn(f)))
  if (diagram.kind === 'sequence') flows = sortByOrder(flows)
  if (diagram.kind === 'sequence' && !order) nodes.sort((a, b) => firstMessage(flows, a.id) - firstMessage(flows, b.id))

  const boundaryIds = new Set<string>()
  for (const node of nodes) {
    if (!node.boundary) continue
    boundaryIds.add(node.boundary)
    for (const ancestor of graph.boundaries.get(node.boundary)?.ancestors ?? []) boundaryIds.add(ancestor)
  }
  const boundaries = [...graph.boundaries.values()]
    .filter((b) => boundaryIds.has(b.id))
    .sort((a, b) => a.ancestors.length - b.ancestors.length)
    .map((b) => ({ id: b.id, name: b.name, ...(b.parent && { parent: b.parent }), trust: TRUST_LEVELS[b.trust] ?? 'medium' }))
  const curves = curvesOf(graph, diagram, boundaryIds)

  return {
    id,
    kind: diagram.kind,
    title: diagram.name ?? (diagram.kind === 'sequence' ? `${graph.model.system.name}: message sequence` : graph.model.system.name),
    system: graph.model.system.name,
    ...(diagram.description && { description: diagram.description }),
    ...(diagram.refines && { refines: diagram.refines }),
    nodes: nodes.map((n) => sceneNode(n, context.has(n.id))),
    flows: flows.map((f) => sceneFlow(graph, f, context)),
    boundaries,
    ...(curves.length && { curves }),
    ...(diagram.layout && Object.keys(diagram.layout).length && { positions: diagram.layout }),
  }
}

function selectElements(graph: ModelGraph, diagram: Partial<Diagram>) {
  const shown = new Set<string>()
  const context = new Set<string>()
  let listedFlows: Set<string> | undefined
  const outsideRefinements = (id: string) => !graph.refinedInside.has(id) || graph.refinedInside.get(id) === diagram.refines

  if (!diagram.elements) {
    for (const id of graph.nodes.keys()) if (outsideRefinements(id)) shown.add(id)
  } else {
    for (const id of diagram.elements) {
      if (graph.nodes.has(id)) shown.add(id)
      else if (graph.boundaries.has(id)) {
        // A boundary listed stands for everything inside it, nested boundaries included.
        for (const node of graph.nodes.values()) {
          if (node.boundary && outsideRefinements(node.id) && (node.boundary === id || graph.boundaries.get(node.boundary)!.ancestors.includes(id))) shown.add(node.id)
        }
      } else if (graph.flows.has(id)) {
        const flow = graph.flows.get(id)!
        ;(listedFlows ??= new Set()).add(id)
        shown.add(flow.from.id).add(flow.to.id)
      }
    }
  }

  const refined = diagram.refines ? graph.nodes.get(diagram.refines) : undefined
  if (refined) {
    shown.delete(refined.id)
    for (const flow of [...refined.inputs, ...refined.outputs]) {
      const other = flow.from.id === refined.id ? flow.to : flow.from
      if (other.id !== refined.id && !shown.has(other.id)) context.add(other.id)
    }
    for (const id of context) shown.add(id)
  }
  return { shown, context, listedFlows }
}

function sceneNode(node: ElementNode, context: boolean): SceneNode {
  const detail = node.kind === 'external' ? node.def.type : node.def.technology ?? node.def.type
  return {
    id: node.id,
    kind: node.kind,
    name: node.name,
    ...(detail && { detail }),
    ...(node.boundary && { boundary: node.boundary }),
    context,
    outOfScope: !node.inScope,
  }
}

/** The boundaries this diagram's layout draws as lines: those with `points` that hold nothing shown. */
function curvesOf(graph: ModelGraph, diagram: Partial<Diagram>, holding: Set<string>): SceneCurve[] {
  if (diagram.kind === 'sequence') return []
  return Object.entries(diagram.layout ?? {}).flatMap(([id, { points }]) => {
    const boundary = graph.boundaries.get(id)
    return boundary && !holding.has(id) && points && points.length >= 2 ? [{ id, name: boundary.name, points: points.map((p) => ({ x: p.x, y: p.y })) }] : []
  })
}

/**
 * What a flow is called on a diagram: its name; without one, the data it carries (the protocol
 * then follows on its own line); with neither, nothing: never its id, which reads as a typo.
 */
function displayName(graph: ModelGraph, flow: FlowEdge): string {
  if (flow.def.name) return flow.def.name
  return (flow.def.data ?? []).map((id) => graph.assets.get(id)?.name ?? id).join(', ')
}

function sceneFlow(graph: ModelGraph, flow: FlowEdge, context: Set<string>): SceneFlow {
  return {
    id: flow.id,
    from: flow.from.id,
    to: flow.to.id,
    name: displayName(graph, flow),
    protocol: flow.protocol,
    bidirectional: flow.def.bidirectional === true,
    crossesBoundary: flow.crossesBoundary,
    encrypted: flow.encrypted,
    local: isLocalProtocol(flow.protocol),
    authenticated: flow.authenticated,
    signed: flow.def.signed === true,
    nonce: flow.def.nonce === true,
    ...(flow.def.order !== undefined && { order: flow.def.order }),
    context: context.has(flow.from.id) || context.has(flow.to.id),
  }
}

const rank = (order: readonly string[], id: string) => {
  const i = order.indexOf(id)
  return i < 0 ? order.length : i
}

/** Messages by `order`; those without one keep their model order, after the ordered ones. */
function sortByOrder(flows: FlowEdge[]): FlowEdge[] {
  return flows
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.def.order ?? Infinity) - (b.f.def.order ?? Infinity) || a.i - b.i)
    .map(({ f }) => f)
}

const firstMessage = (flows: FlowEdge[], id: string) => {
  const i = flows.findIndex((f) => f.from.id === id || f.to.id === id)
  return i < 0 ? flows.length : i
}
