/**
 * moat's pure core: source text → parse → validate → analyse (threats, exposure, review).
 * No Node, DOM or file-system dependency: the CLI, the server and the browser editor all run it.
 * Each stage is exported on its own; `checkModel` and `analyze` chain them.
 */
import { hasErrors, type Diagnostic } from './diagnostics.js'
import type { Model } from './model/schema.js'
import { parseSource, type ParseOptions } from './parse/parse-source.js'
import { validateModel } from './validate/validate-model.js'

export * from './diagnostics.js'
export * from './model/vocabulary.js'
export * from './model/schema.js'
export { buildGraph, protocolEncrypts, protocolAuthenticates, type ModelGraph, type ElementNode, type FlowEdge, type BoundaryNode } from './model/graph.js'
export { parseSource, type ParseOptions, type ParsedSource } from './parse/parse-source.js'
export { createLocator, locateAll, type Locator } from './parse/locate.js'
export { LineTable } from './parse/line-table.js'
export { validateModel, type Validated } from './validate/validate-model.js'
export { createIncrementalValidator } from './validate/incremental.js'
export { RuleSchema, RulePackSchema, type Rule, type RulePack } from './rules/rule-schema.js'
export { loadRulePack, combineRules, type CompiledRule, type LoadedPack } from './rules/load-rules.js'
export { rolesOf, inferRoles, isLocalProtocol, ROLE_WORDS } from './engine/roles.js'
export { createContexts, type RuleContext, type ElementView, type FlowView, type AssetView } from './engine/context.js'
export { generateThreats, fillTemplate } from './engine/generate-threats.js'
export { rankThreats, type StaleResponse } from './engine/rank-threats.js'
export { severityOf, residualOf, atLeast, severityRank } from './engine/risk.js'
export type { Threat, ThreatResponse, UnstatedFact } from './engine/threat.js'
export { computeExposure, GUARD_KINDS, type Exposure, type ExposureResult, type ExposedActor } from './exposure/exposure.js'
export { CHECKS } from './review/checks.js'
export { runReview } from './review/review.js'
export { factsToState, type FactToState } from './review/unstated.js'
export { QUESTION_TITLES, type Review, type CheckResult, type ReviewCheck, type Finding, type Question } from './review/check.js'
export { analyze, type Analysis, type AnalyzeOptions } from './analyze.js'

export interface Checked {
  /** Present only when the model has no error. */
  model?: Model
  diagnostics: Diagnostic[]
}

/**
 * Source text → a valid model, or the diagnostics that say why not (without line and column:
 * add them with `locateAll(text, diagnostics)`).
 * @example
 * const { model, diagnostics } = checkModel(text)
 */
export function checkModel(text: string, options: ParseOptions = {}): Checked {
  const parsed = parseSource(text, options)
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics }
  return validateModel(parsed.data)
}
