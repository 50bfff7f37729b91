/**
 * Ranking: likelihood × impact on 4-point scales → severity, before and after the response.
 *
 *   likelihood \ impact   low       medium     high       very-high
 *   very-likely            medium    high       critical   critical
 *   likely                 medium    elevated   high       critical
 *   possible               low       medium     elevated   high
 *   unlikely               low       low        medium     medium
 *
 * The score is the product of the two ranks (1..4 each): 1–2 low, 3–4 medium, 6 elevated,
 * 8–9 high, 12–16 critical.
 */
import { IMPACTS, LIKELIHOODS, type Impact, type Likelihood, type ResidualSeverity, type ResponseKind, type ResponseStatus, type Severity } from '../model/vocabulary.js'

export function severityOf(likelihood: Likelihood, impact: Impact): Severity {
  const score = (LIKELIHOODS.indexOf(likelihood) + 1) * (IMPACTS.indexOf(impact) + 1)
  if (score >= 12) return 'critical'
  if (score >= 8) return 'high'
  if (score >= 6) return 'elevated'
  if (score >= 3) return 'medium'
  return 'low'
}

const SEVERITY_RANK: Record<ResidualSeverity, number> = { none: 0, low: 1, medium: 2, elevated: 3, high: 4, critical: 5 }
export const severityRank = (s: ResidualSeverity) => SEVERITY_RANK[s]
export const atLeast = (s: ResidualSeverity, threshold: ResidualSeverity) => SEVERITY_RANK[s] >= SEVERITY_RANK[threshold]

export interface ResidualInput {
  likelihood: Likelihood
  impact: Impact
  severity: Severity
  response: ResponseKind | undefined
  status: ResponseStatus
  /** Implemented controls carrying a mitigation. */
  effectiveControls: number
  override?: { likelihood?: Likelihood; impact?: Impact }
}

export interface Residual {
  likelihood: Likelihood
  impact: Impact
  severity: ResidualSeverity
}

/**
 * The risk left after the response. Only finished work counts (status done):
 * - eliminate, not-applicable: none;
 * - mitigate with at least one implemented control: likelihood two steps lower;
 * - transfer: impact one step lower;
 * - accept, or any unfinished response: the inherent risk.
 * An explicit `residual:` in the model overrides the computed likelihood or impact.
 */
export function residualOf(input: ResidualInput): Residual {
  const { likelihood, impact, response, status } = input
  const done = status === 'done'
  if (done && (response === 'eliminate' || response === 'not-applicable')) return { likelihood, impact, severity: 'none' }
  let l = LIKELIHOODS.indexOf(likelihood)
  let i = IMPACTS.indexOf(impact)
  if (done && response === 'mitigate' && input.effectiveControls > 0) l = Math.max(0, l - 2)
  if (done && response === 'transfer') i = Math.max(0, i - 1)
  const residualLikelihood = input.override?.likelihood ?? LIKELIHOODS[l]!
  const residualImpact = input.override?.impact ?? IMPACTS[i]!
  const unchanged = residualLikelihood === likelihood && residualImpact === impact
  return {
    likelihood: residualLikelihood,
    impact: residualImpact,
    severity: unchanged ? input.severity : severityOf(residualLikelihood, residualImpact),
  }
}
