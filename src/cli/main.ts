/**
 * The `moat` command line. Each command is a function of its arguments and an Io; this file only
 * wires them to commander and turns failures into exit codes: 0 ok, 1 findings or an invalid
 * model, 2 bad usage.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { didYouMean, SEVERITIES, STRIDE, STRIDE_LETTER, type ResidualSeverity, type Severity } from '../core/index.js'
import { modelJsonSchema, rulePackJsonSchema } from '../core/model/json-schema.js'
import { checkCommand } from './commands/check.js'
import { diffCommand } from './commands/diff.js'
import { DIAGRAM_FORMATS, diagramCommand, parseScale } from './commands/diagram.js'
import { exposureCommand } from './commands/exposure.js'
import { EXPORT_FORMATS, exportCommand } from './commands/export.js'
import { importCommand } from './commands/import.js'
import { initCommand } from './commands/init.js'
import { reportCommand } from './commands/report.js'
import { reviewCommand } from './commands/review.js'
import { rulesCommand } from './commands/rules.js'
import { parsePort, serveCommand } from './commands/serve.js'
import { threatsCommand } from './commands/threats.js'
import { validateCommand } from './commands/validate.js'
import { createIo, EXIT, UserError, type Io } from './context.js'
import { JSON_VERSION } from './json.js'
import { FORMATS as IMPORT_FORMATS } from '../interop/types.js'
import { DIFF_FORMATS, REPORT_FORMATS } from '../report/formats.js'

const VERSION = '0.1.0'

const collect = (value: string, previous: string[] = []) => [...previous, value]
const formatOption = () => new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text')
const rulesOption = () => new Option('--rules <path>', 'an extra rule pack file or folder (repeatable)').argParser(collect)
const disableOption = () => new Option('--disable <rule>', 'switch a rule off (repeatable)').argParser(collect)
const severity = (value: string): Severity => {
  if (!(SEVERITIES as readonly string[]).includes(value)) throw new InvalidArgumentError(`use one of ${SEVERITIES.join(', ')}`)
  return value as Severity
}

/** A STRIDE category by name or letter (`-c spoofing`, `-c S`); anything else is bad usage. */
const category = (value: string, previous: string[] = []): string[] => {
  const letters = Object.values(STRIDE_LETTER)
  if ((STRIDE as readonly string[]).includes(value) || letters.includes(value.toUpperCase())) return [...previous, value]
  throw new InvalidArgumentError(`"${value}" is not a STRIDE category${didYouMean(value, STRIDE)}; use one of ${STRIDE.join(', ')}, or a letter (${letters.join(', ')})`)
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('moat')
    .description('Threat modeling as code: check a model, find its threats, track the responses, review the job.')
    .version(VERSION)
    .option('--no-color', 'plain output, without colour')
    .showSuggestionAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()

  const run = (fn: () => number | Promise<number>) => async () => setExit(await fn())

  program
    .command('validate')
    .description('check a model: syntax, fields, references; prints file:line:column for each problem')
    .argument('<file>', 'the model (YAML or JSON)')
    .addOption(formatOption())
    .addOption(rulesOption())
    .action((file, o) => run(() => validateCommand(file, o, io))())

  program
    .command('threats')
    .description('list the threats of a model, highest residual risk first')
    .argument('<file>', 'the model')
    .addOption(formatOption())
    .addOption(new Option('-c, --category <category>', 'only this STRIDE category (name or letter; repeatable)').argParser(category))
    .addOption(new Option('-s, --min-severity <severity>', 'only threats whose residual severity is at least this').argParser((v) => severity(v) as ResidualSeverity))
    .option('--open', 'only threats whose response is not done')
    .option('-e, --element <id>', 'only threats on this element or flow')
    .option('-w, --wide', 'one line per threat with every id whole, however wide the terminal')
    .addOption(rulesOption())
    .addOption(disableOption())
    .action((file, o) => run(() => threatsCommand(file, o, io))())

  program
    .command('review')
    .description('the review: does the DFD reflect the system, are threats identified and answered, is the risk reduced')
    .argument('<file>', 'the model')
    .addOption(formatOption())
    .option('-a, --all', 'print every finding, not the first ten per check')
    .addOption(rulesOption())
    .addOption(disableOption())
    .action((file, o) => run(() => reviewCommand(file, o, io))())

  program
    .command('check')
    .description('the CI gate: exit 1 when a threat at or above --fail-on has no response, or another review check fails')
    .argument('<file>', 'the model')
    .addOption(new Option('--fail-on <severity>', `residual severity that blocks (${SEVERITIES.join(', ')})`).argParser(severity).default('high'))
    .addOption(formatOption())
    .addOption(rulesOption())
    .addOption(disableOption())
    .action((file, o) => run(() => checkCommand(file, o, io))())

  program
    .command('exposure')
    .description('which untrusted or malicious actors reach which assets, across which boundaries, past which guards')
    .argument('<file>', 'the model')
    .addOption(formatOption())
    .addOption(rulesOption())
    .action((file, o) => run(() => exposureCommand(file, o, io))())

  program
    .command('diagram')
    .description('draw the model\'s diagrams (DFDs, sequence diagrams) as SVG, PNG, Mermaid, DOT or PlantUML')
    .argument('<file>', 'the model')
    .option('-d, --diagram <id>', 'only this diagram (default: every diagram of the model)')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...DIAGRAM_FORMATS]).default('svg'))
    .option('-o, --output <path>', 'the file for one diagram (text formats: stdout by default), the folder for several (default: diagrams/)')
    .addOption(new Option('--scale <n>', 'PNG only: pixels per SVG unit').argParser(parseScale).default(2))
    .option('--threats', 'overlay each element\'s open threats (coloured by worst residual severity) and the assets stores hold')
    .addOption(rulesOption())
    .addOption(disableOption())
    .action((file, o) => run(() => diagramCommand(file, o, io))())

  program
    .command('report')
    .description('the whole analysis as a report: HTML, Markdown, PDF, JSON, CSV (one row per threat) or SARIF (code scanning)')
    .argument('<file>', 'the model')
    .addOption(new Option('-f, --format <format>', 'output format').choices([...REPORT_FORMATS]).default('html'))
    .option('-o, --output <path>', 'the file to write (default: stdout; for pdf, MODEL.pdf)')
    .addOption(new Option('--chromium <path>', 'pdf only: the Chromium to print with (default: MOAT_CHROMIUM, else /usr/bin/chromium)'))
    .addOption(rulesOption())
    .addOption(disableOption())
    .action((file, o) => run(() => reportCommand(file, { ...o, toolVersion: VERSION }, io))())

  program
    .command('diff')
    .description('what changed between two versions of a model: its parts, threats, responses and review')
    .argument('<old>', 'the earlier model (or, with --since, the model)')
    .argument('[new]', 'the later model')
    .option('--since <rev>', 'compare FILE with its version at this git revision (e.g. origin/main)')
    .addOption(new Option('-f, --format <format>', 'output format (md: for a pull-request comment)').choices([...DIFF_FORMATS]).default('text'))
    .addOption(rulesOption())
    .addOption(disableOption())
    .action((old, next, o) => run(() => diffCommand(old, next, o, io))())

  program
    .command('rules')
    .description('list the rules, or describe one')
    .argument('[id]', 'a rule id')
    .addOption(formatOption())
    .addOption(new Option('-c, --category <category>', 'only this STRIDE category').choices([...STRIDE, 'S', 'T', 'R', 'I', 'D', 'E']))
    .addOption(new Option('-t, --target <kind>', 'only rules on this element kind').choices(['external', 'process', 'store', 'flow']))
    .addOption(rulesOption())
    .action((id, o) => run(() => rulesCommand(id, o, io))())

  program
    .command('init')
    .description('write a commented starter model (asks a few questions on a terminal)')
    .argument('[file]', 'where to write it', 'threatmodel.yaml')
    .addOption(new Option('-k, --kind <kind>', 'product or protocol').choices(['product', 'protocol']))
    .option('-n, --name <name>', 'the system\'s name')
    .option('-p, --parts <list>', 'main parts, comma-separated (e.g. "Web app, API, Orders database")')
    .option('-y, --yes', 'ask nothing; use the flags and defaults')
    .option('--force', 'replace an existing file')
    .action((file, o) => run(() => initCommand(file, o, io))())

  program
    .command('serve')
    .description('the browser editor: draw the model, see its threats live, answer them; saves into the YAML file')
    .argument('[path]', 'a model file, or a folder of models (default: the current folder)')
    .addOption(new Option('-p, --port <port>', 'the port (0: any free port)').argParser(parsePort).default(4000))
    .option('--host <address>', 'the address to listen on (default 127.0.0.1: this machine only)')
    .option('--open', 'open the editor in the default browser')
    .action((path, o) => run(() => serveCommand(path, o, io))())

  program
    .command('import')
    .description('make a moat model from a Threat Dragon, OTM, Threagile, draw.io, Threat Modeling Tool, threat-composer, microSecEnD or pytm file')
    .argument('<file>', 'the file to import')
    .addOption(new Option('--from <format>', 'the source format (default: detected)').choices([...IMPORT_FORMATS]))
    .option('-o, --output <path>', 'where to write the model (default: stdout)')
    .option('--force', 'replace an existing output file')
    .action((file, o) => run(() => importCommand(file, o, io))())

  program
    .command('export')
    .description('write the model as a Threat Dragon v2 (td) or Open Threat Model (otm) JSON file')
    .argument('<file>', 'the model')
    .addOption(new Option('--to <format>', 'the target format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .option('-o, --output <path>', 'where to write the file (default: stdout)')
    .option('--force', 'replace an existing output file')
    .addOption(rulesOption())
    .action((file, o) => run(() => exportCommand(file, o, io))())

  program
    .command('schema')
    .description('print the JSON Schema of the model (or of a rule pack)')
    .addOption(new Option('--of <what>', 'model or rules').choices(['model', 'rules']).default('model'))
    .action((o) => run(() => (io.out(JSON.stringify(o.of === 'rules' ? rulePackJsonSchema() : modelJsonSchema(), null, 2)), EXIT.ok))())

  return program
}

const wantsJson = (argv: string[]) => argv.some((a, i) => a === '--format=json' || a === '-fjson' || ((a === '--format' || a === '-f') && argv[i + 1] === 'json'))

export async function main(argv: string[]): Promise<number> {
  const colorFlag = argv.includes('--no-color') ? false : undefined
  const io = createIo({ color: colorFlag })
  let code: number = EXIT.ok
  const program = buildProgram(io, (c) => (code = c))
  try {
    if (argv.length <= 2) {
      program.outputHelp()
      return EXIT.usage
    }
    await program.parseAsync(argv)
    return code
  } catch (cause) {
    if (cause instanceof CommanderError) {
      return cause.code === 'commander.helpDisplayed' || cause.code === 'commander.version' || cause.code === 'commander.help' ? EXIT.ok : EXIT.usage
    }
    if (cause instanceof UserError) {
      if (wantsJson(argv)) io.out(JSON.stringify({ version: JSON_VERSION, error: { message: cause.message, hint: cause.hint ?? null } }, null, 2))
      io.err(`${io.errStyle.bold(io.errStyle.red('error'))}: ${cause.message}`)
      if (cause.hint) io.err(`  ${io.errStyle.cyan('hint')}: ${cause.hint}`)
      return EXIT.findings
    }
    io.err(`moat: internal error: ${cause instanceof Error ? cause.message : String(cause)}`)
    io.err('This is a bug in moat; please report it with the command you ran (set MOAT_DEBUG=1 for the stack).')
    if (process.env.MOAT_DEBUG) io.err(String((cause as Error)?.stack))
    return 70
  }
}
