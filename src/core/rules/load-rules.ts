/**
 * Rule pack text → checked, compiled rules. Each condition is compiled once, here; a condition
 * that does not parse is a diagnostic on its pack, located like any model error.
 */
import { parse as parseCel } from '@marcbachmann/cel-js'
import { error, hasErrors, type Diagnostic } from '../diagnostics.js'
import { parseSource } from '../parse/parse-source.js'
import { issueToDiagnostic, unknownFieldWarnings } from '../validate/schema-issues.js'
import { prefilterOf } from './prefilter.js'
import { RulePackSchema, type Rule } from './rule-schema.js'

export type Condition = (context: object) => unknown

export interface CompiledRule extends Rule {
  condition: Condition
  /** Where the rule came from: the pack's name for messages (a file name, or "built-in …"). */
  origin: string
  /** Its position in the pack's `rules:` list, to point at it. */
  index: number
}

export interface LoadedPack {
  rules: CompiledRule[]
  diagnostics: Diagnostic[]
}

/**
 * @example
 * const { rules, diagnostics } = loadRulePack(readFileSync('rules/flows.yaml', 'utf8'), 'rules/flows.yaml')
 */
export function loadRulePack(text: string, origin: string): LoadedPack {
  const source = parseSource(text)
  if (hasErrors(source.diagnostics)) return { rules: [], diagnostics: source.diagnostics }
  const parsed = RulePackSchema.safeParse(source.data)
  const diagnostics = unknownFieldWarnings(RulePackSchema, source.data)
  if (!parsed.success) {
    diagnostics.push(...parsed.error.issues.map((issue) => issueToDiagnostic(issue, source.data, 'the rule pack')))
    return { rules: [], diagnostics }
  }
  const rules: CompiledRule[] = []
  parsed.data.rules.forEach((rule, index) => {
    try {
      rules.push({ ...rule, condition: compile(rule.when), origin, index })
    } catch (cause) {
      diagnostics.push(
        error('bad-condition', ['rules', index, 'when'], `rule "${rule.id}": the condition does not parse: ${firstLine(cause)}`, 'write a CEL expression; see docs/rules.md for what a condition can use'),
      )
    }
  })
  return { rules, diagnostics }
}

/** Joins packs; a later rule with an id already seen is an error, so no rule hides another. */
export function combineRules(packs: readonly CompiledRule[][]): { rules: CompiledRule[]; diagnostics: Diagnostic[] } {
  const seen = new Map<string, CompiledRule>()
  const diagnostics: Diagnostic[] = []
  for (const pack of packs) {
    for (const rule of pack) {
      const first = seen.get(rule.id)
      if (first) {
        diagnostics.push(error('duplicate-rule', [], `rule "${rule.id}" in ${rule.origin} has the id of a rule in ${first.origin}`, 'give your rule an id of its own, and disable the built-in one in the model\'s "rules.disable" if it replaces it'))
      } else seen.set(rule.id, rule)
    }
  }
  return { rules: [...seen.values()], diagnostics }
}

/** The CEL condition, behind the fast path of its simple top-level tests (prefilter.ts). */
function compile(expression: string): Condition {
  const evaluate = parseCel(expression) as Condition & { ast?: unknown }
  const prefilter = prefilterOf(evaluate.ast)
  if (!prefilter) return evaluate
  return (context) => (prefilter(context) ? evaluate(context) : false)
}

const firstLine = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]
