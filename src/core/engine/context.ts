/**
 * What a rule condition sees. Every field is always present (empty string, false, 0 or an empty
 * list when the model does not say), so a condition never fails on a missing key. docs/rules.md
 * documents these shapes; keep the two in step.
 */
import { confidentialityOf, type ElementNode, type FlowEdge, type ModelGraph } from '../model/graph.js'
import type { Asset, Control } from '../model/schema.js'
import { CLASSIFICATIONS, CONTROL_KINDS, RATINGS, TRUST_LEVELS } from '../model/vocabulary.js'
import { STATED_CONTROLS } from './probe.js'
import { answersOf } from './requests.js'
import { inferRoles, rolesOf } from './roles.js'
import { privilegedOf, protocolFacts, unstatedOfFlow, unstatedOfNode } from './unstated-facts.js'

export interface AssetView {
  id: string
  name: string
  classification: string
  /** 0 public .. 3 restricted */
  level: number
  /** confidential or restricted, or rated high for confidentiality */
  sensitive: boolean
  /** 1 low .. 3 high */
  confidentiality: number
  integrity: number
  availability: number
  tags: string[]
}

export interface NodeSummary {
  id: string
  kind: string
  name: string
  /** Lower-cased, "" when not given. */
  type: string
  /**
   * What the element is, in moat's words (roles.ts): client, browser, gateway, web, api, server,
   * database, log, queue, ... From the type; without one, inferred from the technology or the name.
   */
  roles: string[]
  /** The roles are a guess: no type is stated. */
  rolesInferred: boolean
  /** Where the roles come from: type, technology, name, id; "" when no type is stated and nothing gave a role. */
  rolesFrom: string
  technology: string
  tags: string[]
  trust: number
  boundary: string
  /** Its boundary and every boundary around it, innermost first; [] outside every boundary. */
  boundaryPath: string[]
  /** Processes: runs privileged; true unless the model says `privileged: false`. */
  privileged: boolean
  /** Stores: encrypted at rest. */
  encrypted: boolean
  /** Some caller, or some store it reads, has lower trust. */
  exposed: boolean
  /** Some caller, or some store it reads, is an external entity or an untrusted (level 0) element. */
  untrustedInput: boolean
  /** The facts the model leaves unsaid about it (unstated-facts.ts): type, encrypted, privileged. */
  unstated: string[]
  /** Per control kind: an implemented control of that kind is on it (or on its boundaries). */
  controls: Record<string, boolean>
}

export interface FlowView {
  id: string
  kind: 'flow'
  name: string
  description: string
  /** Lower-cased, "" when not given. */
  protocol: string
  encrypted: boolean
  /** Never leaves the machine: a function call, a file, a pipe, stdin, loopback (roles.ts). */
  local: boolean
  authenticated: boolean
  signed: boolean
  nonce: boolean
  bidirectional: boolean
  /** A read, which changes nothing: a flow out of a store, or one the model says is `readonly`. */
  readonly: boolean
  /** Answers a request its `to` end made (requests.ts), so it makes no caller. */
  answer: boolean
  /** The facts the model leaves unsaid about it: encrypted, authenticated, signed, nonce. */
  unstated: string[]
  /** Per control kind: an implemented control of that kind is on the flow or on either end. */
  controls: Record<string, boolean>
  /** Protocol models: the message's position; 0 when not given. */
  order: number
  crossesBoundary: boolean
  direction: string
  from: string
  to: string
  fromKind: string
  toKind: string
  fromTrust: number
  toTrust: number
  data: AssetView[]
  /** Names at least one asset. */
  hasData: boolean
  sensitive: boolean
  /** Highest classification level carried, 0 .. 3; -1 when no data is named. */
  classification: number
  tags: string[]
  attributes: Record<string, unknown>
  source: NodeSummary
  target: NodeSummary
  /** The other flows between the same two elements, in either direction. */
  siblings: FlowView[]
}

export interface ElementView extends NodeSummary {
  description: string
  language: string
  attributes: Record<string, unknown>
  boundaryName: string
  trustName: string
  data: AssetView[]
  /** The assets the element's own `data` lists, without what its flows carry. */
  declaredData: AssetView[]
  /** Names at least one asset. */
  hasData: boolean
  sensitive: boolean
  classification: number
  /** Flows that bring data in: arriving ones (a read-only one only where it is read), both-way ones, read-only ones it makes. */
  inputs: FlowView[]
  /** Flows that take data out: leaving ones, both-way ones, read-only ones it answers. */
  outputs: FlowView[]
  /** The elements that send it requests (requests.ts), once each. */
  callers: NodeSummary[]
  /** The elements it sends data to, once each. */
  callees: NodeSummary[]
}

