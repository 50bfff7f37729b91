import { STRIDE_LETTER, atLeast, didYouMean, type ResidualSeverity, type Threat } from '../../core/index.js'
import { analyseOrReport, EXIT, UserError, type AnalysisOptions, type Io } from '../context.js'
import { JSON_VERSION, threatJson, threatSummary } from '../json.js'
import { reportsJson } from '../print-diagnostics.js'
import { clean } from '../style.js'
import { naturalWidth, shortenId, table, wrap, type Column } from '../table.js'

export interface ThreatsOptions extends AnalysisOptions {
  category?: string[]
  minSeverity?: ResidualSeverity
  open?: boolean
  element?: string
  /** One line per threat, nothing shortened, whatever the terminal's width. */
  wide?: boolean
}

/** `moat threats FILE`: every threat, highest residual risk first. */
export function threatsCommand(file: string, options: ThreatsOptions, io: Io): number {
  const project = analyseOrReport(file, options, io)
  if (!project) return EXIT.findings
  const { analysis } = project
  const { graph } = analysis
  if (options.element && !graph.nodes.has(options.element) && !graph.flows.has(options.element)) {
    const ids = [...graph.nodes.keys(), ...graph.flows.keys()]
    throw new UserError(`${file}: there is no element or flow "${options.element}"${didYouMean(options.element, ids)}`, '-e takes the id of an external, process, store or flow of the model')
  }
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
  io.out(threatTable(shown, io, options.wide === true))
  // A hint, not a row: on stderr, so the table stays one line per threat for scripts.
  const note = `${summary.possible} possible threat(s) rest on facts the model does not state; \`moat review\` lists the facts that would settle the most`
  if (summary.possible) io.err(io.errStyle.dim(wrap(note, io.width).join('\n')))
  if (analysis.stale.length) io.out(s.yellow(`${analysis.stale.length} response(s) match no threat any more: see the warnings above`))
  return EXIT.ok
}

/**
 * One line per threat when that fits the terminal (or with --wide, or piped); otherwise the title
 * wraps in its column with the id on the line below it, shortened in the middle if it must be.
 * A marker for a kind of threat is one more column: the fitting makes room for it.
 */
function threatTable(threats: readonly Threat[], io: Io, wide: boolean): string {
  const s = io.style
  const lead: Column<Threat>[] = [
    { header: 'SEVERITY', value: (t) => t.severity, styled: (t, x) => s.severity(t.severity, x) },
    { header: 'RESIDUAL', value: (t) => t.residual.severity, styled: (t, x) => s.severity(t.residual.severity, x) },
    { header: 'STRIDE', value: (t) => STRIDE_LETTER[t.category] },
    { header: 'RESPONSE', value: responseText, styled: (t, x) => (t.response ? x : s.red(x)), fit: { kind: 'wrap', min: 14 } },
  ]
  const oneLine: Column<Threat>[] = [
    ...lead,
    { header: 'ID', value: (t) => t.id, styled: (_, x) => s.dim(x) },
    { header: 'TITLE', value: titleOf, styled: (t, x) => (t.possible ? s.dim(x) : x) },
  ]
  if (wide || naturalWidth(threats, oneLine) <= io.width) return table(threats, oneLine, { header: s.bold })
  let shortened = false
  const stacked: Column<Threat>[] = [
    ...lead,
    {
      header: 'TITLE, ID',
      value: (t) => [titleOf(t), t.id],
      styled: (t, x, line) => (line === 1 || t.possible ? s.dim(x) : x),
      fit: {
        kind: (text, width, line) => {
          if (line === 0) return wrap(text, width)
          shortened = true
          return shortenId(text, width)
        },
        min: 24,
        weight: 3,
      },
    },
  ]
  const text = table(threats, stacked, { width: io.width, header: s.bold })
  return shortened ? `${text}\n${s.dim('Ids shortened (…) to fit the terminal: --wide shows them whole.')}` : text
}

/** A possible threat says so first: it rests on facts the model does not state. */
const titleOf = (t: Threat) => (t.possible ? `Possible: ${t.title}` : t.title)

function responseText(t: Threat): string {
  if (!t.response) return 'none'
  if (t.response.source === 'controls') return `mitigated (${t.response.controls.join(', ')})`
  return t.response.status === 'done' ? t.response.kind : `${t.response.kind} (${t.response.status})`
}
