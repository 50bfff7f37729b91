/** What every command shares: where output goes, colour, width, and how a run ends. */
import { UserError } from '../node/files.js'
import { isValid, loadProject, type Project } from '../node/load-project.js'
import type { Analysis } from '../core/index.js'
import { JSON_VERSION } from './json.js'
import { formatReports, reportsJson } from './print-diagnostics.js'
import { colourWanted, createStyle, type Style } from './style.js'

export type OutputFormat = 'text' | 'json'

export interface Io {
  out: (text: string) => void
  err: (text: string) => void
  style: Style
  errStyle: Style
  width: number
}

export function createIo(options: { color?: boolean } = {}): Io {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    style: createStyle(colourWanted(process.stdout, options.color)),
    errStyle: createStyle(colourWanted(process.stderr, options.color)),
    // Piped output is for grep and files: no line is cut short there.
    width: process.stdout.isTTY ? Math.max(process.stdout.columns || 120, 60) : Number.POSITIVE_INFINITY,
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const

export interface AnalysisOptions {
  rules?: string[]
  disable?: string[]
  format?: OutputFormat
}

/**
 * Loads and analyses a model; prints its diagnostics (to stderr in text mode). Returns undefined
 * when the model or a rule pack has errors: such a model is never half-analysed.
 */
export function analyseOrReport(file: string, options: AnalysisOptions, io: Io): (Project & { analysis: Analysis }) | undefined {
  const project = loadProject(file, { extra: options.rules ?? [], disable: options.disable ?? [] })
  if (options.format !== 'json') {
    const printed = formatReports(project.reports, io.errStyle)
    if (printed) io.err(printed)
  }
  if (!project.analysis || !isValid(project)) {
    if (options.format === 'json') io.out(JSON.stringify({ version: JSON_VERSION, file, valid: false, diagnostics: reportsJson(project.reports) }, null, 2))
    else io.err(io.errStyle.red(`${file}: not analysed: fix the errors above first`))
    return undefined
  }
  return project as Project & { analysis: Analysis }
}

export { UserError }
