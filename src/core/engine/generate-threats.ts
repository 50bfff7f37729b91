/**
 * The rule engine: every in-scope element and flow against every rule that targets its kind.
 * Rules are compiled once (load-rules.ts); each element's context is built once (context.ts).
 * A threat that rests on facts the model leaves unsaid is possible (assumptions.ts); parallel
 * flows between the same two elements raise a rule once.
 */
import { warning, type Diagnostic } from '../diagnostics.js'
import type { ElementNode, FlowEdge, ModelGraph } from '../model/graph.js'
import type { Control } from '../model/schema.js'
import type { ElementKind } from '../model/vocabulary.js'
import type { CompiledRule } from '../rules/load-rules.js'
import { settlementOf, type FactRef } from './assumptions.js'
import { conjunctsOf } from './conjuncts.js'
import { createContexts, type RuleContext } from './context.js'
import { inferRoles } from './roles.js'
import type { UnstatedFact } from './threat.js'
import { assumptionText } from './unstated-facts.js'

export interface RawThreat {
  id: string
  rule: CompiledRule
  title: string
  elementId: string
  elementKind: ElementKind
  /** Flows parallel to `elementId` (between the same two elements) on which the rule fired too, in model order. */
  alsoOn: string[]
  mitigatedBy: string[]
  /** The unstated facts the threat rests on; empty when it is definite. */
  unstated: UnstatedFact[]
  /** Stating any one of `unstated` settles it, or only all of them. */
  settledBy: 'any' | 'all' | null
}

export interface GenerateOptions {
  /** Rule ids switched off. */
  disabled?: ReadonlySet<string>
}

export function generateThreats(graph: ModelGraph, rules: readonly CompiledRule[], options: GenerateOptions = {}) {
  const byKind = new Map<ElementKind, CompiledRule[]>()
  for (const rule of rules) {
    if (options.disabled?.has(rule.id)) continue
    if (rule.systemKind && rule.systemKind !== graph.model.system.kind) continue
    for (const kind of rule.targets) byKind.set(kind, [...(byKind.get(kind) ?? []), rule])
  }
  const contexts = createContexts(graph)
  const describe = describeFact(graph)
  const threats: RawThreat[] = []
  const failures = new Map<CompiledRule, string>()

  interface Subject {
    id: string
    context: RuleContext
    protectors: () => [string, Control][]
  }
  const subjects = new Map<ElementKind, Subject[]>()
  const add = (kind: ElementKind, subject: Subject) => {
    const list = subjects.get(kind)
    if (list) list.push(subject)
    else subjects.set(kind, [subject])
  }
  for (const node of graph.nodes.values()) {
    if (node.inScope) add(node.kind, { id: node.id, context: contexts.forNode(node), protectors: () => protectorsOfNode(node) })
  }
  for (const flow of graph.flows.values()) {
    if (flow.inScope) add('flow', { id: flow.id, context: contexts.forFlow(flow), protectors: () => protectorsOfFlow(flow) })
  }

  // Rule by rule, over every element of its kinds: one condition stays hot in the interpreter,
  // which runs about twice as fast as trying every rule on one element after another.
  for (const [kind, rulesOfKind] of byKind) {
    const list = subjects.get(kind) ?? []
    for (const rule of rulesOfKind) {
      for (const { id, context, protectors } of list) {
        let fired: unknown
        try {
          fired = rule.condition(context)
        } catch (cause) {
          if (!failures.has(rule)) failures.set(rule, `${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)} (on "${id}")`)
          continue
        }
        if (fired !== true) continue
        const mitigatedBy = rule.controls.length
          ? unique(protectors().filter(([, c]) => rule.controls.includes(c.kind)).map(([cid]) => cid))
          : []
        const settlement = settlementOf(conjunctsOf(rule), context)
        threats.push({
          id: `${rule.id}@${id}`, rule, title: compileTemplate(rule.title)(context), elementId: id, elementKind: kind, alsoOn: [], mitigatedBy,
          unstated: settlement ? settlement.facts.map(describe) : [], settledBy: settlement ? (settlement.together ? 'all' : 'any') : null,
        })
      }
    }
  }

  const diagnostics: Diagnostic[] = [...failures].map(([rule, message]) => ({
    ...warning('rule-failed', ['rules', rule.index, 'when'], `rule "${rule.id}" could not be evaluated: ${message}`, 'fix the rule\'s condition, or disable the rule in the model\'s "rules.disable"'),
    source: rule.origin,
  }))
  return { threats: mergeParallelFlows(graph, threats), diagnostics }
}

