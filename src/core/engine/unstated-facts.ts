/**
 * Facts a model may leave unsaid, and what a rule condition sees meanwhile. Most models (and every
 * imported one) do not say whether each flow is authenticated or each process runs privileged. A
 * rule must still fire where the fact might be missing, so the context gives an unstated fact its
 * pessimistic value; the engine then asks which unstated facts a threat rests on (assumptions.ts)
 * and marks it possible. docs/rules.md lists the facts; keep the two in step.
 */
import { protocolAuthenticates, protocolEncrypts, protocolInClear, type ElementNode, type FlowEdge } from '../model/graph.js'
import { CONTROL_KINDS } from '../model/vocabulary.js'
import { isLocalProtocol } from './roles.js'

/** A flow's facts. `encrypted` is stated by `encrypted:` or by a protocol that says (HTTPS, HTTP, a local channel). */
export type FlowFact = 'encrypted' | 'authenticated' | 'signed' | 'nonce'
/** An element's facts: its type (so its roles), a store's encryption at rest, a process's privileges. */
export type ElementFact = 'type' | 'encrypted' | 'privileged'
/** Whether a control of a kind protects the element: `controls.waf`. */
export type ControlFact = `controls.${string}`
export type Fact = FlowFact | ElementFact | ControlFact

/**
 * A type the model could state that gives an element no role: what a condition sees for `type`
 * when it asks what stating the type would change.
 */
export const ROLELESS_TYPE = 'other'

/** The context fields each fact decides, and their values when the fact is stated the safe way. */
export const SAFE_FIELDS: Readonly<Record<FlowFact | ElementFact, Readonly<Record<string, unknown>>>> = {
  encrypted: { encrypted: true },
  authenticated: { authenticated: true },
  signed: { signed: true },
  nonce: { nonce: true },
  privileged: { privileged: false },
  type: { type: ROLELESS_TYPE, roles: [], rolesInferred: false, rolesFrom: 'type' },
}

/** The fact a context field shows, for the fields that show one. */
export const FACT_OF_FIELD: ReadonlyMap<string, FlowFact | ElementFact> = new Map(
  Object.entries(SAFE_FIELDS).flatMap(([fact, fields]) => Object.keys(fields).map((field) => [field, fact as FlowFact | ElementFact])),
)

/** The safe value of a control fact: the control is there. */
export const SAFE_CONTROL = true

export const isControlKind = (key: string) => (CONTROL_KINDS as readonly string[]).includes(key)

/** What a protocol says of a flow, by itself. */
export interface ProtocolFacts {
  /** Never leaves the machine (roles.ts): no wire to encrypt. */
  local: boolean
  /** Says whether the flow is encrypted: an encrypted protocol, one named for its clear-text form, or a local channel. */
  statesEncryption: boolean
  authenticates: boolean
}

const protocols = new Map<string, ProtocolFacts>()

/** What a protocol says, read once per protocol name: models repeat a handful of them on many flows. */
export function protocolFacts(protocol: string): ProtocolFacts {
  let facts = protocols.get(protocol)
  if (!facts) {
    const local = isLocalProtocol(protocol)
    facts = { local, statesEncryption: local || protocolEncrypts(protocol) || protocolInClear(protocol), authenticates: protocolAuthenticates(protocol) }
    if (protocols.size > 10_000) protocols.clear()
    protocols.set(protocol, facts)
  }
  return facts
}

/** The facts a flow leaves unsaid. */
export function unstatedOfFlow(edge: FlowEdge, protocol: ProtocolFacts): FlowFact[] {
  const def = edge.def
  const unstated: FlowFact[] = []
  if (def.encrypted === undefined && !protocol.statesEncryption) unstated.push('encrypted')
  if (def.authenticated === undefined && !protocol.authenticates) unstated.push('authenticated')
  if (def.signed === undefined) unstated.push('signed')
  if (def.nonce === undefined) unstated.push('nonce')
  return unstated
}

/** The facts an element leaves unsaid. */
export function unstatedOfNode(node: ElementNode): ElementFact[] {
  const unstated: ElementFact[] = []
  if (!(node.def as { type?: string }).type) unstated.push('type')
  if (node.kind === 'store' && node.def.encrypted === undefined) unstated.push('encrypted')
  if (node.kind === 'process' && node.def.privileged === undefined) unstated.push('privileged')
  return unstated
}

/** How a process's privileges read in a condition: stated, or assumed the worse way. */
export const privilegedOf = (node: ElementNode) => (node.kind === 'process' ? (node.def.privileged ?? true) : false)

/** What is assumed about an element or flow, in words, for a threat's text. */
export interface AssumedSubject {
  kind: string
  name: string
  /** The inferred roles, and where they were read from, for the `type` fact. */
  roles?: readonly string[]
  rolesFrom?: string
  rolesText?: string
}

/**
 * @example
 * assumptionText('authenticated', { kind: 'flow', name: 'Checkout' }) // 'flow "Checkout" does not authenticate its sender'
 */
export function assumptionText(fact: Fact, subject: AssumedSubject): string {
  const name = `"${subject.name}"`
  switch (fact) {
    case 'encrypted':
      return subject.kind === 'flow' ? `flow ${name} is not encrypted` : `${subject.kind} ${name} is not encrypted at rest`
    case 'authenticated':
      return `flow ${name} does not authenticate its sender`
    case 'signed':
      return `messages on flow ${name} are not signed`
    case 'nonce':
      return `messages on flow ${name} carry no nonce or timestamp`
    case 'privileged':
      return `process ${name} runs privileged`
    case 'type':
      return subject.roles?.length
        ? `${subject.kind} ${name} is ${article(subject.roles[0]!)} ${subject.roles.join(', ')} (inferred from its ${subject.rolesFrom} "${subject.rolesText}"; no type is stated)`
        : `${subject.kind} ${name} is of a type that fits the rule (no type is stated)`
    default:
      return `${subject.kind} ${name} has no ${fact.slice('controls.'.length)} control`
  }
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a')

/**
 * The sentence a possible threat's description ends with.
 * @example
 * possibleSentence(['flow "Checkout" does not authenticate its sender'], 'any')
 * // 'Possible threat: it assumes what the model does not say, that flow "Checkout" does not authenticate its sender. Stating that fact the other way removes it.'
 */
export function possibleSentence(assumptions: readonly string[], settledBy: 'any' | 'all'): string {
  const that = assumptions.map((a) => `that ${a}`)
  const list = that.length === 1 ? that[0]! : `${that.slice(0, -1).join('; ')}${settledBy === 'any' ? '; or ' : '; and '}${that[that.length - 1]}`
  const settle =
    assumptions.length === 1 ? 'Stating that fact the other way removes it.' : settledBy === 'any' ? 'Stating any of these facts the other way removes it.' : 'Stating all of these facts the other way removes it.'
  return `Possible threat: it assumes what the model does not say, ${list}. ${settle}`
}
