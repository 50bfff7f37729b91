/**
 * moat → Open Threat Model (OTM 0.2.0) JSON. Boundaries are trust zones (trust → trustRating),
 * elements are components (their kind kept in attributes.moatKind), flows are dataflows, controls
 * are mitigations, threat entries are threats instantiated on what they concern. Elements outside
 * every boundary go in a stand-in zone marked `attributes.moat: outside`, which the import drops.
 */
import type { Model, Threat } from '../../core/index.js'
import { writeExtension } from '../extension.js'
import { slug } from '../ids.js'
import { diagramsToDraw } from '../shown.js'
import type { ExportResult, ImportWarning } from '../types.js'
import { RATING_OF_TRUST, SCORE_OF_IMPACT, SCORE_OF_LIKELIHOOD, SCORE_OF_RATING } from '../vocabulary.js'

const OUTSIDE = 'moat-outside'
const CATEGORY: Record<string, string> = {
  spoofing: 'Spoofing', tampering: 'Tampering', repudiation: 'Repudiation',
  'information-disclosure': 'Information Disclosure', 'denial-of-service': 'Denial of Service', 'elevation-of-privilege': 'Elevation of Privilege',
}
const DEFAULT_TYPE = { externals: 'external-entity', processes: 'process', stores: 'datastore' } as const
const CONFIDENTIALITY = { public: 'low', internal: 'medium', confidential: 'high', restricted: 'high' } as const

/**
 * @example
 * const { text } = exportOtm(model)
 */
export function exportOtm(model: Model, options: { threats?: readonly Threat[] } = {}): ExportResult {
  const warnings: ImportWarning[] = []
  const analysed = new Map((options.threats ?? []).map((t) => [t.id, t]))
  if (Object.keys(model.actors ?? {}).length) warnings.push({ message: 'OTM has no actors; the model\'s "actors" are not exported', path: ['actors'] })
  if (Object.keys(model.assumptions ?? {}).length) warnings.push({ message: 'OTM has no assumptions; the model\'s "assumptions" are not exported', path: ['assumptions'] })

  const diagrams = diagramsToDraw(model)
  const representation = (id: string) => `moat-diagram-${id}`
  // OTM positions are relative to the parent (the trust zone an element or zone sits in), when
  // the parent is drawn in the same diagram.
  const parentOf = (id: string) => model.boundaries?.[id]?.parent ?? model.externals?.[id]?.boundary ?? model.processes?.[id]?.boundary ?? model.stores?.[id]?.boundary
  const representationsOf = (id: string) =>
    diagrams.flatMap((d) => {
      const p = d.layout[id]
      if (!p) return []
      const parent = parentOf(id)
      const origin = parent ? d.layout[parent] : undefined
      const position = origin ? { x: p.x - origin.x, y: p.y - origin.y } : { x: p.x, y: p.y }
      return [{ representation: representation(d.id), id: `${id}@${d.id}`, position, ...(p.width && p.height && { size: { width: p.width, height: p.height } }) }]
    })

  const kinds = ['externals', 'processes', 'stores'] as const
  const needsOutside = kinds.some((k) => Object.values(model[k] ?? {}).some((e) => !e.boundary))
  const trustZones = [
    ...Object.entries(model.boundaries ?? {}).map(([id, b]) => ({
      id, name: b.name ?? id, type: b.type ?? 'trust-boundary', description: b.description ?? null,
      risk: { trustRating: RATING_OF_TRUST[b.trust ?? 'medium'] },
      ...(b.parent && { parent: { trustZone: b.parent } }),
      representations: representationsOf(id),
      attributes: { ...(b.trust && { moatTrust: b.trust }) },
    })),
    ...(needsOutside ? [{ id: OUTSIDE, name: 'Outside every boundary', type: 'moat-outside', description: 'Elements the moat model places in no boundary', risk: { trustRating: 0 }, representations: [], attributes: { moat: 'outside' } }] : []),
  ]

  const { onElement, threats, mitigations } = threatsAndMitigations(model, analysed)
  const components = kinds.flatMap((kind) =>
    Object.entries(model[kind] ?? {}).map(([id, e]) => {
      const entry = e as Record<string, unknown>
      const data = (e.data ?? []) as string[]
      return {
        id, name: e.name ?? id, type: (typeof entry.type === 'string' ? entry.type : undefined) ?? DEFAULT_TYPE[kind], description: e.description ?? null,
        parent: { trustZone: e.boundary ?? OUTSIDE },
        tags: e.tags ?? [],
        assets: kind === 'stores' ? { processed: [], stored: data } : { processed: data, stored: [] },
        threats: onElement.get(id) ?? [],
        representations: representationsOf(id),
        attributes: { moatKind: kind, ...(e.outOfScope && { outOfScope: e.outOfScope }), ...(typeof entry.technology === 'string' && { technology: entry.technology }) },
      }
    }),
  )
  const dataflows = Object.entries(model.flows ?? {}).map(([id, f]) => ({
    id, name: f.name ?? id, description: f.description ?? null, bidirectional: f.bidirectional ?? false, source: f.from, destination: f.to,
    assets: f.data ?? [], threats: onElement.get(id) ?? [], tags: f.tags ?? [],
    attributes: { ...(f.protocol && { protocol: f.protocol }), ...(f.encrypted !== undefined && { encrypted: f.encrypted }), ...(f.authenticated !== undefined && { authenticated: f.authenticated }) },
  }))
  const assets = Object.entries(model.assets ?? {}).map(([id, a]) => ({
    id, name: a.name ?? id, description: a.description ?? null,
    risk: { confidentiality: SCORE_OF_RATING[a.confidentiality ?? CONFIDENTIALITY[a.classification]], integrity: SCORE_OF_RATING[a.integrity], availability: SCORE_OF_RATING[a.availability], comment: `moat classification: ${a.classification}` },
  }))
  const otm = {
    otmVersion: '0.2.0',
    project: { name: model.system.name, id: slug(model.system.name) || 'moat-model', description: model.system.description ?? null, owner: (model.system.owners ?? []).join(', ') || null },
    representations: diagrams.map((d) => ({ name: d.name, id: representation(d.id), type: 'diagram' })),
    assets,
    trustZones,
    components,
    dataflows,
    threats,
    mitigations,
  }
  for (const [id, d] of Object.entries(model.diagrams ?? {})) if (d.refines || d.elements) warnings.push({ message: `diagram "${id}": OTM representations do not say which elements a diagram shows${d.refines ? ' or what it refines' : ''}; only its positions are exported`, path: ['diagrams', id] })
  return { text: `${JSON.stringify(otm, null, 2)}\n`, warnings }
}

