/**
 * Exposure: for each untrusted or malicious actor, which assets it can reach along the flows,
 * across which boundaries, and through which elements that no guarding control stands on.
 * It answers "where is value, how is it secured, who can get to it" in one table.
 */
import type { ElementNode, FlowEdge, ModelGraph } from '../model/graph.js'
import type { ControlKind } from '../model/vocabulary.js'

/** Control kinds that stop an actor at an element (the others protect other properties). */
export const GUARD_KINDS: readonly ControlKind[] = ['authentication', 'authorization', 'mfa', 'network-segmentation', 'waf']

export interface ExposedActor {
  id: string
  name: string
  malicious: boolean
  /** true when the actor is not declared: an external entity in an untrusted boundary stands in. */
  implicit: boolean
  entry: string[]
}

export interface Exposure {
  actor: string
  asset: string
  classification: string
  /** The store, process or flow where the actor reaches the asset. */
  at: string
  /** Element and flow ids from the entry point to `at`, alternating. */
  path: string[]
  boundariesCrossed: string[]
  /** Controls on the path of a guarding kind (authentication, authorization, ...). */
  guards: string[]
  /** Elements on the path (after the entry) with no guarding control; flows that are unauthenticated. */
  unguarded: string[]
}

export interface ExposureResult {
  actors: ExposedActor[]
  rows: Exposure[]
}

/**
 * @example
 * computeExposure(graph).rows.filter((r) => r.guards.length === 0) // the open paths
 */
export function computeExposure(graph: ModelGraph): ExposureResult {
  const actors = exposedActors(graph)
  const rows: Exposure[] = []
  for (const actor of actors) rows.push(...reach(graph, actor))
  return { actors, rows }
}

function exposedActors(graph: ModelGraph): ExposedActor[] {
  const declared = Object.entries(graph.model.actors ?? {})
  if (declared.length === 0) {
    return [...graph.nodes.values()]
      .filter((n) => n.kind === 'external' && n.trust <= 1 && n.inScope)
      .map((n) => ({ id: n.id, name: n.name, malicious: false, implicit: true, entry: [n.id] }))
  }
  const lowestExternals = () => {
    const externals = [...graph.nodes.values()].filter((n) => n.kind === 'external')
    const lowest = Math.min(...externals.map((n) => n.trust))
    return externals.filter((n) => n.trust === lowest).map((n) => n.id)
  }
  const result: ExposedActor[] = []
  for (const [id, actor] of declared) {
    const entry = new Set(actor.via ?? [])
    if (actor.boundary) {
      for (const node of graph.nodes.values()) {
        if (node.boundary && (node.boundary === actor.boundary || graph.boundaries.get(node.boundary)!.ancestors.includes(actor.boundary))) entry.add(node.id)
      }
    }
    if (entry.size === 0 && actor.malicious) for (const n of lowestExternals()) entry.add(n)
    const entryTrust = Math.min(...[...entry].map((e) => graph.nodes.get(e)!.trust))
    const untrusted = actor.malicious || actor.trusted === false || (actor.trusted === undefined && entryTrust <= 1)
    if (untrusted && entry.size > 0) result.push({ id, name: actor.name ?? id, malicious: actor.malicious, implicit: false, entry: [...entry] })
  }
  return result
}

interface Step {
  node: ElementNode
  via: FlowEdge | undefined
  previous: Step | undefined
}

function reach(graph: ModelGraph, actor: ExposedActor): Exposure[] {
  const visited = new Map<string, Step>()
  const queue: Step[] = []
  for (const id of actor.entry) {
    const step = { node: graph.nodes.get(id)!, via: undefined, previous: undefined }
    visited.set(id, step)
    queue.push(step)
  }
  const rows = new Map<string, Exposure>()
  const record = (assetIds: readonly string[] | undefined, at: string, step: Step, flow?: FlowEdge) => {
    for (const asset of assetIds ?? []) {
      if (rows.has(asset)) continue
      rows.set(asset, describe(graph, actor, asset, at, step, flow))
    }
  }
  const entries = new Set(actor.entry)
  for (let head = 0; head < queue.length; head++) {
    const step = queue[head]!
    // An external entry point is the actor's own means (its browser, its device); an element
    // the actor sits beside (by boundary) is something it reaches.
    const atEntry = entries.has(step.node.id) && step.node.kind === 'external'
    if (!atEntry) record(step.node.def.data, step.node.id, step)
    // Another external entity is another party: the actor reaches what is sent to it, but does
    // not act through it.
    if (!atEntry && step.node.kind === 'external') continue
    for (const flow of step.node.outputs) {
      const next = flow.from === step.node ? flow.to : flow.from
      // What the actor sends from its own entry point is its own data, not something it reaches.
      if (!atEntry) record(flow.def.data, flow.id, step, flow)
      if (visited.has(next.id)) continue
      const nextStep = { node: next, via: flow, previous: step }
      visited.set(next.id, nextStep)
      queue.push(nextStep)
    }
  }
  return [...rows.values()]
}

function describe(graph: ModelGraph, actor: ExposedActor, asset: string, at: string, end: Step, lastFlow?: FlowEdge): Exposure {
  const hops: Step[] = []
  for (let s: Step | undefined = end; s; s = s.previous) hops.unshift(s)
  const path: string[] = []
  const guards = new Set<string>()
  const unguarded: string[] = []
  const crossed: string[] = []
  const visit = (item: ElementNode | FlowEdge, isEntry: boolean) => {
    path.push(item.id)
    if (isEntry) return
    const guarding = item.controls.map((c, i) => [item.controlIds[i]!, c] as const).filter(([, c]) => GUARD_KINDS.includes(c.kind))
    guarding.forEach(([id]) => guards.add(id))
    const authenticatedFlow = item.kind === 'flow' && item.authenticated
    if (guarding.length === 0 && !authenticatedFlow) unguarded.push(item.id)
    if (item.kind === 'flow' && item.crossesBoundary) {
      for (const b of [item.to.boundary].filter((x): x is string => !!x)) if (!crossed.includes(b)) crossed.push(b)
    }
  }
  hops.forEach((hop, i) => {
    if (hop.via) visit(hop.via, false)
    visit(hop.node, i === 0)
  })
  if (lastFlow) visit(lastFlow, false)
  return {
    actor: actor.id, asset, classification: graph.assets.get(asset)!.classification, at, path,
    boundariesCrossed: crossed, guards: [...guards], unguarded,
  }
}
