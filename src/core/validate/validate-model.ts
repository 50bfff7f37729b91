/**
 * Plain data → a checked model. The schema checks shapes; this file checks what a schema cannot:
 * ids unique across the model, every reference resolving to the right kind of thing, boundary
 * nesting without cycles, hand-written threats complete, protocol messages ordered.
 */
import { didYouMean, error, hasErrors, quoted, warning, type Diagnostic } from '../diagnostics.js'
import { ModelSchema, type Model } from '../model/schema.js'
import { issueToDiagnostic, unknownFieldWarnings } from './schema-issues.js'

export interface Validated {
  /** Present only when there is no error. */
  model?: Model
  diagnostics: Diagnostic[]
}

/** Collections whose keys share one id space. */
export const ID_COLLECTIONS = [
  'assets', 'actors', 'boundaries', 'externals', 'processes', 'stores', 'flows', 'controls', 'diagrams', 'assumptions',
] as const
type IdCollection = (typeof ID_COLLECTIONS)[number]

/**
 * @example
 * const { model, diagnostics } = validateModel(parseSource(text).data)
 * if (!model) diagnostics.forEach(print)
 */
export function validateModel(data: unknown): Validated {
  if (data === undefined || data === null) {
    return { diagnostics: [error('empty', [], 'the model is empty', 'start from `moat init`, or write "moat: 1" and a "system:" map')] }
  }
  const parsed = ModelSchema.safeParse(data)
  const diagnostics = unknownFieldWarnings(ModelSchema, data)
  if (!parsed.success) {
    const shapeErrors = parsed.error.issues.map((issue) => issueToDiagnostic(issue, data))
    diagnostics.push(...shapeErrors, ...referencesDespiteShapeErrors(data, shapeErrors))
    return { diagnostics }
  }
  const model = parsed.data
  diagnostics.push(...checkReferences(model))
  return hasErrors(diagnostics) ? { diagnostics } : { model, diagnostics }
}


/**
 * With shape errors there is no typed model, but the references are still worth checking, so a
 * user sees every problem in one run. Where a field has a shape error, its reference is not
 * reported again; a structure too broken to walk yields no reference diagnostics.
 */
function referencesDespiteShapeErrors(data: unknown, shapeErrors: Diagnostic[]): Diagnostic[] {
  if (data === null || typeof data !== 'object' || !('system' in data)) return []
  const broken = shapeErrors.map((d) => d.path.join('\u0000'))
  const covered = (d: Diagnostic) => {
    const path = d.path.join('\u0000')
    return broken.some((b) => path === b || path.startsWith(`${b}\u0000`) || b.startsWith(`${path}\u0000`))
  }
  try {
    const system = (data as { system?: unknown }).system
    const model = { ...data, system: system && typeof system === 'object' ? system : {} } as Model
    return checkReferences(model).filter((d) => !covered(d))
  } catch {
    return []
  }
}

const REFERENCE_HINT: Record<string, string> = {
  boundaries: 'declare it under "boundaries:" or fix the id',
  assets: 'declare it under "assets:" or fix the id',
  controls: 'declare it under "controls:" or fix the id',
  nodes: 'flows connect externals, processes and stores: declare it under one of those, or fix the id',
}

