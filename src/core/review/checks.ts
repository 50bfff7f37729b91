/**
 * The review's checks, one per thing a reviewer asks. Ids are stable: teams waive them by id
 * under `waivers:` in the model.
 */
import type { ElementNode, FlowEdge, ModelGraph } from '../model/graph.js'
import { STRIDE_PER_KIND, type StrideCategory } from '../model/vocabulary.js'
import type { Finding, ReviewCheck } from './check.js'

const inScopeNodes = (graph: ModelGraph) => [...graph.nodes.values()].filter((n) => n.inScope)
const collectionOf = (node: ElementNode) => (node.kind === 'external' ? 'externals' : node.kind === 'process' ? 'processes' : 'stores')
const nodePath = (node: ElementNode) => [collectionOf(node), node.id]
/** Where a threat without a written response is best shown: on the element it concerns. */
const pathOf = (graph: ModelGraph, id: string) => (graph.flows.has(id) ? ['flows', id] : graph.nodes.has(id) ? nodePath(graph.nodes.get(id)!) : ['threats'])

export const CHECKS: readonly ReviewCheck[] = [
  {
    id: 'dfd.process-io',
    question: 'model',
    title: 'Every process has inputs and outputs',
    severity: 'error',
    run: ({ graph }) =>
      [...graph.nodes.values()]
        .filter((n) => n.kind === 'process' && (n.inputs.length === 0 || n.outputs.length === 0))
        .map((n) => ({
          subject: n.id,
          path: nodePath(n),
          message: `process "${n.id}" has no ${n.inputs.length === 0 ? 'inputs' : 'outputs'}: a process transforms data, so data must reach it and leave it (add the missing flow, or make it an external or a store)`,
        })),
  },
  {
    id: 'dfd.flow-endpoints',
    question: 'model',
    title: 'Data passes through a process',
    severity: 'error',
    run: ({ graph }) =>
      [...graph.flows.values()]
        .filter((f) => f.from.kind !== 'process' && f.to.kind !== 'process')
        .map((f) => ({
          subject: f.id,
          path: ['flows', f.id],
          message: `flow "${f.id}" goes from ${f.from.kind} "${f.from.id}" to ${f.to.kind} "${f.to.id}": no process moves the data (add the process that reads and writes it)`,
        })),
  },
  {
    id: 'dfd.boundaries',
    question: 'model',
    title: 'Every element sits in a trust boundary',
    severity: 'error',
    appliesTo: ({ graph }) => graph.boundaries.size > 0,
    run: ({ graph }) =>
      [...graph.nodes.values()]
        .filter((n) => !n.boundary && !graph.refinedInside.has(n.id))
        .map((n) => ({ subject: n.id, path: nodePath(n), message: `${n.kind} "${n.id}" is in no boundary (add "boundary:" to say where it runs and how far it is trusted)` })),
  },
  {
    id: 'dfd.crossings',
    question: 'model',
    title: 'Flows crossing a trust boundary say how and what',
    severity: 'warning',
    appliesTo: ({ graph }) => [...graph.flows.values()].some((f) => f.crossesBoundary),
    run: ({ graph }) =>
      [...graph.flows.values()]
        .filter((f) => f.crossesBoundary && (!f.def.protocol || !f.def.data?.length))
        .map((f) => ({
          subject: f.id,
          path: ['flows', f.id],
          message: `flow "${f.id}" crosses from ${f.from.boundary ?? 'no boundary'} to ${f.to.boundary ?? 'no boundary'} but does not name its ${!f.def.protocol ? 'protocol' : 'data'} (add "${!f.def.protocol ? 'protocol' : 'data'}:")`,
        })),
  },
  {
    id: 'dfd.balancing',
    question: 'model',
    title: 'Refinement diagrams balance with the process they refine',
    severity: 'error',
    appliesTo: ({ graph }) => Object.values(graph.model.diagrams ?? {}).some((d) => d.refines),
    run: ({ graph }) => Object.entries(graph.model.diagrams ?? {}).flatMap(([id, d]) => (d.refines ? balance(graph, id, d.refines, d.elements ?? []) : [])),
  },
  {
    id: 'dfd.descriptions',
    question: 'model',
    title: 'Elements, assets and the system are described',
    severity: 'warning',
    run: ({ graph }) => {
      const missing: Finding[] = []
      for (const n of graph.nodes.values()) if (!n.def.description) missing.push({ subject: n.id, path: nodePath(n), message: `${n.kind} "${n.id}" has no description` })
      for (const [id, a] of graph.assets) if (!a.description) missing.push({ subject: id, path: ['assets', id], message: `asset "${id}" has no description` })
      if (!graph.model.system.description) missing.push({ path: ['system'], message: 'the system has no description' })
      return missing
    },
  },
  {
    id: 'dfd.connected',
    question: 'model',
    title: 'Every element takes part in a flow; every asset is held or carried',
    severity: 'warning',
    run: ({ graph }) => {
      const found: Finding[] = []
      for (const n of graph.nodes.values()) {
        if (n.inputs.length === 0 && n.outputs.length === 0) found.push({ subject: n.id, path: nodePath(n), message: `${n.kind} "${n.id}" has no flows` })
      }
      const used = new Set<string>()
      for (const n of graph.nodes.values()) for (const a of n.def.data ?? []) used.add(a)
      for (const f of graph.flows.values()) for (const a of f.def.data ?? []) used.add(a)
      for (const id of graph.assets.keys()) if (!used.has(id)) found.push({ subject: id, path: ['assets', id], message: `asset "${id}" is neither held by an element nor carried by a flow (add it to a store's or a flow's "data:")` })
      return found
    },
  },
  {
    id: 'dfd.actors',
    question: 'model',
    title: 'The actors who threaten the system are named',
    severity: 'warning',
    run: ({ graph }) =>
      Object.values(graph.model.actors ?? {}).some((a) => a.malicious)
        ? []
        : [{ path: ['actors'], message: 'no actor is marked "malicious: true": name who you defend against (an internet attacker, a malicious insider, ...) so exposure shows what they reach' }],
  },
  {
    id: 'threats.coverage',
    question: 'threats',
    title: 'Each element has a threat, or a reason, for every STRIDE category of its kind',
    severity: 'error',
    run: ({ graph, threats }) => {
      const covered = new Set<string>()
      for (const t of threats) for (const e of t.elements) covered.add(`${e}\u0000${t.category}`)
      const gaps = (id: string, kind: keyof typeof STRIDE_PER_KIND, notApplicable: Partial<Record<StrideCategory, string>> | undefined) =>
        STRIDE_PER_KIND[kind].filter((c) => !covered.has(`${id}\u0000${c}`) && !(notApplicable && Object.hasOwn(notApplicable, c)))
      const found: Finding[] = []
      for (const n of inScopeNodes(graph)) {
        const missing = gaps(n.id, n.kind, n.def.notApplicable)
        if (missing.length) found.push({ subject: n.id, path: nodePath(n), message: coverageMessage(n.kind, n.id, missing) })
      }
      for (const f of graph.flows.values()) {
        if (!f.inScope) continue
        const missing = gaps(f.id, 'flow', f.def.notApplicable)
        if (missing.length) found.push({ subject: f.id, path: ['flows', f.id], message: coverageMessage('flow', f.id, missing) })
      }
      return found
    },
  },
  {
    id: 'threats.responses',
    gated: {},
    question: 'responses',
    title: 'Every threat has a response',
    severity: 'error',
    run: ({ graph, threats }) =>
      threats
        .filter((t) => !t.response)
        .map((t) => ({ subject: t.id, path: pathOf(graph, t.elements[0]!), message: `${t.severity} threat "${t.id}" (${t.title}) has no response: mitigate, eliminate, transfer or accept it under "threats:"` })),
  },
  {
    id: 'threats.accountability',
    gated: {},
    question: 'responses',
    title: 'Accepted and transferred threats have an owner and a rationale',
    severity: 'error',
    run: ({ threats }) =>
      threats
        .filter((t) => t.response && t.response.source === 'model')
        .flatMap((t) => {
          const r = t.response!
          const needsOwner = r.kind === 'accept' || r.kind === 'transfer'
          const needsRationale = needsOwner || r.kind === 'not-applicable'
          const missing = [needsOwner && !r.owner ? 'an owner' : '', needsRationale && !r.rationale ? 'a rationale' : ''].filter(Boolean)
          return missing.length ? [{ subject: t.id, path: ['threats', t.id], message: `"${t.id}" is answered "${r.kind}" without ${missing.join(' and ')} (add ${missing.map((m) => (m === 'an owner' ? '"owner:"' : '"rationale:"')).join(' and ')})` }] : []
        }),
  },
  {
    id: 'responses.controls',
    gated: {},
    question: 'risk',
    title: 'Every mitigation names a control',
    severity: 'error',
    run: ({ threats }) =>
      threats
        .filter((t) => t.response?.kind === 'mitigate' && t.response.controls.length === 0)
        .map((t) => ({ subject: t.id, path: ['threats', t.id], message: `"${t.id}" is mitigated by no control (list them under "controls:"; declare new ones under the model's "controls:")` })),
  },
  {
    id: 'responses.planned-controls',
    gated: {},
    question: 'risk',
    title: 'Finished mitigations rely on implemented controls',
    severity: 'warning',
    run: ({ graph, threats }) =>
      threats
        .filter((t) => t.response?.kind === 'mitigate' && t.status === 'done')
        .flatMap((t) =>
          t.response!.controls
            .filter((c) => graph.model.controls !== undefined && Object.hasOwn(graph.model.controls, c) && graph.model.controls[c]!.status === 'planned')
            .map((c) => ({ subject: t.id, path: ['threats', t.id, 'status'], message: `"${t.id}" is marked done but control "${c}" is only planned` })),
        ),
  },
  {
    id: 'risk.residual',
    gated: { threshold: 'high' },
    question: 'risk',
    title: 'No threat left open at high or critical residual severity',
    severity: 'error',
    run: ({ graph, threats }) =>
      threats
        .filter((t) => t.status !== 'done')
        .map((t) => ({ subject: t.id, path: t.response?.source === 'model' ? ['threats', t.id] : pathOf(graph, t.elements[0]!), message: `"${t.id}" stays ${t.residual.severity} while its response is ${t.response ? t.status : 'missing'}` })),
  },
  {
    id: 'risk.exposure',
    question: 'risk',
    title: 'No sensitive asset is reachable by an untrusted actor without a guard',
    severity: 'warning',
    run: ({ exposure }) =>
      exposure.rows
        .filter((r) => r.guards.length === 0 && (r.classification === 'confidential' || r.classification === 'restricted'))
        .map((r) => ({ subject: r.asset, path: ['assets', r.asset], message: `${r.classification} asset "${r.asset}" is reachable by "${r.actor}" along ${r.path.join(' → ')} with no authentication or authorization control on the way` })),
  },
  {
    id: 'responses.stale',
    question: 'responses',
    title: 'Every written response still matches a threat',
    severity: 'warning',
    run: ({ stale }) => stale.map((s) => ({ subject: s.id, path: ['threats', s.id], message: `the response to "${s.id}" matches no threat: ${s.reason}` })),
  },
  {
    id: 'model.assumptions',
    question: 'model',
    title: 'Assumptions are confirmed',
    severity: 'warning',
    appliesTo: ({ graph }) => Object.keys(graph.model.assumptions ?? {}).length > 0,
    run: ({ graph }) =>
      Object.entries(graph.model.assumptions ?? {})
        .filter(([, a]) => a.status !== 'valid')
        .map(([id, a]) => ({ subject: id, path: ['assumptions', id], message: `assumption "${id}" is ${a.status}${a.status === 'invalid' ? ': the threats that rest on it need another look' : ': confirm it (status: valid) or revisit it'}` })),
  },
]

