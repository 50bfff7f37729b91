/**
 * The optional overlays of a DFD: per element (and flow) the count of open threats, coloured by
 * the worst residual severity among them; per store, the assets it holds.
 */
import { severityRank, type ModelGraph, type ResidualSeverity, type Threat } from '../core/index.js'

export interface ThreatBadge {
  open: number
  worst: ResidualSeverity
}

export interface Overlays {
  threats: Record<string, ThreatBadge>
  /** Asset names, by store id. */
  assets: Record<string, string[]>
}

/**
 * A threat is open until its response is done; one threat on several elements counts on each.
 * @example
 * const scene = { ...diagramScenes(analysis.graph)[0], overlays: overlaysOf(analysis.graph, analysis.threats) }
 */
export function overlaysOf(graph: ModelGraph, threats: readonly Threat[]): Overlays {
  const badges: Record<string, ThreatBadge> = {}
  for (const threat of threats) {
    if (threat.status === 'done') continue
    for (const id of new Set(threat.elements)) {
      const badge = (badges[id] ??= { open: 0, worst: 'none' })
      badge.open++
      if (severityRank(threat.residual.severity) > severityRank(badge.worst)) badge.worst = threat.residual.severity
    }
  }
  const assets: Record<string, string[]> = {}
  for (const node of graph.nodes.values()) {
    if (node.kind !== 'store' || !node.def.data?.length) continue
    assets[node.id] = node.def.data.map((id) => graph.assets.get(id)?.name ?? id)
  }
  return { threats: badges, assets }
}
