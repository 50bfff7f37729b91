/**
 * Threagile YAML → moat. Data assets keep their CIA ratings on moat's scales; technical assets
 * become externals, processes or stores by their type, with moat's word for their technology as
 * `type`; trust boundaries get a trust level from their type and nesting, and assets that face
 * the internet from outside every boundary sit in an untrusted "Internet" boundary; communication
 * links become flows in the direction their data travels (links.ts); the model's own risks
 * become threats (risks.ts). What moat has no field for is kept under `x-threagile` (the model's,
 * an element's or a threat's), and each kind of thing moat does not use is named in a warning.
 * docs/interop.md has the table of every field.
 */
import { ModelBuilder, type NodeKind } from '../builder.js'
import { keepsAsId, slug } from '../ids.js'
import { parseStructured } from '../structured.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { bool, compact, dict, entries, isDict, list, text, unique, type Dict } from '../values.js'
import { FIELDS, warnUnknownFields } from './fields.js'
import { addLinks, type LinkControls } from './links.js'
import { addRisks } from './risks.js'
import {
  BOUNDARY_TYPE, CONFIDENTIALITY, CRITICALITY, DATA_FORMATS, DEVICE_TECHNOLOGIES, ENCRYPTION_AT_REST, table, typeOfTechnology,
} from './vocabulary.js'
import type { TrustLevel } from '../../core/index.js'

const KIND = table<NodeKind>({ 'external-entity': 'externals', process: 'processes', datastore: 'stores' })
const SIZES = ['system', 'service', 'application', 'component']
const MACHINES = ['physical', 'virtual', 'container', 'serverless']
const USAGES = ['business', 'devops']
const QUANTITIES = ['very-few', 'few', 'many', 'very-many']
const TRUST: readonly TrustLevel[] = ['untrusted', 'low', 'medium', 'high', 'full']

/** What technical assets say that becomes boundaries and controls once every asset is in. */
interface AssetFacts {
  internetFacing: Set<string>
  redundant: string[]
  encryption: Map<string, string[]>
}

/**
 * @example
 * const { model, warnings } = importThreagile(readFileSync('threagile.yaml', 'utf8'))
 */
export function importThreagile(source: string): ImportResult {
  const parsed = parseStructured(source)
  const root = dict(parsed.data)
  if (!isDict(root.technical_assets) && !text(root.threagile_version)) {
    throw new InteropError('not a Threagile model: "technical_assets" is missing', 'a Threagile model has threagile_version, data_assets, technical_assets, trust_boundaries')
  }
  const b = new ModelBuilder(systemOf(root))
  warnUnknownFields(b, [], root, 'model', 'the model')

  for (const [key, value] of entries(root.data_assets)) addDataAsset(b, key, dict(value), ['data_assets', key])

  const assets = entries(root.technical_assets).map(([key, value]) => [key, dict(value)] as const)
  const facts: AssetFacts = { internetFacing: new Set(), redundant: [], encryption: new Map() }
  for (const [key, a] of assets) addTechnicalAsset(b, key, a, ['technical_assets', key], facts)
  addBoundaries(b, root, facts)

  const controls: LinkControls = { vpn: [], ipFiltered: [], twoFactor: [] }
  for (const [key, a] of assets) addLinks(b, text(a.id) ?? key, a, ['technical_assets', key], controls)
  addControls(b, facts, controls)

  addQuestions(b, root)
  const sharedRuntimes = addSharedRuntimes(b, root)
  const riskTracking = addRisks(b, root)
  warnKept(b, root, assets)

  const result = b.result('threagile')
  const kept = compact({
    threagile_version: text(root.threagile_version),
    date: text(root.date),
    author: compact({ contact: text(dict(root.author).contact), homepage: text(dict(root.author).homepage) }),
    contributors: list(root.contributors).filter((c) => text(dict(c).contact) || text(dict(c).homepage)),
    business_criticality: text(root.business_criticality),
    management_summary_comment: text(root.management_summary_comment),
    images: compact(Object.fromEntries(['application_description', 'business_overview', 'technical_overview'].map((k) => [k, list(dict(root[k]).images)]))),
    includes: list(root.includes).map(text).filter(Boolean),
    tags_available: list(root.tags_available).map(text).filter(Boolean),
    abuse_cases: texts(root.abuse_cases),
    security_requirements: texts(root.security_requirements),
    shared_runtimes: sharedRuntimes,
    risk_tracking: riskTracking,
  })
  const model = inReadingOrder({ ...result.model, ...(Object.keys(kept).length && { 'x-threagile': kept }) })
  // In the order of the file, so a user reads them top to bottom.
  const warnings = parsed.locate(b.warnings).sort((x, y) => (x.line ?? 0) - (y.line ?? 0))
  return { ...result, model, warnings }
}

