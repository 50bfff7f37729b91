/**
 * `moat report --format csv`: one row per threat, the columns a tracker import needs. RFC 4180
 * (CRLF, fields quoted when they hold a comma, quote or line break) and safe to open in a
 * spreadsheet: a cell that starts like a formula is prefixed with `'`, so model text such as
 * `=HYPERLINK(...)` stays text (CSV injection).
 */
import type { Threat } from '../core/index.js'
import { responseText } from './facts.js'

export const CSV_COLUMNS = ['id', 'title', 'category', 'element', 'severity', 'residual', 'response', 'owner', 'status', 'description', 'mitigation', 'possible'] as const

const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * One CSV cell.
 * @example
 * csvCell('a,b') // '"a,b"'
 * csvCell('=1+2') // "'=1+2"
 */
export function csvCell(value: string): string {
  // Tab and carriage return start formulas too in some spreadsheets (OWASP's list); spreadsheets
  // also skip leading spaces and line breaks, and read full-width ＝＋－＠ as their ASCII forms.
  const guarded = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

/**
 * @example
 * threatsCsv(analysis.threats).split('\r\n')[0] // 'id,title,category,element,...'
 */
export function threatsCsv(threats: readonly Threat[]): string {
  const row = (t: Threat) => [
    t.id,
    t.title,
    t.category,
    t.elements.join(' '),
    t.severity,
    t.residual.severity,
    responseText(t),
    t.response?.owner ?? '',
    t.status,
    t.description,
    t.mitigations.join('\n'),
    t.possible ? 'yes' : '',
  ]
  const lines = [[...CSV_COLUMNS], ...threats.map(row)].map((cells) => cells.map(csvCell).join(','))
  return `${lines.join('\r\n')}\r\n`
}
