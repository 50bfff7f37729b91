/**
 * What the HTML and Markdown reports say about the system beyond the raw model: where each asset
 * lives, what each control protects, the risk matrix. Derived here once so both formats agree.
 */
import { IMPACTS, LIKELIHOODS, severityOf, type Analysis, type Impact, type Likelihood, type Threat } from '../core/index.js'

/** An element, flow or boundary by id and display name, with its kind. */
export interface Named {
  id: string
  name: string
  kind: 'external' | 'process' | 'store' | 'flow' | 'boundary'
}

export interface AssetPlaces {
  id: string
  name: string
  classification: string
  description?: string
  owner?: string
  stored: Named[]
  processed: Named[]
  /** Externals that provide or receive it. */
  provided: Named[]
  carried: Named[]
}

/**
 * Each asset with the stores that hold it, the processes that handle it and the flows that carry
 * it. A process handles what it declares under `data:` and what the flows at its ends carry: few
 * models list a process's data, since its flows already say it. So do externals: they provide
 * or receive what their flows carry.
 * @example
 * assetPlaces(analysis)[0] // { id: 'card-data', stored: [{ id: 'orders', ... }], processed: [{ id: 'web', ... }], carried: [...] }
 */
export function assetPlaces(analysis: Analysis): AssetPlaces[] {
  const { graph } = analysis
  const nodes = [...graph.nodes.values()]
  const flows = [...graph.flows.values()]
  return [...graph.assets.entries()].map(([id, asset]) => {
    const carriers = flows.filter((f) => f.def.data?.includes(id))
    const ends = new Set(carriers.flatMap((f) => [f.from.id, f.to.id]))
    const holding = (kind: 'external' | 'process' | 'store') =>
      nodes.filter((n) => n.kind === kind && n.def.data?.includes(id)).map((n) => ({ id: n.id, name: n.name, kind }))
    const handling = (kind: 'external' | 'process') =>
      nodes.filter((n) => n.kind === kind && (n.def.data?.includes(id) || ends.has(n.id))).map((n) => ({ id: n.id, name: n.name, kind }))
    return {
      id,
      name: asset.name ?? id,
      classification: asset.classification,
      ...(asset.description !== undefined && { description: asset.description }),
      ...(asset.owner !== undefined && { owner: asset.owner }),
      stored: holding('store'),
      processed: handling('process'),
      provided: handling('external'),
      carried: carriers.map((f) => ({ id: f.id, name: f.name, kind: 'flow' as const })),
    }
  })
}

/**
 * Whatever an id names (element, flow or boundary), for showing a control's targets.
 * @example
 * nameOf(analysis, 'web') // { id: 'web', name: 'Web app', kind: 'process' }
 */
export function nameOf(analysis: Analysis, id: string): Named {
  const { graph } = analysis
  const node = graph.nodes.get(id)
  if (node) return { id, name: node.name, kind: node.kind }
  const flow = graph.flows.get(id)
  if (flow) return { id, name: flow.name, kind: 'flow' }
  return { id, name: graph.boundaries.get(id)?.name ?? id, kind: 'boundary' }
}

export interface MatrixCell {
  likelihood: Likelihood
  impact: Impact
  count: number
  /** The worst severity this cell stands for, to colour it. */
  severity: Threat['severity']
}

/**
 * Threats still carrying risk, counted by residual likelihood × impact, highest likelihood first
 * (the way a heat map is read: top right is worst).
 * @example
 * riskMatrix(threats)[0][3] // { likelihood: 'very-likely', impact: 'very-high', count: 2, severity: 'critical' }
 */
export function riskMatrix(threats: readonly Threat[]): MatrixCell[][] {
  const live = threats.filter((t) => t.residual.severity !== 'none')
  return [...LIKELIHOODS].reverse().map((likelihood) =>
    IMPACTS.map((impact) => ({
      likelihood,
      impact,
      count: live.filter((t) => t.residual.likelihood === likelihood && t.residual.impact === impact).length,
      severity: severityOf(likelihood, impact),
    })),
  )
}

/** The one-line state of a threat's response, as the CLI's `threats` shows it. */
export function responseText(t: Threat): string {
  if (!t.response) return 'none'
  if (t.response.source === 'controls') return 'mitigated by controls'
  return t.response.kind
}
