/**
 * Every field Threat Dragon v1 and v2 write, and what becomes of those moat has no field for:
 * kept under `x-threat-dragon` (contributors, the diagram's methodology, a threat's score, ...),
 * or, for how the canvas draws them (styles, ports, z-order, ...), named in one warning. A field
 * the format does not define is named in a warning too, so nothing is dropped silently.
 */
import type { SourcePath } from '../types.js'
import { bool, compact, dict, entries, isDict, list, num, text, type Dict } from '../values.js'
import type { TdDiagram } from './cells.js'

/** Cell fields the import reads (v2 and v1). */
const CELL_READ = ['id', 'shape', 'type', 'data', 'position', 'size', 'source', 'target', 'vertices', 'threats']
/** Element properties (v2 `data`, v1 the cell itself) the import reads. */
export const PROPERTIES_READ = [
  'name', 'description', 'type', 'threats', 'outOfScope', 'reasonOutOfScope', 'isTrustBoundary',
  'providesAuthentication', 'handlesCardPayment', 'handlesGoodsOrServices', 'isWebApplication', 'privilegeLevel',
  'isALog', 'isEncrypted', 'isSigned', 'storesCredentials', 'storesInventory', 'isBidirectional', 'isPublicNetwork', 'protocol',
]
/** Worked out from the threats, by Threat Dragon and by moat alike. */
const DERIVED = ['hasOpenThreats', 'threatFrequency']
/** How the canvas draws a cell: moat draws its own diagrams. */
const DRAWING: Record<string, string> = {
  attrs: 'styles (attrs)', ports: 'ports', zIndex: 'z-order (zIndex)', z: 'z-order (z)', visible: 'visibility', connector: 'connector style',
  router: 'routing', tools: 'editing tools', angle: 'rotation (angle)', smooth: 'smoothing', width: 'edge sizes (width, height)', height: 'edge sizes (width, height)',
  labels: 'label positions', markup: 'markup', embeds: 'embedding', parent: 'embedding',
}

/** What the system keeps: the model's own id and version, the people, and Threat Dragon's counters. */
export function keptOfModel(root: Dict): Dict | undefined {
  const summary = dict(root.summary)
  const detail = dict(root.detail)
  const contributors = list(detail.contributors).map((c) => text(dict(c).name) ?? text(c)).filter((c): c is string => !!c)
  const kept = compact({
    id: text(summary.id),
    version: text(root.version),
    contributors,
    reviewer: text(detail.reviewer),
    diagramTop: num(detail.diagramTop),
    threatTop: num(detail.threatTop),
  })
  return Object.keys(kept).length ? kept : undefined
}

/** What a diagram keeps: its id, methodology (STRIDE, LINDDUN, CIA, ...), thumbnail, version and size. */
export function keptOfDiagram(diagram: TdDiagram): Dict | undefined {
  const raw = diagram.raw
  const kept = compact({
    id: text(raw.id),
    diagramType: text(raw.diagramType),
    thumbnail: text(raw.thumbnail),
    placeholder: text(raw.placeholder),
    version: text(raw.version),
    size: isDict(raw.size) ? raw.size : undefined,
  })
  return Object.keys(kept).length ? kept : undefined
}

/** What a threat keeps: its id (when it is not the moat key), the method it was written in, its number, custom score, the rule that made it. */
export function keptOfThreat(threat: Dict, id?: string): Dict | undefined {
  const kept = compact({
    id,
    modelType: text(threat.modelType),
    number: num(threat.number),
    score: text(threat.score),
    ruleId: text(threat.ruleId),
    new: bool(threat.new) === true ? true : undefined,
  })
  return Object.keys(kept).length ? kept : undefined
}

/** The drawing details present in the file, named once, and every field Threat Dragon does not define. */
export function unmappedFields(diagrams: readonly TdDiagram[]): { path: SourcePath; message: string }[] {
  const found: { path: SourcePath; message: string }[] = []
  const drawing = new Set<string>()
  for (const diagram of diagrams) {
    for (const cell of diagram.cells) {
      const v1 = cell.raw === cell.props
      const unknown: string[] = []
      for (const [key, value] of entries(cell.raw)) {
        if (value === null || value === undefined) continue
        // attrs and labels also hold a v1 cell's name, which is read; the rest of them is drawing.
        if (DRAWING[key]) drawing.add(DRAWING[key])
        else if (key === 'source' || key === 'target') {
          // Which port of the shape a flow is attached to is drawing; the shape is read.
          if (dict(value).port !== undefined) drawing.add(DRAWING.ports!)
        } else if (!CELL_READ.includes(key) && !(v1 && (PROPERTIES_READ.includes(key) || DERIVED.includes(key)))) unknown.push(key)
      }
      if (!v1) for (const [key, value] of entries(cell.props)) if (value !== null && value !== undefined && !PROPERTIES_READ.includes(key) && !DERIVED.includes(key)) unknown.push(`data.${key}`)
      if (unknown.length) found.push({ path: cell.path, message: `"${cell.name ?? cell.id}" has fields Threat Dragon does not define: ${unknown.join(', ')}; they are left out` })
      for (const threat of cell.threats) {
        const extra = Object.keys(dict(threat)).filter((k) => !THREAT_READ.includes(k))
        if (extra.length) found.push({ path: cell.path, message: `a threat of "${cell.name ?? cell.id}" has fields Threat Dragon does not define: ${extra.join(', ')}; they are left out` })
      }
    }
  }
  if (drawing.size) found.unshift({ path: ['detail', 'diagrams'], message: `how Threat Dragon draws the cells is not kept (moat draws its own diagrams): ${[...drawing].sort().join(', ')}` })
  return found
}

/** Threat fields the import reads or keeps. */
const THREAT_READ = ['id', 'threatId', 'title', 'status', 'severity', 'type', 'description', 'mitigation', 'modelType', 'number', 'score', 'ruleId', 'new', 'moat']
