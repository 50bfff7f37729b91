/**
 * Open Threat Model (JSON or YAML) → moat. Trust zones become boundaries (trustRating → trust,
 * parents kept); components become externals, processes or stores by their type, and networks
 * (VPCs, subnets, security groups, ...) become boundaries nested where the source nests them;
 * dataflows become flows, assets keep their CIA ratings, threat instances become hand-written
 * threats, and mitigations become controls where their kind is stated. Positions, relative to
 * the parent in OTM, become absolute positions in each diagram's layout. What moat has no field
 * for is kept under `x-otm`; what is dropped is warned.
 */
import { TRUST_LEVELS } from '../../core/index.js'
import { ModelBuilder, type NodeKind } from '../builder.js'
import { readExtension } from '../extension.js'
import { keepsAsId, keepsAsThreatKey } from '../ids.js'
import { parseStructured } from '../structured.js'
import { addThreat, responseOfStatus } from '../threats.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { bool, compact, dict, isDict, list, num, text, unique, type Dict } from '../values.js'
import { impactOfScore, likelihoodOfScore, ratingOfScore, trustOfRating } from '../vocabulary.js'
import { readComponent, type ComponentReading } from './component-types.js'
import { attributesOf, codeRepresentations, extra, keep, KNOWN, unmappedDrawing } from './fields.js'
import { answeredCategories, MitigationControls, type Instances } from './mitigations.js'
import { place, type Drawn } from './positions.js'

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
  const owner = text(project.owner) && (text(project.ownerContact) ? `${text(project.owner)} (${text(project.ownerContact)})` : text(project.owner))
  const b = new ModelBuilder({
    name: text(project.name) ?? text(project.id),
    description: text(project.description),
    owners: owner ? [owner] : undefined,
    links: list(root.representations).map(dict).filter((r) => text(r.type) === 'code').map((r) => text(dict(r.repository).url)).filter(Boolean),
    'x-otm': keep({
      id: text(project.id),
      ...(!owner && { ownerContact: text(project.ownerContact) }),
      tags: list(project.tags).map(text).filter(Boolean),
      attributes: project.attributes,
      code: codeRepresentations(root),
      ...extra(project, KNOWN.project),
      ...extra(root, KNOWN.root),
    }),
  })
  list(root.representations).map(dict).forEach((r, i) => {
    if (text(r.type) !== 'diagram' && text(r.type) !== 'code') b.warn(['representations', i], `representation "${text(r.name) ?? i}" of type "${text(r.type)}" is neither a diagram nor code; it is not imported`)
  })

  const zones = list(root.trustZones).map(dict)
  zones.forEach((zone, i) => addZone(b, zone, ['trustZones', i]))

  list(root.assets).forEach((a, i) => addAsset(b, dict(a), ['assets', i]))

  const components = list(root.components).map((c, i) => ({ raw: dict(c), path: ['components', i] as SourcePath }))
  const outside = new Set(zones.filter((z) => dict(z.attributes).moat === 'outside').map((z) => text(z.id)).filter((z): z is string => !!z))
  for (const c of components) addComponent(b, c.raw, c.path)
  const byKey = new Map(components.map((c) => [text(c.raw.id) ?? '', c]))
  for (const c of components) placeComponent(b, c.raw, c.path, byKey, outside)
  // A zone's parent is a zone, or a component read as a boundary (a zone inside a VPC).
  zones.forEach((zone, i) => {
    const id = b.ref(text(zone.id))
    const parent = text(dict(zone.parent).trustZone) ?? text(dict(zone.parent).component)
    if (!id || !parent) return
    const p = b.ref(parent)
    if (p && b.kindOf(p) === 'boundaries' && !wouldCycle(b, id, p)) b.update('boundaries', id, { parent: p })
    else if (p) b.warn(['trustZones', i, 'parent'], `trust zone "${text(zone.name) ?? id}" sits inside component "${parent}", which is an element, not a boundary; it is kept without a parent`)
    else b.warn(['trustZones', i, 'parent'], `"${parent}" is not defined; trust zone "${text(zone.name) ?? id}" is kept without a parent`)
  })

  inheritTrust(b, components)
  list(root.dataflows).forEach((f, i) => addDataflow(b, dict(f), ['dataflows', i]))
  addThreats(b, root)
  addLayout(b, root, zones, components)
  return { ...b.result('otm'), warnings: parsed.locate(b.warnings) }
}