export interface RuleContext {
  system: { name: string; kind: string; hasBoundaries: boolean }
  element: ElementView | FlowView
  /** For flows, the full views of both ends; for elements, an empty view. */
  source: ElementView
  target: ElementView
}

/**
 * Control kinds with no control at all: every kind false. Not frozen: the engine reads it through
 * a proxy that may answer otherwise (assumptions.ts), which a frozen object forbids.
 */
const NO_CONTROLS: Record<string, boolean> = Object.fromEntries(CONTROL_KINDS.map((k) => [k, false]))

const EMPTY_NODE: ElementView = Object.freeze({
  id: '', kind: '', name: '', type: '', roles: [], rolesInferred: false, rolesFrom: '', trust: 0, boundary: '', boundaryPath: [], privileged: false, description: '', technology: '',
  language: '', encrypted: false, tags: [], attributes: {}, boundaryName: '', trustName: '', data: [], declaredData: [], hasData: false, sensitive: false,
  classification: -1, inputs: [], outputs: [], callers: [], callees: [], exposed: false, untrustedInput: false, unstated: [], controls: NO_CONTROLS,
}) as ElementView


/** Builds the views of a graph once; rules are then evaluated against the same objects. */
export function createContexts(graph: ModelGraph) {
  const assetViews = new Map<string, AssetView>()
  const assetView = (id: string): AssetView => {
    let view = assetViews.get(id)
    if (!view) {
      view = toAssetView(id, graph.assets.get(id)!)
      assetViews.set(id, view)
    }
    return view
  }
  // One path per boundary, shared by every element inside it.
  const paths = new Map<string, string[]>()
  const boundaryPath = (boundary: string | undefined): string[] => {
    if (!boundary) return NONE
    let path = paths.get(boundary)
    if (!path) {
      path = [boundary, ...(graph.boundaries.get(boundary)?.ancestors ?? NONE)]
      paths.set(boundary, path)
    }
    return path
  }
  const answers = answersOf(graph)
  const controlsOf = controlIndex(graph)
  const callerNodes = new Map<ElementNode, ElementNode[]>()
  /** The elements that send requests to a node, once each: the `from` end of every request that arrives. */
  const callersOf = (node: ElementNode): ElementNode[] => {
    let callers = callerNodes.get(node)
    if (!callers) {
      let found: ElementNode[] | undefined
      for (const f of node.inputs) if (f.to === node && !answers.has(f)) (found ??= []).push(f.from)
      callers = found ? uniqueNodes(found) : NONE
      callerNodes.set(node, callers)
    }
    return callers
  }
  const summaries = new Map<string, NodeSummary>()
  const summary = (node: ElementNode): NodeSummary => {
    let s = summaries.get(node.id)
    if (!s) {
      const type = String((node.def as { type?: string }).type ?? '').toLowerCase()
      const technology = String((node.def as { technology?: string }).technology ?? '').toLowerCase()
      const inferred = type ? undefined : inferRoles({ technology, name: node.name, id: node.id })
      // Where its input comes from: its callers, and the stores it reads (what others wrote there).
      const callers = callersOf(node)
      const stores = storesReadBy(node)
      const some = (test: (n: ElementNode) => boolean) => callers.some(test) || stores.some(test)
      s = {
        id: node.id, kind: node.kind, name: node.name, type, roles: inferred?.roles ?? rolesOf(type),
        rolesInferred: (inferred?.roles.length ?? 0) > 0, rolesFrom: inferred ? (inferred.from ?? '') : 'type',
        technology, tags: node.def.tags ?? NONE, trust: node.trust, boundary: node.boundary ?? '', boundaryPath: boundaryPath(node.boundary),
        privileged: privilegedOf(node),
        encrypted: node.kind === 'store' ? node.def.encrypted === true : false,
        exposed: some((c) => c.trust < node.trust),
        untrustedInput: some((c) => c.kind === 'external' || c.trust === 0),
        unstated: unstatedOfNode(node), controls: controlsOf(node.id, node),
      }
      summaries.set(node.id, s)
    }
    return s
  }
  // Flows between the same two elements, found through one index so no rule needs to scan every
  // output of a busy element for them (which is quadratic on a hub).
  const byPair = new Map<string, FlowEdge[]>()
  const pairKey = (edge: FlowEdge) => (edge.from.id < edge.to.id ? `${edge.from.id}\u0000${edge.to.id}` : `${edge.to.id}\u0000${edge.from.id}`)
  for (const edge of graph.flows.values()) {
    const key = pairKey(edge)
    const list = byPair.get(key)
    if (list) list.push(edge)
    else byPair.set(key, [edge])
  }
  const flowViews = new Map<string, FlowView>()
  const flowView = (edge: FlowEdge): FlowView => {
    let view = flowViews.get(edge.id)
    if (!view) {
      const data = (edge.def.data ?? []).map(assetView)
      const def = edge.def
      const protocol = protocolFacts(edge.protocol)
      view = {
        id: edge.id, kind: 'flow', name: edge.name, description: def.description ?? '', protocol: edge.protocol.toLowerCase(),
        encrypted: edge.encrypted, local: protocol.local, authenticated: edge.authenticated, signed: def.signed === true, nonce: def.nonce === true,
        bidirectional: def.bidirectional === true, readonly: def.readonly === true || edge.from.kind === 'store', answer: answers.has(edge),
        unstated: unstatedOfFlow(edge, protocol), controls: controlsOf(edge.id, edge.from, edge.to), order: def.order ?? 0, crossesBoundary: edge.crossesBoundary,
        direction: edge.direction, from: edge.from.id, to: edge.to.id, fromKind: edge.from.kind, toKind: edge.to.kind,
        fromTrust: edge.from.trust, toTrust: edge.to.trust, data, hasData: data.length > 0, sensitive: data.some((a) => a.sensitive),
        classification: maxLevel(data), tags: def.tags ?? NONE, attributes: def.attributes ?? NO_ATTRIBUTES,
        source: summary(edge.from), target: summary(edge.to), siblings: NONE,
      }
      flowViews.set(edge.id, view)
      const pair = byPair.get(pairKey(edge))!
      if (pair.length > 1) view.siblings = pair.filter((other) => other !== edge).map((other) => flowView(other))
    }
    return view
  }
  const elementViews = new Map<string, ElementView>()
  const elementView = (node: ElementNode): ElementView => {
    let view = elementViews.get(node.id)
    if (view) return view
    const def = node.def
    const data = assetsOf(node).map(assetView)
    const boundary = node.boundary ? graph.boundaries.get(node.boundary) : undefined
    const own = summary(node)
    const { inputs, outputs } = flowsOf(node)
    view = {
      id: own.id,
      kind: own.kind,
      name: own.name,
      type: own.type,
      roles: own.roles,
      rolesInferred: own.rolesInferred,
      rolesFrom: own.rolesFrom,
      technology: own.technology,
      tags: own.tags,
      trust: own.trust,
      boundary: own.boundary,
      boundaryPath: own.boundaryPath,
      privileged: own.privileged,
      encrypted: own.encrypted,
      exposed: own.exposed,
      untrustedInput: own.untrustedInput,
      unstated: own.unstated,
      controls: own.controls,
      description: def.description ?? '',
      language: node.kind === 'process' ? (node.def.language ?? '').toLowerCase() : '',
      attributes: def.attributes ?? NO_ATTRIBUTES,
      boundaryName: boundary?.name ?? '',
      trustName: TRUST_LEVELS[node.trust]!,
      data,
      declaredData: (def.data ?? NONE).map(assetView),
      hasData: data.length > 0,
      sensitive: data.some((a) => a.sensitive),
      classification: maxLevel(data),
      inputs: inputs.map((f) => flowView(f)),
      outputs: outputs.map((f) => flowView(f)),
      callers: callersOf(node).map(summary),
      callees: uniqueNodes(outputs.map((f) => otherEnd(f, node))).map(summary),
    }
    elementViews.set(node.id, view)
    return view
  }
  const system = { name: graph.model.system.name, kind: graph.model.system.kind, hasBoundaries: graph.boundaries.size > 0 }

  return {
    forNode: (node: ElementNode): RuleContext => ({ system, element: elementView(node), source: EMPTY_NODE, target: EMPTY_NODE }),
    forFlow: (edge: FlowEdge): RuleContext => ({
      system, element: flowView(edge), source: elementView(edge.from), target: elementView(edge.to),
    }),
  }
}

