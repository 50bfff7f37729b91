/**
 * Open Threat Model (JSON or YAML) → moat. Trust zones become boundaries (trustRating → trust,
 * parents kept), components become externals, processes or stores by their type, dataflows become
 * flows, assets keep their CIA ratings, and threat instances with their mitigations become
 * hand-written threats with controls.
 */
import { TRUST_LEVELS } from '../../core/index.js'
import { ModelBuilder, type NodeKind } from '../builder.js'
import { readExtension } from '../extension.js'
import { keepsAsId, keepsAsThreatKey } from '../ids.js'
import { parseStructured } from '../structured.js'
import { addThreat, responseOfStatus } from '../threats.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { bool, compact, dict, isDict, list, num, text, unique, type Dict } from '../values.js'
import { guessControlKind, impactOfScore, likelihoodOfScore, ratingOfScore, trustOfRating } from '../vocabulary.js'

/** Component types (OTM's free text, IriusRisk's catalogue, StartLeft's mappings) → element kinds, first match wins. */
const KIND_BY_TYPE: [RegExp, NodeKind][] = [
  [/client|browser|user|actor|external|device|mobile|android|ios|partner|third[- ]party|saas/i, 'externals'],
  [/database|\bdb\b|-db-|storage|store|bucket|s3|blob|file|queue|cache|redis|postgres|mysql|mongo|sql|dynamo|ldap|vault|log|table/i, 'stores'],
]

/**
 * @example
 * const { model } = importOtm(readFileSync('model.otm.json', 'utf8'))
 */
export function importOtm(source: string): ImportResult {
  const parsed = parseStructured(source)
  const root = dict(parsed.data)
  if (!text(root.otmVersion) || !isDict(root.project)) {
    throw new InteropError('not an Open Threat Model file: "otmVersion" or "project" is missing', 'an OTM file starts with otmVersion: 0.2.0 and a project with a name and an id')
  }
  const project = dict(root.project)
  const b = new ModelBuilder({ name: text(project.name) ?? text(project.id), description: text(project.description), owners: text(project.owner) ? [text(project.owner)] : undefined })

  const zones = list(root.trustZones)
  zones.forEach((z) => {
    const zone = dict(z)
    if (dict(zone.attributes).moat === 'outside') return
    const rating = num(dict(zone.risk).trustRating)
    const exact = text(dict(zone.attributes).moatTrust)
    const trust = exact && (TRUST_LEVELS as readonly string[]).includes(exact) ? exact : rating === undefined ? undefined : trustOfRating(rating)
    b.add('boundaries', text(zone.id), text(zone.name), { name: text(zone.name), description: text(zone.description), type: text(zone.type) === 'trust-boundary' ? undefined : text(zone.type), trust }, keepsAsId(zone.id) ? (zone.id as string) : undefined)
  })
  zones.forEach((z, i) => {
    const zone = dict(z)
    const id = b.ref(text(zone.id))
    const parent = text(dict(zone.parent).trustZone)
    if (id && parent) {
      const p = b.ref(parent)
      if (p) b.update('boundaries', id, { parent: p })
      else b.warn(['trustZones', i, 'parent'], `trust zone "${parent}" is not defined; "${id}" is kept without a parent`)
    }
  })

  list(root.assets).forEach((a, i) => {
    const asset = dict(a)
    const risk = dict(asset.risk)
    const rate = (v: unknown) => (num(v) === undefined ? undefined : ratingOfScore(num(v)!))
    const confidentiality = rate(risk.confidentiality)
    b.add('assets', text(asset.id), text(asset.name), {
      name: text(asset.name),
      description: [text(asset.description), text(risk.comment)].filter(Boolean).join('\n\n') || undefined,
      classification: confidentiality === 'high' ? 'confidential' : undefined,
      confidentiality,
      integrity: rate(risk.integrity),
      availability: rate(risk.availability),
    }, keepsAsId(asset.id) ? (asset.id as string) : undefined)
    if (!isDict(asset.risk)) b.warn(['assets', i], `asset "${text(asset.name) ?? i}" has no risk; moat's defaults apply`)
  })

  const components = list(root.components)
  components.forEach((c, i) => addComponent(b, dict(c), ['components', i]))
  const zoneOf = zoneLookup(components, zones)
  components.forEach((c, i) => placeComponent(b, dict(c), ['components', i], zoneOf))

  list(root.dataflows).forEach((f, i) => addDataflow(b, dict(f), ['dataflows', i]))
  addThreats(b, root, components)
  addLayout(b, root)
  return { ...b.result('otm'), warnings: parsed.locate(b.warnings) }
}

