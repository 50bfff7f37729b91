/**
 * OTM mitigations → moat controls, when something says what kind of control each is. The kind
 * comes from the mitigation's own attributes (a `kind`, `controlKind`, `type` or `category`
 * naming one of moat's kinds, or moat's own `moatKind`), from a name that is a kind
 * ("Authentication"), or from the one STRIDE category of the threats it answers when that
 * category has one answer (spoofing → authentication, repudiation → logging, elevation of
 * privilege → authorization). Never from the words of its description.
 *
 * moat's controls must have a kind. A mitigation whose kind nothing states is not made a control
 * of a made-up kind: it stays text, in the `mitigations` of each threat it answers, with its id
 * and state in the threat's `x-otm.mitigations`, and a warning asks for the control.
 */
import type { ControlKind, StrideCategory } from '../../core/index.js'
import { dict, text, type Dict } from '../values.js'
import { KIND_OF_CATEGORY, statedControlKind } from '../vocabulary.js'

/** Attribute keys that name a mitigation's kind, in the order they are believed. */
const KIND_KEYS = ['moatKind', 'kind', 'controlKind', 'control-kind', 'type', 'category'] as const

export interface KindFinding {
  kind?: ControlKind
  /** Where the kind came from; undefined when nothing states it. */
  from?: 'attributes' | 'name' | 'categories'
}

/**
 * @example
 * kindOfMitigation({ name: 'Rate limiting' }, [])                     // { kind: 'rate-limiting', from: 'name' }
 * kindOfMitigation({ name: 'Use the SDK', description: 'https://…' }, ['spoofing']) // { kind: 'authentication', from: 'categories' }
 * kindOfMitigation({ name: 'Enable TLS' }, ['tampering'])             // {}
 */
export function kindOfMitigation(mitigation: Dict, categories: readonly StrideCategory[]): KindFinding {
  const attributes = dict(mitigation.attributes)
  for (const key of KIND_KEYS) {
    const kind = statedControlKind(attributes[key])
    if (kind) return { kind, from: 'attributes' }
  }
  const named = statedControlKind(text(mitigation.name))
  if (named) return { kind: named, from: 'name' }
  const distinct = [...new Set(categories)]
  const answer = distinct.length === 1 ? KIND_OF_CATEGORY[distinct[0]!] : undefined
  return answer ? { kind: answer, from: 'categories' } : {}
}

/** The attributes that are not moat's own or the kind already read: kept under `x-otm`. */
export function otherAttributes(mitigation: Dict): Dict | undefined {
  const stated = (k: string, v: unknown) => (KIND_KEYS as readonly string[]).includes(k) && statedControlKind(v) !== undefined
  const rest = Object.fromEntries(Object.entries(dict(mitigation.attributes)).filter(([k, v]) => k !== 'moatStatus' && !stated(k, v) && v !== null && v !== undefined))
  return Object.keys(rest).length ? rest : undefined
}
