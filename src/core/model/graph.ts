/**
 * The model as a graph: elements with their flows in and out, boundaries with their resolved trust,
 * controls by what they protect. Built once from a valid model; every analysis reads it.
 */
import type { Asset, Boundary, Control, External, Flow, Model, Process, Store } from './schema.js'
import { TRUST_LEVELS, type Rating } from './vocabulary.js'

export type NodeKind = 'external' | 'process' | 'store'

interface NodeBase {
  id: string
  name: string
  boundary: string | undefined
  /** 0 (untrusted) .. 4 (full), from the element's boundary. */
  trust: number
  inputs: FlowEdge[]
  outputs: FlowEdge[]
  /** Implemented controls on this element, directly or through an enclosing boundary. */
  controls: Control[]
  /** Ids of the controls above, in the same order. */
  controlIds: string[]
  inScope: boolean
}
export type ElementNode =
  | (NodeBase & { kind: 'external'; def: External })
  | (NodeBase & { kind: 'process'; def: Process })
  | (NodeBase & { kind: 'store'; def: Store })

export type Direction = 'inbound' | 'outbound' | 'lateral' | 'none'

export interface FlowEdge {
  id: string
  kind: 'flow'
  name: string
  def: Flow
  from: ElementNode
  to: ElementNode
  protocol: string
  encrypted: boolean
  authenticated: boolean
  crossesBoundary: boolean
  /** inbound: from lower to higher trust. */
  direction: Direction
  controls: Control[]
  controlIds: string[]
  inScope: boolean
}

export interface BoundaryNode {
  id: string
  name: string
  def: Boundary
  trust: number
  parent: string | undefined
  /** Enclosing boundaries, nearest first. */
  ancestors: string[]
}

export interface ModelGraph {
  model: Model
  nodes: Map<string, ElementNode>
  flows: Map<string, FlowEdge>
  boundaries: Map<string, BoundaryNode>
  assets: Map<string, Asset>
  /** Elements drawn inside a refinement diagram (the inside of a process). */
  refinedInside: Map<string, string>
}

const ENCRYPTED_PROTOCOLS = /^(https|tls|dtls|ssh|sftp|ftps|smtps|imaps|pop3s|ldaps|wss|mtls|grpcs|amqps|mqtts|ipsec|wireguard|quic|http\/3|h2|sshfs|scp|rdp-tls|kafka-ssl|postgres-tls|mysql-tls|jdbc-tls|noise|signal)(\b|$)/i
/** Protocols that name their clear-text form, when an encrypted one has its own name (https, ftps, wss, ...). */
const CLEARTEXT_PROTOCOLS = /^(http|ftp|tftp|telnet|ws|smtp|pop3|imap|ldap|amqp|mqtt|rsh|rlogin)(\/[\d.]+)?(\s*\(.*\))?$/i
const AUTHENTICATING_PROTOCOLS = /^(mtls|ssh|sftp|scp|ipsec|wireguard|kerberos)(\b|$)/i

/** Whether a flow's protocol implies encryption, when the flow does not say. */
export const protocolEncrypts = (protocol: string) => ENCRYPTED_PROTOCOLS.test(protocol.trim())
/** Whether a flow's protocol says it is not encrypted: `HTTP`, `FTP`, `telnet`, ... as the whole protocol. */
export const protocolInClear = (protocol: string) => CLEARTEXT_PROTOCOLS.test(protocol.trim())
export const protocolAuthenticates = (protocol: string) => AUTHENTICATING_PROTOCOLS.test(protocol.trim())

const MEDIUM = TRUST_LEVELS.indexOf('medium')

/**
 * @example
 * const graph = buildGraph(model)
 * graph.nodes.get('web')!.inputs.map((f) => f.from.id) // ['user']
 */