/** Fields in the order docs/model.md shows them (boundaries and trust are set last while importing); what moat has no field for comes last. */
const FIELD_ORDER = [
  'name', 'title', 'description', 'type', 'technology', 'kind', 'classification', 'confidentiality', 'integrity', 'availability', 'owner',
  'parent', 'trust', 'boundary', 'from', 'to', 'protocol', 'encrypted', 'authenticated', 'data', 'on', 'status', 'tags', 'outOfScope', 'attributes',
]

function inReadingOrder(model: ImportResult['model']): ImportResult['model'] {
  const rank = (k: string) => (k.startsWith('x-') ? FIELD_ORDER.length + 1 : FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length)
  const ordered = (entry: Dict) => Object.fromEntries(Object.entries(entry).sort(([a], [b]) => rank(a) - rank(b)))
  const out: Record<string, unknown> = { ...model }
  for (const collection of ['assets', 'boundaries', 'externals', 'processes', 'stores', 'flows', 'controls', 'assumptions']) {
    const entries = (model as Record<string, unknown>)[collection]
    if (isDict(entries)) out[collection] = Object.fromEntries(Object.entries(entries).map(([id, e]) => [id, ordered(dict(e))]))
  }
  return out as ImportResult['model']
}

/** A map of text to text (Threagile's abuse cases, requirements): other values become empty text. */
const texts = (value: unknown) => Object.fromEntries(entries(value).map(([k, v]) => [k, text(v) ?? '']))

/** A description and a justification, without saying the same thing twice (Threagile files often repeat it). */
const describe = (...parts: unknown[]) => unique(parts.map(text).filter((p): p is string => !!p)).join('\n\n') || undefined

function systemOf(root: Dict): Record<string, unknown> {
  const overview = (value: unknown) => text(value) ?? text(dict(value).description)
  const people = [dict(root.author), ...list(root.contributors).map(dict)].map((p) => text(p.name)).filter((n): n is string => !!n)
  return {
    name: text(root.title),
    description: [root.application_description, root.business_overview, root.technical_overview].map(overview).filter(Boolean).join('\n\n') || undefined,
    owners: people.length ? unique(people) : undefined,
  }
}

function addDataAsset(b: ModelBuilder, key: string, a: Dict, path: SourcePath): void {
  warnUnknownFields(b, path, a, 'dataAsset', `data asset "${key}"`)
  const confidentiality = scale(b, path, a, 'confidentiality', CONFIDENTIALITY)
  const usage = oneOf(b, path, a, 'usage', USAGES)
  const quantity = oneOf(b, path, a, 'quantity', QUANTITIES)
  b.add('assets', text(a.id) ?? key, key, {
    name: key,
    description: describe(a.description, a.justification_cia_rating),
    classification: confidentiality?.classification,
    confidentiality: confidentiality?.rating,
    integrity: scale(b, path, a, 'integrity', CRITICALITY),
    availability: scale(b, path, a, 'availability', CRITICALITY),
    owner: text(a.owner),
    tags: list(a.tags).map(text).filter(Boolean),
    // Threagile's own words (five levels each, where moat has three or four) and what moat has no field for.
    'x-threagile': compact({ confidentiality: text(a.confidentiality), integrity: text(a.integrity), availability: text(a.availability), usage, quantity, origin: text(a.origin) }),
  }, keepsAsId(a.id) ? (a.id as string) : undefined)
}

