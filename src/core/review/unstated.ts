/**
 * The facts to state next: the unstated facts that possible threats rest on, those that settle the
 * most threats first. Informational: a model may leave facts unsaid, but each one stated turns
 * possible threats into definite ones, or removes them.
 */
import type { Path } from '../diagnostics.js'
import { severityRank } from '../engine/risk.js'
import type { Threat } from '../engine/threat.js'
import type { ModelGraph } from '../model/graph.js'

export interface FactToState {
  /** The element or flow the fact is about. */
  element: string
  /** `encrypted`, `authenticated`, `signed`, `nonce`, `privileged`, `type` or `controls.KIND`. */
  fact: string
  /** What moat assumes meanwhile, in words. */
  text: string
  /** How to state it. */
  hint: string
  /** The possible threats that rest on it, highest risk first. */
  threats: string[]
  /** How many of them are not done. */
  open: number
  /** Where to write it in the model. */
  path: Path
}

/**
 * @example
 * factsToState(graph, threats)[0] // { element: 'checkout', fact: 'authenticated', threats: ['…@checkout', …], open: 3, … }
 */
export function factsToState(graph: ModelGraph, threats: readonly Threat[]): FactToState[] {
  const byFact = new Map<string, FactToState & { worst: number }>()
  for (const threat of threats) {
    for (const f of threat.unstated) {
      const key = `${f.element}\u0000${f.fact}`
      let entry = byFact.get(key)
      if (!entry) {
        entry = { element: f.element, fact: f.fact, text: f.text, hint: hintOf(graph, f.element, f.fact), threats: [], open: 0, path: pathOf(graph, f.element), worst: 0 }
        byFact.set(key, entry)
      }
      entry.threats.push(threat.id)
      if (threat.status !== 'done') entry.open++
      entry.worst = Math.max(entry.worst, severityRank(threat.residual.severity))
    }
  }
  return [...byFact.values()]
    .sort((a, b) => b.threats.length - a.threats.length || b.open - a.open || b.worst - a.worst || (a.element < b.element ? -1 : a.element > b.element ? 1 : a.fact < b.fact ? -1 : 1))
    .map(({ worst: _, ...fact }) => fact)
}

function hintOf(graph: ModelGraph, id: string, fact: string): string {
  const kind = graph.flows.has(id) ? 'flow' : (graph.nodes.get(id)?.kind ?? 'element')
  if (fact === 'type') return `give ${kind} "${id}" a "type:"`
  if (fact.startsWith('controls.')) return `declare a control of kind "${fact.slice('controls.'.length)}" on "${id}" (implemented, or planned if it is missing)`
  return `write "${fact}: true" or "${fact}: false" on ${kind} "${id}"`
}

function pathOf(graph: ModelGraph, id: string): Path {
  if (graph.flows.has(id)) return ['flows', id]
  const node = graph.nodes.get(id)
  return node ? [node.kind === 'external' ? 'externals' : node.kind === 'process' ? 'processes' : 'stores', id] : []
}
