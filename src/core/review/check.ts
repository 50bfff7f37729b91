import type { Path } from '../diagnostics.js'
import type { ExposureResult } from '../exposure/exposure.js'
import type { StaleResponse } from '../engine/rank-threats.js'
import type { Threat } from '../engine/threat.js'
import type { ModelGraph } from '../model/graph.js'
import type { Severity } from '../model/vocabulary.js'
import type { FactToState } from './unstated.js'

/** The four questions of threat modeling; each check answers one. */
export type Question = 'model' | 'threats' | 'responses' | 'risk'

export const QUESTION_TITLES: Record<Question, string> = {
  model: 'Does the DFD reflect the system?',
  threats: 'Were all threats identified?',
  responses: 'Has every threat a response?',
  risk: 'Do the responses reduce the risk?',
}

export interface ReviewInput {
  graph: ModelGraph
  threats: readonly Threat[]
  stale: readonly StaleResponse[]
  exposure: ExposureResult
  /**
   * A gate's threshold (`moat check --fail-on`): every check about threats then counts only the
   * threats at or above it by residual severity, in place of the check's own threshold.
   */
  gate?: Severity
}

export interface Finding {
  message: string
  /** The element, flow or threat concerned. */
  subject?: string
  path?: Path
}

/** A review check: data (id, question, severity) plus the function that finds what fails it. */
export interface ReviewCheck {
  id: string
  question: Question
  title: string
  /** error: the review fails with it; warning: reported, the review still passes. */
  severity: 'error' | 'warning'
  /** Whether the check means anything for this model (e.g. boundaries used at all). */
  appliesTo?: (input: ReviewInput) => boolean
  /**
   * A check about threats: it is given only those at or above this residual severity (all of them
   * when absent), or at or above the gate's threshold when there is one.
   */
  gated?: { threshold?: Severity }
  run: (input: ReviewInput) => Finding[]
}

export interface CheckResult {
  id: string
  question: Question
  title: string
  severity: 'error' | 'warning'
  status: 'pass' | 'fail' | 'waived' | 'not-applicable'
  findings: Finding[]
  waiver?: string
}

export interface Review {
  /** No failing check of severity error. */
  passed: boolean
  checks: CheckResult[]
  /** Informational, never failing: the unstated facts possible threats rest on, those that settle the most first. */
  unstated: FactToState[]
  summary: { pass: number; fail: number; waived: number; notApplicable: number }
}
