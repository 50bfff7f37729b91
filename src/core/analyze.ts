/**
 * The whole analysis of a valid model: threats (generated and hand-written, ranked, with
 * responses), stale responses, exposure, and the review. Pure: the same model and rules always
 * give the same result.
 */
import { didYouMean, warning, type Diagnostic } from './diagnostics.js'
import { computeExposure, type ExposureResult } from './exposure/exposure.js'
import { generateThreats } from './engine/generate-threats.js'
import { rankThreats, type StaleResponse } from './engine/rank-threats.js'
import type { Threat } from './engine/threat.js'
import { buildGraph, type ModelGraph } from './model/graph.js'
import type { Model } from './model/schema.js'
import type { CompiledRule } from './rules/load-rules.js'
import { CHECKS } from './review/checks.js'
import type { Review } from './review/check.js'
import { runReview } from './review/review.js'

export interface AnalyzeOptions {
  rules: readonly CompiledRule[]
  /** Rule ids switched off, besides the model's `rules.disable`. */
  disable?: readonly string[]
}

export interface Analysis {
  model: Model
  graph: ModelGraph
  threats: Threat[]
  stale: StaleResponse[]
  exposure: ExposureResult
  review: Review
  /** Warnings found while analysing: stale responses, rules that failed, unknown waivers. */
  diagnostics: Diagnostic[]
}

/**
 * @example
 * const { threats, review } = analyze(model, { rules })
 */
export function analyze(model: Model, options: AnalyzeOptions): Analysis {
  const graph = buildGraph(model)
  const disabled = new Set([...(model.rules?.disable ?? []), ...(options.disable ?? [])])
  const generated = generateThreats(graph, options.rules, { disabled })
  const ranked = rankThreats(graph, generated.threats, disabled)
  const exposure = computeExposure(graph)
  const review = runReview({ graph, threats: ranked.threats, stale: ranked.stale, exposure })
  return {
    model,
    graph,
    threats: ranked.threats,
    stale: ranked.stale,
    exposure,
    review,
    diagnostics: [...generated.diagnostics, ...ranked.diagnostics, ...configWarnings(model, options.rules)],
  }
}

function configWarnings(model: Model, rules: readonly CompiledRule[]): Diagnostic[] {
  const found: Diagnostic[] = []
  const checkIds = CHECKS.map((c) => c.id)
  for (const id of Object.keys(model.waivers ?? {})) {
    if (!checkIds.includes(id)) found.push({ ...warning('unknown-check', ['waivers', id], `there is no review check "${id}"${didYouMean(id, checkIds)}`, 'waive a check by the id `moat review` prints'), target: 'key' })
  }
  const ruleIds = new Set(rules.map((r) => r.id))
  model.rules?.disable?.forEach((id, i) => {
    if (!ruleIds.has(id)) found.push(warning('unknown-rule', ['rules', 'disable', i], `there is no rule "${id}"${didYouMean(id, ruleIds)}`, 'list rules with `moat rules`'))
  })
  return found
}