const coverageMessage = (kind: string, id: string, missing: StrideCategory[]) =>
  `${kind} "${id}" has no threat for ${missing.join(', ')} (add a threat by hand, or "notApplicable: {${missing[0]}: reason}" on the ${kind})`

/** DeMarco's balancing rule: the inside of a process exchanges data with the same outside parties. */
function balance(graph: ModelGraph, diagramId: string, processId: string, inner: readonly string[]): Finding[] {
  const inside = new Set(inner.filter((id) => graph.nodes.has(id)))
  const process = graph.nodes.get(processId)!
  const outerOf = (f: FlowEdge, end: 'from' | 'to') => f[end].id
  const expectedIn = new Set(process.inputs.map((f) => outerOf(f, f.to === process ? 'from' : 'to')))
  const expectedOut = new Set(process.outputs.map((f) => outerOf(f, f.from === process ? 'to' : 'from')))
  const actualIn = new Set<string>()
  const actualOut = new Set<string>()
  for (const f of graph.flows.values()) {
    const fromInside = inside.has(f.from.id)
    const toInside = inside.has(f.to.id)
    if (toInside && !fromInside && f.from.id !== processId) actualIn.add(f.from.id)
    if (fromInside && !toInside && f.to.id !== processId) actualOut.add(f.to.id)
    if (f.def.bidirectional) {
      if (fromInside && !toInside) actualIn.add(f.to.id)
      if (toInside && !fromInside) actualOut.add(f.from.id)
    }
  }
  const found: Finding[] = []
  const path = ['diagrams', diagramId]
  if (inside.size === 0) return [{ subject: diagramId, path, message: `diagram "${diagramId}" refines "${processId}" but lists no elements inside it (add "elements:")` }]
  for (const x of expectedIn) if (!actualIn.has(x)) found.push({ subject: diagramId, path, message: `"${processId}" receives data from "${x}", but nothing inside diagram "${diagramId}" does` })
  for (const x of actualIn) if (!expectedIn.has(x)) found.push({ subject: diagramId, path, message: `inside diagram "${diagramId}", data arrives from "${x}", which sends nothing to "${processId}"` })
  for (const x of expectedOut) if (!actualOut.has(x)) found.push({ subject: diagramId, path, message: `"${processId}" sends data to "${x}", but nothing inside diagram "${diagramId}" does` })
  for (const x of actualOut) if (!expectedOut.has(x)) found.push({ subject: diagramId, path, message: `inside diagram "${diagramId}", data goes to "${x}", which "${processId}" does not send to` })
  return found
}
