import { atLeast, runReview, type Severity } from '../../core/index.js'
import { analyseOrReport, EXIT, type AnalysisOptions, type Io } from '../context.js'
import { JSON_VERSION, reviewJson, threatJson } from '../json.js'
import { reportsJson } from '../print-diagnostics.js'
import { clean } from '../style.js'

/**
 * `moat check FILE --fail-on SEVERITY`: the CI gate. The review runs with the threshold as its
 * gate: every check about threats (responses, accountability, controls, residual risk) counts
 * only the threats at or above it, so a team brings a model under the gate one severity at a
 * time. Fails (exit 1) when a threat at or above the threshold has no response, or when any
 * error-level check fails.
 */
export const GATED_BY_THRESHOLD = 'threats.responses'

export function checkCommand(file: string, options: AnalysisOptions & { failOn: Severity }, io: Io): number {
  const project = analyseOrReport(file, options, io)
  if (!project) return EXIT.findings
  const { graph, threats, stale, exposure } = project.analysis
  const blocking = threats.filter((t) => !t.response && atLeast(t.residual.severity, options.failOn))
  const review = reviewJson(file, project.text, runReview({ graph, threats, stale, exposure, gate: options.failOn }))
  const failing = review.checks.filter((c) => c.status === 'fail' && c.severity === 'error' && c.id !== GATED_BY_THRESHOLD)
  const passed = blocking.length === 0 && failing.length === 0
  if (options.format === 'json') {
    io.out(JSON.stringify({ version: JSON_VERSION, file, passed, failOn: options.failOn, blocking: blocking.map(threatJson), failingChecks: failing.map((c) => c.id), review, diagnostics: reportsJson(project.reports) }, null, 2))
    return passed ? EXIT.ok : EXIT.findings
  }
  const s = io.style
  for (const t of blocking) io.out(`${s.severity(t.residual.severity, t.residual.severity.padEnd(8))}  ${clean(t.id)}  ${clean(t.title)}`)
  for (const c of failing) io.out(`${s.red('review')}    ${c.id}: ${c.title} (${c.findings.length} finding(s); run \`moat review ${file}\`)`)
  io.out(
    passed
      ? s.green(`✓ ${file}: no threat at or above ${options.failOn} without a response, and the other review checks pass`)
      : s.red(`✗ ${file}: ${blocking.length} threat(s) at or above ${options.failOn} without a response; ${failing.length} other review check(s) fail`),
  )
  return passed ? EXIT.ok : EXIT.findings
}
