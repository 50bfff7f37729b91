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
  /**
   * The element or flow concerned first, then any others: hand-written threats may name several,
   * and a rule that fires on parallel flows between the same two elements raises one threat on all.
   */
  elements: string[]
  elementKind: ElementKind
  likelihood: Likelihood
  impact: Impact
  /** Inherent severity, before any response. */
  severity: Severity
  /**
   * The threat rests on facts the model does not state (a flow's authentication, a process's
   * privileges, an element's type): stating them may remove it. Its likelihood is one step lower
   * than the rule's.
   */
  possible: boolean
  /** The unstated facts a possible threat rests on; empty for a definite one. */
  unstated: UnstatedFact[]
  /** For a possible threat: stating any one of `unstated` the safe way removes it, or only all of them. */
  settledBy: 'any' | 'all' | null
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

/** A fact the model leaves unsaid, and what moat assumed for it. */
export interface UnstatedFact {
  /** The id of the element or flow. */
  element: string
  /** `encrypted`, `authenticated`, `signed`, `nonce`, `privileged`, `type`, or `controls.KIND`. */
  fact: string
  /** The value assumed: a boolean, or for `type` the roles inferred (empty when none). */
  assumed: boolean | string[]
  /** The assumption in words: 'flow "Checkout" does not authenticate its sender'. */
  text: string
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
