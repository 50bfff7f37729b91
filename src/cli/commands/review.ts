import { QUESTION_TITLES, type Question } from '../../core/index.js'
import { analyseOrReport, EXIT, type AnalysisOptions, type Io } from '../context.js'
import { JSON_VERSION, reviewJson } from '../json.js'
import { reportsJson } from '../print-diagnostics.js'
import { clean } from '../style.js'

const FINDINGS_SHOWN = 10

/** `moat review FILE`: every check, pass or fail, grouped by the four questions; exit 1 when it fails. */
export function reviewCommand(file: string, options: AnalysisOptions & { all?: boolean }, io: Io): number {
  const project = analyseOrReport(file, options, io)
  if (!project) return EXIT.findings
  const review = reviewJson(file, project.text, project.analysis.review)
  if (options.format === 'json') {
    io.out(JSON.stringify({ version: JSON_VERSION, file, ...review, diagnostics: reportsJson(project.reports) }, null, 2))
    return review.passed ? EXIT.ok : EXIT.findings
  }
  const s = io.style
  const mark = { pass: s.green('✓ pass'), fail: s.red('✗ fail'), waived: s.yellow('~ waived'), 'not-applicable': s.dim('- n/a ') }
  for (const question of Object.keys(QUESTION_TITLES) as Question[]) {
    io.out(s.bold(QUESTION_TITLES[question]))
    for (const check of review.checks.filter((c) => c.question === question)) {
      const level = check.status === 'fail' && check.severity === 'warning' ? s.yellow('! warn') : mark[check.status]
      io.out(`  ${level}  ${check.title} ${s.dim(`[${check.id}]`)}${check.waiver ? s.dim(` waived: ${clean(check.waiver)}`) : ''}`)
      if (check.status !== 'fail') continue
      const shown = options.all ? check.findings : check.findings.slice(0, FINDINGS_SHOWN)
      for (const f of shown) io.out(`      ${s.dim(f.line ? `${file}:${f.line}:${f.column}` : file)}  ${clean(f.message)}`)
      if (shown.length < check.findings.length) io.out(s.dim(`      … and ${check.findings.length - shown.length} more (--all shows every one)`))
    }
  }
  if (review.unstated.length) {
    io.out(s.bold('Facts to state (informational)'))
    io.out(s.dim(`  ${review.unstated.length} unstated fact(s) make threats possible; stating these settles the most:`))
    const shown = options.all ? review.unstated : review.unstated.slice(0, FINDINGS_SHOWN)
    for (const f of shown) {
      io.out(`  ${s.dim(f.line ? `${file}:${f.line}:${f.column}` : file)}  ${clean(f.text)}: ${f.threats.length} threat(s), ${f.open} not done (${clean(f.hint)})`)
    }
    if (shown.length < review.unstated.length) io.out(s.dim(`  … and ${review.unstated.length - shown.length} more (--all shows every one)`))
  }
  const { pass, fail, waived } = review.summary
  io.out(
    review.passed
      ? s.green(s.bold(`Review passed: ${pass} check(s) pass, ${fail} warning(s), ${waived} waived`))
      : s.red(s.bold(`Review failed: ${review.checks.filter((c) => c.status === 'fail' && c.severity === 'error').length} check(s) fail`)),
  )
  return review.passed ? EXIT.ok : EXIT.findings
}