/**
 * A node's flows by where data goes: a read-only flow brings data to the element that makes it
 * and takes it from the other end, whichever way it is drawn.
 */
function flowsOf(node: ElementNode): { inputs: FlowEdge[]; outputs: FlowEdge[] } {
  const readsOut = node.outputs.some((f) => f.def.readonly)
  const readsIn = node.inputs.some((f) => f.def.readonly)
  if (!readsOut && !readsIn) return { inputs: node.inputs, outputs: node.outputs }
  const inputs = node.inputs.filter((f) => !(f.def.readonly && f.to === node))
  const outputs = [...node.outputs]
  for (const f of node.outputs) if (f.def.readonly && f.from === node && !f.def.bidirectional) inputs.push(f)
  for (const f of node.inputs) if (f.def.readonly && f.to === node && !f.def.bidirectional) outputs.push(f)
  return { inputs, outputs }
}

/** The stores a node reads: the other end of its inputs, when that is a store. */
function storesReadBy(node: ElementNode): ElementNode[] {
  if (node.kind === 'store') return NONE
  let stores: ElementNode[] | undefined
  for (const f of flowsOf(node).inputs) {
    const other = otherEnd(f, node)
    if (other.kind === 'store') (stores ??= []).push(other)
  }
  return stores ?? NONE
}

