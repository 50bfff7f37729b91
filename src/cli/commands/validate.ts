import { hasErrors } from '../../core/index.js'
import { loadProject } from '../../node/load-project.js'
import { EXIT, type Io, type OutputFormat } from '../context.js'
import { JSON_VERSION } from '../json.js'
import { formatReports, reportsJson } from '../print-diagnostics.js'

/**
 * `moat validate FILE`: the model's errors and warnings; exit 1 on any error. A valid model is
 * analysed too, for the warnings only the analysis finds: a response whose threat id matches no
 * threat (a typo, or a threat gone), a waiver of a check that does not exist.
 */
export function validateCommand(file: string, options: { format?: OutputFormat; rules?: string[] }, io: Io): number {
  const project = loadProject(file, { extra: options.rules ?? [] })
  const valid = !project.reports.some((r) => hasErrors(r.diagnostics))
  const counts = (severity: string) => project.reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === severity).length, 0)
  if (options.format === 'json') {
    io.out(JSON.stringify({ version: JSON_VERSION, file, valid, errors: counts('error'), warnings: counts('warning'), diagnostics: reportsJson(project.reports) }, null, 2))
  } else {
    const printed = formatReports(project.reports, io.errStyle)
    if (printed) io.err(printed)
    const s = io.style
    const summary = `${counts('error')} error(s), ${counts('warning')} warning(s)`
    io.out(valid ? `${s.green('✓')} ${file} is valid (${summary})` : `${s.red('✗')} ${file} is not valid: ${summary}`)
  }
  return valid ? EXIT.ok : EXIT.findings
}