function kindOf(component: Dict): NodeKind {
  const hint = text(dict(component.attributes).moatKind)
  if (hint === 'externals' || hint === 'processes' || hint === 'stores') return hint
  const words = [text(component.type), ...list(component.tags).map(text)].filter(Boolean).join(' ')
  return KIND_BY_TYPE.find(([pattern]) => pattern.test(words))?.[1] ?? 'processes'
}

function addComponent(b: ModelBuilder, c: Dict, path: SourcePath): void {
  const kind = kindOf(c)
  const assets = dict(c.assets)
  const refs = (key: string) => list(assets[key]).map(text).filter((a): a is string => !!a)
  const outOfScope = bool(dict(c.properties)['Out Of Scope']) === true ? text(dict(c.properties)['Reason For Out Of Scope']) ?? 'Out of scope in the source model' : undefined
  b.add(kind, text(c.id), text(c.name), {
    name: text(c.name),
    description: text(c.description),
    ...(kind !== 'externals' && { type: text(c.type) === 'process' || text(c.type) === 'datastore' ? undefined : text(c.type), technology: text(dict(c.attributes).technology) }),
    tags: list(c.tags).map(text).filter(Boolean),
    outOfScope: outOfScope ?? text(dict(c.attributes).outOfScope),
    'x-otm-data': unique([...refs('processed'), ...refs('stored')]),
  }, keepsAsId(c.id) ? (c.id as string) : undefined)
  if (text(c.type) && kind === 'externals' && text(c.type) !== 'external-entity') b.warn([...path, 'type'], `component type "${text(c.type)}" is read as an external entity; moat keeps no type for it`)
}

/** After every component and zone exists: the boundary (through parent components), and asset references. */
function placeComponent(b: ModelBuilder, c: Dict, path: SourcePath, zones: ZoneLookup): void {
  const id = b.ref(text(c.id))
  if (!id) return
  const kind = b.kindOf(id) as NodeKind
  const host = text(dict(c.parent).component)
  if (host) b.warn([...path, 'parent'], `component "${text(c.name) ?? id}" sits inside component "${host}"; moat does not nest elements, so it is placed in that component's boundary`)
  const zone = zones.zoneOf(text(c.id) ?? '')
  const boundary = zone && !zones.outside.has(zone) ? b.ref(zone) : undefined
  if (zone && !boundary && !zones.outside.has(zone)) b.warn([...path, 'parent'], `trust zone "${zone}" is not defined; "${id}" is kept outside every boundary`)
  const entry = b.get(kind, id)!
  const data = list(entry['x-otm-data']).filter((a): a is string => typeof a === 'string')
  const known = data.map((a) => b.ref(a)).filter((a): a is string => !!a && b.kindOf(a) === 'assets')
  if (known.length < data.length) b.warn([...path, 'assets'], `"${id}" refers to assets that are not defined; they are left out`)
  b.update(kind, id, { boundary, data: known, 'x-otm-data': undefined })
}

interface ZoneLookup {
  zoneOf(component: string): string | undefined
  /** moat's stand-in zone for elements outside every boundary (written by the OTM export). */
  outside: Set<string>
}

/** A component's trust zone, through parent components (bounded, so a cycle cannot hang). */
function zoneLookup(components: readonly unknown[], zones: readonly unknown[]): ZoneLookup {
  const parent = new Map<string, Dict>()
  for (const c of components) if (text(dict(c).id)) parent.set(text(dict(c).id)!, dict(dict(c).parent))
  const outside = new Set(zones.map(dict).filter((z) => dict(z.attributes).moat === 'outside').map((z) => text(z.id)).filter((z): z is string => !!z))
  return {
    outside,
    zoneOf(component) {
      let current: string | undefined = component
      for (let i = 0; i < 32 && current; i++) {
        const p = parent.get(current)
        if (!p) return undefined
        if (text(p.trustZone)) return text(p.trustZone)
        current = text(p.component)
      }
      return undefined
    },
  }
}