export function checkReferences(model: Model): Diagnostic[] {
  const found: Diagnostic[] = []
  const owner = new Map<string, IdCollection>()
  for (const collection of ID_COLLECTIONS) {
    for (const id of Object.keys(model[collection] ?? {})) {
      const first = owner.get(id)
      if (first) {
        found.push({
          ...error('duplicate-id', [collection, id], `id "${id}" is used twice: in ${first} and in ${collection}`, 'ids are unique across the whole model: rename one of them'),
          target: 'key',
        })
      } else owner.set(id, collection)
    }
  }
  const kindsOf = (...collections: IdCollection[]) => (id: string) => collections.includes(owner.get(id)!)
  const isNode = kindsOf('externals', 'processes', 'stores')
  const isBoundary = kindsOf('boundaries')
  const isAsset = kindsOf('assets')
  const isControl = kindsOf('controls')
  const isProtected = kindsOf('externals', 'processes', 'stores', 'flows', 'boundaries')
  const isDrawable = kindsOf('externals', 'processes', 'stores', 'flows', 'boundaries')
  const candidates = (test: (id: string) => boolean) => [...owner.keys()].filter(test)

  const expect = (
    path: (string | number)[],
    id: string | undefined,
    test: (id: string) => boolean,
    what: string,
    hint: string,
  ) => {
    if (id === undefined || test(id)) return
    const actual = owner.get(id)
    found.push(
      actual
        ? error('wrong-reference', path, `${quoted(id)} is ${singular(actual)}, but ${what} is expected here`, hint)
        : error('unknown-reference', path, `${quoted(id)} is not defined${didYouMean(id, candidates(test))}; ${what} is expected here`, hint),
    )
  }
  const expectAll = (path: (string | number)[], ids: readonly string[] | undefined, test: (id: string) => boolean, what: string, hint: string) =>
    ids?.forEach((id, i) => expect([...path, i], id, test, what, hint))

  for (const [id, boundary] of Object.entries(model.boundaries ?? {})) {
    expect(['boundaries', id, 'parent'], boundary.parent, isBoundary, 'a boundary', REFERENCE_HINT.boundaries!)
  }
  found.push(...boundaryCycles(model))
  for (const collection of ['externals', 'processes', 'stores'] as const) {
    for (const [id, element] of Object.entries(model[collection] ?? {})) {
      expect([collection, id, 'boundary'], element.boundary, isBoundary, 'a boundary', REFERENCE_HINT.boundaries!)
      expectAll([collection, id, 'data'], element.data, isAsset, 'an asset', REFERENCE_HINT.assets!)
    }
  }
  for (const [id, flow] of Object.entries(model.flows ?? {})) {
    expect(['flows', id, 'from'], flow.from, isNode, 'an external, process or store', REFERENCE_HINT.nodes!)
    expect(['flows', id, 'to'], flow.to, isNode, 'an external, process or store', REFERENCE_HINT.nodes!)
    expectAll(['flows', id, 'data'], flow.data, isAsset, 'an asset', REFERENCE_HINT.assets!)
    if (flow.from === flow.to) found.push(error('self-flow', ['flows', id, 'to'], `flow "${id}" goes from "${flow.from}" to itself`, 'a flow connects two different elements; describe internal steps in a refinement diagram'))
  }
  for (const [id, actor] of Object.entries(model.actors ?? {})) {
    expectAll(['actors', id, 'via'], actor.via, isNode, 'an external, process or store', REFERENCE_HINT.nodes!)
    expect(['actors', id, 'boundary'], actor.boundary, isBoundary, 'a boundary', REFERENCE_HINT.boundaries!)
  }
  for (const [id, control] of Object.entries(model.controls ?? {})) {
    expectAll(['controls', id, 'on'], control.on, isProtected, 'an element, flow or boundary', 'name what the control protects by its id')
  }
  for (const [id, diagram] of Object.entries(model.diagrams ?? {})) {
    expect(['diagrams', id, 'refines'], diagram.refines, kindsOf('processes'), 'a process', 'a diagram refines a process: name its id')
    expectAll(['diagrams', id, 'elements'], diagram.elements, isDrawable, 'an element, flow or boundary', 'list the ids of what the diagram shows')
    for (const key of Object.keys(diagram.layout ?? {})) {
      expect(['diagrams', id, 'layout', key], key, isDrawable, 'an element, flow or boundary', 'layout positions are keyed by element id')
    }
  }
  for (const [id, threat] of Object.entries(model.threats ?? {})) {
    expectAll(['threats', id, 'controls'], threat.controls, isControl, 'a control', REFERENCE_HINT.controls!)
    expectAll(['threats', id, 'on'], threat.on, kindsOf('externals', 'processes', 'stores', 'flows'), 'an element or flow', 'name the elements or flows the threat concerns')
    if (threat.title !== undefined) {
      if (!threat.category) found.push(error('missing-field', ['threats', id], `threat "${id}" is written by hand (it has a title) but has no category`, 'add "category:" with a STRIDE category, e.g. tampering'))
      if (!threat.on?.length) found.push(error('missing-field', ['threats', id], `threat "${id}" is written by hand (it has a title) but is "on" nothing`, 'add "on: [element-id]" naming what it threatens'))
    } else if (!id.includes('@')) {
      found.push(warning('incomplete-threat', ['threats', id], `threat "${id}" has no title and is not a generated threat id (RULE@ELEMENT)`, 'add a title, category and "on" for a threat of your own, or use the id `moat threats` prints'))
    }
  }
  if (model.system.kind === 'protocol') found.push(...protocolChecks(model))
  return found
}

function protocolChecks(model: Model): Diagnostic[] {
  const found: Diagnostic[] = []
  const orders = new Map<number, string>()
  for (const [id, flow] of Object.entries(model.flows ?? {})) {
    for (const end of ['from', 'to'] as const) {
      if (model.stores && Object.hasOwn(model.stores, flow[end])) {
        found.push(error('protocol-party', ['flows', id, end], `in a protocol model messages pass between parties; "${flow[end]}" is a store`, 'make the party an external or a process, or model storage in a product model'))
      }
    }
    if (flow.order === undefined) {
      found.push(warning('missing-order', ['flows', id], `message "${id}" has no "order"`, 'give each message its position in the exchange: order: 1, 2, ...'))
    } else if (orders.has(flow.order)) {
      found.push(warning('duplicate-order', ['flows', id, 'order'], `messages "${orders.get(flow.order)}" and "${id}" both have order ${flow.order}`, 'give each message its own position'))
    } else orders.set(flow.order, id)
  }
  return found
}

function boundaryCycles(model: Model): Diagnostic[] {
  const boundaries = model.boundaries ?? {}
  const found: Diagnostic[] = []
  for (const start of Object.keys(boundaries)) {
    const seen = new Set<string>([start])
    for (let b = boundaries[start]?.parent; b !== undefined; b = boundaries[b]?.parent) {
      if (b === start) {
        found.push(error('boundary-cycle', ['boundaries', start, 'parent'], `boundary "${start}" is inside itself through its parents`, 'a boundary\'s parent chain must end at a boundary without parent'))
        break
      }
      if (seen.has(b)) break
      seen.add(b)
    }
  }
  return found
}

const singular = (collection: IdCollection) =>
  ({
    assets: 'an asset', actors: 'an actor', boundaries: 'a boundary', externals: 'an external', processes: 'a process',
    stores: 'a store', flows: 'a flow', controls: 'a control', diagrams: 'a diagram', assumptions: 'an assumption',
  })[collection]
