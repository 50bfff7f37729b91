/**
 * `moat diff --format md`: a pull-request comment. The verdict and counts first, the threats
 * and responses next (what a reviewer acts on), the model's field-level changes folded away.
 */
import { DIFF_PARTS, isEmptyDiff, type FieldChange, type ModelDiff } from '../../core/diff/index.js'
import { mdCode, mdTable, mdText } from '../markdown/escape.js'
import { showValue, type DiffSides } from './values.js'

const fields = (list: FieldChange[]) => list.map((f) => `${mdCode(f.field)}: ${mdCode(showValue(f.before, 60))} → ${mdCode(showValue(f.after, 60))}`).join('<br>')
const verdict = (passed: boolean) => (passed ? '✅ passes' : '❌ fails')

/**
 * @example
 * diffMarkdown(diff, { before: 'main', after: 'this branch', system: 'Shop' }) // '### Threat model: Shop\n...'
 */
export function diffMarkdown(diff: ModelDiff, sides: DiffSides): string {
  const out = [`### Threat model changes: ${mdText(sides.system)}`, `${mdCode(sides.before)} → ${mdCode(sides.after)}`]
  if (isEmptyDiff(diff)) return [...out, 'No change to the model, its threats, their responses or the review.'].join('\n\n') + '\n'
  const v = diff.review
  out.push(`**Review:** ${verdict(v.before.passed)} → ${verdict(v.after.passed)}`)
  const t = diff.threats
  if (t.appeared.length || t.disappeared.length || t.changed.length) {
    out.push(`#### Threats: ${t.appeared.length} new, ${t.disappeared.length} gone, ${t.changed.length} changed severity`)
    out.push(mdTable(['', 'Threat', 'STRIDE', 'Severity', 'Residual', 'Status'], [
      ...t.appeared.map((x) => ['🆕 new', `${mdText(x.title)}<br>${mdCode(x.id)}`, x.category, x.severity, x.residual, x.status]),
      ...t.changed.map((x) => ['🔀 changed', `${mdText(x.title)}<br>${mdCode(x.id)}`, x.category, x.severityBefore ? `${x.severityBefore} → ${x.severity}` : x.severity, x.residualBefore ? `${x.residualBefore} → ${x.residual}` : x.residual, x.status]),
      ...t.disappeared.map((x) => ['✔️ gone', `~~${mdText(x.title)}~~<br>${mdCode(x.id)}`, x.category, x.severity, x.residual, x.status]),
    ]))
  }
  const r = diff.responses
  if (r.added.length || r.changed.length || r.removed.length) {
    out.push(`#### Responses: ${r.added.length} added, ${r.changed.length} changed, ${r.removed.length} removed`)
    out.push(mdTable(['', 'Threat', 'Response'], [
      ...r.added.map((x) => ['➕ added', mdCode(x.id), `${x.after!.kind}, ${x.after!.status}${x.after!.owner ? `, owner ${mdText(x.after!.owner)}` : ''}`]),
      ...r.changed.map((x) => ['✏️ changed', mdCode(x.id), fields(x.fields)]),
      ...r.removed.map((x) => ['➖ removed', mdCode(x.id), `was ${x.before!.kind}, ${x.before!.status}`]),
    ]))
  }
  if (v.checks.length) {
    out.push('#### Review checks')
    out.push(mdTable(['Check', 'Before', 'After'], v.checks.map((c) => [`${mdText(c.title)} ${mdCode(c.id)}`, c.before ?? '—', c.after ?? '—'])))
  }
  const rows = DIFF_PARTS.flatMap((part) => {
    const p = diff.parts[part]
    return [
      ...p.added.map((e) => ['➕', part, `${mdText(e.name)} ${mdCode(e.id)}`, `new ${e.kind}`]),
      ...p.removed.map((e) => ['➖', part, `${mdText(e.name)} ${mdCode(e.id)}`, `${e.kind} removed`]),
      ...p.changed.map((e) => ['✏️', part, `${mdText(e.name)} ${mdCode(e.id)}`, fields(e.fields)]),
    ]
  })
  if (diff.system.length) rows.unshift(['✏️', 'system', mdText(sides.system), fields(diff.system)])
  if (rows.length) {
    const counts = DIFF_PARTS.map((part) => [part, diff.parts[part]] as const)
      .filter(([, p]) => p.added.length + p.removed.length + p.changed.length)
      .map(([part, p]) => `${part} +${p.added.length} −${p.removed.length} ~${p.changed.length}`)
    out.push(`<details><summary>Model changes: ${counts.join(', ') || 'system'}</summary>\n\n${mdTable(['', 'Part', 'Entry', 'Change'], rows)}\n\n</details>`)
  }
  return out.join('\n\n') + '\n'
}