/** An unstated fact with its words, for a threat's text. */
function describeFact(graph: ModelGraph) {
  return (ref: FactRef): UnstatedFact => {
    const flow = graph.flows.get(ref.subject)
    const node = flow ? undefined : graph.nodes.get(ref.subject)
    const name = flow?.name ?? node?.name ?? ref.subject
    const inferred =
      ref.fact === 'type' && node
        ? inferRoles({ technology: String((node.def as { technology?: string }).technology ?? '').toLowerCase(), name: node.name, id: node.id })
        : undefined
    return {
      element: ref.subject,
      fact: ref.fact,
      assumed: inferred ? inferred.roles : ref.fact === 'privileged',
      text: assumptionText(ref.fact, { kind: ref.kind, name, roles: inferred?.roles, rolesFrom: inferred?.from, rolesText: inferred?.text }),
    }
  }
}

/**
 * One threat per rule and pair of elements: where a rule fires on several flows between the same
 * two elements (a request and its response, two parallel connections), the first flow in model
 * order keeps the threat, with the others listed in `alsoOn`. The merged threat is mitigated by the
 * controls that mitigate every one of them, definite when one of them is, and otherwise rests on
 * all their unstated facts together.
 */
function mergeParallelFlows(graph: ModelGraph, threats: RawThreat[]): RawThreat[] {
  const first = new Map<string, RawThreat>()
  const merged: RawThreat[] = []
  for (const threat of threats) {
    const flow = threat.elementKind === 'flow' ? graph.flows.get(threat.elementId) : undefined
    if (!flow) {
      merged.push(threat)
      continue
    }
    const [a, b] = flow.from.id < flow.to.id ? [flow.from.id, flow.to.id] : [flow.to.id, flow.from.id]
    const key = `${threat.rule.id}\u0000${a}\u0000${b}`
    const kept = first.get(key)
    if (!kept) {
      first.set(key, threat)
      merged.push(threat)
      continue
    }
    kept.alsoOn.push(threat.elementId)
    kept.mitigatedBy = kept.mitigatedBy.filter((c) => threat.mitigatedBy.includes(c))
    if (kept.settledBy === null || threat.settledBy === null) {
      kept.unstated = []
      kept.settledBy = null
    } else {
      const known = new Set(kept.unstated.map((f) => `${f.element}\u0000${f.fact}`))
      const added = threat.unstated.filter((f) => !known.has(`${f.element}\u0000${f.fact}`))
      kept.unstated.push(...added)
      if (added.length || threat.settledBy === 'all') kept.settledBy = 'all'
    }
  }
  return merged
}

const pairs = (node: { controls: Control[]; controlIds: string[] }): [string, Control][] =>
  node.controls.map((c, i) => [node.controlIds[i]!, c])

/**
 * Where a control counts for a threat: on the element itself; for an external, also on the
 * processes it talks to (they authenticate it and log what it does); for a flow, also on both ends
 * (the endpoints terminate TLS and check what arrives).
 */
function protectorsOfNode(node: ElementNode): [string, Control][] {
  if (node.kind !== 'external') return pairs(node)
  const peers = [...node.outputs.map((f) => f.to), ...node.inputs.map((f) => f.from)].filter((n) => n !== node && n.kind === 'process')
  return [...pairs(node), ...peers.flatMap(pairs)]
}

const protectorsOfFlow = (flow: FlowEdge): [string, Control][] => [...pairs(flow), ...pairs(flow.to), ...pairs(flow.from)]

const unique = <T>(items: T[]) => [...new Set(items)]

/** `{{element.name}}` → the value at that path in the context; unknown paths are left as written. */
export function fillTemplate(template: string, context: RuleContext): string {
  return compileTemplate(template)(context)
}

type Template = (context: RuleContext) => string
const templates = new Map<string, Template>()

/** A title template split once into text and paths, since it is filled for every threat. */
function compileTemplate(template: string): Template {
  const known = templates.get(template)
  if (known) return known
  const parts = template.split(/\{\{\s*([\w.]+)\s*\}\}/)
  const compiled: Template =
    parts.length === 1
      ? () => template
      : (context) => {
          let out = parts[0]!
          for (let i = 1; i < parts.length; i += 2) {
            let value: unknown = context
            for (const step of parts[i]!.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined
            out += (value === undefined || value === null || typeof value === 'object' ? `{{${parts[i]}}}` : String(value)) + parts[i + 1]!
          }
          return out
        }
  templates.set(template, compiled)
  return compiled
}