function addTechnicalAsset(b: ModelBuilder, key: string, a: Dict, path: SourcePath, facts: AssetFacts): void {
  warnUnknownFields(b, path, a, 'technicalAsset', `technical asset "${key}"`)
  let kind = KIND[text(a.type) ?? '']
  if (!kind) {
    b.warn([...path, 'type'], `technical asset "${key}" has type ${JSON.stringify(a.type)}; it is imported as a process`)
    kind = 'processes'
  }
  const technologies = unique([a.technology, ...list(a.technologies)].map(text).filter((t): t is string => !!t && t !== 'unknown-technology'))
  const technology = technologies.join(', ') || undefined
  const human = bool(a.used_as_client_by_human) === true
  const data = [...list(a.data_assets_processed), ...list(a.data_assets_stored)].map(text).filter((d): d is string => !!d)
  const known = unique(data.map((d) => b.ref(d)).filter((d): d is string => !!d && b.kindOf(d) === 'assets'))
  if (known.length < unique(data).length) b.warn(path, `technical asset "${key}" refers to data assets that are not defined; they are left out`)
  const outOfScope = bool(a.out_of_scope) === true ? text(a.justification_out_of_scope) : undefined
  if (bool(a.out_of_scope) === true && !outOfScope) b.warn([...path, 'out_of_scope'], `technical asset "${key}" is out of scope without a justification; moat needs a reason, so it says "Out of scope in the Threagile model"`)
  const encryption = text(a.encryption)
  if (encryption !== undefined && encryption !== 'none' && !ENCRYPTION_AT_REST[encryption]) b.warn([...path, 'encryption'], `technical asset "${key}": encryption ${JSON.stringify(encryption)} is not a Threagile encryption style; it is not taken as encrypted`)
  const formats = list(a.data_formats_accepted).map(text).filter((f): f is string => !!f)
  for (const f of formats) if (!(DATA_FORMATS as readonly string[]).includes(f)) b.warn([...path, 'data_formats_accepted'], `technical asset "${key}": data format ${JSON.stringify(f)} is not one of ${DATA_FORMATS.join(', ')}; it is not imported`)
  const flag = (k: string) => (bool(a[k]) === true ? { [k]: true } : {})
  const id = b.add(kind, text(a.id) ?? key, key, {
    name: key,
    description: describe(a.description, a.justification_cia_rating),
    ...(kind === 'externals'
      ? { type: human ? 'person' : technologies.some((t) => DEVICE_TECHNOLOGIES.test(t)) ? 'device' : 'service' }
      : { type: technologies.map(typeOfTechnology).find(Boolean), technology }),
    ...(kind === 'stores' && encryption !== undefined && { encrypted: !!ENCRYPTION_AT_REST[encryption] }),
    data: known,
    tags: list(a.tags).map(text).filter(Boolean),
    outOfScope: bool(a.out_of_scope) === true ? (outOfScope ?? 'Out of scope in the Threagile model') : undefined,
    attributes: compact({
      // An external has no technology field in moat; rules read it here.
      technology: kind === 'externals' ? technology : undefined,
      usage: oneOf(b, path, a, 'usage', USAGES),
      size: oneOf(b, path, a, 'size', SIZES),
      machine: oneOf(b, path, a, 'machine', MACHINES),
      encryption,
      owner: text(a.owner),
      confidentiality: scale(b, path, a, 'confidentiality', CONFIDENTIALITY)?.rating,
      integrity: scale(b, path, a, 'integrity', CRITICALITY),
      availability: scale(b, path, a, 'availability', CRITICALITY),
      ...flag('internet'), ...flag('used_as_client_by_human'), ...flag('multi_tenant'), ...flag('redundant'), ...flag('custom_developed_parts'),
      ...Object.fromEntries(formats.filter((f) => (DATA_FORMATS as readonly string[]).includes(f)).map((f) => [`accepts_${f}`, true])),
    }),
    'x-threagile': compact({ confidentiality: text(a.confidentiality), integrity: text(a.integrity), availability: text(a.availability) }),
  }, keepsAsId(a.id) ? (a.id as string) : undefined)
  if (bool(a.internet) === true) facts.internetFacing.add(id)
  if (bool(a.redundant) === true) facts.redundant.push(id)
  if (encryption && ENCRYPTION_AT_REST[encryption]) facts.encryption.set(encryption, [...(facts.encryption.get(encryption) ?? []), id])
}

