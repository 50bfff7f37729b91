/**
 * Generated and hand-written threats, joined with the responses written under `threats:` and ranked.
 * A response whose threat no longer exists is returned as stale, never dropped.
 */
import { warning, type Diagnostic } from '../diagnostics.js'
import { closestThreatId } from './closest-threat-id.js'
import type { ModelGraph } from '../model/graph.js'
import type { ThreatEntry } from '../model/schema.js'
import { IMPACTS, LIKELIHOODS, type ElementKind, type Likelihood, type ResponseStatus } from '../model/vocabulary.js'
import type { RawThreat } from './generate-threats.js'
import { residualOf, severityOf, severityRank } from './risk.js'
import type { Threat, ThreatResponse } from './threat.js'
import { possibleSentence } from './unstated-facts.js'

/** A model map's entry by a user-written key, never an inherited property like `constructor`. */
const own = <T>(map: Record<string, T> | undefined, key: string): T | undefined =>
  map && Object.hasOwn(map, key) ? map[key] : undefined

export interface StaleResponse {
  id: string
  /** The rule and element named by the id, to explain why it no longer matches. */
  reason: string
}

export function rankThreats(graph: ModelGraph, raw: readonly RawThreat[], disabled: ReadonlySet<string> = new Set()) {
  const entries = graph.model.threats ?? {}
  const implemented = (id: string) => own(graph.model.controls, id)?.status === 'implemented'
  const threats: Threat[] = []

  // A response written to a flow whose threat was merged into a parallel flow's answers that threat.
  const mergedInto = new Map<string, string>()
  const answeredBy = new Map<string, string>()
  for (const r of raw) {
    for (const other of r.alsoOn) {
      const alias = `${r.rule.id}@${other}`
      mergedInto.set(alias, r.id)
      if (!own(entries, r.id) && !answeredBy.has(r.id) && isResponse(own(entries, alias))) answeredBy.set(r.id, alias)
    }
  }

  for (const r of raw) {
    const entry = own(entries, r.id) ?? own(entries, answeredBy.get(r.id) ?? '')
    const possible = r.settledBy !== null
    const likelihood = entry?.likelihood ?? (possible ? lower(r.rule.likelihood) : r.rule.likelihood)
    const impact = entry?.impact ?? r.rule.impact
    const description = entry?.description ?? r.rule.description
    threats.push(
      finish({
        id: r.id, origin: 'rule', rule: r.rule.id, category: r.rule.category, title: entry?.title ?? r.title,
        description: possible ? `${description}\n\n${possibleSentence(r.unstated.map((f) => f.text), r.settledBy!)}` : description,
        elements: [r.elementId, ...r.alsoOn], elementKind: r.elementKind,
        likelihood, impact, severity: entry?.severity ?? severityOf(likelihood, impact),
        possible, unstated: r.unstated, settledBy: r.settledBy,
        mitigations: [...r.rule.mitigations, ...(entry?.mitigations ?? [])], references: [...r.rule.references, ...(entry?.references ?? [])],
        answeredBy: r.rule.controls, mitigatedBy: r.mitigatedBy,
      }, entry, implemented),
    )
  }
  const generated = new Set(raw.map((r) => r.id))
  const stale: StaleResponse[] = []
  const diagnostics: Diagnostic[] = []
  for (const [id, entry] of Object.entries(entries)) {
    if (generated.has(id)) continue
    const merged = mergedInto.get(id)
    if (merged !== undefined && entry.title === undefined) {
      if (answeredBy.get(merged) === id) continue
      const reason = `it is now part of threat "${merged}": a rule raises one threat on parallel flows between the same two elements`
      stale.push({ id, reason })
      diagnostics.push({
        ...warning('stale-response', ['threats', id], `the response to "${id}" matches no threat any more: ${reason}`, `move this response to "${merged}" (which already has one), or delete it`),
        target: 'key',
      })
      continue
    }
    if (entry.title !== undefined && entry.category && entry.on?.length) {
      const likelihood = entry.likelihood ?? 'possible'
      const impact = entry.impact ?? 'medium'
      threats.push(
        finish({
          id, origin: 'manual', category: entry.category, title: entry.title, description: entry.description ?? '',
          elements: entry.on, elementKind: kindOf(graph, entry.on[0]!), likelihood, impact,
          severity: entry.severity ?? severityOf(likelihood, impact), possible: false, unstated: [], settledBy: null, mitigations: entry.mitigations ?? [],
          references: entry.references ?? [], answeredBy: [], mitigatedBy: [],
        }, entry, implemented),
      )
    } else if (id.includes('@')) {
      const reason = staleReason(graph, id, disabled)
      const meant = closestThreatId(id, generated)
      stale.push({ id, reason })
      diagnostics.push({
        ...warning('stale-response', ['threats', id], `the response to "${id}" matches no threat${meant ? ` (did you mean "${meant}"?)` : ' any more'}: ${reason}`, meant ? `rename it to "${meant}" if that is the threat it answers; otherwise delete it, or give it a title, category and "on" to keep it as a threat of your own` : 'delete this response, or give it a title, category and "on" to keep it as a threat of your own'),
        target: 'key',
      })
    }
  }
  threats.sort(byRisk)
  return { threats, stale, diagnostics }
}

