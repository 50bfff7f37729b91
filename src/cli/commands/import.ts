import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { checkModel, hasErrors } from '../../core/index.js'
import { importAny, InteropError, modelToYaml, type ForeignFormat, type ImportWarning } from '../../interop/index.js'
import { refuseOverwritingInput, readText, writeFileAtomic } from '../../node/files.js'
import { EXIT, UserError, type Io } from '../context.js'

export interface ImportOptions {
  from?: ForeignFormat
  output?: string
  force?: boolean
}

/**
 * `moat import FILE`: a model from another tool's file, as moat YAML (stdout, or -o FILE), with
 * every thing that could not be mapped printed as a warning at its place in the source.
 */
export function importCommand(file: string, options: ImportOptions, io: Io): number {
  if (options.output) refuseOverwritingInput(options.output, [file])
  if (options.output && existsSync(options.output) && !options.force) {
    throw new UserError(`${options.output} already exists; moat never overwrites a model`, 'pick another file name, or pass --force to replace it')
  }
  const text = readText(file, 'import')
  let result
  try {
    result = importAny(text, { from: options.from, fileName: basename(file) })
  } catch (cause) {
    if (cause instanceof InteropError) throw new UserError(`${file}${cause.at ? `:${cause.at.line}:${cause.at.column}` : ''}: ${cause.message}`, cause.hint)
    throw cause
  }
  const yaml = modelToYaml(result.model, { format: result.format, source: basename(file), warnings: result.warnings.length })
  for (const w of result.warnings) io.err(formatWarning(file, w, io))
  // The importer's promise: what it writes validates. Anything else is a bug in moat, said as such.
  const checked = checkModel(yaml)
  if (hasErrors(checked.diagnostics)) {
    for (const d of checked.diagnostics.filter((x) => x.severity === 'error')) io.err(`moat import: ${d.path.join('.')}: ${d.message}`)
    io.err('moat import made a model that does not validate; this is a bug in moat, please report it with the file')
    return 70
  }
  if (!options.output) {
    io.out(yaml)
    return EXIT.ok
  }
  writeFileAtomic(options.output, yaml)
  io.err(`${io.errStyle.green('✓')} wrote ${options.output} (${result.warnings.length} warning(s)); next: \`moat validate ${options.output}\``)
  return EXIT.ok
}

function formatWarning(file: string, w: ImportWarning, io: Io): string {
  const where = w.line ? `${file}:${w.line}:${w.column}` : w.path.length ? `${file} (${w.path.join(' › ')})` : file
  return `${io.errStyle.bold(where)}: ${io.errStyle.bold(io.errStyle.yellow('warning'))}: ${w.message}`
}

export { formatWarning }
