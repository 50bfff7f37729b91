import { existsSync } from 'node:fs'
import { exportOtm, exportThreatDragon } from '../../interop/index.js'
import { refuseOverwritingInput, writeFileAtomic } from '../../node/files.js'
import { analyseOrReport, EXIT, UserError, type Io } from '../context.js'
import { formatWarning } from './import.js'

export const EXPORT_FORMATS = ['td', 'otm'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportOptions {
  to: ExportFormat
  output?: string
  force?: boolean
  rules?: string[]
}

/** `moat export FILE --to td|otm`: the model as a Threat Dragon v2 or an OTM file (stdout, or -o FILE). */
export function exportCommand(file: string, options: ExportOptions, io: Io): number {
  if (options.output) refuseOverwritingInput(options.output, [file])
  if (options.output && existsSync(options.output) && !options.force) {
    throw new UserError(`${options.output} already exists; moat never overwrites a file`, 'pick another file name, or pass --force to replace it')
  }
  const project = analyseOrReport(file, { rules: options.rules }, io)
  if (!project?.model) return EXIT.findings
  // The analysis gives generated threats their titles and categories in the exported file.
  const exporter = options.to === 'td' ? exportThreatDragon : exportOtm
  const { text, warnings } = exporter(project.model, { threats: project.analysis.threats })
  for (const w of warnings) io.err(formatWarning(file, w, io))
  if (!options.output) {
    io.out(text)
    return EXIT.ok
  }
  writeFileAtomic(options.output, text)
  io.err(`${io.errStyle.green('✓')} wrote ${options.output}`)
  return EXIT.ok
}
