/**
 * Reading JSON and YAML from untrusted files: syntax errors with a line, YAML aliases limited (no
 * billion laughs), nesting bounded, and a locator that turns a data path into line:column for
 * warnings.
 */
import { parseDocument } from 'yaml'
import { createLocator, parseSource } from '../core/index.js'
import { InteropError, LIMITS, type ImportWarning } from './types.js'

export interface Structured {
  data: unknown
  /** Adds line and column to warnings, from their paths; the reader's own warnings come first. */
  locate(warnings: ImportWarning[]): ImportWarning[]
}

/**
 * @example
 * parseStructured('{"a": [1]}').data // { a: [1] }
 */
export function parseStructured(text: string): Structured {
  const json = /^\s*[[{]/.test(text)
  const notes: ImportWarning[] = []
  let data: unknown
  if (json) {
    try {
      data = JSON.parse(text)
    } catch (cause) {
      if (cause instanceof RangeError) throw tooDeep()
      throw jsonSyntaxError(text)
    }
  } else {
    data = parseYamlLeniently(text, notes)
  }
  checkDepth(data)
  return {
    data,
    locate(warnings) {
      if (!warnings.length) return notes
      const locator = createLocator(text)
      return [
        ...notes,
        ...warnings.map((w) => {
          const range = locator.locate(w.path)
          return { ...w, line: range.line, column: range.column }
        }),
      ]
    },
  }
}

/**
 * Files written by hand or by tools built on PyYAML (the OTM specification's own example among
 * them) sometimes indent the later lines of a quoted text less than its key, which YAML 1.2
 * forbids and PyYAML accepts. Such a file is read again with those lines indented: the text is the
 * same (a quoted scalar's line breaks fold and its leading spaces are dropped), and a warning says
 * so. Any other error stands.
 */
function parseYamlLeniently(text: string, notes: ImportWarning[]): unknown {
  try {
    return parseYaml(text)
  } catch (strictError) {
    const repaired = reindentQuotedLines(text)
    if (repaired.lines.length === 0) throw strictError
    try {
      const data = parseYaml(repaired.text)
      const line = repaired.lines[0]!
      notes.push({
        message: `not valid YAML 1.2: ${repaired.lines.length === 1 ? `line ${line}, in a quoted text, is` : `lines ${repaired.lines.join(', ')}, in quoted texts, are`} indented less than the key; read as PyYAML reads it`,
        path: [],
        line,
        column: 1,
      })
      return data
    } catch {
      throw strictError
    }
  }
}

/** The text with under-indented continuation lines of multi-line quoted scalars indented. */
export function reindentQuotedLines(text: string): { text: string; lines: number[] } {
  const lines = text.split('\n')
  const changed: number[] = []
  for (let i = 0; i < lines.length; i++) {
    const opening = openingQuote(lines, i)
    if (!opening) continue
    const minimum = opening.keyIndent + 2
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!
      const own = /^\s*/.exec(line)![0].length
      if (line.trim() !== '' && own < minimum) {
        lines[j] = ' '.repeat(minimum - own) + line
        changed.push(j + 1)
      }
      if (closes(line, opening.quote)) {
        i = j
        break
      }
    }
  }
  return { text: lines.join('\n'), lines: changed }
}

/** A quoted scalar that opens on line i and does not close there: `key: 'text` or `key:` then `'text`. */
function openingQuote(lines: string[], i: number): { quote: string; keyIndent: number } | undefined {
  const KEY = /^(\s*)(- )?[^\s#'"][^:#]*:(\s+(['"])(.*))?\s*$/
  const inline = KEY.exec(lines[i]!)
  if (inline?.[4] && !closes(inline[5]!, inline[4])) return { quote: inline[4], keyIndent: inline[1]!.length + (inline[2] ? 2 : 0) }
  const alone = /^\s*(['"])(.*)$/.exec(lines[i]!)
  if (!alone || closes(alone[2]!, alone[1]!)) return undefined
  for (let k = i - 1; k >= 0; k--) {
    if (lines[k]!.trim() === '') continue
    const key = KEY.exec(lines[k]!)
    return key && !key[3] ? { quote: alone[1]!, keyIndent: key[1]!.length + (key[2] ? 2 : 0) } : undefined
  }
  return undefined
}

/** Whether a quoted scalar's closing quote is on this line ('' and \" are not closing). */
function closes(line: string, quote: string): boolean {
  const body = quote === "'" ? line.replace(/''/g, '') : line.replace(/\\./g, '')
  return body.includes(quote)
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

/** Where JSON.parse stopped, found by the core's reader (Node's message does not always say), and what is there. */
function jsonSyntaxError(text: string): InteropError {
  const range = parseSource(text, { format: 'json' }).diagnostics[0]?.range
  if (!range) return new InteropError('not valid JSON', 'check that the file is complete and was saved by the tool')
  const found = text[range.offset]
  const what = found === undefined ? 'the text ends too soon' : `unexpected ${JSON.stringify(found)}`
  return new InteropError(
    `not valid JSON: ${what}`,
    'check the commas, quotes and brackets just before this place (a comma before a closing bracket is not allowed in JSON); check that the file is complete',
    { line: range.line, column: range.column },
  )
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
