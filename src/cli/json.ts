/**
 * The documented JSON shapes of the CLI's `--format json` (docs/cli.md). Built here, field by
 * field, so an internal change never silently changes what scripts read.
 */
import { createLocator, type CheckResult, type Review, type Threat } from '../core/index.js'

export const JSON_VERSION = 1

export const threatJson = (t: Threat) => ({
  id: t.id,
  origin: t.origin,
  rule: t.rule ?? null,
  category: t.category,
  title: t.title,
  description: t.description,
  elements: t.elements,
  elementKind: t.elementKind,
  likelihood: t.likelihood,
  impact: t.impact,
  severity: t.severity,
  possible: t.possible,
  unstated: t.unstated.map((f) => ({ element: f.element, fact: f.fact, assumed: f.assumed, text: f.text })),
  settledBy: t.settledBy,
  residual: t.residual,
  status: t.status,
  response: t.response
    ? {
        kind: t.response.kind,
        source: t.response.source,
        status: t.response.status,
        controls: t.response.controls,
        owner: t.response.owner ?? null,
        rationale: t.response.rationale ?? null,
        ticket: t.response.ticket ?? null,
      }
    : null,
  mitigatedBy: t.mitigatedBy,
  answeredBy: t.answeredBy,
  mitigations: t.mitigations,
  references: t.references,
})

export function threatSummary(threats: readonly Threat[]) {
  const count = (pick: (t: Threat) => string) => threats.reduce<Record<string, number>>((acc, t) => ((acc[pick(t)] = (acc[pick(t)] ?? 0) + 1), acc), {})
  return {
    total: threats.length,
    withoutResponse: threats.filter((t) => !t.response).length,
    possible: threats.filter((t) => t.possible).length,
    bySeverity: count((t) => t.severity),
    byResidual: count((t) => t.residual.severity),
    byCategory: count((t) => t.category),
  }
}

/** Review checks with each finding located in the model file. */
export function reviewJson(file: string, text: string, review: Review) {
  const locator = createLocator(text)
  const check = (c: CheckResult) => ({
    id: c.id,
    question: c.question,
    title: c.title,
    severity: c.severity,
    status: c.status,
    waiver: c.waiver ?? null,
    findings: c.findings.map((f) => {
      const range = f.path ? locator.locate(f.path, 'key') : undefined
      return { message: f.message, subject: f.subject ?? null, file, line: range?.line ?? null, column: range?.column ?? null }
    }),
  })
  const unstated = review.unstated.map((f) => {
    const range = f.path.length ? locator.locate(f.path, 'key') : undefined
    return { element: f.element, fact: f.fact, text: f.text, hint: f.hint, threats: f.threats, open: f.open, file, line: range?.line ?? null, column: range?.column ?? null }
  })
  return { passed: review.passed, summary: review.summary, checks: review.checks.map(check), unstated }
}
