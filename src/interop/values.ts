/**
 * Reading untrusted data: every importer goes through these instead of trusting a field's type,
 * so a file with wrong types everywhere gives warnings and a smaller model, never a crash.
 */

export type Dict = { readonly [key: string]: unknown }

export const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The value as a record, or an empty one. */
export const dict = (value: unknown): Dict => (isDict(value) ? value : {})

/** The value as an array: arrays as they are, a single value wrapped (XML gives one child as a value), nothing as []. */
export const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value])

/** Trimmed, non-empty text (numbers are written out); anything else is undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const t = value.trim()
  return t === '' ? undefined : t
}

/** A finite number (numeric text too); huge or malformed values are undefined. */
export function num(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
  return Number.isFinite(n) && Math.abs(n) < 1e9 ? n : undefined
}

export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 'true' || value === 'True') return true
  if (value === 'false' || value === 'False') return false
  return undefined
}

/** The entries of a record, with keys that are safe to use (no prototype keys). */
export const entries = (value: unknown): [string, unknown][] =>
  Object.entries(dict(value)).filter(([k]) => k !== '__proto__' && k !== 'constructor' && k !== 'prototype')

/**
 * Drops undefined values, empty text and empty arrays or records, so the written YAML holds only
 * what the source said.
 * @example
 * compact({ a: 1, b: undefined, c: '', d: [] }) // { a: 1 }
 */
export function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue
    if (isDict(v) && Object.keys(v).length === 0) continue
    out[k] = v
  }
  return out as T
}

/** Unique values, first occurrence first. */
export const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)]