function addZone(b: ModelBuilder, zone: Dict, path: SourcePath): void {
  if (dict(zone.attributes).moat === 'outside') return
  const rating = num(dict(zone.risk).trustRating)
  const exact = text(dict(zone.attributes).moatTrust)
  const trust = exact && (TRUST_LEVELS as readonly string[]).includes(exact) ? exact : rating === undefined ? undefined : trustOfRating(rating)
  if (rating === undefined && !exact) b.warn(path, `trust zone "${text(zone.name) ?? text(zone.id)}" has no trustRating; moat's default trust applies`)
  const { attributes, rest } = attributesOf(zone)
  b.add('boundaries', text(zone.id), text(zone.name), {
    name: text(zone.name),
    description: text(zone.description),
    type: text(zone.type) === 'trust-boundary' ? undefined : text(zone.type),
    trust,
    attributes,
    'x-otm': keep({ attributes: rest, representations: unmappedDrawing(zone), ...extra(zone, KNOWN.zone) }),
  }, keepsAsId(zone.id) ? (zone.id as string) : undefined)
}

function addAsset(b: ModelBuilder, asset: Dict, path: SourcePath): void {
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
    'x-otm': keep({ attributes: asset.attributes, ...extra(asset, KNOWN.asset) }),
  }, keepsAsId(asset.id) ? (asset.id as string) : undefined)
  if (!isDict(asset.risk)) b.warn(path, `asset "${text(asset.name) ?? path[1]}" has no risk; moat's defaults apply`)
}

function readingOf(c: Dict): ComponentReading {
  const hint = text(dict(c.attributes).moatKind)
  if (hint === 'externals' || hint === 'processes' || hint === 'stores') return { kind: hint }
  return readComponent(text(c.type), list(c.tags).map(text).filter((t): t is string => !!t), text(c.name)) ?? { kind: 'processes' }
}

function addComponent(b: ModelBuilder, c: Dict, path: SourcePath): void {
  const reading = readingOf(c)
  const otmType = text(c.type)
  const { attributes, rest } = attributesOf(c)
  const props = dict(c.properties)
  const common = {
    name: text(c.name),
    description: text(c.description),
    tags: list(c.tags).map(text).filter(Boolean),
    attributes,
    'x-otm': keep({ attributes: rest, representations: unmappedDrawing(c), ...extra(c, KNOWN.component) }),
  }
  const preferred = keepsAsId(c.id) ? (c.id as string) : undefined
  if (reading.kind === 'boundaries') {
    b.add('boundaries', text(c.id), text(c.name), { ...common, type: reading.type, 'x-otm': keep({ ...common['x-otm'], type: otmType }) }, preferred)
    if (list(c.threats).length) b.warn([...path, 'threats'], `"${text(c.name)}" is read as a boundary (a ${reading.type}); its threat instances are left out, since moat's threats concern elements and flows`)
    return
  }
  const kind = reading.kind
  const outOfScope = bool(props['Out Of Scope']) === true ? text(props['Reason For Out Of Scope']) ?? 'Out of scope in the source model' : text(dict(c.attributes).outOfScope)
  // The OTM type is kept as the technology when moat's type says the role; unread, it is the type.
  const technology = text(dict(c.attributes).technology)
  const plain = otmType === 'process' || otmType === 'datastore' || otmType === 'external-entity'
  b.add(kind, text(c.id), text(c.name), {
    ...common,
    ...(kind === 'externals'
      ? externalType(reading, otmType, plain, common['x-otm'])
      : reading.type
        ? { type: reading.type, technology: technology ?? (plain ? undefined : otmType), 'x-otm': keep({ ...common['x-otm'], type: technology && !plain ? otmType : undefined }) }
        : { type: plain || otmType === 'empty-component' ? undefined : otmType, technology }),
    outOfScope,
  }, preferred)
}

