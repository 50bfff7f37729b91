/** Short, one-line renderings of model values for diff output. */

/**
 * @example
 * showValue(undefined) // '(none)'
 * showValue('HTTPS') // '"HTTPS"'
 * showValue(['a', 'b']) // '["a","b"]'
 */
export function showValue(value: unknown, max = 80): string {
  if (value === undefined || value === null) return '(none)'
  const text = (JSON.stringify(value) ?? String(value)).replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** What the two sides are called in the output: file names, or `FILE@REV`. */
export interface DiffSides {
  before: string
  after: string
  system: string
}