function addDataflow(b: ModelBuilder, f: Dict, path: SourcePath): void {
  const from = b.ref(text(f.source))
  const to = b.ref(text(f.destination))
  const label = text(f.name) ?? text(f.id) ?? String(path[1])
  if (!b.isNode(from) || !b.isNode(to) || from === to) {
    b.warn(path, `dataflow "${label}" does not connect two different components; it is left out`)
    return
  }
  const data = list(f.assets).map(text).filter((a): a is string => !!a)
  const assets = data.map((a) => b.ref(a)).filter((a): a is string => !!a && b.kindOf(a) === 'assets')
  if (assets.length < data.length) b.warn([...path, 'assets'], `dataflow "${label}" carries assets that are not defined; they are left out`)
  const attributes = dict(f.attributes)
  b.add('flows', text(f.id), text(f.name) ?? `${from} to ${to}`, {
    name: text(f.name),
    description: text(f.description),
    from,
    to,
    protocol: text(attributes.protocol),
    encrypted: bool(attributes.encrypted),
    authenticated: bool(attributes.authenticated),
    data: assets,
    bidirectional: bool(f.bidirectional) === true ? true : undefined,
    tags: list(f.tags).map(text).filter(Boolean),
  }, keepsAsId(f.id) ? (f.id as string) : undefined)
}

function addThreats(b: ModelBuilder, root: Dict, components: readonly unknown[]): void {
  const threatDefs = new Map<string, { def: Dict; index: number }>()
  list(root.threats).forEach((t, index) => {
    const id = text(dict(t).id)
    if (id) threatDefs.set(id, { def: dict(t), index })
  })
  const mitigationDefs = new Map<string, Dict>()
  list(root.mitigations).forEach((m) => {
    const id = text(dict(m).id)
    if (id) mitigationDefs.set(id, dict(m))
  })
  // One moat threat per OTM threat, on every component and flow that has an instance of it.
  const instances = new Map<string, { on: string[]; states: unknown[]; mitigations: { id: string; state: unknown }[]; path: SourcePath }>()
  const collect = (owner: Dict, path: SourcePath) => {
    const on = b.ref(text(owner.id))
    if (!on) return
    list(owner.threats).forEach((inst, i) => {
      const ref = text(dict(inst).threat)
      if (!ref || !threatDefs.has(ref)) return b.warn([...path, 'threats', i], `threat "${ref}" is not defined under "threats"; it is left out`)
      const found = instances.get(ref) ?? { on: [], states: [], mitigations: [], path: [...path, 'threats', i] }
      found.on.push(on)
      found.states.push(dict(inst).state)
      for (const m of list(dict(inst).mitigations)) {
        const mid = text(dict(m).mitigation)
        if (mid) found.mitigations.push({ id: mid, state: dict(m).state })
      }
      instances.set(ref, found)
    })
  }
  components.forEach((c, i) => collect(dict(c), ['components', i]))
  list(root.dataflows).forEach((f, i) => collect(dict(f), ['dataflows', i]))

  const controlOf = new Map<string, string>()
  for (const [ref, found] of instances) {
    const { def, index } = threatDefs.get(ref)!
    const on = unique(found.on)
    const ext = readExtension(dict(def.attributes).moat)
    if (ext?.generated && ref.includes('@')) {
      b.addThreat(undefined, compact({ response: ext.response, status: ext.status, owner: ext.owner, rationale: ext.rationale, ticket: ext.ticket, controls: controlsFor(b, found, mitigationDefs, controlOf, on), likelihood: ext.likelihood, impact: ext.impact }), ref)
      continue
    }
    const risk = dict(def.risk)
    const state = found.states.find((s) => text(s)) ?? undefined
    const controls = controlsFor(b, found, mitigationDefs, controlOf, on)
    const first = b.kindOf(on[0])
    const key = addThreat(b, ['threats', index], {
      title: text(def.name) ?? ref,
      description: text(def.description),
      categories: list(def.categories),
      status: state,
      on,
      kind: first === 'flows' ? 'flow' : first === 'externals' ? 'external' : first === 'stores' ? 'store' : 'process',
      likelihood: ext?.likelihood ?? (num(risk.likelihood) === undefined ? undefined : likelihoodOfScore(num(risk.likelihood)!)),
      impact: ext?.impact ?? (num(risk.impact) === undefined ? undefined : impactOfScore(num(risk.impact)!)),
      extra: { references: list(def.cwes).map(text).filter(Boolean) },
    }, keepsAsThreatKey(ref) ? ref : undefined)
    const response = responseOfStatus(state)
    // A threat whose mitigations are in place counts as mitigated, whatever its state says.
    const implemented = found.mitigations.some((m) => /implemented/i.test(String(m.state)))
    b.update('threats', key, compact({
      controls,
      ...(!response?.response && implemented && { response: 'mitigate', status: 'done' }),
      ...(ext && { response: ext.response, status: ext.status, owner: ext.owner, rationale: ext.rationale, ticket: ext.ticket }),
    }))
  }
  for (const [ref, { def, index }] of threatDefs) {
    if (!instances.has(ref)) b.warn(['threats', index], `threat "${text(def.name) ?? ref}" is not instantiated on any component or dataflow; it is left out`)
  }
  for (const [id, m] of mitigationDefs) {
    if (controlOf.has(id)) continue
    b.warn(['mitigations'], `mitigation "${text(m.name) ?? id}" answers no threat instance; it is imported as a control on nothing`)
    controlOf.set(id, newControl(b, id, m, undefined, []))
  }
}