export function buildGraph(model: Model): ModelGraph {
  const boundaries = resolveBoundaries(model)
  const implemented = Object.entries(model.controls ?? {}).filter(([, c]) => c.status === 'implemented')
  const controlsOn = indexControls(implemented)

  const nodes = new Map<string, ElementNode>()
  const addNodes = <K extends NodeKind>(kind: K, entries: Record<string, External | Process | Store> | undefined) => {
    for (const [id, def] of Object.entries(entries ?? {})) {
      const boundary = def.boundary
      const trust = boundary ? boundaries.get(boundary)!.trust : kind === 'external' ? 0 : MEDIUM
      const on = controlsFor(id, boundary, controlsOn, boundaries)
      nodes.set(id, {
        id, kind, def, name: def.name ?? id, boundary, trust, inputs: [], outputs: [],
        controls: on.map(([, c]) => c), controlIds: on.map(([cid]) => cid), inScope: def.outOfScope === undefined,
      } as ElementNode)
    }
  }
  addNodes('external', model.externals)
  addNodes('process', model.processes)
  addNodes('store', model.stores)

  const flows = new Map<string, FlowEdge>()
  for (const [id, def] of Object.entries(model.flows ?? {})) {
    const from = nodes.get(def.from)!
    const to = nodes.get(def.to)!
    const protocol = def.protocol ?? ''
    const crossesBoundary = from.boundary !== to.boundary
    const on = controlsOn.get(id) ?? []
    const edge: FlowEdge = {
      id, kind: 'flow', name: def.name ?? id, def, from, to, protocol,
      encrypted: def.encrypted ?? protocolEncrypts(protocol),
      authenticated: def.authenticated ?? protocolAuthenticates(protocol),
      crossesBoundary,
      direction: !crossesBoundary ? 'none' : to.trust > from.trust ? 'inbound' : to.trust < from.trust ? 'outbound' : 'lateral',
      controls: on.map(([, c]) => c), controlIds: on.map(([cid]) => cid),
      inScope: def.outOfScope === undefined && from.inScope && to.inScope,
    }
    flows.set(id, edge)
    from.outputs.push(edge)
    to.inputs.push(edge)
    if (def.bidirectional) {
      from.inputs.push(edge)
      to.outputs.push(edge)
    }
  }

  const refinedInside = new Map<string, string>()
  for (const diagram of Object.values(model.diagrams ?? {})) {
    if (!diagram.refines) continue
    for (const id of diagram.elements ?? []) if (nodes.has(id)) refinedInside.set(id, diagram.refines)
  }
  return { model, nodes, flows, boundaries, assets: new Map(Object.entries(model.assets ?? {})), refinedInside }
}

function resolveBoundaries(model: Model): Map<string, BoundaryNode> {
  const defs = model.boundaries ?? {}
  const holdsOnlyExternals = new Map<string, boolean>()
  for (const [collection, external] of [['externals', true], ['processes', false], ['stores', false]] as const) {
    for (const element of Object.values(model[collection] ?? {})) {
      if (!element.boundary) continue
      holdsOnlyExternals.set(element.boundary, (holdsOnlyExternals.get(element.boundary) ?? true) && external)
    }
  }
  for (const b of Object.values(defs)) if (b.parent) holdsOnlyExternals.set(b.parent, false)

  const resolved = new Map<string, BoundaryNode>()
  const resolve = (id: string, depth: number): BoundaryNode => {
    const known = resolved.get(id)
    if (known) return known
    const def = defs[id]!
    const parent = def.parent && depth < 64 ? resolve(def.parent, depth + 1) : undefined
    const trust = def.trust
      ? TRUST_LEVELS.indexOf(def.trust)
      : holdsOnlyExternals.get(id)
        ? 0
        : parent
          ? Math.min(parent.trust + 1, TRUST_LEVELS.length - 1)
          : MEDIUM
    const node: BoundaryNode = {
      id, name: def.name ?? id, def, trust, parent: def.parent,
      ancestors: parent ? [parent.id, ...parent.ancestors] : [],
    }
    resolved.set(id, node)
    return node
  }
  for (const id of Object.keys(defs)) resolve(id, 0)
  return resolved
}

function indexControls(controls: [string, Control][]) {
  const on = new Map<string, [string, Control][]>()
  for (const entry of controls) {
    for (const target of entry[1].on) {
      const list = on.get(target) ?? []
      list.push(entry)
      on.set(target, list)
    }
  }
  return on
}

function controlsFor(
  id: string,
  boundary: string | undefined,
  controlsOn: Map<string, [string, Control][]>,
  boundaries: Map<string, BoundaryNode>,
): [string, Control][] {
  const direct = controlsOn.get(id) ?? []
  if (!boundary) return direct
  const b = boundaries.get(boundary)!
  const inherited = [boundary, ...b.ancestors].flatMap((bid) => controlsOn.get(bid) ?? [])
  return inherited.length ? [...direct, ...inherited] : direct
}

/** Confidentiality defaults from the classification when the asset does not rate it. */
export function confidentialityOf(asset: Asset): Rating {
  if (asset.confidentiality) return asset.confidentiality
  switch (asset.classification) {
    case 'public':
      return 'low'
    case 'internal':
      return 'medium'
    default:
      return 'high'
  }
}
