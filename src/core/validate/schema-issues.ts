/**
 * Turns zod issues into moat diagnostics with a message a person can act on, and finds the fields
 * moat does not know (kept, but probably a typo) by walking the schema beside the data.
 */
import type { z } from 'zod'
import { didYouMean, error, quoted, warning, type Diagnostic, type Path } from '../diagnostics.js'

type Issue = z.core.$ZodIssue

export function issueToDiagnostic(issue: Issue, data: unknown, root = 'the model'): Diagnostic {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
  const field = describeField(path, root)
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(data, path)
      if (actual === undefined) {
        return error('missing-field', path.slice(0, -1), `${field} is required`, `add "${String(path.at(-1))}: ..." here`)
      }
      return error('wrong-type', path, `${field} must be ${article(issue.expected)}, not ${typeName(actual)}`, typeHint(issue.expected))
    }
    case 'invalid_value': {
      const actual = valueAt(data, path)
      if (actual === undefined) {
        return error('missing-field', path.slice(0, -1), `${field} is required`, `add "${String(path.at(-1))}: ${issue.values.length === 1 ? String(issue.values[0]) : '...'}" here`)
      }
      const allowed = issue.values.map((v) => String(v))
      if (allowed.length === 1) {
        return error('wrong-value', path, `${field} must be ${allowed[0]}`, `write ${String(path.at(-1))}: ${allowed[0]}`)
      }
      return error(
        'unknown-value',
        path,
        `${field} is ${quoted(actual)}, which is not one of: ${allowed.join(', ')}${didYouMean(String(actual), allowed)}`,
        `use one of the listed values`,
      )
    }
    case 'invalid_format':
    case 'invalid_key':
      return {
        ...error('invalid-id', path, `${field}: ${quoted(path.at(-1) ?? valueAt(data, path))} is not a valid id`, issueText(issue)),
        target: issue.code === 'invalid_key' ? 'key' : 'value',
      }
    default:
      return error('invalid', path, `${field}: ${issueText(issue)}`)
  }
}

function issueText(issue: Issue): string {
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message
  return issue.message
}

/** Warnings for keys the schema does not declare, e.g. `boundry:` for `boundary:`. */
export function unknownFieldWarnings(schema: z.ZodType, data: unknown, path: Path = []): Diagnostic[] {
  const found: Diagnostic[] = []
  walk(schema, data, path, found)
  return found
}

function walk(schema: z.ZodType, data: unknown, path: Path, found: Diagnostic[]): void {
  const def = schema.def as z.core.$ZodTypeDef & Record<string, any>
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      return walk(def.innerType, data, path, found)
    case 'object': {
      if (!isPlainObject(data)) return
      const shape = def.shape as Record<string, z.ZodType>
      for (const key of Object.keys(data)) {
        const child = Object.hasOwn(shape, key) ? shape[key] : undefined
        if (child) walk(child, data[key], [...path, key], found)
        else if (!key.startsWith('x-')) {
          found.push({
            ...warning(
              'unknown-field',
              [...path, key],
              `unknown field ${quoted(key)}${didYouMean(key, Object.keys(shape))}; it is kept but moat does not use it`,
              `fix the spelling, or prefix your own fields with "x-" to silence this`,
            ),
            target: 'key',
          })
        }
      }
      return
    }
    case 'record':
      if (!isPlainObject(data)) return
      for (const key of Object.keys(data)) walk(def.valueType, data[key], [...path, key], found)
      return
    case 'array':
      if (!Array.isArray(data)) return
      data.forEach((item, i) => walk(def.element, item, [...path, i], found))
      return
    default:
      return
  }
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

function valueAt(data: unknown, path: Path): unknown {
  let value = data
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string | number, unknown>)[step]
  }
  return value
}

/** `flows.req-0.to` → `flow "req-0": to`, so messages read like sentences. */
function describeField(path: Path, root: string): string {
  if (path.length === 0) return root
  const [collection, id, ...rest] = path
  const singular: Record<string, string> = {
    assets: 'asset', actors: 'actor', boundaries: 'boundary', externals: 'external', processes: 'process',
    stores: 'store', flows: 'flow', controls: 'control', diagrams: 'diagram', assumptions: 'assumption', threats: 'threat',
  }
  const name = singular[String(collection)]
  if (name && id !== undefined) return rest.length ? `${name} "${id}": ${rest.join('.')}` : `${name} "${id}"`
  return path.join('.')
}

function typeName(v: unknown): string {
  if (v === null) return 'null (an empty value)'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a map'
  return `${typeof v} ${quoted(v)}`
}

const article = (t: string) =>
  t === 'array' ? 'a list' : t === 'object' || t === 'record' ? 'a map' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`

function typeHint(expected: string): string {
  switch (expected) {
    case 'array':
      return 'write a list, e.g. [a, b] or one "- item" per line'
    case 'object':
    case 'record':
      return 'write a map of "key: value" lines, indented under this key'
    case 'string':
      return 'write text; quote it if it looks like a number or boolean'
    case 'boolean':
      return 'write true or false'
    case 'number':
      return 'write a number'
    default:
      return `write ${article(expected)}`
  }
}