function addBoundaries(b: ModelBuilder, root: Dict, facts: AssetFacts): void {
  const boundaries = entries(root.trust_boundaries).map(([key, value]) => [key, dict(value)] as const)
  const threagileType = new Map<string, string | undefined>()
  for (const [key, t] of boundaries) {
    const path: SourcePath = ['trust_boundaries', key]
    warnUnknownFields(b, path, t, 'trustBoundary', `trust boundary "${key}"`)
    const type = text(t.type)
    if (type && !BOUNDARY_TYPE[type]) b.warn([...path, 'type'], `trust boundary "${key}": type "${type}" is not a Threagile boundary type; it is kept, and the boundary is trusted as a network zone`)
    const id = b.add('boundaries', text(t.id) ?? key, key, {
      name: key,
      description: text(t.description),
      type: type ? (BOUNDARY_TYPE[type]?.type ?? type) : undefined,
      tags: list(t.tags).map(text).filter(Boolean),
      'x-threagile': compact({ is_template: bool(t.is_template) === true ? true : undefined }),
    }, keepsAsId(t.id) ? (t.id as string) : undefined)
    threagileType.set(id, type)
  }
  const parentOf = new Map<string, string>()
  for (const [key, t] of boundaries) {
    const id = b.ref(text(t.id) ?? key)!
    list(t.technical_assets_inside).forEach((ref, i) => {
      const where: SourcePath = ['trust_boundaries', key, 'technical_assets_inside', i]
      const inside = b.ref(text(ref))
      if (!b.isNode(inside)) return b.warn(where, `"${String(ref)}" is not a technical asset; it is left out of "${key}"`)
      const kind = b.kindOf(inside) as NodeKind
      const current = b.get(kind, inside!)?.boundary
      if (current && current !== id) b.warn(where, `"${inside}" is inside two trust boundaries; it keeps "${String(current)}"`)
      else b.update(kind, inside!, { boundary: id })
    })
    list(t.trust_boundaries_nested).forEach((ref, i) => {
      const where: SourcePath = ['trust_boundaries', key, 'trust_boundaries_nested', i]
      const nested = b.ref(text(ref))
      if (b.kindOf(nested) !== 'boundaries' || nested === id) return b.warn(where, `"${String(ref)}" is not another trust boundary; it is not nested`)
      if (parentOf.has(nested!)) return b.warn(where, `"${nested}" is already nested in "${parentOf.get(nested!)}"; it stays there`)
      for (let up: string | undefined = id; up; up = parentOf.get(up)) {
        if (up === nested) return b.warn(where, `nesting "${nested}" in "${key}" would make a cycle; it is not nested`)
      }
      parentOf.set(nested!, id)
      b.update('boundaries', nested!, { parent: id })
    })
  }

  // Internet-facing assets outside every boundary are on the internet: an untrusted zone.
  const nodes = (['externals', 'processes', 'stores'] as const).flatMap((kind) => b.idsOf(kind).map((id) => ({ id, kind, entry: b.get(kind, id)! })))
  const onInternet = nodes.filter((n) => facts.internetFacing.has(n.id) && !n.entry.boundary)
  if (onInternet.length) {
    const internet = b.add('boundaries', undefined, 'Internet', {
      name: 'Internet',
      description: 'Made by the import: the technical assets Threagile marks "internet: true" that sit in no trust boundary.',
      type: 'internet',
    })
    threagileType.set(internet, 'internet')
    for (const n of onInternet) b.update(n.kind, n.id, { boundary: internet })
  }

  const inside = new Map<string, { kind: string; id: string }[]>()
  for (const n of nodes) {
    const boundary = String(b.get(n.kind, n.id)!.boundary ?? '')
    if (boundary) inside.set(boundary, [...(inside.get(boundary) ?? []), n])
  }
  const nestsOthers = new Set(parentOf.values())
  const trust = new Map<string, TrustLevel>()
  const trustOf = (id: string): TrustLevel => {
    const known = trust.get(id)
    if (known) return known
    const type = threagileType.get(id)
    const members = inside.get(id) ?? []
    const parent = parentOf.get(id)
    let level: TrustLevel
    if (type === 'internet') level = 'untrusted'
    else if (members.length && !nestsOthers.has(id) && members.every((m) => m.kind === 'externals')) {
      // A zone of clients only: untrusted if one of them is on the internet, low otherwise.
      level = members.some((m) => facts.internetFacing.has(m.id)) ? 'untrusted' : 'low'
    } else if (!parent) level = 'medium'
    else if (type === 'execution-environment') level = trustOf(parent)
    else level = TRUST[Math.min(TRUST.indexOf(trustOf(parent)) + 1, TRUST.length - 1)]!
    trust.set(id, level)
    return level
  }
  for (const id of b.idsOf('boundaries')) b.update('boundaries', id, { trust: trustOf(id) })
}

