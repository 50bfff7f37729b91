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
import type { ModelBuilder } from '../builder.js'
import { keepsAsId } from '../ids.js'
import type { SourcePath } from '../types.js'
import { compact, dict, list, num, text, unique, type Dict } from '../values.js'
import { categoryOf, KIND_OF_CATEGORY, statedControlKind } from '../vocabulary.js'
import { plainText } from '../xml.js'
import { extra, keep, KNOWN } from './fields.js'

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
function otherAttributes(mitigation: Dict): Dict | undefined {
  const stated = (k: string, v: unknown) => (KIND_KEYS as readonly string[]).includes(k) && statedControlKind(v) !== undefined
  const rest = Object.fromEntries(Object.entries(dict(mitigation.attributes)).filter(([k, v]) => k !== 'moatStatus' && !stated(k, v) && v !== null && v !== undefined))
  return Object.keys(rest).length ? rest : undefined
}

export interface Instances {
  on: string[]
  states: unknown[]
  mitigations: { id: string; state: unknown }[]
  path: SourcePath
}

/**
 * The STRIDE categories of the threats each mitigation answers; undefined when one of those
 * threats has no category moat knows (then the categories do not say what the mitigation is for).
 */
export function answeredCategories(instances: Map<string, Instances>, threatDefs: Map<string, { def: Dict }>): Map<string, StrideCategory[] | undefined> {
  const result = new Map<string, StrideCategory[] | undefined>()
  for (const [ref, found] of instances) {
    const categories = list(threatDefs.get(ref)!.def.categories).map((c) => categoryOf(c)?.category).filter((c): c is StrideCategory => !!c)
    for (const m of found.mitigations) {
      const before = result.get(m.id)
      result.set(m.id, !categories.length || (result.has(m.id) && before === undefined) ? undefined : unique([...(before ?? []), ...categories]))
    }
  }
  return result
}

/**
 * OTM mitigations, as controls where their kind is stated and as text on their threats where it
 * is not. Converters write one mitigation per threat instance (the Threat Modeling Tool's
 * "possible mitigations"), so mitigations with the same name and description are one control.
 */
export class MitigationControls {
  /** Same text → one key; a mitigation moat wrote keeps its own. */
  private readonly keyOf = new Map<string, string>()
  private readonly categoriesOf = new Map<string, StrideCategory[] | undefined>()
  /** Key → control id, or '' when nothing states its kind. */
  private readonly controlOf = new Map<string, string>()
  private readonly used = new Set<string>()

  constructor(
    private readonly b: ModelBuilder,
    private readonly defs: Map<string, { def: Dict; index: number }>,
    categories: Map<string, StrideCategory[] | undefined>,
  ) {
    for (const [id, { def }] of defs) {
      const key = dict(def.attributes).moatKind ? id : `${text(def.name) ?? ''}\u0000${text(def.description) ?? ''}\u0000${JSON.stringify(def.attributes ?? null)}`
      this.keyOf.set(id, key)
      if (!categories.has(id)) continue
      // undefined: a threat it answers has no category moat knows, so the categories say nothing.
      const known = categories.get(id)
      const before = this.categoriesOf.has(key) ? this.categoriesOf.get(key) : []
      this.categoriesOf.set(key, known === undefined || before === undefined ? undefined : unique([...before, ...known]))
    }
  }

  /** What one threat's mitigations become: controls, and the text and state of those without a kind. */
  answer(found: Instances, on: string[]): { controls: string[]; texts: string[]; kept: Dict[] } {
    const controls: string[] = []
    const texts: string[] = []
    const kept: Dict[] = []
    for (const m of found.mitigations) {
      const { def } = this.defs.get(m.id)!
      this.used.add(m.id)
      const id = this.control(m.id)
      if (id) {
        const entry = this.b.get('controls', id)!
        this.b.update('controls', id, { on: unique([...list(entry.on).map(String), ...on]) })
        if (/implemented/i.test(String(m.state)) && !text(dict(def.attributes).moatStatus)) this.b.update('controls', id, { status: 'implemented' })
        controls.push(id)
      } else {
        texts.push(textOf(def, m.id))
        kept.push(compact({ id: m.id, name: text(def.name), state: text(m.state), riskReduction: num(def.riskReduction) }))
      }
    }
    return { controls: unique(controls), texts: unique(texts), kept }
  }

  /** Mitigations no threat instance names: a control on nothing when its kind is stated, else left out. */
  finish(): void {
    for (const [id, { def, index }] of this.defs) {
      if (this.used.has(id) || this.controlOf.has(this.keyOf.get(id)!)) continue
      const name = text(def.name) ?? id
      if (kindOfMitigation(def, []).kind) {
        this.control(id)
        this.b.warn(['mitigations', index], `mitigation "${name}" answers no threat instance; it is imported as a control on nothing`)
      } else this.b.warn(['mitigations', index], `mitigation "${name}" answers no threat instance and states no control kind; it is left out`)
    }
  }

  /** The control made of a mitigation (once per text), or undefined when nothing states its kind. */
  private control(foreignId: string): string | undefined {
    const key = this.keyOf.get(foreignId)!
    const made = this.controlOf.get(key)
    if (made !== undefined) {
      if (made) this.b.alias(foreignId, made)
      return made || undefined
    }
    const { def, index } = this.defs.get(foreignId)!
    const name = text(def.name) ?? foreignId
    const categories = this.categoriesOf.get(key) ?? []
    const found = kindOfMitigation(def, categories)
    const path: SourcePath = ['mitigations', index]
    if (!found.kind) {
      const why = categories.length ? ` (the threats it answers, ${categories.join(', ')}, are answered by many kinds)` : ''
      this.b.warn(path, `mitigation "${name}" states no control kind${why}; it is kept as text in the "mitigations" of the threats it answers: declare a control of the right kind and list it under their "controls"`)
      this.controlOf.set(key, '')
      return undefined
    }
    if (found.from === 'categories') this.b.warn(path, `mitigation "${name}": its kind "${found.kind}" comes from the category of the threats it answers (${categories[0]}); check it`)
    const moatStatus = text(dict(def.attributes).moatStatus)
    const id = this.b.add('controls', foreignId, name, {
      name,
      description: text(def.description) && plainText(text(def.description)!),
      kind: found.kind,
      on: [],
      status: moatStatus === 'implemented' ? 'implemented' : 'planned',
      'x-otm': keep({ riskReduction: num(def.riskReduction), attributes: otherAttributes(def), ...extra(def, KNOWN.mitigation) }),
    }, keepsAsId(foreignId) ? foreignId : undefined)
    this.controlOf.set(key, id)
    return id
  }
}

/** A mitigation as text: its description, after its name unless the description begins with it. */
function textOf(def: Dict, id: string): string {
  const name = text(def.name) && plainText(text(def.name)!)
  const description = text(def.description) && plainText(text(def.description)!)
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')
  if (name && description) return squash(description).startsWith(squash(name)) ? description : `${name}: ${description}`
  return name ?? description ?? id
}
