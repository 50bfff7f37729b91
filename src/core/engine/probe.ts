/**
 * A probe: a condition evaluated on a context where some unstated facts are shown at their safe
 * value, recording every unstated fact it reads. The context's views are plain objects that the
 * ordinary evaluation reads at full speed; a probe reads their fields through `shownField`: from
 * plain JavaScript for simple tests (prefilter.ts), else from CEL through proxies. Only the parts
 * of a condition that can read a fact are probed (conjuncts.ts), and only for threats that fired
 * (assumptions.ts).
 */
import { FACT_OF_FIELD, SAFE_CONTROL, SAFE_FIELDS, isControlKind, type Fact } from './unstated-facts.js'

/** One unstated fact: about which element or flow, and what. */
export interface FactRef {
  /** The id of the element or flow. */
  subject: string
  /** Its kind: external, process, store or flow. */
  kind: string
  fact: Fact
}

/** Which unstated facts a probe shows at their safe value: all of them, one, or none (`null`). */
export type Safe = 'all' | FactRef | null

/**
 * The control kinds the model states for a view's `controls`, implemented or planned: a kind
 * missing here is an unstated fact. Kept beside the map, out of the conditions' sight.
 */
export const STATED_CONTROLS = new WeakMap<object, ReadonlySet<string>>()

/** The fields of the context and of its views that hold views; no other value holds an unstated fact. */
const HOLDS_VIEWS = new Set(['element', 'source', 'target', 'inputs', 'outputs', 'callers', 'callees', 'siblings'])

type View = Record<string, unknown> & { id: string; kind: string; unstated: string[]; controls: Record<string, boolean> }

/** Views (FlowView, NodeSummary, ElementView) are the objects that list their unstated facts. */
const isView = (value: Record<string, unknown>): value is View => Array.isArray(value.unstated) && typeof value.id === 'string'

/**
 * One FactRef per fact of an element or flow, so probes compare facts by identity. An element's
 * summary and its full view share their `unstated` list, which keys its facts here.
 */
const refs = new WeakMap<readonly string[], Map<string, FactRef>>()

export function factRef(view: { kind: string; id: string; unstated: readonly string[] }, fact: Fact): FactRef {
  let ofView = refs.get(view.unstated)
  if (!ofView) {
    ofView = new Map()
    refs.set(view.unstated, ofView)
  }
  let ref = ofView.get(fact)
  if (!ref) {
    ref = { subject: view.id, kind: view.kind, fact }
    ofView.set(fact, ref)
  }
  return ref
}

/** What the probe running now shows safe, and the unstated facts read so far. */
interface ProbeState {
  safe: Safe
  reads: Set<FactRef>
}
// Probes run one at a time and synchronously, so one state, one handler and one set of proxies
// serve them all: a view gets its proxy once, however many probes read it.
let state: ProbeState | undefined

const showsSafe = (view: View, fact: Fact) => {
  const { safe, reads } = state!
  const ref = factRef(view, fact)
  reads.add(ref)
  return safe === 'all' || safe === ref
}

const proxies = new WeakMap<object, object>()
const wrap = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value
  let proxy = proxies.get(value)
  if (!proxy) {
    // A frozen object may not be shown otherwise than it is; the frozen ones hold no unstated fact.
    if (Object.isFrozen(value)) return value
    proxy = new Proxy(value as Record<string, unknown>, handler)
    proxies.set(value, proxy)
  }
  return proxy
}

const controlProxies = new WeakMap<View, object>()
const controlsOf = (view: View) => {
  let proxy = controlProxies.get(view)
  if (!proxy) {
    const stated = STATED_CONTROLS.get(view.controls)
    proxy = new Proxy(view.controls, {
      get(target, key) {
        const value = target[key as string]
        if (typeof key !== 'string' || !isControlKind(key) || stated?.has(key)) return value
        return showsSafe(view, `controls.${key}`) ? SAFE_CONTROL : value
      },
    })
    controlProxies.set(view, proxy)
  }
  return proxy
}

