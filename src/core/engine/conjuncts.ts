/**
 * A rule's condition as the parts of its top-level `&&`, each compiled on its own, and whether it
 * can read an unstated fact at all. A condition that held holds in every part; an unstated fact can
 * only change the parts that read it, so assumptions.ts asks those parts alone, which is much
 * cheaper than the whole condition.
 */
import { parse as parseCel, serialize } from '@marcbachmann/cel-js'
import type { CompiledRule, Condition } from '../rules/load-rules.js'
import { exactOf } from '../rules/prefilter.js'
import { factSitesOf, shownField, type FactSite, type Probed } from './probe.js'
import { FACT_OF_FIELD } from './unstated-facts.js'

export interface Conjunct extends Probed {
  /** It names a field that shows an unstated fact (or indexes a map, as `controls["waf"]` does). */
  readsFacts: boolean
  /**
   * It is one field, or its negation (`!element.encrypted`): it reads at most one fact, and as
   * the safe value of every fact but `type` is the opposite of its pessimistic one, the part turns
   * false when that fact is stated the safe way.
   */
  leaf: boolean
  /** For a part evaluated as plain JavaScript: where it reads fields that may show a fact, so the facts it can read are known without evaluating it. */
  sites?: FactSite[]
}

/** Fields whose value may be an assumption: the facts' own fields, the list of them, and the controls. */
const FACT_FIELDS = new Set([...FACT_OF_FIELD.keys(), 'unstated', 'controls'])

interface AstNode {
  op: string
  args: unknown
}
const isNode = (value: unknown): value is AstNode => value !== null && typeof value === 'object' && 'op' in value

/** The variables a condition sees (context.ts). */
const CONTEXT_VARIABLES = new Set(['system', 'element', 'source', 'target'])

const known = new WeakMap<CompiledRule, Conjunct[]>()

/**
 * @example
 * conjunctsOf(rule).filter((c) => c.readsFacts).length // 2 for `!element.encrypted && !element.signed && element.hasData`
 */
export function conjunctsOf(rule: CompiledRule): Conjunct[] {
  let conjuncts = known.get(rule)
  if (!conjuncts) {
    conjuncts = split(rule)
    known.set(rule, conjuncts)
  }
  return conjuncts
}

function split(rule: CompiledRule): Conjunct[] {
  try {
    const ast = (parseCel(rule.when) as { ast?: unknown }).ast
    if (!isNode(ast)) return [whole(rule.condition)]
    return flatten(ast).map((part) => {
      const paths: string[][] = []
      const exact = exactOf(part, shownField, paths)
      // Paths from a variable a macro binds (`f.authenticated` in `inputs.exists(f, ...)`) name no
      // field of the context: such a part is run to find its facts.
      const fromContext = paths.every((path) => CONTEXT_VARIABLES.has(path[0]!))
      return {
        condition: parseCel(serialize(part as never)) as Condition,
        ...(exact && { exact }),
        ...(exact && fromContext && { sites: factSitesOf(paths.filter((path) => FACT_FIELDS.has(path[path.length - 1]!) || path.includes('controls'))) }),
        readsFacts: mentionsFacts(part),
        leaf: isLeaf(part),
      }
    })
  } catch {
    // A part the library cannot write back as text: the condition stays whole.
    return [whole(rule.condition)]
  }
}

const whole = (condition: Condition): Conjunct => ({ condition, readsFacts: true, leaf: false })

const isField = (node: unknown) => isNode(node) && node.op === '.' && Array.isArray(node.args) && typeof node.args[1] === 'string'
const isLeaf = (node: AstNode) => isField(node) || (node.op === '!_' && isField(node.args))

const flatten = (node: AstNode): AstNode[] => (node.op === '&&' && Array.isArray(node.args) ? node.args.filter(isNode).flatMap(flatten) : [node])

function mentionsFacts(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsFacts)
  if (!isNode(value)) return false
  if ((value.op === '.' || value.op === '.?') && Array.isArray(value.args) && FACT_FIELDS.has(value.args[1] as string)) return true
  if (value.op === '[]' || value.op === '[?]') return true
  return mentionsFacts(value.args)
}
