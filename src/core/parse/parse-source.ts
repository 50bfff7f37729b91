/**
 * Source text → plain data. YAML is read with js-yaml (JSON-compatible core schema), JSON with
 * JSON.parse: both are several times faster than a full YAML document with positions, which is
 * built only when a diagnostic needs a line and column (see locate.ts).
 */
import { load, CORE_SCHEMA, YAMLException } from 'js-yaml'
import { parseDocument } from 'yaml'
import type { Diagnostic, SourceRange } from '../diagnostics.js'
import { rangeAt } from './line-table.js'

export interface ParsedSource {
  data: unknown
  diagnostics: Diagnostic[]
}

export interface ParseOptions {
  /** Inferred from the text when not given: JSON if it starts with `{`. */
  format?: 'yaml' | 'json'
  /** Refuse documents that expand (through YAML aliases) to more nodes than this. */
  maxNodes?: number
}

const DEFAULT_MAX_NODES = 5_000_000
/**
 * Nesting no model comes near (a model is about six levels deep), and the depth at which js-yaml
 * stops: everything that walks the data after this point may then recurse on it safely.
 */
export const MAX_DEPTH = 100

/**
 * @example
 * parseSource('moat: 1\nsystem: {name: Shop}').data // { moat: 1, system: { name: 'Shop' } }
 */
export function parseSource(text: string, options: ParseOptions = {}): ParsedSource {
  const format = options.format ?? (/^\s*\{/.test(text) ? 'json' : 'yaml')
  // An empty document (or one of comments only) is data `undefined`: the validator says "empty".
  if (isBlank(text)) return { data: undefined, diagnostics: [] }
  let data: unknown
  try {
    data = format === 'json' ? JSON.parse(text) : load(text, { schema: CORE_SCHEMA })
  } catch (cause) {
    if (cause instanceof YAMLException && /maxDepth/.test(cause.message)) return { data: undefined, diagnostics: [tooDeep(text, cause.mark?.position ?? 0)] }
    return { data: undefined, diagnostics: syntaxDiagnostics(text, cause) }
  }
  const nodes = countNodes(data, options.maxNodes ?? DEFAULT_MAX_NODES)
  if (nodes === 'too-deep') return { data: undefined, diagnostics: [tooDeep(text, deepestOffset(text))] }
  if (nodes === undefined) {
    return {
      data: undefined,
      diagnostics: [
        {
          code: 'document-too-large',
          severity: 'error',
          message: 'the document expands to too many values (YAML aliases that repeat each other?)',
          hint: 'remove the aliases (*name) or write the values out',
          path: [],
          range: rangeAt(text, 0),
        },
      ],
    }
  }
  if (text.includes('__proto__')) {
    const found = protoKeys(data, [])
    if (found.length) {
      return {
        data: undefined,
        diagnostics: found.map((path) => ({
          code: 'reserved-key', severity: 'error', message: 'the key "__proto__" is not allowed',
          hint: 'rename it: ids start with a letter or digit', path, target: 'key' as const,
        })),
      }
    }
  }
  return { data, diagnostics: [] }
}

/** Paths of `__proto__` keys: JavaScript would turn them into prototypes, so they are refused. */
function protoKeys(value: unknown, path: (string | number)[]): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => protoKeys(item, [...path, i]))
  if (value === null || typeof value !== 'object') return []
  return Object.keys(value).flatMap((key) =>
    key === '__proto__' ? [[...path, key]] : protoKeys((value as Record<string, unknown>)[key], [...path, key]),
  )
}

/** Stops at the first line that holds something other than a comment, so it is cheap. */
function isBlank(text: string): boolean {
  for (const line of text.split('\n', 10_000)) {
    const trimmed = line.trim()
    if (trimmed !== '' && !trimmed.startsWith('#')) return false
  }
  return text.length < 1_000_000
}

/**
 * Counts values, visiting shared (aliased) ones each time; undefined once past the limit, and
 * 'too-deep' past MAX_DEPTH levels (JSON.parse has no depth limit of its own).
 */
function countNodes(root: unknown, limit: number): number | undefined | 'too-deep' {
  let count = 0
  const values: unknown[] = [root]
  const depths: number[] = [0]
  while (values.length > 0) {
    const value = values.pop()
    const depth = depths.pop()!
    if (++count > limit) return undefined
    if (value === null || typeof value !== 'object') continue
    if (depth >= MAX_DEPTH) return 'too-deep'
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      values.push(child)
      depths.push(depth + 1)
    }
  }
  return count
}