/**
 * A field of an object as the running probe shows it: a view's unstated fact at its safe value
 * when the probe says so (noting the read), its `unstated` list without those, its `controls`
 * through a proxy that notes the kinds read. Anything else as it is.
 */
export function shownField(object: Record<string, unknown>, key: string): unknown {
  const value = object[key]
  if (state === undefined || !isView(object)) return value
  if (key === 'controls') return controlsOf(object)
  const unstated = object.unstated
  if (unstated.length === 0) return value
  if (key === 'unstated') return unstated.filter((fact) => !showsSafe(object, fact as Fact))
  const fact = FACT_OF_FIELD.get(key)
  if (fact !== undefined && unstated.includes(fact)) return showsSafe(object, fact) ? SAFE_FIELDS[fact][key] : value
  return value
}

const handler: ProxyHandler<Record<string, unknown>> = {
  get(target, key) {
    if (typeof key !== 'string') return target[key as unknown as string]
    if (Array.isArray(target)) return wrap(target[key])
    const value = isView(target) ? shownField(target, key) : target[key]
    return HOLDS_VIEWS.has(key) ? wrap(value) : value
  },
}

/** Where a field that may show a fact is read: the path to the view that holds it, and the field. */
export interface FactSite {
  owner: readonly string[]
  field: string
  /** `controls.KIND`: the field is a control kind in the view's `controls`. */
  control: boolean
}

/** The fact sites of field paths: every path, split once into where its field sits. */
export const factSitesOf = (paths: readonly string[][]): FactSite[] =>
  paths.map((path) => {
    const control = path.length >= 3 && path[path.length - 2] === 'controls'
    return { owner: path.slice(0, control ? -2 : -1), field: path[path.length - 1]!, control }
  })

/**
 * The unstated facts that reading these sites may read, found by walking the views without a
 * probe: a field that shows a fact the view leaves unsaid, its `unstated` list, a control kind the
 * model does not state.
 */
export function factsAt(sites: readonly FactSite[], context: object): Set<FactRef> {
  const facts = new Set<FactRef>()
  for (const { owner: steps, field, control } of sites) {
    let owner: unknown = context
    for (const key of steps) owner = typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>)[key] : undefined
    if (typeof owner !== 'object' || owner === null || !isView(owner as Record<string, unknown>)) continue
    const view = owner as View
    if (control) {
      if (isControlKind(field) && !STATED_CONTROLS.get(view.controls)?.has(field)) facts.add(factRef(view, `controls.${field}`))
    } else if (field === 'unstated') {
      for (const fact of view.unstated) facts.add(factRef(view, fact as Fact))
    } else {
      const fact = FACT_OF_FIELD.get(field)
      // Without a type and without inferred roles, stating a type leaves `roles` and `rolesInferred` as they are.
      if (fact === 'type' && (field === 'roles' || field === 'rolesInferred') && (view.roles as unknown[]).length === 0) continue
      if (fact !== undefined && view.unstated.includes(fact)) facts.add(factRef(view, fact))
    }
  }
  return facts
}

/** A condition to probe: as plain JavaScript that reads through `shownField` where it can, else as CEL. */
export interface Probed {
  /** true, false, or UNDECIDED (then `condition` decides). */
  exact?: (context: object) => boolean | symbol
  condition: (context: object) => unknown
}

/**
 * Evaluates a condition on the context as the probe shows it: the `safe` unstated facts at their
 * safe value; returns whether it holds, and the unstated facts it read. A condition that fails
 * does not hold.
 * @example
 * probe(part, context, authenticationOfCheckout)
 * // { result: false, reads: Set { { subject: 'checkout', kind: 'flow', fact: 'authenticated' } } }
 */
export function probe(part: Probed, context: object, safe: Safe): { result: boolean; reads: Set<FactRef> } {
  const reads = new Set<FactRef>()
  const outer = state
  state = { safe, reads }
  let result = false
  try {
    const decided = part.exact?.(context)
    result = typeof decided === 'boolean' ? decided : part.condition(wrap(context) as object) === true
  } catch {
    // A part that fails on a variant does not hold there.
  } finally {
    state = outer
  }
  return { result, reads }
}
