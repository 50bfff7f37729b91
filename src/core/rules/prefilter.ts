/**
 * A fast path for rule conditions. Most conditions start with plain tests of the context, such as
 * `element.type == "database" && !element.encrypted && ...`. From the CEL syntax tree (no eval),
 * this derives a JavaScript predicate that is *necessary* for the condition: whenever the
 * condition is true, so is the predicate. When the predicate is false the condition is false and
 * the CEL interpreter is not called. Where the predicate cannot decide (a missing field, a value
 * of another type) it answers true, so CEL decides and reports its own errors: the result is
 * always the one CEL would give.
 */

type Predicate = (context: object) => boolean
type Reader = (context: object) => unknown
interface AstNode {
  op: string
  args: unknown
}

const isNode = (value: unknown): value is AstNode => value !== null && typeof value === 'object' && 'op' in value

/** A predicate implied by the condition, or undefined when nothing simple can be said. */
export function prefilterOf(ast: unknown): Predicate | undefined {
  return necessary(ast)
}

function necessary(node: unknown): Predicate | undefined {
  if (!isNode(node)) return undefined
  if (node.op === '&&' && Array.isArray(node.args)) {
    const parts = node.args.map(necessary).filter((p): p is Predicate => p !== undefined)
    if (parts.length === 0) return undefined
    if (parts.length === 1) return parts[0]
    return (c) => {
      for (const p of parts) if (!p(c)) return false
      return true
    }
  }
  if (node.op === '||' && Array.isArray(node.args)) {
    const parts = node.args.map(necessary)
    if (parts.some((p) => p === undefined)) return undefined
    return (c) => {
      for (const p of parts as Predicate[]) if (p(c)) return true
      return false
    }
  }
  return leaf(node)
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

/** A reader for a path, with the usual short paths unrolled (they are read millions of times). */
function readerOf(path: string[]): Reader {
  // A missing field reads as undefined, which no test below accepts as decided.
  const step = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null ? ((value as Record<string, unknown>)[key] ?? UNDECIDED) : UNDECIDED
  const [a, b, c] = path
  switch (path.length) {
    case 1:
      return (ctx) => step(ctx, a!)
    case 2:
      return (ctx) => step(step(ctx, a!), b!)
    case 3:
      return (ctx) => step(step(step(ctx, a!), b!), c!)
    default:
      return (ctx) => path.reduce<unknown>(step, ctx)
  }
}

type Literal = string | number | boolean

function literalOf(node: unknown): Literal | undefined {
  if (!isNode(node)) return undefined
  if (node.op === '-_') {
    const inner = literalOf(node.args)
    return typeof inner === 'number' ? -inner : undefined
  }
  if (node.op !== 'value') return undefined
  const v = node.args
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  return undefined
}

/** Equal, unequal, or UNDECIDED when the two are of different types (CEL's rules then apply). */
function equal(value: unknown, literal: Literal): boolean | typeof UNDECIDED {
  if (typeof value === 'bigint' && typeof literal === 'number') return Number(value) === literal
  if (typeof value !== typeof literal) return UNDECIDED
  return value === literal
}

const ORDER: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
}
const MIRROR: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' }

function leaf(node: AstNode): Predicate | undefined {
  const path = pathOf(node)
  if (path) {
    const read = readerOf(path)
    return (c) => read(c) !== false // a bare boolean field
  }
  const args = Array.isArray(node.args) ? node.args : [node.args]
  switch (node.op) {
    case '!_': {
      const inner = pathOf(args[0])
      if (!inner) return undefined
      const read = readerOf(inner)
      return (c) => read(c) !== true
    }
    case '==':
    case '!=': {
      const [left, right] = args
      const p = pathOf(left) ?? pathOf(right)
      const literal = literalOf(right) ?? literalOf(left)
      if (!p || literal === undefined) return undefined
      const read = readerOf(p)
      const wantEqual = node.op === '=='
      return (c) => {
        const result = equal(read(c), literal)
        return result === UNDECIDED || result === wantEqual
      }
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [left, right] = args
      const leftPath = pathOf(left)
      const p = leftPath ?? pathOf(right)
      const literal = leftPath ? literalOf(right) : literalOf(left)
      if (!p || typeof literal !== 'number') return undefined
      const holds = ORDER[leftPath ? node.op : MIRROR[node.op]!]!
      const read = readerOf(p)
      return (c) => {
        const value = read(c)
        return typeof value === 'number' ? holds(value, literal) : typeof value === 'bigint' ? holds(Number(value), literal) : true
      }
    }
    case 'in': {
      const [left, right] = args
      const member = literalOf(left)
      const listPath = pathOf(right)
      if (member !== undefined && listPath) {
        const read = readerOf(listPath)
        return (c) => {
          const list = read(c)
          if (!Array.isArray(list)) return true
          for (const item of list) if (equal(item, member) !== false) return true
          return false
        }
      }
      const p = pathOf(left)
      if (!p || !isNode(right) || right.op !== 'list' || !Array.isArray(right.args)) return undefined
      const literals = right.args.map(literalOf)
      if (literals.some((l) => l === undefined)) return undefined
      const read = readerOf(p)
      return (c) => {
        const value = read(c)
        if (value === UNDECIDED) return true
        for (const l of literals) if (equal(value, l!) !== false) return true
        return false
      }
    }
    default:
      return undefined
  }
}
