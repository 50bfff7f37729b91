/**
 * The properties panel's fields, read from the model's own schema (src/core/model/schema.ts): a new
 * field there appears in the editor without a change here. Only references (which ids a field may
 * name) are spelt out, because the schema says "an id", not "a boundary id".
 */
import type { z } from 'zod'

export type FieldType =
  | { type: 'text'; long: boolean }
  | { type: 'number' }
  | { type: 'boolean' }
  | { type: 'enum'; options: string[] }
  | { type: 'list' }
  | { type: 'ref'; to: RefTarget; many: boolean }
  | { type: 'unsupported' }

export type RefTarget = 'boundaries' | 'nodes' | 'assets' | 'controls' | 'targets' | 'processes'

export interface Field {
  key: string
  label: string
  required: boolean
  defaultValue?: unknown
  description?: string
  kind: FieldType
}

const REFS: Record<string, RefTarget> = {
  boundary: 'boundaries',
  parent: 'boundaries',
  from: 'nodes',
  to: 'nodes',
  via: 'nodes',
  data: 'assets',
  controls: 'controls',
  on: 'targets',
  refines: 'processes',
}
const LONG = new Set(['description', 'rationale', 'motivation', 'outOfScope'])
/** Shown elsewhere (the canvas, their own panels) or kept as they are: maps of free values. */
const HIDDEN = new Set(['layout', 'elements'])

type AnyZod = z.ZodType & { def: Record<string, any>; description?: string }

function unwrap(schema: AnyZod): { inner: AnyZod; required: boolean; defaultValue?: unknown; description?: string } {
  let s = schema
  let required = true
  let defaultValue: unknown
  let description = s.description
  for (;;) {
    const t = s.def.type
    if (t === 'optional' || t === 'nullable') required = false
    else if (t === 'default') {
      required = false
      defaultValue = typeof s.def.defaultValue === 'function' ? s.def.defaultValue() : s.def.defaultValue
    } else break
    s = s.def.innerType as AnyZod
    description ??= s.description
  }
  return { inner: s, required, defaultValue, description }
}

const labelOf = (key: string) => key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())

export function fieldsOf(schema: z.ZodType): Field[] {
  const shape = (schema as unknown as { shape: Record<string, AnyZod> }).shape
  return Object.entries(shape)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, s]) => {
      const { inner, required, defaultValue, description } = unwrap(s)
      return { key, label: labelOf(key), required, ...(defaultValue !== undefined && { defaultValue }), ...(description && { description }), kind: kindOf(key, inner) }
    })
}

function kindOf(key: string, s: AnyZod): FieldType {
  const t = s.def.type
  if (REFS[key] && (t === 'string' || t === 'array')) return { type: 'ref', to: REFS[key]!, many: t === 'array' }
  switch (t) {
    case 'string':
      return { type: 'text', long: LONG.has(key) }
    case 'number':
      return { type: 'number' }
    case 'boolean':
      return { type: 'boolean' }
    case 'enum':
      return { type: 'enum', options: Object.values(s.def.entries as Record<string, string>) }
    case 'array':
      return (s.def.element as AnyZod).def.type === 'string' ? { type: 'list' } : { type: 'unsupported' }
    case 'union':
      return { type: 'text', long: false }
    default:
      return { type: 'unsupported' }
  }
}
