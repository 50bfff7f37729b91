/**
 * A fast path for rule conditions. Most conditions start with plain tests of the context, such as
 * `element.type == "database" && !element.encrypted && ...`. Those top-level conjuncts are turned
 * into JavaScript predicates here, from the CEL syntax tree (no eval), and checked first: when one
 * is false the whole condition is false, and the CEL interpreter is not called. When a predicate
 * cannot decide (a missing field, a value of another type) it answers true, so CEL decides and
 * reports its own errors. The result is always the one CEL would give.
 */

type Predicate = (context: object) => boolean
interface AstNode {
  op: string
  args: unknown
}

const isNode = (value: unknown): value is AstNode => value !== null && typeof value === 'object' && 'op' in value

/** The predicates of the simple top-level conjuncts of a condition; empty when there are none. */
export function prefilterOf(ast: unknown): Predicate | undefined {
  const predicates = conjuncts(ast).map(simplePredicate).filter((p): p is Predicate => p !== undefined)
  if (predicates.length === 0) return undefined
  return (context) => {
    for (const p of predicates) if (!p(context)) return false
    return true
  }
}

function conjuncts(node: unknown): unknown[] {
  if (isNode(node) && node.op === '&&' && Array.isArray(node.args)) return node.args.flatMap(conjuncts)
  return [node]
}

/** `a.b.c` as a list of steps from a variable, or undefined when the node is anything else. */
function pathOf(node: unknown): string[] | undefined {
  if (!isNode(node)) return undefined
  if (node.op === 'id' && typeof node.args === 'string') return [node.args]
  if (node.op === '.' && Array.isArray(node.args) && typeof node.args[1] === 'string') {
    const base = pathOf(node.args[0])
    return base ? [...base, node.args[1]] : undefined
  }
  return undefined
}

const UNDECIDED = Symbol('undecided')

function read(context: object, path: string[]): unknown {
  let value: unknown = context
  for (const step of path) {
    if (value === null || typeof value !== 'object' || !(step in value)) return UNDECIDED
    value = (value as Record<string, unknown>)[step]
  }
  return value
}

type Literal = string | number | boolean

function literalOf(node: unknown): Literal | undefined {
  if (!isNode(node) || node.op !== 'value') return undefined
  const v = node.args
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  return undefined
}

/** Equal, unequal, or UNDECIDED when the two are of different types (CEL's rules then apply). */
function compare(value: unknown, literal: Literal): boolean | typeof UNDECIDED {
  if (typeof value === 'bigint' && typeof literal === 'number') return Number(value) === literal
  if (typeof value !== typeof literal) return UNDECIDED
  return value === literal
}

function simplePredicate(node: unknown): Predicate | undefined {
  if (!isNode(node)) return undefined
  const path = pathOf(node)
  if (path) return (c) => read(c, path) !== false // a bare boolean field
  const args = Array.isArray(node.args) ? node.args : [node.args]
  switch (node.op) {
    case '!_': {
      const inner = pathOf(args[0])
      return inner ? (c) => read(c, inner) !== true : undefined
    }
    case '==':
    case '!=': {
      const [left, right] = args
      const p = pathOf(left) ?? pathOf(right)
      const literal = literalOf(right) ?? literalOf(left)
      if (!p || literal === undefined) return undefined
      const wantEqual = node.op === '=='
      return (c) => {
        const result = compare(read(c, p), literal)
        return result === UNDECIDED || result === wantEqual
      }
    }
    case 'in': {
      const [left, right] = args
      const member = literalOf(left)
      const listPath = pathOf(right)
      if (member !== undefined && listPath) {
        return (c) => {
          const list = read(c, listPath)
          return !Array.isArray(list) || list.some((item) => compare(item, member) !== false)
        }
      }
      const p = pathOf(left)
      if (!p || !isNode(right) || right.op !== 'list' || !Array.isArray(right.args)) return undefined
      const literals = right.args.map(literalOf)
      if (literals.some((l) => l === undefined)) return undefined
      return (c) => {
        const value = read(c, p)
        if (value === UNDECIDED) return true
        const results = literals.map((l) => compare(value, l!))
        return results.some((r) => r === true || r === UNDECIDED)
      }
    }
    default:
      return undefined
  }
}
