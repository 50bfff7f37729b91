/** `moat diff` as terminal text: `+` added, `-` removed, `~` changed, grouped by part. */
import { DIFF_PARTS, isEmptyDiff, type FieldChange, type ModelDiff } from '../../core/diff/index.js'
import { showValue, type DiffSides } from './values.js'

export interface Paint {
  bold(s: string): string
  dim(s: string): string
  red(s: string): string
  green(s: string): string
  yellow(s: string): string
}

const plain: Paint = { bold: (s) => s, dim: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s }
const fields = (list: FieldChange[]) => list.map((f) => `${f.field} ${showValue(f.before, 40)} → ${showValue(f.after, 40)}`).join('; ')

/**
 * @example
 * diffText(diff, { before: 'old.yaml', after: 'new.yaml', system: 'Shop' })
 * // 'Shop: old.yaml → new.yaml\nFlows\n  + flow cache-reads (Cache reads)\n...'
 */
export function diffText(diff: ModelDiff, sides: DiffSides, paint: Paint = plain): string {
  const out = [paint.bold(`${sides.system}: ${sides.before} → ${sides.after}`)]
  if (isEmptyDiff(diff)) return [...out, 'No change to the model, its threats, their responses or the review.'].join('\n')
  const add = (s: string) => paint.green(`  + ${s}`)
  const del = (s: string) => paint.red(`  - ${s}`)
  const mod = (s: string) => paint.yellow(`  ~ ${s}`)
  if (diff.system.length) out.push(paint.bold('System'), mod(fields(diff.system)))
  for (const part of DIFF_PARTS) {
    const p = diff.parts[part]
    if (!p.added.length && !p.removed.length && !p.changed.length) continue
    out.push(paint.bold(part[0]!.toUpperCase() + part.slice(1)))
    for (const e of p.added) out.push(add(`${e.kind} ${e.id} (${e.name})`))
    for (const e of p.removed) out.push(del(`${e.kind} ${e.id} (${e.name})`))
    for (const e of p.changed) out.push(mod(`${e.kind} ${e.id}: ${fields(e.fields)}`))
  }
  const t = diff.threats
  if (t.appeared.length || t.disappeared.length || t.changed.length) {
    out.push(paint.bold(`Threats: ${t.appeared.length} appeared, ${t.disappeared.length} disappeared, ${t.changed.length} changed severity`))
    for (const x of t.appeared) out.push(add(`${x.residual.padEnd(8)} ${x.id}  ${x.title}`))
    for (const x of t.disappeared) out.push(del(`${x.residual.padEnd(8)} ${x.id}  ${x.title}`))
    for (const x of t.changed) {
      const what = [x.severityBefore && `severity ${x.severityBefore} → ${x.severity}`, x.residualBefore && `residual ${x.residualBefore} → ${x.residual}`].filter(Boolean).join(', ')
      out.push(mod(`${x.id}: ${what}  ${paint.dim(x.title)}`))
    }
  }
  const r = diff.responses
  if (r.added.length || r.changed.length || r.removed.length) {
    out.push(paint.bold(`Responses: ${r.added.length} added, ${r.changed.length} changed, ${r.removed.length} removed`))
    for (const x of r.added) out.push(add(`${x.id}: ${x.after!.kind} (${x.after!.status})${x.after!.owner ? `, owner ${x.after!.owner}` : ''}`))
    for (const x of r.changed) out.push(mod(`${x.id}: ${fields(x.fields)}`))
    for (const x of r.removed) out.push(del(`${x.id}: was ${x.before!.kind} (${x.before!.status})`))
  }
  const v = diff.review
  const verdict = (passed: boolean) => (passed ? paint.green('passes') : paint.red('fails'))
  out.push(paint.bold(`Review: ${verdict(v.before.passed)} → ${verdict(v.after.passed)}`))
  for (const c of v.checks) out.push(mod(`${c.id}: ${c.before ?? '(none)'} → ${c.after ?? '(none)'}  ${paint.dim(c.title)}`))
  return out.join('\n')
}