/** OTM mitigations → moat controls (one per mitigation, on what its threats are on). */
function controlsFor(b: ModelBuilder, found: { mitigations: { id: string; state: unknown }[]; path: SourcePath }, defs: Map<string, Dict>, controlOf: Map<string, string>, on: string[]): string[] {
  const ids: string[] = []
  for (const m of found.mitigations) {
    const def = defs.get(m.id)
    if (!def) {
      b.warn(found.path, `mitigation "${m.id}" is not defined under "mitigations"; it is left out`)
      continue
    }
    let id = controlOf.get(m.id)
    if (!id) {
      id = newControl(b, m.id, def, m.state, found.path)
      controlOf.set(m.id, id)
    }
    const entry = b.get('controls', id)!
    b.update('controls', id, { on: unique([...list(entry.on).map(String), ...on]) })
    if (/implemented/i.test(String(m.state)) && !text(dict(def.attributes).moatStatus)) b.update('controls', id, { status: 'implemented' })
    ids.push(id)
  }
  return unique(ids)
}

function newControl(b: ModelBuilder, foreignId: string, def: Dict, state: unknown, path: SourcePath): string {
  const name = text(def.name) ?? foreignId
  const hinted = text(dict(def.attributes).moatKind)
  const kind = hinted && guessControlKind(hinted) === hinted ? hinted : guessControlKind(`${name} ${text(def.description) ?? ''}`)
  if (!kind) b.warn(path, `mitigation "${name}": no control kind fits its text; it is imported as "hardening": review it`)
  const status = text(dict(def.attributes).moatStatus) === 'planned' ? 'planned' : /implemented/i.test(String(state)) || text(dict(def.attributes).moatStatus) === 'implemented' ? 'implemented' : 'planned'
  return b.add('controls', foreignId, name, { name, description: text(def.description), kind: kind ?? 'hardening', on: [], status }, keepsAsId(foreignId) ? foreignId : undefined)
}

/** Positions from `representations`: one moat diagram per OTM diagram representation. */
function addLayout(b: ModelBuilder, root: Dict): void {
  const diagrams = list(root.representations).map(dict).filter((r) => text(r.type) === 'diagram' && text(r.id))
  if (!diagrams.length) return
  const owners = [...list(root.trustZones), ...list(root.components)].map(dict)
  for (const rep of diagrams) {
    const layout: Record<string, Record<string, number>> = {}
    for (const owner of owners) {
      const id = b.ref(text(owner.id))
      if (!id) continue
      for (const r of list(owner.representations).map(dict)) {
        if (text(r.representation) !== text(rep.id)) continue
        const x = num(dict(r.position).x)
        const y = num(dict(r.position).y)
        if (x === undefined || y === undefined) continue
        layout[id] = compact({ x, y, width: num(dict(r.size).width), height: num(dict(r.size).height) }) as Record<string, number>
      }
    }
    b.add('diagrams', text(rep.id), text(rep.name), { name: text(rep.name), description: text(rep.description), layout: Object.keys(layout).length ? layout : undefined }, keepsAsId(rep.id) ? (rep.id as string) : undefined)
  }
}
