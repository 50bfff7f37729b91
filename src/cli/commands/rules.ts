import { CONTROL_KIND_DESCRIPTIONS, STRIDE_LETTER, severityOf, type CompiledRule } from '../../core/index.js'
import { loadRules } from '../../node/load-project.js'
import { EXIT, UserError, type Io, type OutputFormat } from '../context.js'
import { formatReports, reportsJson } from '../print-diagnostics.js'
import { clean } from '../style.js'
import { JSON_VERSION } from '../json.js'
import { table } from '../table.js'

const ruleJson = (r: CompiledRule) => ({
  id: r.id, title: r.title, category: r.category, targets: r.targets, systemKind: r.systemKind ?? null, when: r.when,
  likelihood: r.likelihood, impact: r.impact, severity: severityOf(r.likelihood, r.impact), description: r.description,
  mitigations: r.mitigations, controls: r.controls, references: r.references, origin: r.origin,
})

/** `moat rules [ID]`: the rule library, or one rule in full. */
export function rulesCommand(id: string | undefined, options: { format?: OutputFormat; rules?: string[]; category?: string; target?: string }, io: Io): number {
  const loaded = loadRules(options.rules ?? [])
  const problems = formatReports(loaded.reports, io.errStyle)
  if (problems && options.format !== 'json') io.err(problems)
  const s = io.style
  if (id) {
    const rule = loaded.rules.find((r) => r.id === id)
    if (!rule) throw new UserError(`there is no rule "${id}"`, 'list the rules with `moat rules`')
    if (options.format === 'json') {
      io.out(JSON.stringify({ version: JSON_VERSION, ...ruleJson(rule) }, null, 2))
      return EXIT.ok
    }
    const field = (name: string, value: string) => io.out(`${s.bold(name.padEnd(12))}${clean(value)}`)
    field('id', rule.id)
    field('title', rule.title)
    field('category', `${rule.category} (${STRIDE_LETTER[rule.category]})`)
    field('targets', rule.targets.join(', ') + (rule.systemKind ? ` in ${rule.systemKind} models` : ''))
    field('when', rule.when)
    field('severity', `${severityOf(rule.likelihood, rule.impact)} (likelihood ${rule.likelihood}, impact ${rule.impact})`)
    field('from', rule.origin)
    io.out(`\n${clean(rule.description)}\n`)
    if (rule.mitigations.length) io.out(`${s.bold('Mitigations')}\n${rule.mitigations.map((m) => `  - ${clean(m)}`).join('\n')}`)
    if (rule.controls.length) io.out(`${s.bold('Answered by controls of kind')}\n${rule.controls.map((c) => `  - ${c}: ${CONTROL_KIND_DESCRIPTIONS[c]}`).join('\n')}`)
    if (rule.references.length) io.out(`${s.bold('References')}  ${clean(rule.references.join(', '))}`)
    return EXIT.ok
  }
  const shown = loaded.rules.filter(
    (r) => (!options.category || r.category === options.category || STRIDE_LETTER[r.category] === options.category.toUpperCase()) &&
      (!options.target || r.targets.includes(options.target as never)),
  )
  if (options.format === 'json') {
    io.out(JSON.stringify({ version: JSON_VERSION, rules: shown.map(ruleJson), diagnostics: reportsJson(loaded.reports) }, null, 2))
    return EXIT.ok
  }
  io.out(
    table<CompiledRule>(
      shown,
      [
        { header: 'ID', value: (r) => r.id, fit: { kind: 'wrap', min: 18 } },
        { header: 'STRIDE', value: (r) => STRIDE_LETTER[r.category] },
        { header: 'TARGETS', value: (r) => r.targets.join(', ') + (r.systemKind === 'protocol' ? ' (protocol)' : ''), fit: { kind: 'wrap', min: 9 } },
        { header: 'SEVERITY', value: (r) => severityOf(r.likelihood, r.impact), styled: (r, x) => s.severity(severityOf(r.likelihood, r.impact), x) },
        { header: 'TITLE', value: (r) => r.title, fit: { kind: 'wrap', min: 20, weight: 2 } },
      ],
      { width: io.width, header: s.bold },
    ),
  )
  io.out(s.dim(`${shown.length} rule(s). \`moat rules ID\` describes one.`))
  return EXIT.ok
}
