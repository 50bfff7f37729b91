import type { ElementKind, Impact, Likelihood, ResidualSeverity, ResponseKind, ResponseStatus, Severity, StrideCategory } from '../model/vocabulary.js'

/** A threat found by a rule or written by hand, ranked, with the team's response applied. */
export interface Threat {
  /** `RULE@ELEMENT` for a generated threat, the model's key for a hand-written one. */
  id: string
  origin: 'rule' | 'manual'
  rule?: string
  category: StrideCategory
  title: string
  description: string
  /** The element or flow concerned first, then any others (hand-written threats may name several). */
  elements: string[]
  elementKind: ElementKind
  likelihood: Likelihood
  impact: Impact
  /** Inherent severity, before any response. */
  severity: Severity
  mitigations: string[]
  references: string[]
  /** Control kinds that answer this threat (from the rule). */
  answeredBy: string[]
  /** Implemented controls of an answering kind on the element: they mitigate it without a written response. */
  mitigatedBy: string[]
  response: ThreatResponse | undefined
  status: ResponseStatus
  residual: { likelihood: Likelihood; impact: Impact; severity: ResidualSeverity }
}

export interface ThreatResponse {
  kind: ResponseKind
  /** `model` when written under `threats:`, `controls` when implied by controls on the element. */
  source: 'model' | 'controls'
  rationale?: string
  owner?: string
  controls: string[]
  status: ResponseStatus
  ticket?: string
}