/** Controls the model states: encryption at rest, redundancy, and what links say (VPN, IP filtering, a second factor). */
function addControls(b: ModelBuilder, facts: AssetFacts, links: LinkControls): void {
  for (const [style, on] of facts.encryption) {
    b.add('controls', undefined, ENCRYPTION_AT_REST[style], { name: ENCRYPTION_AT_REST[style], kind: 'encryption-at-rest', description: `Threagile: encryption "${style}"`, on })
  }
  const add = (name: string, kind: string, description: string, on: string[]) => {
    if (on.length) b.add('controls', undefined, name, { name, kind, description, on })
  }
  add('Redundancy', 'redundancy', 'Threagile: the technical assets are "redundant: true"', facts.redundant)
  add('VPN', 'encryption-in-transit', 'Threagile: the communication links run through a VPN ("vpn: true")', links.vpn)
  add('IP filtering', 'network-segmentation', 'Threagile: the communication links are "ip_filtered: true"', links.ipFiltered)
  add('Two-factor authentication', 'mfa', 'Threagile: the communication links authenticate with "two-factor"', links.twoFactor)
}

/** Questions are what the authors still had to settle: unconfirmed assumptions, with the answer when there is one. */
function addQuestions(b: ModelBuilder, root: Dict): void {
  for (const [question, answer] of entries(root.questions)) {
    const said = text(answer)
    b.add('assumptions', undefined, question, {
      description: said ? `${question} ${said}` : `Open question: ${question}`,
      status: 'unconfirmed',
    }, wholeWords(slug(question)))
  }
}

/** An id from a long text, cut after a whole word ("how-are-the-admin-clients-managed"), not inside one. */
const wholeWords = (id: string, max = 40) => (id.length <= max ? id : id.slice(0, id.lastIndexOf('-', max)) || id.slice(0, max))

