import { spawnSync } from 'node:child_process'
import { basename, dirname, join } from 'node:path'
import { rmSync, writeFileSync } from 'node:fs'
import type { Analysis } from '../../core/index.js'
import { diffAnalyses } from '../../core/diff/index.js'
import { isValid, loadProject, type Project } from '../../node/load-project.js'
import type { DiffFormat } from '../../report/formats.js'
import { diffJson } from '../../report/diff/json.js'
import { diffMarkdown } from '../../report/diff/markdown.js'
import { diffText } from '../../report/diff/text.js'
import { EXIT, UserError, type Io } from '../context.js'
import { formatReports } from '../print-diagnostics.js'

export interface DiffOptions {
  since?: string
  format?: DiffFormat
  rules?: string[]
  disable?: string[]
}

/**
 * `moat diff OLD NEW`, or `moat diff FILE --since REV`: what changed in the model, its threats,
 * their responses and the review. Exit 0 whatever changed (a diff reports, `moat check` judges);
 * 1 when a version is not a valid model; 2 on bad usage.
 */
export function diffCommand(first: string, second: string | undefined, options: DiffOptions, io: Io): number {
  if (options.since !== undefined && second !== undefined) {
    io.err('error: give either two files, or one file and --since REV')
    return EXIT.usage
  }
  if (options.since === undefined && second === undefined) {
    io.err('error: moat diff needs two files (OLD NEW), or one file and --since REV (e.g. --since origin/main)')
    return EXIT.usage
  }
  const rules = { extra: options.rules ?? [], disable: options.disable ?? [] }
  const before = options.since !== undefined ? fromGit(first, options.since, rules, io) : analysed(loadProject(first, rules), first, io)
  const afterFile = second ?? first
  const after = analysed(loadProject(afterFile, rules), afterFile, io)
  if (!before || !after) return EXIT.findings
  const sides = { before: options.since !== undefined ? `${first}@${options.since}` : first, after: afterFile, system: after.model.system.name }
  const diff = diffAnalyses(before, after)
  if (options.format === 'json') io.out(JSON.stringify(diffJson(diff, sides), null, 2))
  else if (options.format === 'md') io.out(diffMarkdown(diff, sides))
  else io.out(diffText(diff, sides, io.style))
  return EXIT.ok
}

/** Prints a version's diagnostics under the name the user knows it by; its analysis when valid. */
function analysed(project: Project, label: string, io: Io): Analysis | undefined {
  const reports = project.reports.map((r) => (r.file === project.file ? { ...r, file: label } : r))
  const printed = formatReports(reports, io.errStyle)
  if (printed) io.err(printed)
  const analysis = project.analysis
  if (!analysis || !isValid(project)) {
    io.err(io.errStyle.red(`${label}: not analysed: fix the errors above first`))
    return undefined
  }
  return analysis
}

/**
 * The model as it was at a git revision. It is analysed from a temporary copy beside the model,
 * so rule packs named relative to it resolve as they do for the current version.
 */
function fromGit(file: string, rev: string, rules: { extra: string[]; disable: string[] }, io: Io): Analysis | undefined {
  if (rev.startsWith('-')) throw new UserError(`--since "${rev}": a revision does not start with "-"`, 'e.g. --since origin/main or --since HEAD~1')
  const folder = dirname(file)
  const shown = spawnSync('git', ['show', `${rev}:./${basename(file)}`], { cwd: folder, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (shown.error) {
    const code = (shown.error as NodeJS.ErrnoException).code
    throw new UserError(code === 'ENOENT' ? '--since needs git, which is not installed' : `git could not run (${code ?? shown.error.message})`, 'or compare two files: moat diff OLD NEW')
  }
  if (shown.status !== 0) {
    const reason = shown.stderr.trim().split('\n')[0] ?? ''
    if (/not a git repository/i.test(reason)) throw new UserError(`${file}: is not in a git repository, so --since has no history to read`, 'compare two files instead: moat diff OLD NEW')
    throw new UserError(`git show ${rev}:${file} failed: ${reason}`, 'check the revision (git log --oneline), and that the file existed there under the same path')
  }
  const temp = join(folder, `.${basename(file)}.moat-diff-${process.pid}${/\.json$/i.test(file) ? '.json' : '.yaml'}`)
  try {
    writeFileSync(temp, shown.stdout, { flag: 'wx' })
  } catch (cause) {
    throw new UserError(`${folder}: cannot write a temporary copy of the old model (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, 'or extract it yourself: git show REV:path > old.yaml, then moat diff old.yaml NEW')
  }
  try {
    return analysed(loadProject(temp, rules), `${file}@${rev}`, io)
  } finally {
    rmSync(temp, { force: true })
  }
}
