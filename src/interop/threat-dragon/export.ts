/**
 * moat → OWASP Threat Dragon v2 JSON. One TD diagram per moat diagram, every element a cell at its
 * saved position (or on a grid), boundaries as boxes around what they hold (curves imported from
 * TD are drawn as curves again), and every threat of the model, answered or not, on the cells it concerns.
 * What TD cannot hold (controls, assets, actors, response details) is warned about; response
 * details travel in a `moat` property TD ignores, so a round trip keeps them.
 */
import type { Model, Threat, ThreatEntry } from '../../core/index.js'
import { writeExtension } from '../extension.js'
import type { Box } from '../geometry.js'
import { place } from '../place.js'
import { diagramsToDraw } from '../shown.js'
import type { ExportResult, ImportWarning } from '../types.js'
import { dict, list } from '../values.js'

const TD_VERSION = '2.4.0'
const CATEGORY: Record<string, string> = {
  spoofing: 'Spoofing', tampering: 'Tampering', repudiation: 'Repudiation',
  'information-disclosure': 'Information disclosure', 'denial-of-service': 'Denial of service', 'elevation-of-privilege': 'Elevation of privilege',
}
const SEVERITY: Record<string, string> = { critical: 'Critical', high: 'High', elevated: 'High', medium: 'Medium', low: 'Low' }
const SHAPE = { externals: ['actor', 'tm.Actor'], processes: ['process', 'tm.Process'], stores: ['store', 'tm.Store'] } as const

/** TD requires cell ids of two characters or more. */
const cellId = (id: string) => (id.length >= 2 ? id : `${id}-`)

/**
 * @example
 * const { text, warnings } = exportThreatDragon(model, { threats: analysis.threats })
 */
export function exportThreatDragon(model: Model, options: { threats?: readonly Threat[] } = {}): ExportResult {
  const warnings: ImportWarning[] = []
  const lost = (key: keyof Model, what: string) => {
    if (Object.keys(model[key] ?? {}).length) warnings.push({ message: `Threat Dragon has no ${what}; the model's "${key}" are not exported`, path: [key] })
  }
  lost('assets', 'assets')
  lost('actors', 'actors')
  lost('controls', 'controls (the responses that name them keep their ids in a "moat" property)')
  lost('assumptions', 'assumptions')
  const analysed = new Map((options.threats ?? []).map((t) => [t.id, t]))
  const threatsByCell = threatsOfCells(model, analysed)
  let threatNumber = 0
  const drawn = new Set<string>()
  const shown = diagramsToDraw(model)
  const curves = new Set(shown.flatMap((d) => Object.keys(d.layout).filter((id) => model.boundaries?.[id] && linePoints(d.layout[id]))))
  const diagrams = shown.map((d, index) => {
    const placed = place(model, d.nodes, d.layout)
    const cells: unknown[] = []
    let z = 1
    for (const [id, box] of placed.boundaries) {
      drawn.add(id)
      const b = model.boundaries![id]!
      cells.push({ position: { x: box.x, y: box.y }, size: { width: box.width, height: box.height }, attrs: { label: { text: b.name ?? id } }, visible: true, shape: 'trust-boundary-box', zIndex: -1, id: cellId(id), data: { type: 'tm.BoundaryBox', name: b.name ?? id, description: b.description ?? '', isTrustBoundary: true, hasOpenThreats: false } })
    }
    // Curves where the diagram's layout draws them (imported from TD: `points`).
    for (const [id, position] of Object.entries(d.layout)) {
      const points = linePoints(position)
      if (!points || placed.boundaries.has(id) || !model.boundaries?.[id]) continue
      drawn.add(id)
      cells.push(curveCell(id, model.boundaries[id]!, z++, points))
    }
    if (index === 0) {
      // Boundaries drawn nowhere (empty ones) go on the first diagram, as a short line.
      for (const [id, b] of Object.entries(model.boundaries ?? {})) {
        if (placed.boundaries.has(id) || curves.has(id)) continue
        drawn.add(id)
        cells.push(curveCell(id, b, z++, [{ x: 10, y: 10 }, { x: 210, y: 10 }]))
      }
    }
    for (const [id, box] of placed.nodes) cells.push(nodeCell(model, id, box, z++, withNumbers(threatsByCell.get(id) ?? [])))
    for (const id of d.flows) cells.push(flowCell(model, id, z++, withNumbers(threatsByCell.get(id) ?? [])))
    return { id: index, title: d.name, diagramType: 'STRIDE', placeholder: 'New STRIDE diagram description', thumbnail: './public/content/images/thumbnail.stride.jpg', version: TD_VERSION, description: model.diagrams?.[d.id]?.description ?? '', cells }
  })
  for (const [id, d] of Object.entries(model.diagrams ?? {})) if (d.refines) warnings.push({ message: `diagram "${id}" refines "${d.refines}": Threat Dragon has no refinements, so it is an ordinary diagram`, path: ['diagrams', id] })

  function withNumbers(threats: object[]) {
    return threats.map((t) => ({ ...t, number: ++threatNumber }))
  }
  // What an import from Threat Dragon kept goes back where it came from.
  const kept = dict((model.system as Record<string, unknown>)['x-threat-dragon'])
  const contributors = list(kept.contributors).filter((c): c is string => typeof c === 'string')
  const file = {
    version: TD_VERSION,
    summary: { title: model.system.name, owner: (model.system.owners ?? []).join(', '), description: model.system.description ?? '', id: 0 },
    detail: {
      contributors: (contributors.length ? contributors : (model.system.owners ?? [])).map((name) => ({ name })),
      diagrams,
      diagramTop: diagrams.length,
      reviewer: typeof kept.reviewer === 'string' ? kept.reviewer : '',
      threatTop: threatNumber,
    },
  }
  return { text: `${JSON.stringify(file, null, 2)}\n`, warnings }
}

