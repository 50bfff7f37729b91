/**
 * Diagnostics are values: the core collects them and never throws or prints. A diagnostic names
 * where the problem is by its path in the model data; line and column are added at the edge
 * (see `locate`), from the source text.
 */

export type DiagnosticSeverity = 'error' | 'warning'
export type Path = readonly (string | number)[]

export interface SourceRange {
  /** 1-based line and column of the start. */
  line: number
  column: number
  /** 0-based character offsets, [start, end). */
  offset: number
  end: number
}

export interface Diagnostic {
  /** A stable code from a closed list, e.g. `unknown-reference`. */
  code: string
  severity: DiagnosticSeverity
  message: string
  /** How to fix it, in one sentence. */
  hint?: string
  /** Where in the model data (e.g. ['flows', 'req-0', 'to']). */
  path: Path
  /** `key` points at the map key at `path`, `value` (default) at its value. */
  target?: 'key' | 'value'
  /** The rule pack the diagnostic is about (its origin), when it is not about the model. */
  source?: string
  /** Known when the diagnostic comes straight from the text (syntax errors), or after `locate`. */
  range?: SourceRange
}

export const error = (code: string, path: Path, message: string, hint?: string): Diagnostic => ({
  code,
  severity: 'error',
  message,
  path,
  ...(hint ? { hint } : {}),
})

export const warning = (code: string, path: Path, message: string, hint?: string): Diagnostic => ({
  code,
  severity: 'warning',
  message,
  path,
  ...(hint ? { hint } : {}),
})

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error')

/**
 * A value quoted in a message, cut to a short excerpt: a message names what is wrong, it never
 * reproduces a whole file (a rule pack or model that is really a key file or a password list).
 * @example
 * quoted('payments-db') // '"payments-db"'
 */
export function quoted(value: unknown, max = 40): string {
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a map'
  const text = String(value)
  const cut = text.length > max ? `${text.slice(0, max)}…` : text
  return JSON.stringify(cut)
}

/** "did you mean" for a misspelt word: the closest candidate within a small edit distance. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }
    previous = current
  }
  return previous[b.length]!
}

export const didYouMean = (word: string, candidates: Iterable<string>): string => {
  const guess = closest(word, candidates)
  return guess ? ` (did you mean "${guess}"?)` : ''
}
