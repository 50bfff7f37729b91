/**
 * Validation for an editor, which validates the whole model after every keystroke but changes one
 * entry at a time. Edits replace only the objects along the edited path, so an entry object seen
 * before is validated before: its result is kept by identity and only new or changed entries are
 * checked again. References are always checked whole (they are cheap). The result is the one
 * `validateModel` gives; a test holds the two to it.
 */
import type { z } from 'zod'
import { hasErrors, type Diagnostic } from '../diagnostics.js'
import { ModelSchema, type Model } from '../model/schema.js'
import { isPlainObject, issueToDiagnostic, unknownFieldWarnings } from './schema-issues.js'
import { checkReferences, ID_COLLECTIONS, validateModel, type Validated } from './validate-model.js'

const COLLECTIONS = [...ID_COLLECTIONS, 'threats'] as const
type Collection = (typeof COLLECTIONS)[number]

interface EntryResult {
  collection: string
  id: string
  output: unknown
  diagnostics: Diagnostic[]
}

/** The record schema of a collection: its key and value schemas (zod 4 definitions). */
function recordOf(collection: Collection): { key: z.ZodType; value: z.ZodType } {
  const optional = ModelSchema.shape[collection] as unknown as { def: { innerType: { def: { keyType: z.ZodType; valueType: z.ZodType } } } }
  const record = optional.def.innerType.def
  return { key: record.keyType, value: record.valueType }
}
const RECORDS = new Map(COLLECTIONS.map((c) => [c, recordOf(c)]))
const OTHER_FIELDS = Object.keys(ModelSchema.shape).filter((k) => !(COLLECTIONS as readonly string[]).includes(k))

/**
 * @example
 * const validate = createIncrementalValidator()
 * validate(data) // as validateModel(data), faster after small edits
 */
export function createIncrementalValidator(): (data: unknown) => Validated {
  const cache = new WeakMap<object, EntryResult>()
  return (data) => {
    if (!isPlainObject(data)) return validateModel(data)
    const diagnostics: Diagnostic[] = []
    const model: Record<string, unknown> = {}
    for (const key of Object.keys(data)) {
      if (!Object.hasOwn(ModelSchema.shape, key) && !key.startsWith('x-')) {
        // Unknown top-level fields: the full validator words and locates these.
        diagnostics.push(...unknownFieldWarnings(ModelSchema, { [key]: data[key] }))
      }
      if (!Object.hasOwn(ModelSchema.shape, key)) model[key] = data[key]
    }
    for (const field of OTHER_FIELDS) {
      const schema = (ModelSchema.shape as Record<string, z.ZodType>)[field]!
      const parsed = schema.safeParse(data[field])
      if (parsed.success) {
        if (parsed.data !== undefined) model[field] = parsed.data
      } else diagnostics.push(...parsed.error.issues.map((i) => issueToDiagnostic({ ...i, path: [field, ...i.path] }, data)))
      if (data[field] !== undefined) diagnostics.push(...unknownFieldWarnings(schema, data[field], [field]))
    }
    for (const collection of COLLECTIONS) {
      const entries = data[collection]
      if (entries === undefined) continue
      if (!isPlainObject(entries)) {
        // Not a map: let the full validator say so, in its words.
        return validateModel(data)
      }
      const { key, value } = RECORDS.get(collection)!
      const out: Record<string, unknown> = {}
      for (const [id, entry] of Object.entries(entries)) {
        if (!key.safeParse(id).success) return validateModel(data)
        let result = isPlainObject(entry) ? cache.get(entry) : undefined
        if (!result || result.collection !== collection || result.id !== id) {
          const parsed = value.safeParse(entry)
          result = {
            collection,
            id,
            output: parsed.success ? parsed.data : undefined,
            diagnostics: [
              ...unknownFieldWarnings(value, entry, [collection, id]),
              ...(parsed.success ? [] : parsed.error.issues.map((i) => issueToDiagnostic({ ...i, path: [collection, id, ...i.path] }, data))),
            ],
          }
          if (isPlainObject(entry)) cache.set(entry, result)
        }
        diagnostics.push(...result.diagnostics)
        out[id] = result.output
      }
      model[collection] = out
    }
    // Shape errors: the full validator also checks references despite them, and orders its
    // messages its own way; that path is rare while editing, so it is taken whole.
    if (hasErrors(diagnostics)) return validateModel(data)
    const references = checkReferences(model as Model)
    diagnostics.push(...references)
    return hasErrors(diagnostics) ? { diagnostics } : { model: model as Model, diagnostics }
  }
}

