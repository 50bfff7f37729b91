/**
 * Reading JSON and YAML from untrusted files: syntax errors with a line, YAML aliases limited (no
 * billion laughs), nesting bounded, and a locator that turns a data path into line:column for
 * warnings.
 */
import { parseDocument } from 'yaml'
import { createLocator } from '../core/index.js'
import { InteropError, LIMITS, type ImportWarning } from './types.js'

export interface Structured {
  data: unknown
  /** Adds line and column to warnings, from their paths. */
  locate(warnings: ImportWarning[]): ImportWarning[]
}

/**
 * @example
 * parseStructured('{"a": [1]}').data // { a: [1] }
 */
export function parseStructured(text: string): Structured {
  const json = /^\s*[[{]/.test(text)
  let data: unknown
  if (json) {
    try {
      data = JSON.parse(text)
    } catch (cause) {
      if (cause instanceof RangeError) throw tooDeep()
      throw new InteropError(`not valid JSON: ${(cause as Error).message}`, 'check that the file is complete and was saved by the tool')
    }
  } else {
    data = parseYaml(text)
  }
  checkDepth(data)
  return {
    data,
    locate(warnings) {
      if (!warnings.length) return warnings
      const locator = createLocator(text)
      return warnings.map((w) => {
        const range = locator.locate(w.path)
        return { ...w, line: range.line, column: range.column }
      })
    },
  }
}

function parseYaml(text: string): unknown {
  try {
    // merge: Threagile models use YAML 1.1 merge keys (<<: *base). The alias limit stops
    // documents that expand exponentially.
    const doc = parseDocument(text, { merge: true, prettyErrors: true, uniqueKeys: false })
    const [first] = doc.errors
    if (first) {
      throw new InteropError(`not valid YAML: ${first.message.split('\n')[0]!.replace(/:$/, '')}`, 'check the indentation and quoting around that line')
    }
    return doc.toJS({ maxAliasCount: LIMITS.aliases })
  } catch (cause) {
    if (cause instanceof InteropError) throw cause
    if (cause instanceof RangeError) throw tooDeep()
    const message = (cause as Error).message ?? String(cause)
    if (/alias/i.test(message)) throw new InteropError('the YAML document uses too many aliases (a "billion laughs" document?)', `moat expands at most ${LIMITS.aliases} aliases; write the values out`)
    throw new InteropError(`not valid YAML: ${message.split('\n')[0]}`)
  }
}

const tooDeep = () => new InteropError(`the document is nested more than ${LIMITS.depth} levels deep`, 'no threat model nests this deep; check that this is the file you meant')

/** Iterative, so a hostile document cannot overflow the stack here; a value shared through an alias is walked once. */
function checkDepth(root: unknown): void {
  const stack: [unknown, number][] = [[root, 0]]
  const seen = new Set<object>()
  while (stack.length) {
    const [value, depth] = stack.pop()!
    if (value === null || typeof value !== 'object' || seen.has(value)) continue
    seen.add(value)
    if (depth > LIMITS.depth) throw tooDeep()
    for (const child of Array.isArray(value) ? value : Object.values(value)) stack.push([child, depth + 1])
  }
}
