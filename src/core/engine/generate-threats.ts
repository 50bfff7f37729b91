/**
 * The rule engine: every in-scope element and flow against every rule that targets its kind.
 * Rules are compiled once (load-rules.ts); each element's context is built once (context.ts).
 */
import { warning, type Diagnostic } from '../diagnostics.js'
import type { ElementNode, FlowEdge, ModelGraph } from '../model/graph.js'
import type { Control } from '../model/schema.js'
import type { ElementKind } from '../model/vocabulary.js'
import type { CompiledRule } from '../rules/load-rules.js'
import { createContexts, type RuleContext } from './context.js'

export interface RawThreat {
  id: string
  rule: CompiledRule
  title: string
  elementId: string
  elementKind: ElementKind
  mitigatedBy: string[]
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
        threats.push({ id: `${rule.id}@${id}`, rule, title: compileTemplate(rule.title)(context), elementId: id, elementKind: kind, mitigatedBy })
      }
    }
  }

  const diagnostics: Diagnostic[] = [...failures].map(([rule, message]) => ({
    ...warning('rule-failed', ['rules', rule.index, 'when'], `rule "${rule.id}" could not be evaluated: ${message}`, 'fix the rule\'s condition, or disable the rule in the model\'s "rules.disable"'),
    source: rule.origin,
  }))
  return { threats, diagnostics }
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

