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

/** How one field of an object is read: plainly, or through a probe (probe.ts) that may answer otherwise. */
export type FieldReader = (object: Record<string, unknown>, key: string) => unknown
type ReaderOf = (path: string[]) => Reader

/** A reader for a path that reads each field with `field`. */
const readerThrough = (field: FieldReader): ReaderOf => (path) => {
  const step = (value: unknown, key: string): unknown =>
    typeof value === 'object' && value !== null ? (field(value as Record<string, unknown>, key) ?? UNDECIDED) : UNDECIDED
  const [a, b, c] = path
  switch (path.length) {
    case 2:
      return (ctx) => step(step(ctx, a!), b!)
    case 3:
      return (ctx) => step(step(step(ctx, a!), b!), c!)
    default:
      return (ctx) => path.reduce<unknown>(step, ctx)
  }
}

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

type Decided = boolean | typeof UNDECIDED
/** A test that answers true, false, or UNDECIDED where CEL's own rules apply (a missing field, another type). */
type Decider = (context: object) => Decided

function leaf(node: AstNode): Predicate | undefined {
  const decide = decider(node, readerOf)
  return decide && ((c) => decide(c) !== false)
}

function decider(node: AstNode, readerOf: ReaderOf): Decider | undefined {
  const path = pathOf(node)
  if (path) {
    const read = readerOf(path)
    return (c) => {
      const value = read(c)
      return typeof value === 'boolean' ? value : UNDECIDED // a bare boolean field
    }
  }
  const args = Array.isArray(node.args) ? node.args : [node.args]
  switch (node.op) {
    case '!_': {
      const inner = pathOf(args[0])
      if (!inner) return undefined
      const read = readerOf(inner)
      return (c) => {
        const value = read(c)
        return typeof value === 'boolean' ? !value : UNDECIDED
      }
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
        return result === UNDECIDED ? UNDECIDED : result === wantEqual
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
        return typeof value === 'number' ? holds(value, literal) : typeof value === 'bigint' ? holds(Number(value), literal) : UNDECIDED
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
          if (!Array.isArray(list)) return UNDECIDED
          let result: Decided = false
          for (const item of list) {
            const same = equal(item, member)
            if (same === true) return true
            if (same === UNDECIDED) result = UNDECIDED
          }
          return result
        }
      }
      const p = pathOf(left)
      if (!p || !isNode(right) || right.op !== 'list' || !Array.isArray(right.args)) return undefined
      const literals = right.args.map(literalOf)
      if (literals.some((l) => l === undefined)) return undefined
      const read = readerOf(p)
      return (c) => {
        const value = read(c)
        if (value === UNDECIDED) return UNDECIDED
        let result: Decided = false
        for (const l of literals) {
          const same = equal(value, l!)
          if (same === true) return true
          if (same === UNDECIDED) result = UNDECIDED
        }
        return result
      }
    }
    default:
      return undefined
  }
}

/**
 * An exact evaluation of a condition made only of simple tests (with `&&`, `||` and `!`), or
 * undefined when it has anything else. It answers what CEL answers, or UNDECIDED where it cannot
 * tell (then CEL must decide). `field` reads each field on the way (by default, plainly); `paths`,
 * when given, receives every path of a field the tests read.
 * @example
 * exactOf(parse('!element.encrypted && element.trust < 2').ast)!(context) // true, false or UNDECIDED
 */
export function exactOf(ast: unknown, field?: FieldReader, paths?: string[][]): Decider | undefined {
  const read = field ? readerThrough(field) : readerOf
  return exact(ast, paths ? (path) => (paths.push(path), read(path)) : read)
}

function exact(ast: unknown, readerOf: ReaderOf): Decider | undefined {
  if (!isNode(ast)) return undefined
  const args = Array.isArray(ast.args) ? ast.args : [ast.args]
  if ((ast.op === '&&' || ast.op === '||') && Array.isArray(ast.args)) {
    const parts = ast.args.map((part) => exact(part, readerOf))
    if (parts.some((p) => p === undefined)) return undefined
    // Kleene logic, as CEL's: a false part decides an "and", a true part an "or", whatever the others.
    const decisive = ast.op === '||'
    return (c) => {
      let result: Decided = !decisive
      for (const p of parts as Decider[]) {
        const value = p(c)
        if (value === decisive) return decisive
        if (value === UNDECIDED) result = UNDECIDED
      }
      return result
    }
  }
  if (ast.op === '!_' && !pathOf(args[0])) {
    const inner = exact(args[0], readerOf)
    return inner && ((c) => {
      const value = inner(c)
      return value === UNDECIDED ? UNDECIDED : !value
    })
  }
  return decider(ast, readerOf) ?? comparison(ast, readerOf) ?? quantifier(ast, readerOf)
}

/** `a.b == c.d`, `a.b < c.d`: two fields compared, when both are text, numbers or booleans alike. */
function comparison(node: AstNode, readerOf: ReaderOf): Decider | undefined {
  if (!['==', '!=', '<', '<=', '>', '>='].includes(node.op) || !Array.isArray(node.args)) return undefined
  const [left, right] = node.args.map(pathOf)
  if (!left || !right) return undefined
  const readLeft = readerOf(left)
  const readRight = readerOf(right)
  const op = node.op
  return (c) => {
    let a = readLeft(c)
    let b = readRight(c)
    if (typeof a === 'bigint') a = Number(a)
    if (typeof b === 'bigint') b = Number(b)
    if (typeof a !== typeof b || !['string', 'number', 'boolean'].includes(typeof a)) return UNDECIDED
    if (op === '==') return a === b
    if (op === '!=') return a !== b
    if (typeof a !== 'number') return UNDECIDED
    return ORDER[op]!(a, b as number)
  }
}

/** `list.exists(x, test)`, `.all(...)`, `.exists_one(...)` over a field's list, with a simple test. */
function quantifier(node: AstNode, readerOf: ReaderOf): Decider | undefined {
  if (node.op !== 'rcall' || !Array.isArray(node.args)) return undefined
  const [name, receiver, macroArgs] = node.args as [unknown, unknown, unknown]
  if (name !== 'exists' && name !== 'all' && name !== 'exists_one') return undefined
  const listPath = pathOf(receiver)
  if (!listPath || !Array.isArray(macroArgs) || macroArgs.length !== 2) return undefined
  const [variable, body] = macroArgs as [unknown, unknown]
  if (!isNode(variable) || variable.op !== 'id' || typeof variable.args !== 'string') return undefined
  const test = exact(body, readerOf)
  if (!test) return undefined
  const readList = readerOf(listPath)
  const bound = variable.args
  return (c) => {
    const list = readList(c)
    if (!Array.isArray(list)) return UNDECIDED
    // The item is seen under its name, everything else as before.
    const scope = Object.create(c) as Record<string, unknown>
    let undecided = false
    let count = 0
    for (const item of list) {
      scope[bound] = item
      const value = test(scope)
      if (value === UNDECIDED) undecided = true
      else if (name === 'exists' && value) return true
      else if (name === 'all' && !value) return false
      else if (value) count++
    }
    if (undecided) return UNDECIDED
    return name === 'exists' ? false : name === 'all' ? true : count === 1
  }
}

export { UNDECIDED }
