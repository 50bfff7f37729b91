import { STRIDE_LETTER, atLeast, type ResidualSeverity, type Threat } from '../../core/index.js'
import { analyseOrReport, EXIT, type AnalysisOptions, type Io } from '../context.js'
import { JSON_VERSION, threatJson, threatSummary } from '../json.js'
import { reportsJson } from '../print-diagnostics.js'
import { clean } from '../style.js'
import { table } from '../table.js'

export interface ThreatsOptions extends AnalysisOptions {
  category?: string[]
  minSeverity?: ResidualSeverity
  open?: boolean
  element?: string
}

/** `moat threats FILE`: every threat, highest residual risk first. */
export function threatsCommand(file: string, options: ThreatsOptions, io: Io): number {
  const project = analyseOrReport(file, options, io)
  if (!project) return EXIT.findings
  const { analysis } = project
  const shown = analysis.threats.filter(
    (t) =>
      (!options.category?.length || options.category.some((c) => c === t.category || c.toUpperCase() === STRIDE_LETTER[t.category])) &&
      (!options.minSeverity || atLeast(t.residual.severity, options.minSeverity)) &&
      (!options.open || t.status !== 'done') &&
      (!options.element || t.elements.includes(options.element)),
  )
  if (options.format === 'json') {
    io.out(JSON.stringify({ version: JSON_VERSION, file, system: analysis.model.system.name, summary: threatSummary(shown), threats: shown.map(threatJson), stale: analysis.stale, diagnostics: reportsJson(project.reports) }, null, 2))
    return EXIT.ok
  }
  const s = io.style
  const summary = threatSummary(shown)
  io.out(s.bold(`${clean(analysis.model.system.name)}: ${summary.total} threat(s), ${summary.withoutResponse} without a response`))
  if (shown.length === 0) return EXIT.ok
  io.out(
    table<Threat>(
      shown,
      [
        { header: 'SEVERITY', value: (t) => t.severity, styled: (t, x) => s.severity(t.severity, x) },
        { header: 'RESIDUAL', value: (t) => t.residual.severity, styled: (t, x) => s.severity(t.residual.severity, x) },
        { header: 'STRIDE', value: (t) => STRIDE_LETTER[t.category] },
        { header: 'RESPONSE', value: responseText, styled: (t, x) => (t.response ? x : s.red(x)) },
        { header: 'ID', value: (t) => t.id, styled: (_, x) => s.dim(x) },
        { header: 'TITLE', value: (t) => (t.possible ? `Possible: ${t.title}` : t.title), styled: (t, x) => (t.possible ? s.dim(x) : x), flexible: true },
      ],
      io.width,
      s.bold,
    ),
  )
  if (summary.possible) io.out(s.dim(`${summary.possible} possible threat(s) rest on facts the model does not state; \`moat review\` lists the facts that would settle the most`))
  if (analysis.stale.length) io.out(s.yellow(`${analysis.stale.length} response(s) match no threat any more: see the warnings above`))
  return EXIT.ok
}

function responseText(t: Threat): string {
  if (!t.response) return 'none'
  if (t.response.source === 'controls') return `mitigated (${t.response.controls.join(', ')})`
  return t.response.status === 'done' ? t.response.kind : `${t.response.kind} (${t.response.status})`
}