function nodeCell(model: Model, id: string, box: Box, zIndex: number, threats: object[]) {
  const kind = model.externals?.[id] ? 'externals' : model.processes?.[id] ? 'processes' : 'stores'
  const e = (model[kind] as Record<string, Record<string, unknown>>)[id]!
  const [shape, type] = SHAPE[kind]
  const name = (e.name as string | undefined) ?? id
  const stroke = { stroke: '#333333', strokeWidth: 1, strokeDasharray: null }
  const attributes = dict(e.attributes)
  return {
    position: { x: box.x, y: box.y },
    size: { width: box.width, height: box.height },
    attrs: { text: { text: name }, ...(kind === 'stores' ? { topLine: stroke, bottomLine: stroke } : { body: stroke }) },
    visible: true,
    shape,
    zIndex,
    id: cellId(id),
    data: {
      type,
      name,
      description: (e.description as string | undefined) ?? '',
      isTrustBoundary: false,
      outOfScope: e.outOfScope !== undefined,
      reasonOutOfScope: (e.outOfScope as string | undefined) ?? '',
      threats,
      hasOpenThreats: threats.some((t) => (t as { status: string }).status === 'Open'),
      ...(kind === 'externals' && { providesAuthentication: attributes.providesAuthentication === true }),
      ...(kind === 'processes' && { handlesCardPayment: attributes.handlesCardPayment === true, handlesGoodsOrServices: attributes.handlesGoodsOrServices === true, isWebApplication: e.type === 'web-app' || attributes.isWebApplication === true, privilegeLevel: typeof attributes.privilegeLevel === 'string' ? attributes.privilegeLevel : '' }),
      ...(kind === 'stores' && { isALog: e.type === 'log' || attributes.isALog === true, storesCredentials: attributes.storesCredentials === true, isEncrypted: e.encrypted === true, isSigned: attributes.isSigned === true, storesInventory: attributes.storesInventory === true }),
    },
  }
}

function flowCell(model: Model, id: string, zIndex: number, threats: object[]) {
  const f = model.flows![id]!
  const name = f.name ?? id
  const vertices = list(dict(f['x-threat-dragon']).vertices).filter((v) => typeof dict(v).x === 'number' && typeof dict(v).y === 'number')
  return {
    shape: 'flow',
    attrs: { line: { stroke: '#333333', strokeWidth: 1, targetMarker: { name: 'block' }, sourceMarker: f.bidirectional ? { name: 'block' } : { name: '' }, strokeDasharray: null } },
    width: 200,
    height: 100,
    zIndex,
    connector: 'smooth',
    labels: [{ position: 0.5, attrs: { label: { text: name } } }],
    data: {
      type: 'tm.Flow', name, description: f.description ?? '', outOfScope: f.outOfScope !== undefined, reasonOutOfScope: f.outOfScope ?? '',
      protocol: f.protocol ?? '', isEncrypted: f.encrypted === true, isPublicNetwork: dict(f.attributes).publicNetwork === true, isBidirectional: f.bidirectional === true,
      isTrustBoundary: false, threats, hasOpenThreats: threats.some((t) => (t as { status: string }).status === 'Open'),
    },
    id: cellId(id),
    source: { cell: cellId(f.from) },
    target: { cell: cellId(f.to) },
    vertices,
  }
}

