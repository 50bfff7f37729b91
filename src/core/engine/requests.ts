/**
 * Requests and their answers. A call is one request, from its caller, and perhaps an answer back:
 * a bidirectional flow, or a flow and one in the opposite direction. An element's callers (and so
 * whether it is exposed, or takes untrusted input) come from the requests it receives, never
 * from the answers to calls it made. docs/rules.md says how a flow is read.
 */
import type { ElementNode, FlowEdge, ModelGraph } from '../model/graph.js'

/** Tags that make a flow a call of its own even when it goes back to an element that calls its sender. */
const CALL_TAGS = ['webhook', 'callback']

/**
 * The flows that answer a request made by their `to` end:
 * - a flow out of a store (the reader asked for it);
 * - a flow back to a person who sends to its sender (people start the exchange);
 * - a flow back to an element that sends to its sender, declared after that request.
 * A bidirectional or read-only flow, a flow into a store, a flow from a person and a flow tagged
 * `webhook` or `callback` are requests.
 * @example
 * answersOf(graph).has(graph.flows.get('db-to-api')!) // true: the API read it
 */
export function answersOf(graph: ModelGraph): Set<FlowEdge> {
  const order = new Map<FlowEdge, number>()
  /** The position of the first flow from one element to another. */
  const first = new Map<ElementNode, Map<ElementNode, number>>()
  let index = 0
  for (const flow of graph.flows.values()) {
    order.set(flow, index)
    let from = first.get(flow.from)
    if (!from) first.set(flow.from, (from = new Map()))
    if (!from.has(flow.to)) from.set(flow.to, index)
    index++
  }
  const answers = new Set<FlowEdge>()
  for (const flow of graph.flows.values()) {
    const { from, to, def } = flow
    if (def.bidirectional || def.readonly || to.kind === 'store') continue
    if (def.tags?.some((t) => CALL_TAGS.includes(t))) continue
    if (from.kind === 'store') {
      answers.add(flow)
      continue
    }
    if (isPerson(from)) continue
    const request = first.get(to)?.get(from)
    if (request === undefined) continue
    if (isPerson(to) || request < order.get(flow)!) answers.add(flow)
  }
  return answers
}

const isPerson = (node: ElementNode) => node.kind === 'external' && node.def.type === 'person'
