import { basename, extname, relative, resolve, sep } from 'node:path'
import { refuseOverwritingInput, writeFileAtomic } from '../../node/files.js'
import { REPORT_EXTENSION, type ReportFormat } from '../../report/formats.js'
import { analyseOrReport, EXIT, type Io } from '../context.js'

export interface ReportOptions {
  format?: ReportFormat
  output?: string
  chromium?: string
  rules?: string[]
  disable?: string[]
  /** moat's version, shown in the report and the SARIF tool descriptor. */
  toolVersion: string
}

/**
 * `moat report FILE`: the whole analysis as HTML, Markdown, PDF, JSON, CSV or SARIF. Text formats
 * go to stdout unless -o names a file; a PDF goes to -o, or to MODEL.pdf in the current folder.
 */
export async function reportCommand(file: string, options: ReportOptions, io: Io): Promise<number> {
  const format = options.format ?? 'html'
  // With -o, JSON is a file: diagnostics belong on stderr, as for every other format.
  const project = analyseOrReport(file, { rules: options.rules, disable: options.disable, format: format === 'json' && !options.output ? 'json' : 'text' }, io)
  if (!project) return EXIT.findings
  const { analysis, text } = project
  const content = await render(format, file, text, analysis, options)
  const target = options.output ?? (format === 'pdf' ? `${basename(file, extname(file))}.${REPORT_EXTENSION.pdf}` : undefined)
  if (!target) {
    io.out(content as string)
    return EXIT.ok
  }
  refuseOverwritingInput(target, [file, ...(options.rules ?? [])])
  writeFileAtomic(target, content)
  io.err(`wrote ${target}`)
  return EXIT.ok
}

async function render(format: ReportFormat, file: string, text: string, analysis: NonNullable<ReturnType<typeof analyseOrReport>>['analysis'], options: ReportOptions): Promise<string | Uint8Array> {
  const meta = { file, text, toolVersion: options.toolVersion }
  // Each format is loaded on its own: ELK and Playwright are large, and most runs need neither.
  switch (format) {
    case 'json': {
      const { reportJson } = await import('../../report/json.js')
      return JSON.stringify(reportJson(file, text, analysis), null, 2)
    }
    case 'csv': {
      const { threatsCsv } = await import('../../report/csv.js')
      return threatsCsv(analysis.threats)
    }
    case 'sarif': {
      const { sarifReport } = await import('../../report/sarif.js')
      return JSON.stringify(sarifReport(analysis, text, { uri: repositoryUri(file), toolVersion: options.toolVersion }), null, 2)
    }
    case 'md': {
      const { markdownReport } = await import('../../report/markdown/index.js')
      return markdownReport(analysis, meta)
    }
    case 'html': {
      const { htmlReport } = await import('../../report/html/index.js')
      return htmlReport(analysis, meta)
    }
    case 'pdf': {
      const { findChromium } = await import('../../report/chromium.js')
      const executablePath = findChromium(options.chromium)
      const { terminalProgress } = await import('../../report/progress.js')
      const progress = terminalProgress(process.stderr)
      try {
        progress.step('writing the HTML')
        const { htmlReport } = await import('../../report/html/index.js')
        const page = await htmlReport(analysis, { ...meta, layout: 'print' })
        const { htmlToPdf } = await import('../../report/pdf.js')
        return await htmlToPdf(page, { executablePath, title: analysis.model.system.name, progress: (s) => progress.step(s) })
      } finally {
        progress.done()
      }
    }
  }
}

/** SARIF locations are relative to the repository: the model's path from the current folder, with `/`. */
const repositoryUri = (file: string) => relative(process.cwd(), resolve(file)).split(sep).join('/')