function uniqueNodes(nodes: ElementNode[]): ElementNode[] {
  if (nodes.length < 2 || (nodes.length === 2 && nodes[0] !== nodes[1])) return nodes
  return [...new Set(nodes)]
}

/**
 * Per element or flow, its `controls` view: every kind, true when an implemented control of it
 * protects the subject (the controls on it and its boundaries; for a flow, also those of its
 * ends). The kinds stated at all, implemented or planned, go to STATED_CONTROLS.
 */
function controlIndex(graph: ModelGraph) {
  const on = new Map<string, Control[]>()
  for (const control of Object.values(graph.model.controls ?? {})) {
    for (const target of control.on) on.set(target, [...(on.get(target) ?? []), control])
  }
  if (on.size === 0) return () => NO_CONTROLS
  const placesOf = (node: ElementNode) => (node.boundary ? [node.id, node.boundary, ...graph.boundaries.get(node.boundary)!.ancestors] : [node.id])
  return (id: string, node: ElementNode, other?: ElementNode): Record<string, boolean> => {
    const places = other ? [id, ...placesOf(node), ...placesOf(other)] : placesOf(node)
    const controls = places.flatMap((p) => on.get(p) ?? [])
    if (controls.length === 0) return NO_CONTROLS
    const view: Record<string, boolean> = { ...NO_CONTROLS }
    for (const c of controls) if (c.status === 'implemented') view[c.kind] = true
    STATED_CONTROLS.set(view, new Set(controls.map((c) => c.kind)))
    return view
  }
}

/** What an element holds or processes, and what its flows carry. */
function assetsOf(node: ElementNode): string[] {
  const own = node.def.data ?? NONE
  let ids: Set<string> | undefined
  for (const list of [node.inputs, node.outputs]) {
    for (const f of list) {
      if (!f.def.data?.length) continue
      ids ??= new Set(own)
      for (const a of f.def.data) ids.add(a)
    }
  }
  return ids ? [...ids] : own
}

/** For a two-way flow listed among a node's inputs, the other end is its `from` or its `to`. */
const otherEnd = (flow: FlowEdge, node: ElementNode) => (flow.from === node ? flow.to : flow.from)

const NONE: never[] = []
const NO_ATTRIBUTES: Record<string, unknown> = {}

const maxLevel = (data: AssetView[]) => data.reduce((max, a) => Math.max(max, a.level), -1)

function toAssetView(id: string, asset: Asset): AssetView {
  const confidentiality = RATINGS.indexOf(confidentialityOf(asset)) + 1
  return {
    id, name: asset.name ?? id, classification: asset.classification, level: CLASSIFICATIONS.indexOf(asset.classification),
    sensitive: asset.classification === 'confidential' || asset.classification === 'restricted' || confidentiality === 3,
    confidentiality, integrity: RATINGS.indexOf(asset.integrity) + 1, availability: RATINGS.indexOf(asset.availability) + 1,
    tags: asset.tags ?? [],
  }
}