/** An external's type is person, service or device; any other OTM type is kept under `x-otm`. */
function externalType(reading: ComponentReading, otmType: string | undefined, plain: boolean, kept: Dict | undefined) {
  const own = otmType === 'person' || otmType === 'service' || otmType === 'device' ? otmType : undefined
  const type = reading.type ?? own
  return { type, 'x-otm': keep({ ...kept, type: plain || otmType === type ? undefined : otmType }) }
}

type Located = { raw: Dict; path: SourcePath }

/**
 * After every component exists: where it sits. A component in a trust zone sits in that
 * boundary; one in a component read as a boundary (a subnet) sits in it; one in an element (a
 * task in a container service) joins that element's boundary, since moat does not nest elements.
 */
function placeComponent(b: ModelBuilder, c: Dict, path: SourcePath, byKey: Map<string, Located>, outside: Set<string>): void {
  const id = b.ref(text(c.id))
  if (!id) return
  const kind = b.kindOf(id) as NodeKind | 'boundaries'
  const host = text(dict(c.parent).component)
  const hostId = host ? b.ref(host) : undefined
  if (host && !hostId) b.warn([...path, 'parent'], `component "${host}" is not defined; "${id}" is kept outside every boundary`)
  if (host && hostId && b.isNode(hostId)) b.warn([...path, 'parent'], `component "${text(c.name) ?? id}" sits inside component "${text(dict(byKey.get(host)?.raw).name) ?? host}"; moat does not nest elements, so it is placed in that component's boundary`)
  const container = containerOf(b, c, byKey, outside, path)
  if (kind === 'boundaries') {
    if (container && !wouldCycle(b, id, container)) b.update('boundaries', id, { parent: container })
  } else {
    const entry = b.get(kind, id)!
    b.update(kind, id, { boundary: container })
    const refs = (key: string) => list(dict(c.assets)[key]).map(text).filter((a): a is string => !!a)
    const data = unique([...refs('processed'), ...refs('stored')])
    const known = data.map((a) => b.ref(a)).filter((a): a is string => !!a && b.kindOf(a) === 'assets')
    if (known.length < data.length) b.warn([...path, 'assets'], `"${id}" refers to assets that are not defined; they are left out`)
    if (entry && known.length) b.update(kind, id, { data: known })
  }
  if (kind === 'boundaries' && isDict(c.assets) && (list(c.assets.processed).length || list(c.assets.stored).length)) {
    b.warn([...path, 'assets'], `"${text(c.name) ?? id}" is read as a boundary; the assets it lists are left out (list them on the elements inside it)`)
  }
}

/** The moat boundary a component sits in, through parent components (bounded, so a cycle cannot hang). */
function containerOf(b: ModelBuilder, c: Dict, byKey: Map<string, Located>, outside: Set<string>, path: SourcePath): string | undefined {
  let current: Dict | undefined = c
  for (let i = 0; i < 32 && current; i++) {
    const parent = dict(current.parent)
    const zone = text(parent.trustZone)
    if (zone) {
      if (outside.has(zone)) return undefined
      const boundary = b.ref(zone)
      if (!boundary) b.warn([...path, 'parent'], `trust zone "${zone}" is not defined; "${text(c.name) ?? text(c.id)}" is kept outside every boundary`)
      return boundary
    }
    const host = text(parent.component)
    const hostId = host ? b.ref(host) : undefined
    if (!hostId) return undefined
    if (b.kindOf(hostId) === 'boundaries') return hostId
    current = byKey.get(host!)?.raw
  }
  return undefined
}

/**
 * A network has no trust rating of its own in OTM: the trust zone it sits in rates everything in
 * it, the network too (moat's default would make each nested boundary one level more trusted).
 */
function inheritTrust(b: ModelBuilder, components: readonly Located[]): void {
  for (const { raw } of components) {
    const id = b.ref(text(raw.id))
    if (!id || b.kindOf(id) !== 'boundaries') continue
    let trust: unknown
    for (let p = text(b.get('boundaries', id)?.parent), i = 0; p && trust === undefined && i < 64; p = text(b.get('boundaries', p)?.parent), i++) trust = b.get('boundaries', p)?.trust
    if (trust !== undefined) b.update('boundaries', id, { trust })
  }
}