type Point = { x: number; y: number }

/** The points of a layout entry that draws a boundary as a line, if it does. */
const linePoints = (position: unknown): Point[] | undefined => {
  const points = list(dict(position).points).map(dict)
  return points.length >= 2 && points.every((p) => typeof p.x === 'number' && typeof p.y === 'number') ? (points as Point[]) : undefined
}

/** A boundary with nothing drawn in it, as a TD curve through `points` (first and last are its ends). */
function curveCell(id: string, b: NonNullable<Model['boundaries']>[string], zIndex: number, points: Point[]) {
  const round = (p: Point) => ({ x: Math.round(p.x), y: Math.round(p.y) })
  return {
    shape: 'trust-boundary-curve',
    attrs: { line: { targetMarker: '', sourceMarker: '' } },
    width: 200,
    height: 100,
    zIndex,
    connector: 'smooth',
    labels: [{ position: 0.5, attrs: { label: { text: b.name ?? id } } }],
    data: { type: 'tm.Boundary', name: b.name ?? id, description: b.description ?? '', isTrustBoundary: true, hasOpenThreats: false },
    id: cellId(id),
    source: round(points[0]!),
    target: round(points[points.length - 1]!),
    vertices: points.slice(1, -1).map(round),
  }
}

/**
 * Every threat as TD threats, on each cell it concerns: each one the analysis found, answered or
 * not, with its status, so a Threat Dragon user sees the list moat shows; then the entries the
 * analysis did not find (stale responses, or an export without an analysis).
 */
function threatsOfCells(model: Model, analysed: Map<string, Threat>): Map<string, object[]> {
  const byCell = new Map<string, object[]>()
  const entries = model.threats ?? {}
  for (const t of analysed.values()) {
    const entry = Object.hasOwn(entries, t.id) ? entries[t.id] : undefined
    const threat = {
      id: t.id,
      title: t.title,
      type: CATEGORY[t.category],
      status: statusOfThreat(t),
      severity: SEVERITY[t.severity],
      description: t.description,
      mitigation: t.mitigations.join('\n\n') || (t.response?.rationale ?? ''),
      modelType: 'STRIDE',
      ...(t.origin === 'rule' && t.rule && { ruleId: t.rule }),
      moat: writeExtension((entry ?? {}) as Record<string, unknown>, t.origin === 'rule'),
    }
    for (const id of t.elements) byCell.set(id, [...(byCell.get(id) ?? []), threat])
  }
  for (const [key, entry] of Object.entries(entries)) {
    if (analysed.has(key)) continue
    const generated = !entry.title && key.includes('@')
    const found = analysed.get(key)
    const on = entry.on ?? found?.elements ?? (generated ? [key.slice(key.indexOf('@') + 1)] : [])
    const category = entry.category ?? found?.category
    const severity = entry.severity ?? found?.severity
    const threat = {
      id: key,
      title: entry.title ?? found?.title ?? key,
      type: category ? CATEGORY[category] : '',
      status: statusOf(entry),
      severity: severity ? SEVERITY[severity] : 'Medium',
      description: entry.description ?? found?.description ?? '',
      mitigation: (entry.mitigations ?? found?.mitigations ?? []).join('\n\n') || (entry.rationale ?? ''),
      modelType: 'STRIDE',
      ...(generated && found?.rule && { ruleId: found.rule }),
      moat: writeExtension(entry as Record<string, unknown>, generated),
    }
    for (const id of on) byCell.set(id, [...(byCell.get(id) ?? []), threat])
  }
  return byCell
}

/** The state of an analysed threat: mitigated when its response is done (controls that answer it count). */
function statusOfThreat(t: Threat): string {
  if (t.response?.kind === 'not-applicable') return 'NotApplicable'
  return t.response && t.response.kind !== 'accept' && t.status === 'done' ? 'Mitigated' : 'Open'
}

/** TD shows three states; moat's exact response rides in the `moat` property. */
function statusOf(entry: ThreatEntry): string {
  if (entry.response === 'not-applicable') return 'NotApplicable'
  const done = entry.status === 'done' || (entry.status === undefined && entry.response === 'accept')
  return entry.response && entry.response !== 'accept' && done ? 'Mitigated' : 'Open'
}