/** Shared runtimes have no counterpart in moat: each asset names its runtime in attributes, the runtimes are kept. */
function addSharedRuntimes(b: ModelBuilder, root: Dict): Record<string, unknown> | undefined {
  const runtimes = entries(root.shared_runtimes)
  if (!runtimes.length) return undefined
  b.warn(['shared_runtimes'], `${runtimes.length} shared runtime(s) have no counterpart in moat: each technical asset names its runtime in attributes.shared_runtime, and the runtimes are kept in x-threagile.shared_runtimes`)
  const kept: Record<string, unknown> = {}
  for (const [key, value] of runtimes) {
    const r = dict(value)
    const path: SourcePath = ['shared_runtimes', key]
    warnUnknownFields(b, path, r, 'sharedRuntime', `shared runtime "${key}"`)
    const id = text(r.id) ?? key
    const running = list(r.technical_assets_running).map((ref) => b.ref(text(ref))).filter((n): n is string => b.isNode(n))
    for (const n of running) {
      const kind = b.kindOf(n) as NodeKind
      const attributes = dict(b.get(kind, n)!.attributes)
      b.update(kind, n, { attributes: { ...attributes, shared_runtime: [text(attributes.shared_runtime), id].filter(Boolean).join(' ') } })
    }
    kept[id] = compact({ name: key, description: text(r.description), tags: list(r.tags).map(text).filter(Boolean), technical_assets_running: running, is_template: bool(r.is_template) === true ? true : undefined })
  }
  return kept
}

/** One warning for each kind of thing kept that moat does not analyse, and for what is dropped. */
function warnKept(b: ModelBuilder, root: Dict, assets: readonly (readonly [string, Dict])[]): void {
  const count = (k: string) => entries(root[k]).length
  if (list(root.includes).length) b.warn(['includes'], `the model includes ${list(root.includes).length} other file(s); moat imports this file only: import the model Threagile merged, or each file`)
  if (count('abuse_cases')) b.warn(['abuse_cases'], `${count('abuse_cases')} abuse case(s) are kept in x-threagile.abuse_cases; moat does not analyse them: write the ones that matter as threats of your own`)
  if (count('security_requirements')) b.warn(['security_requirements'], `${count('security_requirements')} security requirement(s) are kept in x-threagile.security_requirements; moat does not check them: add the controls that meet them`)
  const tweaks: SourcePath[] = [
    ...FIELDS.model.filter((k) => k.startsWith('diagram_tweak') && root[k] !== undefined).map((k) => [k]),
    ...assets.flatMap(([key, a]) => [
      ...(a.diagram_tweak_order !== undefined ? [['technical_assets', key, 'diagram_tweak_order']] : []),
      ...entries(a.communication_links).flatMap(([name, l]) =>
        ['diagram_tweak_weight', 'diagram_tweak_constraint'].filter((k) => dict(l)[k] !== undefined).map((k) => ['technical_assets', key, 'communication_links', name, k])),
    ]),
  ]
  if (tweaks.length) b.warn(tweaks[0]!, `${tweaks.length} diagram_tweak_* field(s) only steer Threagile's Graphviz drawing; moat lays diagrams out itself, so they are not imported`)
}

/** A value of one of Threagile's enumerations; another word is warned about and kept as it is. */
function oneOf(b: ModelBuilder, path: SourcePath, a: Dict, key: string, words: readonly string[]): string | undefined {
  const value = text(a[key])
  if (value !== undefined && !words.includes(value)) b.warn([...path, key], `${key} ${JSON.stringify(value)} is not one of ${words.join(', ')}; it is kept as it is`)
  return value
}

/** A Threagile rating on moat's scale; another word is warned about (and kept in x-threagile). */
function scale<T>(b: ModelBuilder, path: SourcePath, a: Dict, key: string, levels: Readonly<Record<string, T>>): T | undefined {
  const value = text(a[key])
  if (value === undefined) return undefined
  if (!(value in levels)) b.warn([...path, key], `${key} ${JSON.stringify(value)} is not one of ${Object.keys(levels).join(', ')}; moat uses its default`)
  return levels[value]
}
