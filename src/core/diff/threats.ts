/** Threats that appeared, disappeared or changed severity, and responses added, changed or removed. */
import type { Threat, ThreatResponse } from '../engine/threat.js'
import type { ResidualSeverity, ResponseStatus, Severity, StrideCategory } from '../model/vocabulary.js'
import { fieldChanges, type FieldChange } from './fields.js'

export interface ThreatRef {
  id: string
  title: string
  category: StrideCategory
  severity: Severity
  residual: ResidualSeverity
  status: ResponseStatus
}

export interface ThreatChange extends ThreatRef {
  /** Only the values that changed: inherent severity, residual severity, or both. */
  severityBefore?: Severity
  residualBefore?: ResidualSeverity
}

export interface ResponseState {
  kind: string
  source: 'model' | 'controls'
  status: ResponseStatus
  owner: string | null
  controls: string[]
}

export interface ResponseChange {
  id: string
  title: string
  before: ResponseState | null
  after: ResponseState | null
  fields: FieldChange[]
}

export interface ThreatsDiff {
  appeared: ThreatRef[]
  disappeared: ThreatRef[]
  changed: ThreatChange[]
}

export interface ResponsesDiff {
  added: ResponseChange[]
  changed: ResponseChange[]
  removed: ResponseChange[]
}

const ref = (t: Threat): ThreatRef => ({ id: t.id, title: t.title, category: t.category, severity: t.severity, residual: t.residual.severity, status: t.status })
const state = (r: ThreatResponse | undefined): ResponseState | null =>
  r ? { kind: r.kind, source: r.source, status: r.status, owner: r.owner ?? null, controls: [...r.controls].sort() } : null

/**
 * By threat id, which is stable (RULE@ELEMENT): the same threat before and after a change.
 * @example
 * diffThreats(before.threats, after.threats).appeared.map((t) => t.id) // ['sql-injection@api']
 */
export function diffThreats(before: readonly Threat[], after: readonly Threat[]): ThreatsDiff {
  const old = new Map(before.map((t) => [t.id, t]))
  const now = new Set(after.map((t) => t.id))
  const changed: ThreatChange[] = []
  for (const t of after) {
    const b = old.get(t.id)
    if (!b || (b.severity === t.severity && b.residual.severity === t.residual.severity)) continue
    changed.push({
      ...ref(t),
      ...(b.severity !== t.severity && { severityBefore: b.severity }),
      ...(b.residual.severity !== t.residual.severity && { residualBefore: b.residual.severity }),
    })
  }
  return {
    appeared: after.filter((t) => !old.has(t.id)).map(ref),
    disappeared: before.filter((t) => !now.has(t.id)).map(ref),
    changed,
  }
}

/**
 * Responses of threats present after the change: new ones (including those of new threats),
 * changed ones (kind, status, owner, controls), and those taken away from a threat that remains.
 * @example
 * diffResponses(before.threats, after.threats).added[0].after // { kind: 'mitigate', status: 'done', ... }
 */
export function diffResponses(before: readonly Threat[], after: readonly Threat[]): ResponsesDiff {
  const old = new Map(before.map((t) => [t.id, t]))
  const result: ResponsesDiff = { added: [], changed: [], removed: [] }
  for (const t of after) {
    const b = state(old.get(t.id)?.response)
    const a = state(t.response)
    const change = { id: t.id, title: t.title, before: b, after: a }
    if (!b && a) result.added.push({ ...change, fields: fieldChanges({}, a) })
    else if (b && !a && old.has(t.id)) result.removed.push({ ...change, fields: fieldChanges(b, {}) })
    else if (b && a) {
      const fields = fieldChanges(b, a)
      if (fields.length) result.changed.push({ ...change, fields })
    }
  }
  return result
}