function wouldCycle(b: ModelBuilder, id: string, parent: string): boolean {
  for (let p: string | undefined = parent, i = 0; p && i < 64; p = text(b.get('boundaries', p)?.parent), i++) if (p === id) return true
  return false
}

function addDataflow(b: ModelBuilder, f: Dict, path: SourcePath): void {
  const from = b.ref(text(f.source))
  const to = b.ref(text(f.destination))
  const label = text(f.name) ?? text(f.id) ?? String(path[1])
  const zoneEnd = [from, to].find((end) => b.kindOf(end) === 'boundaries')
  if (zoneEnd) {
    b.warn(path, `dataflow "${label}" ends at "${text(b.get('boundaries', zoneEnd)?.name) ?? zoneEnd}", which moat reads as a boundary (a network holds elements; it does not send or receive data); the dataflow is left out`)
    return
  }
  if (!b.isNode(from) || !b.isNode(to) || from === to) {
    b.warn(path, `dataflow "${label}" does not connect two different components; it is left out`)
    return
  }
  const data = list(f.assets).map(text).filter((a): a is string => !!a)
  const assets = data.map((a) => b.ref(a)).filter((a): a is string => !!a && b.kindOf(a) === 'assets')
  if (assets.length < data.length) b.warn([...path, 'assets'], `dataflow "${label}" carries assets that are not defined; they are left out`)
  const own = dict(f.attributes)
  const { attributes, rest } = attributesOf(f)
  b.add('flows', text(f.id), text(f.name) ?? `${from} to ${to}`, {
    name: text(f.name),
    description: text(f.description),
    from,
    to,
    protocol: text(own.protocol),
    encrypted: bool(own.encrypted),
    authenticated: bool(own.authenticated),
    data: assets,
    bidirectional: bool(f.bidirectional) === true ? true : undefined,
    tags: list(f.tags).map(text).filter(Boolean),
    attributes,
    'x-otm': keep({ attributes: rest, ...extra(f, KNOWN.dataflow) }),
  }, keepsAsId(f.id) ? (f.id as string) : undefined)
}