function tooDeep(text: string, offset: number): Diagnostic {
  return {
    code: 'document-too-deep',
    severity: 'error',
    message: `the document is nested more than ${MAX_DEPTH} levels deep`,
    hint: 'a model is a few levels deep: check for brackets that are opened and never closed, or for generated input',
    path: [],
    range: rangeAt(text, offset),
  }
}

/** Where JSON text first goes MAX_DEPTH levels deep (brackets outside strings), to point at it. */
function deepestOffset(text: string): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') {
      if (++depth > MAX_DEPTH) return i
    } else if (c === '}' || c === ']') depth--
  }
  return 0
}

/**
 * The fast parsers stop at the first problem; the `yaml` package gives it a position and a
 * clearer message, so it describes the syntax error. Only its first error is reported: one
 * misplaced line puts every line after it in the wrong place, and the errors the parser finds
 * there are echoes of that one cause, which send a reader to lines that are right.
 */
function syntaxDiagnostics(text: string, cause: unknown): Diagnostic[] {
  if (cause instanceof SyntaxError) {
    return [{ code: 'syntax', severity: 'error', message: `invalid JSON: ${firstLine(cause.message)}`, hint: 'check the commas, quotes and brackets just before this place', path: [], range: rangeAt(text, jsonErrorOffset(text)) }]
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false })
  const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0]
  if (first) {
    return [{
      code: 'syntax',
      severity: 'error',
      ...explained(text, first.code, first.pos[0], first.message),
      path: [],
      range: rangeAt(text, first.pos[0], first.pos[1]),
    }]
  }
  return [
    {
      code: 'syntax',
      severity: 'error',
      message: firstLine(cause instanceof Error ? cause.message : String(cause)),
      hint: 'check the indentation and quoting around this place',
      path: [],
      range: fallbackRange(text, cause),
    },
  ]
}

function fallbackRange(text: string, cause: unknown): SourceRange {
  return rangeAt(text, cause instanceof YAMLException && cause.mark ? cause.mark.position : 0)
}

/**
 * Node's JSON.parse does not always say where it failed. The error is at the shortest prefix
 * that fails for a reason other than ending too soon; prefixes fail that way monotonically, so a
 * binary search finds it.
 */
function jsonErrorOffset(text: string): number {
  const failsInside = (length: number) => {
    try {
      JSON.parse(text.slice(0, length))
      return false
    } catch (e) {
      const message = (e as Error).message
      const at = /position (\d+)/.exec(message)
      if (at) return Number(at[1]) < length
      return !/end of (JSON|data)|Unterminated/i.test(message)
    }
  }
  let low = 0
  let high = text.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (failsInside(mid + 1)) high = mid
    else low = mid + 1
  }
  return Math.min(low, text.length)
}

/**
 * The `yaml` package names what it could not parse ("Nested mappings are not allowed in compact
 * mappings"); a person needs what they did: most often a line indented under one that already
 * has its value.
 */
function explained(text: string, code: string, offset: number, message: string): { message: string; hint: string } {
  if (code === 'MULTIPLE_DOCS') return { message: 'the file holds more than one YAML document (another starts at this "---"); moat reads one model per file', hint: syntaxHint(code) }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1
    const lineEnd = text.indexOf('\n', offset)
    const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd)
    const next = text.slice(lineEnd + 1).split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'))
    const indent = (l: string) => l.length - l.trimStart().length
    const key = /^\s*(?:-\s+)?([^:#]+?):\s/.exec(line)?.[1]
    if (lineEnd >= 0 && next !== undefined && indent(next) > indent(line) && key) {
      return { message: `the next line is indented under "${key.trim()}", which already has a value on this line: one of the two lines is indented wrongly`, hint: syntaxHint('BAD_INDENT') }
    }
  }
  return { message: firstLine(message), hint: syntaxHint(code) }
}

const firstLine = (message: string) => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')

function syntaxHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each id and field may appear once in its map: rename or merge the duplicates'
    case 'MISSING_CHAR':
      return 'a quote, bracket or brace opened before this place is not closed'
    case 'BAD_INDENT':
      return 'check the indentation: children are indented more than their parent, siblings equally'
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs'
    case 'MULTIPLE_DOCS':
      return 'put each model in a file of its own, or remove the "---" line if it is left over'
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key must fit on one line and be followed by ": "; quote text that holds ": " or "#"'
    case 'UNEXPECTED_TOKEN':
      return 'quote values that start with a special character ({ [ * & ! | > % @ `)'
    default:
      return 'check the indentation and quoting around this place'
  }
}
