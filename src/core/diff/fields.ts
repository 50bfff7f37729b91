/** Field-level comparison of two model entries: which fields differ, with both values. */

export interface FieldChange {
  field: string
  /** undefined when the field is new. */
  before: unknown
  /** undefined when the field was removed. */
  after: unknown
}

/** JSON with sorted keys: two values are the same when this is. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value) ?? 'undefined'
}

/**
 * The fields whose values differ, in the order they appear (before's first, then after's new ones).
 * @example
 * fieldChanges({ name: 'A', protocol: 'HTTP' }, { name: 'A', protocol: 'HTTPS' })
 * // [{ field: 'protocol', before: 'HTTP', after: 'HTTPS' }]
 */
export function fieldChanges(before: object, after: object): FieldChange[] {
  const b = before as Record<string, unknown>
  const a = after as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return keys.filter((k) => canonical(b[k]) !== canonical(a[k])).map((field) => ({ field, before: b[field], after: a[field] }))
}