type Ranked = Omit<Threat, 'response' | 'status' | 'residual'>

/** A possible threat is one step less likely than the rule says of a definite one. */
const lower = (likelihood: Likelihood): Likelihood => LIKELIHOODS[Math.max(0, LIKELIHOODS.indexOf(likelihood) - 1)]!

/** An entry that answers a generated threat (not a threat written by hand). */
const isResponse = (entry: ThreatEntry | undefined) => entry !== undefined && entry.title === undefined

function finish(threat: Ranked, entry: ThreatEntry | undefined, implemented: (id: string) => boolean): Threat {
  const response = responseOf(threat, entry)
  const status: ResponseStatus = response?.status ?? 'open'
  const effectiveControls = response ? response.controls.filter(implemented).length : 0
  const residual = residualOf({
    likelihood: threat.likelihood, impact: threat.impact, severity: threat.severity,
    response: response?.kind, status, effectiveControls, override: entry?.residual,
  })
  // The threat object was made for this call: completing it in place avoids copying thousands.
  const ranked = threat as Threat
  ranked.response = response
  ranked.status = status
  ranked.residual = residual
  return ranked
}

function responseOf(threat: Ranked, entry: ThreatEntry | undefined): ThreatResponse | undefined {
  if (entry?.response) {
    const decided = entry.response === 'accept' || entry.response === 'not-applicable'
    const controls = [...new Set([...(entry.controls ?? []), ...(entry.response === 'mitigate' ? threat.mitigatedBy : [])])]
    return {
      kind: entry.response, source: 'model', controls, status: entry.status ?? (decided ? 'done' : 'open'),
      ...(entry.rationale !== undefined && { rationale: entry.rationale }),
      ...(entry.owner !== undefined && { owner: entry.owner }),
      ...(entry.ticket !== undefined && { ticket: entry.ticket }),
    }
  }
  if (threat.mitigatedBy.length > 0) {
    return { kind: 'mitigate', source: 'controls', controls: threat.mitigatedBy, status: entry?.status ?? 'done', ...(entry?.owner !== undefined && { owner: entry.owner }) }
  }
  return undefined
}

function staleReason(graph: ModelGraph, id: string, disabled: ReadonlySet<string>): string {
  const at = id.indexOf('@')
  const rule = id.slice(0, at)
  const element = id.slice(at + 1)
  if (disabled.has(rule)) return `rule "${rule}" is disabled`
  if (!graph.nodes.has(element) && !graph.flows.has(element)) return `there is no element or flow "${element}"`
  return `rule "${rule}" no longer finds this threat on "${element}" (or does not exist)`
}

function kindOf(graph: ModelGraph, id: string): ElementKind {
  return graph.flows.has(id) ? 'flow' : (graph.nodes.get(id)?.kind ?? 'process')
}

/** Highest residual first, then inherent, then definite before possible, then id, so output is stable. */
function byRisk(a: Threat, b: Threat): number {
  return (
    severityRank(b.residual.severity) - severityRank(a.residual.severity) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    Number(a.possible) - Number(b.possible) ||
    LIKELIHOODS.indexOf(b.likelihood) * IMPACTS.length + IMPACTS.indexOf(b.impact) -
      (LIKELIHOODS.indexOf(a.likelihood) * IMPACTS.length + IMPACTS.indexOf(a.impact)) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}
