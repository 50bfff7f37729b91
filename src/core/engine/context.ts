/**
 * What a rule condition sees. Every field is always present (empty string, false, 0 or an empty
 * list when the model does not say), so a condition never fails on a missing key. docs/rules.md
 * documents these shapes; keep the two in step.
 */
import { confidentialityOf, type ElementNode, type FlowEdge, type ModelGraph } from '../model/graph.js'
import type { Asset } from '../model/schema.js'
import { CLASSIFICATIONS, RATINGS, TRUST_LEVELS } from '../model/vocabulary.js'
import { isLocalProtocol, rolesOf } from './roles.js'

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
  /** What the type says the element is, in moat's words (roles.ts): client, browser, gateway, web, api, server, database, log, queue, ... */
  roles: string[]
  technology: string
  tags: string[]
  trust: number
  boundary: string
  /** Its boundary and every boundary around it, innermost first; [] outside every boundary. */
  boundaryPath: string[]
  privileged: boolean
  /** Stores: encrypted at rest. */
  encrypted: boolean
  /** Receives a flow from an element of lower trust. */
  exposed: boolean
  /** Receives a flow from an external entity or from an untrusted (level 0) element. */
  untrustedInput: boolean
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
  inputs: FlowView[]
  outputs: FlowView[]
  callers: NodeSummary[]
  callees: NodeSummary[]
}

export interface RuleContext {
  system: { name: string; kind: string; hasBoundaries: boolean }
  element: ElementView | FlowView
  /** For flows, the full views of both ends; for elements, an empty view. */
  source: ElementView
  target: ElementView
}

const EMPTY_NODE: ElementView = Object.freeze({
  id: '', kind: '', name: '', type: '', roles: [], trust: 0, boundary: '', boundaryPath: [], privileged: false, description: '', technology: '',
  language: '', encrypted: false, tags: [], attributes: {}, boundaryName: '', trustName: '', data: [], declaredData: [], hasData: false, sensitive: false,
  classification: -1, inputs: [], outputs: [], callers: [], callees: [], exposed: false, untrustedInput: false,
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
  const summaries = new Map<string, NodeSummary>()
  const summary = (node: ElementNode): NodeSummary => {
    let s = summaries.get(node.id)
    if (!s) {
      const type = String((node.def as { type?: string }).type ?? '').toLowerCase()
      s = {
        id: node.id, kind: node.kind, name: node.name, type, roles: rolesOf(type),
        technology: String((node.def as { technology?: string }).technology ?? '').toLowerCase(),
        tags: node.def.tags ?? NONE, trust: node.trust, boundary: node.boundary ?? '', boundaryPath: boundaryPath(node.boundary),
        privileged: node.kind === 'process' ? node.def.privileged === true : false,
        encrypted: node.kind === 'store' ? node.def.encrypted === true : false,
        exposed: node.inputs.some((f) => otherEnd(f, node).trust < node.trust),
        untrustedInput: node.inputs.some((f) => otherEnd(f, node).kind === 'external' || otherEnd(f, node).trust === 0),
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
      view = {
        id: edge.id, kind: 'flow', name: edge.name, description: def.description ?? '', protocol: edge.protocol.toLowerCase(),
        encrypted: edge.encrypted, local: isLocalProtocol(edge.protocol), authenticated: edge.authenticated, signed: def.signed === true, nonce: def.nonce === true,
        bidirectional: def.bidirectional === true, order: def.order ?? 0, crossesBoundary: edge.crossesBoundary,
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
    view = {
      id: own.id,
      kind: own.kind,
      name: own.name,
      type: own.type,
      roles: own.roles,
      technology: own.technology,
      tags: own.tags,
      trust: own.trust,
      boundary: own.boundary,
      boundaryPath: own.boundaryPath,
      privileged: own.privileged,
      encrypted: own.encrypted,
      exposed: own.exposed,
      untrustedInput: own.untrustedInput,
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
      inputs: node.inputs.map((f) => flowView(f)),
      outputs: node.outputs.map((f) => flowView(f)),
      callers: node.inputs.map((f) => summary(otherEnd(f, node))),
      callees: node.outputs.map((f) => summary(otherEnd(f, node))),
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
