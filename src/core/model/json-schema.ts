/**
 * The published JSON Schema of the model (schema/moat.schema.json), generated from the zod
 * definitions. Editors use it to complete and check a model as it is typed; it is strict about
 * field names (typos are underlined) but allows `x-` fields of one's own.
 */
import { z } from 'zod'
import { RulePackSchema } from '../rules/rule-schema.js'
import { ModelSchema } from './schema.js'

type Json = { [key: string]: unknown }

export function modelJsonSchema(): Json {
  return finish(z.toJSONSchema(ModelSchema, { io: 'input', unrepresentable: 'any' }) as Json, 'moat threat model')
}

export function rulePackJsonSchema(): Json {
  return finish(z.toJSONSchema(RulePackSchema, { io: 'input', unrepresentable: 'any' }) as Json, 'moat rule pack')
}

function finish(schema: Json, title: string): Json {
  const { $schema, ...rest } = schema
  return { $schema, title, ...(strictObjects(rest) as Json) }
}

/** Objects declared with properties get `additionalProperties: false`, plus `x-` extensions. */
function strictObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictObjects)
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node)) out[key] = strictObjects(value)
  if (out.type === 'object' && out.properties) {
    out.patternProperties = { '^x-': {} }
    out.additionalProperties = false
  }
  return out
}