function addThreats(b: ModelBuilder, root: Dict): void {
  const threatDefs = new Map<string, { def: Dict; index: number }>()
  list(root.threats).forEach((t, index) => {
    const id = text(dict(t).id)
    if (id) threatDefs.set(id, { def: dict(t), index })
  })
  const mitigationDefs = new Map<string, { def: Dict; index: number }>()
  list(root.mitigations).forEach((m, index) => {
    const id = text(dict(m).id)
    if (id) mitigationDefs.set(id, { def: dict(m), index })
  })
  // One moat threat per OTM threat, on every component and flow that has an instance of it.
  const instances = new Map<string, Instances>()
  const collect = (owner: Dict, path: SourcePath) => {
    const on = b.ref(text(owner.id))
    if (!on || b.kindOf(on) === 'boundaries') return
    list(owner.threats).forEach((inst, i) => {
      const ref = text(dict(inst).threat)
      if (!ref || !threatDefs.has(ref)) return b.warn([...path, 'threats', i], `threat "${ref}" is not defined under "threats"; it is left out`)
      const found = instances.get(ref) ?? { on: [], states: [], mitigations: [], path: [...path, 'threats', i] }
      found.on.push(on)
      found.states.push(dict(inst).state)
      list(dict(inst).mitigations).forEach((m, j) => {
        const mid = text(dict(m).mitigation)
        if (!mid) return
        if (mitigationDefs.has(mid)) found.mitigations.push({ id: mid, state: dict(m).state })
        else b.warn([...path, 'threats', i, 'mitigations', j], `mitigation "${mid}" is not defined under "mitigations"; it is left out`)
      })
      instances.set(ref, found)
    })
  }
  list(root.components).forEach((c, i) => collect(dict(c), ['components', i]))
  list(root.dataflows).forEach((f, i) => collect(dict(f), ['dataflows', i]))

  const controls = new MitigationControls(b, mitigationDefs, answeredCategories(instances, threatDefs))
  for (const [ref, found] of instances) {
    const { def, index } = threatDefs.get(ref)!
    const on = unique(found.on)
    const ext = readExtension(dict(def.attributes).moat)
    const answered = controls.answer(found, on)
    if (ext?.generated && ref.includes('@')) {
      b.addThreat(undefined, compact({ response: ext.response, status: ext.status, owner: ext.owner, rationale: ext.rationale, ticket: ext.ticket, controls: answered.controls, likelihood: ext.likelihood, impact: ext.impact }), ref)
      continue
    }
    const risk = dict(def.risk)
    const state = found.states.find((s) => text(s)) ?? undefined
    const first = b.kindOf(on[0])
    const { attributes } = attributesOf(def, ['moat'])
    const key = addThreat(b, ['threats', index], {
      title: text(def.name) ?? ref,
      description: [text(def.description), text(risk.likelihoodComment) && `Likelihood: ${text(risk.likelihoodComment)}`, text(risk.impactComment) && `Impact: ${text(risk.impactComment)}`].filter(Boolean).join('\n\n') || undefined,
      mitigations: answered.texts.length ? answered.texts : undefined,
      categories: list(def.categories),
      status: state,
      on,
      kind: first === 'flows' ? 'flow' : first === 'externals' ? 'external' : first === 'stores' ? 'store' : 'process',
      likelihood: ext?.likelihood ?? (num(risk.likelihood) === undefined ? undefined : likelihoodOfScore(num(risk.likelihood)!)),
      impact: ext?.impact ?? (num(risk.impact) === undefined ? undefined : impactOfScore(num(risk.impact)!)),
      extra: {
        references: list(def.cwes).map(text).filter(Boolean),
        'x-otm': keep({ tags: list(def.tags).map(text).filter(Boolean), attributes, mitigations: answered.kept.length ? answered.kept : undefined, ...extra(def, KNOWN.threat) }),
      },
    }, keepsAsThreatKey(ref) ? ref : undefined)
    const response = responseOfStatus(state)
    // A threat whose mitigations are in place counts as mitigated, whatever its state says.
    const implemented = found.mitigations.some((m) => /implemented/i.test(String(m.state)))
    b.update('threats', key, compact({
      controls: answered.controls,
      ...(!response?.response && implemented && { response: 'mitigate', status: 'done' }),
      ...(ext && { response: ext.response, status: ext.status, owner: ext.owner, rationale: ext.rationale, ticket: ext.ticket }),
    }))
  }
  for (const [ref, { def, index }] of threatDefs) {
    if (!instances.has(ref)) b.warn(['threats', index], `threat "${text(def.name) ?? ref}" is not instantiated on any component or dataflow; it is left out`)
  }
  controls.finish()
}

/** Positions from `representations`: one moat diagram per OTM diagram representation, positions made absolute. */
function addLayout(b: ModelBuilder, root: Dict, zones: Dict[], components: Located[]): void {
  const diagrams = list(root.representations).map(dict).filter((r) => text(r.type) === 'diagram' && text(r.id))
  if (!diagrams.length) return
  const drawn: Drawn[] = [
    ...zones.map((z, i): Drawn => ({ key: text(z.id) ?? '', name: text(z.name) ?? text(z.id) ?? '', parent: text(dict(z.parent).trustZone) ?? text(dict(z.parent).component), path: ['trustZones', i], raw: z })),
    ...components.map(({ raw, path }): Drawn => ({ key: text(raw.id) ?? '', name: text(raw.name) ?? text(raw.id) ?? '', parent: text(dict(raw.parent).trustZone) ?? text(dict(raw.parent).component), path, raw })),
  ].filter((d) => d.key)
  for (const rep of diagrams) {
    const { boxes, notes } = place(drawn, text(rep.id)!, text(rep.name) ?? text(rep.id)!)
    for (const note of notes) b.warn(note.path, note.message)
    const layout: Record<string, Dict> = {}
    for (const [key, box] of boxes) {
      const id = b.ref(key)
      if (id) layout[id] = compact({ ...box })
    }
    b.add('diagrams', text(rep.id), text(rep.name), {
      name: text(rep.name),
      description: text(rep.description),
      layout: Object.keys(layout).length ? layout : undefined,
      'x-otm': keep({ size: isDict(rep.size) ? rep.size : undefined, attributes: rep.attributes }),
    }, keepsAsId(rep.id) ? (rep.id as string) : undefined)
  }
}
