import { atLeast } from '../engine/risk.js'
import { CHECKS } from './checks.js'
import type { CheckResult, Review, ReviewCheck, ReviewInput } from './check.js'
import { factsToState } from './unstated.js'

/**
 * Runs every check; a check named under the model's `waivers:` is reported as waived, with the
 * reason, and does not fail the review.
 * @example
 * const review = runReview({ graph, threats, stale, exposure })
 * review.passed // false while any error-level check fails
 * runReview({ ...input, gate: 'critical' }) // the checks about threats look at critical ones only
 */
export function runReview(input: ReviewInput, checks: readonly ReviewCheck[] = CHECKS): Review {
  const waivers = input.graph.model.waivers ?? {}
  const results: CheckResult[] = checks.map((check) => {
    const base = { id: check.id, question: check.question, title: check.title, severity: check.severity }
    if (check.appliesTo && !check.appliesTo(input)) return { ...base, status: 'not-applicable', findings: [] }
    const findings = check.run(check.gated ? gatedInput(input, input.gate ?? check.gated.threshold) : input)
    const waiver = waivers[check.id]
    if (waiver !== undefined) return { ...base, status: 'waived', findings, waiver }
    return { ...base, status: findings.length ? 'fail' : 'pass', findings }
  })
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length
  return {
    passed: !results.some((r) => r.status === 'fail' && r.severity === 'error'),
    checks: results,
    unstated: factsToState(input.graph, input.threats),
    summary: { pass: count('pass'), fail: count('fail'), waived: count('waived'), notApplicable: count('not-applicable') },
  }
}

const gatedInput = (input: ReviewInput, threshold: ReviewInput['gate']): ReviewInput =>
  threshold ? { ...input, threats: input.threats.filter((t) => atLeast(t.residual.severity, threshold)) } : input
