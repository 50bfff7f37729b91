/**
 * Diagnostics the way compilers print them:
 *
 *   shop.yaml:12:9: error: "dbb" is not defined (did you mean "db"?)
 *      12 |     to: dbb
 *         |         ^^^
 *     hint: declare it under one of externals, processes, stores, or fix the id
 */
import type { Diagnostic } from '../core/index.js'
import type { FileDiagnostics } from '../node/load-project.js'
import { clean, type Style } from './style.js'

export function formatDiagnostic(file: string, text: string, d: Diagnostic, style: Style): string {
  const where = d.range ? `${file}:${d.range.line}:${d.range.column}` : file
  const label = d.severity === 'error' ? style.bold(style.red('error')) : style.bold(style.yellow('warning'))
  const lines = [`${style.bold(clean(where))}: ${label}: ${clean(d.message)}`]
  if (d.range && text) {
    const full = text.split('\n')[d.range.line - 1]?.replace(/\r$/, '')
    if (full !== undefined && full.trim() !== '') {
      // A long line (minified JSON, a binary file) is shown around the column, not whole.
      const skip = Math.max(0, d.range.column - 1 - 60)
      const source = (skip ? '…' : '') + full.slice(skip, skip + 120) + (full.length > skip + 120 ? '…' : '')
      const column = d.range.column - skip + (skip ? 1 : 0)
      const gutter = String(d.range.line)
      const onLine = Math.max(1, Math.min(d.range.end - d.range.offset, source.length - column + 1))
      lines.push(style.dim(`  ${gutter} | `) + clean(source))
      lines.push(style.dim(`  ${' '.repeat(gutter.length)} | `) + ' '.repeat(column - 1) + (d.severity === 'error' ? style.red : style.yellow)('^'.repeat(onLine)))
    }
  }
  if (d.hint) lines.push(`  ${style.cyan('hint')}: ${clean(d.hint)}`)
  return lines.join('\n')
}

export function formatReports(reports: readonly FileDiagnostics[], style: Style): string {
  return reports
    .flatMap((r) => r.diagnostics.map((d) => formatDiagnostic(r.file, r.text, d, style)))
    .join('\n')
}

/** JSON form of a located diagnostic: the documented shape of `diagnostics[]` in every command. */
export function diagnosticJson(file: string, d: Diagnostic) {
  return {
    file,
    line: d.range?.line ?? null,
    column: d.range?.column ?? null,
    severity: d.severity,
    code: d.code,
    message: d.message,
    hint: d.hint ?? null,
    path: d.path,
  }
}

export const reportsJson = (reports: readonly FileDiagnostics[]) => reports.flatMap((r) => r.diagnostics.map((d) => diagnosticJson(r.file, d)))