type Instance = { threat: string; state: string; mitigations: { mitigation: string; state: string }[] }

function threatsAndMitigations(model: Model, analysed: Map<string, Threat>) {
  const onElement = new Map<string, Instance[]>()
  const threats = Object.entries(model.threats ?? {}).map(([key, entry]) => {
    const generated = !entry.title && key.includes('@')
    const found = analysed.get(key)
    const on = entry.on ?? found?.elements ?? (generated ? [key.slice(key.indexOf('@') + 1)] : [])
    const category = entry.category ?? found?.category
    const likelihood = entry.likelihood ?? found?.likelihood ?? 'possible'
    const impact = entry.impact ?? found?.impact ?? 'medium'
    const instance: Instance = {
      threat: key,
      state: stateOf(entry.response, entry.status),
      mitigations: (entry.controls ?? []).map((c) => ({ mitigation: c, state: model.controls?.[c]?.status === 'planned' ? 'required' : 'implemented' })),
    }
    for (const id of on) onElement.set(id, [...(onElement.get(id) ?? []), instance])
    return {
      id: key, name: entry.title ?? found?.title ?? key, description: entry.description ?? found?.description ?? null,
      categories: category ? [CATEGORY[category]] : [], cwes: (entry.references ?? []).filter((r) => /^CWE-\d+$/.test(r)),
      risk: { likelihood: SCORE_OF_LIKELIHOOD[likelihood], impact: SCORE_OF_IMPACT[impact] },
      attributes: { moat: writeExtension(entry as Record<string, unknown>, generated) },
    }
  })
  const mitigations = Object.entries(model.controls ?? {}).map(([id, c]) => ({
    id, name: c.name ?? id, description: c.description ?? null, riskReduction: 50, attributes: { moatKind: c.kind, moatStatus: c.status },
  }))
  return { onElement, threats, mitigations }
}

function stateOf(response: string | undefined, status: string | undefined): string {
  if (!response) return 'exposed'
  if (response === 'not-applicable') return 'not-applicable'
  if (response === 'accept') return 'accepted'
  const done = status === 'done'
  if (response === 'mitigate') return done ? 'mitigated' : 'partly-mitigated'
  if (response === 'transfer') return done ? 'transferred' : 'exposed'
  return done ? 'eliminated' : 'exposed'
}
