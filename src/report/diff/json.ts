/**
 * `moat diff --format json`: the documented shape (docs/reports.md), built field by field so it
 * stays stable whatever the core's types become.
 */
import { DIFF_PARTS, isEmptyDiff, type CollectionDiff, type FieldChange, type ModelDiff } from '../../core/diff/index.js'
import { JSON_VERSION } from '../../cli/json.js'
import type { DiffSides } from './values.js'

const field = (f: FieldChange) => ({ field: f.field, before: f.before ?? null, after: f.after ?? null })
const part = (p: CollectionDiff) => ({
  added: p.added.map((e) => ({ id: e.id, kind: e.kind, name: e.name })),
  removed: p.removed.map((e) => ({ id: e.id, kind: e.kind, name: e.name })),
  changed: p.changed.map((e) => ({ id: e.id, kind: e.kind, name: e.name, fields: e.fields.map(field) })),
})

/**
 * @example
 * diffJson(diff, { before: 'old.yaml', after: 'new.yaml', system: 'Shop' }).changed // true
 */
export function diffJson(diff: ModelDiff, sides: DiffSides) {
  const threat = (t: ModelDiff['threats']['appeared'][number]) => ({ id: t.id, title: t.title, category: t.category, severity: t.severity, residual: t.residual, status: t.status })
  const response = (r: ModelDiff['responses']['added'][number]) => ({ id: r.id, title: r.title, before: r.before, after: r.after, fields: r.fields.map(field) })
  return {
    version: JSON_VERSION,
    before: sides.before,
    after: sides.after,
    system: sides.system,
    changed: !isEmptyDiff(diff),
    systemChanges: diff.system.map(field),
    parts: Object.fromEntries(DIFF_PARTS.map((p) => [p, part(diff.parts[p])])) as Record<(typeof DIFF_PARTS)[number], ReturnType<typeof part>>,
    threats: {
      appeared: diff.threats.appeared.map(threat),
      disappeared: diff.threats.disappeared.map(threat),
      changed: diff.threats.changed.map((t) => ({ ...threat(t), severityBefore: t.severityBefore ?? t.severity, residualBefore: t.residualBefore ?? t.residual })),
    },
    responses: { added: diff.responses.added.map(response), changed: diff.responses.changed.map(response), removed: diff.responses.removed.map(response) },
    review: { before: diff.review.before, after: diff.review.after, checks: diff.review.checks.map((c) => ({ id: c.id, title: c.title, before: c.before, after: c.after })) },
  }
}
