/**
 * `moat report --format json`: the whole analysis in one document. Its shape is documented in
 * docs/reports.md and built here field by field, like the CLI's JSON, so an internal change never
 * silently changes what a script reads. No timestamp: the same model gives the same bytes.
 */
import type { Analysis } from '../core/index.js'
import { JSON_VERSION, reviewJson, threatJson, threatSummary } from '../cli/json.js'
import { assetPlaces, riskMatrix } from './facts.js'

const ids = (list: { id: string }[]) => list.map((x) => x.id)

/**
 * @example
 * JSON.stringify(reportJson('shop.yaml', text, analysis), null, 2)
 */
export function reportJson(file: string, text: string, analysis: Analysis) {
  const { model, graph } = analysis
  const count = (record: object | undefined) => Object.keys(record ?? {}).length
  return {
    version: JSON_VERSION,
    kind: 'moat-report',
    file,
    system: {
      name: model.system.name,
      kind: model.system.kind,
      description: model.system.description ?? null,
      owners: model.system.owners ?? [],
      version: model.system.version ?? null,
      links: model.system.links ?? [],
    },
    summary: {
      externals: count(model.externals),
      processes: count(model.processes),
      stores: count(model.stores),
      flows: count(model.flows),
      boundaries: count(model.boundaries),
      assets: count(model.assets),
      actors: count(model.actors),
      controls: count(model.controls),
      threats: threatSummary(analysis.threats),
      reviewPassed: analysis.review.passed,
    },
    assets: assetPlaces(analysis).map((a) => ({
      id: a.id,
      name: a.name,
      classification: a.classification,
      description: a.description ?? null,
      owner: a.owner ?? null,
      storedIn: ids(a.stored),
      processedBy: ids(a.processed),
      providedBy: ids(a.provided),
      carriedBy: ids(a.carried),
    })),
    actors: Object.entries(model.actors ?? {}).map(([id, a]) => ({
      id,
      name: a.name ?? id,
      description: a.description ?? null,
      malicious: a.malicious,
      trusted: a.trusted ?? null,
      capability: a.capability ?? null,
      via: a.via ?? [],
      boundary: a.boundary ?? null,
    })),
    boundaries: [...graph.boundaries.values()].map((b) => ({ id: b.id, name: b.name, parent: b.parent ?? null, trust: b.trust })),
    controls: Object.entries(model.controls ?? {}).map(([id, c]) => ({
      id,
      name: c.name ?? id,
      kind: c.kind,
      status: c.status,
      description: c.description ?? null,
      owner: c.owner ?? null,
      on: c.on,
    })),
    assumptions: Object.entries(model.assumptions ?? {}).map(([id, a]) => ({ id, description: a.description, status: a.status, owner: a.owner ?? null })),
    threats: analysis.threats.map(threatJson),
    stale: analysis.stale.map((s) => ({ id: s.id, reason: s.reason })),
    riskMatrix: riskMatrix(analysis.threats).flat().map((c) => ({ likelihood: c.likelihood, impact: c.impact, count: c.count })),
    exposure: {
      actors: analysis.exposure.actors.map((a) => ({ id: a.id, name: a.name, malicious: a.malicious, implicit: a.implicit, entry: a.entry })),
      rows: analysis.exposure.rows.map((r) => ({
        actor: r.actor,
        asset: r.asset,
        classification: r.classification,
        at: r.at,
        path: r.path,
        boundariesCrossed: r.boundariesCrossed,
        guards: r.guards,
        unguarded: r.unguarded,
      })),
    },
    review: reviewJson(file, text, analysis.review),
  }
}

export type ReportJson = ReturnType<typeof reportJson>
