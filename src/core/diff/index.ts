/**
 * What changed between two versions of a model and its analysis: the parts of the system, the
 * threats, the responses and the review's verdict. Pure: two analyses in, one diff out; the CLI
 * gets the two versions (two files, or a file and its git history) and prints the result.
 */
import type { Analysis } from '../analyze.js'
import { diffEntries, entriesOf, type CollectionDiff } from './collections.js'
import { fieldChanges, type FieldChange } from './fields.js'
import { diffResponses, diffThreats, type ResponsesDiff, type ThreatsDiff } from './threats.js'

export { canonical, fieldChanges, type FieldChange } from './fields.js'
export { diffEntries, entriesOf, type CollectionDiff, type EntryChange, type EntryRef, type Entry } from './collections.js'
export { diffThreats, diffResponses, type ThreatsDiff, type ResponsesDiff, type ThreatRef, type ThreatChange, type ResponseChange, type ResponseState } from './threats.js'

/** The model's parts, in the order a diff lists them. */
export const DIFF_PARTS = ['elements', 'flows', 'boundaries', 'assets', 'controls', 'actors', 'assumptions'] as const
export type DiffPart = (typeof DIFF_PARTS)[number]

export interface ReviewState {
  passed: boolean
  summary: { pass: number; fail: number; waived: number; notApplicable: number }
}

export interface CheckChange {
  id: string
  title: string
  before: string | null
  after: string | null
}

export interface ModelDiff {
  system: FieldChange[]
  parts: Record<DiffPart, CollectionDiff>
  threats: ThreatsDiff
  responses: ResponsesDiff
  review: { before: ReviewState; after: ReviewState; checks: CheckChange[] }
}

/**
 * @example
 * const diff = diffAnalyses(analyze(oldModel, { rules }), analyze(newModel, { rules }))
 * diff.parts.flows.added // [{ id: 'api-to-cache', kind: 'flow', name: 'Cache reads' }]
 */
export function diffAnalyses(before: Analysis, after: Analysis): ModelDiff {
  const b = before.model
  const a = after.model
  const elements = (m: Analysis['model']) => entriesOf([['external', m.externals], ['process', m.processes], ['store', m.stores]])
  const one = (kind: string, pick: (m: Analysis['model']) => Record<string, object> | undefined) => diffEntries(entriesOf([[kind, pick(b)]]), entriesOf([[kind, pick(a)]]))
  const reviewState = (x: Analysis): ReviewState => ({ passed: x.review.passed, summary: { ...x.review.summary } })
  const oldChecks = new Map(before.review.checks.map((c) => [c.id, c]))
  const checkIds = [...new Set([...before.review.checks.map((c) => c.id), ...after.review.checks.map((c) => c.id)])]
  const newChecks = new Map(after.review.checks.map((c) => [c.id, c]))
  return {
    system: fieldChanges(b.system, a.system),
    parts: {
      elements: diffEntries(elements(b), elements(a)),
      flows: one('flow', (m) => m.flows),
      boundaries: one('boundary', (m) => m.boundaries),
      assets: one('asset', (m) => m.assets),
      controls: one('control', (m) => m.controls),
      actors: one('actor', (m) => m.actors),
      assumptions: one('assumption', (m) => m.assumptions),
    },
    threats: diffThreats(before.threats, after.threats),
    responses: diffResponses(before.threats, after.threats),
    review: {
      before: reviewState(before),
      after: reviewState(after),
      checks: checkIds
        .map((id) => ({ id, title: (newChecks.get(id) ?? oldChecks.get(id))!.title, before: oldChecks.get(id)?.status ?? null, after: newChecks.get(id)?.status ?? null }))
        .filter((c) => c.before !== c.after),
    },
  }
}

/**
 * Whether nothing that a reader cares about changed.
 * @example
 * isEmptyDiff(diffAnalyses(a, a)) // true
 */
export function isEmptyDiff(diff: ModelDiff): boolean {
  const parts = Object.values(diff.parts).every((p) => !p.added.length && !p.removed.length && !p.changed.length)
  const threats = !diff.threats.appeared.length && !diff.threats.disappeared.length && !diff.threats.changed.length
  const responses = !diff.responses.added.length && !diff.responses.changed.length && !diff.responses.removed.length
  return parts && threats && responses && !diff.system.length && !diff.review.checks.length && diff.review.before.passed === diff.review.after.passed
}
