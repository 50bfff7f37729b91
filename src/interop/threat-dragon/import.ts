/**
 * OWASP Threat Dragon (v1 and v2 JSON) → moat. Each TD diagram becomes a moat diagram listing its
 * elements, with their positions as its layout; a cell drawn on several diagrams (same cell id)
 * is one element. Trust boundary boxes hold what their geometry holds; boundary curves are a line,
 * not an area: they hold nothing, and are kept as the line the user drew (`points` in the layout).
 */
import { ModelBuilder, type NodeKind } from '../builder.js'
import { readExtension } from '../extension.js'
import { innermost, nearest, parents, type Box } from '../geometry.js'
import { keepsAsId, keepsAsThreatKey } from '../ids.js'
import { parseStructured } from '../structured.js'
import { addThreat } from '../threats.js'
import { InteropError, type ImportResult } from '../types.js'
import { bool, compact, dict, isDict, text, unique, type Dict } from '../values.js'
import { diagramsOf, type Point, type TdCell, type TdDiagram } from './cells.js'
import { keptOfDiagram, keptOfModel, keptOfThreat, unmappedFields } from './fields.js'

const NODE_KIND: Record<string, NodeKind> = { 'tm.Actor': 'externals', 'tm.Process': 'processes', 'tm.Store': 'stores' }

/**
 * @example
 * const { model, warnings } = importThreatDragon(readFileSync('model.json', 'utf8'))
 */
export function importThreatDragon(source: string): ImportResult {
  const parsed = parseStructured(source)
  const root = dict(parsed.data)
  const summary = root.summary
  const found = isDict(summary) && isDict(root.detail) ? diagramsOf(root.detail) : undefined
  if (!isDict(summary) || !found) {
    const missing = [!isDict(summary) && '"summary"', !isDict(root.detail) && '"detail"', isDict(root.detail) && !found && '"detail.diagrams"'].filter(Boolean).join(' and ')
    throw new InteropError(`not a Threat Dragon model: ${missing || 'its diagrams'} ${missing.includes(' and ') ? 'are' : 'is'} missing or malformed`, 'a Threat Dragon file has "summary" (with "title") and "detail" (with "diagrams"); open it in Threat Dragon and save it again')
  }
  if (!text(summary.title)) throw new InteropError('not a Threat Dragon model: "summary.title" is missing', 'give the model a title in Threat Dragon and save it again')

  const b = new ModelBuilder({ name: text(summary.title), description: text(summary.description), owners: text(summary.owner) ? [text(summary.owner)] : undefined, 'x-threat-dragon': keptOfModel(root) })
  const cellKind = new Map<string, string>()
  for (const diagram of found.diagrams) addNodes(b, diagram, cellKind)
  for (const diagram of found.diagrams) addFlows(b, diagram, cellKind)
  found.diagrams.forEach((diagram, i) => addDiagram(b, diagram, i))
  addThreats(b, found.diagrams, cellKind)
  for (const { path, message } of unmappedFields(found.diagrams)) b.warn(path, message)
  return { ...b.result('td'), warnings: parsed.locate(b.warnings) }
}

function addNodes(b: ModelBuilder, diagram: TdDiagram, cellKind: Map<string, string>): void {
  for (const cell of diagram.cells) {
    const kind = NODE_KIND[cell.type]
    if (cell.id && b.ref(cell.id)) continue // drawn on an earlier diagram
    if (kind) {
      cellKind.set(cell.id, kind === 'externals' ? 'external' : kind === 'processes' ? 'process' : 'store')
      b.add(kind, cell.id, cell.name, { name: cell.name, description: text(cell.props.description), ...nodeFields(kind, cell.props), outOfScope: outOfScope(b, cell) }, keepsAsId(cell.id) ? cell.id : undefined)
    } else if (cell.type === 'tm.BoundaryBox' || cell.type === 'tm.Boundary') {
      if (cell.type === 'tm.Boundary') {
        b.warn(cell.path, `boundary curve "${cell.name ?? 'Trust boundary'}" is a line, not an area: it is drawn where it was drawn, but it holds no elements, so no flow crosses it for moat's rules; to say which side elements are on, put them in a boundary with "boundary:"`)
      }
      b.add('boundaries', cell.id, cell.name ?? 'Trust boundary', { name: cell.name ?? 'Trust boundary', description: text(cell.props.description) }, keepsAsId(cell.id) ? cell.id : undefined)
    } else if (cell.type === 'tm.Text') {
      // kept as the diagram's description, in addDiagram
    } else if (cell.type !== 'tm.Flow') {
      b.warn(cell.path, `cell type ${JSON.stringify(cell.type)} is not a Threat Dragon element moat knows; it is left out`)
    }
  }
}

/** Threat Dragon's yes/no flags that moat has no field for; each one set becomes an attribute. */
const FLAGS = ['providesAuthentication', 'handlesCardPayment', 'handlesGoodsOrServices', 'isWebApplication', 'isALog', 'isSigned', 'storesCredentials', 'storesInventory', 'isEncrypted', 'isPublicNetwork']

/** The flags set on a cell (and its privilege level), as attributes; `fields` are mapped to moat fields instead. */
function flagAttributes(p: Dict, fields: readonly string[] = []): Record<string, string | boolean> | undefined {
  const set = FLAGS.filter((n) => !fields.includes(n) && bool(p[n]) === true)
  const privilegeLevel = text(p.privilegeLevel)
  const attributes: Record<string, string | boolean> = { ...Object.fromEntries(set.map((n) => [n, true])), ...(privilegeLevel && { privilegeLevel }) }
  return Object.keys(attributes).length ? attributes : undefined
}

function nodeFields(kind: NodeKind, p: Dict): Record<string, unknown> {
  if (kind === 'processes') return { type: bool(p.isWebApplication) ? 'web-app' : undefined, attributes: flagAttributes(p) }
  if (kind === 'stores') return { type: bool(p.isALog) ? 'log' : undefined, encrypted: bool(p.isEncrypted) === true ? true : undefined, attributes: flagAttributes(p, ['isEncrypted']) }
  return { attributes: flagAttributes(p) }
}

function outOfScope(b: ModelBuilder, cell: TdCell): string | undefined {
  if (bool(cell.props.outOfScope) !== true) return undefined
  const reason = text(cell.props.reasonOutOfScope)
  if (reason) return reason
  b.warn(cell.path, `"${cell.name ?? cell.id}" is out of scope without a reason; moat needs one, so it says "Out of scope in Threat Dragon"`)
  return 'Out of scope in Threat Dragon (no reason given)'
}

function addFlows(b: ModelBuilder, diagram: TdDiagram, cellKind: Map<string, string>): void {
  for (const cell of diagram.cells) {
    if (cell.type !== 'tm.Flow' || (cell.id && cellKind.has(cell.id))) continue
    const label = cell.name ?? cell.id
    const from = endOf(b, diagram, cell, 'source', label)
    const to = endOf(b, diagram, cell, 'target', label)
    if (!b.isNode(from) || !b.isNode(to)) {
      b.warn(cell.path, `data flow "${label}" is not connected to an actor, process or store at both ends; it is left out`)
      continue
    }
    if (from === to) {
      b.warn(cell.path, `data flow "${label}" goes from "${from}" to itself; moat does not allow that, so it is left out`)
      continue
    }
    const p = cell.props
    cellKind.set(cell.id, 'flow')
    b.add('flows', cell.id, cell.name ?? `${from} to ${to}`, {
      name: cell.name,
      description: text(p.description),
      from,
      to,
      protocol: text(p.protocol),
      encrypted: bool(p.isEncrypted) === true ? true : undefined,
      bidirectional: bool(p.isBidirectional) === true ? true : undefined,
      attributes: compact({ ...(bool(p.isPublicNetwork) === true && { publicNetwork: true }), ...flagAttributes(p, ['isEncrypted', 'isPublicNetwork']) }),
      outOfScope: outOfScope(b, cell),
      'x-threat-dragon': cell.vertices.length ? { vertices: cell.vertices } : undefined,
    }, keepsAsId(cell.id) ? cell.id : undefined)
  }
}

/** A flow end: the cell it is attached to, or the shape it was dropped next to (within 40 units). */
function endOf(b: ModelBuilder, diagram: TdDiagram, cell: TdCell, end: 'source' | 'target', label: string): string | undefined {
  const value = cell[end]
  if (typeof value === 'string' || value === undefined) return typeof value === 'string' ? b.ref(value) : undefined
  const shapes = new Map<string, Box>()
  for (const c of diagram.cells) {
    const id = b.ref(c.id)
    if (c.box && NODE_KIND[c.type] && id) shapes.set(id, c.box)
  }
  const near = nearest(shapes, value, 40)
  if (near) b.warn(cell.path, `data flow "${label}": its ${end} is not attached to a shape; it is connected to "${near}", the shape it ends next to`)
  return near
}

function addDiagram(b: ModelBuilder, diagram: TdDiagram, index: number): void {
  const boxes = new Map<string, Box>()
  const layout: Record<string, Box | CurveLayout> = {}
  const elements: string[] = []
  for (const cell of diagram.cells) {
    const id = b.ref(cell.id)
    const kind = b.kindOf(id)
    if (!id || !kind) continue
    if (kind !== 'boundaries') elements.push(id)
    const curve = cell.type === 'tm.Boundary' ? curveLayout(diagram, cell) : undefined
    if (curve) layout[id] = curve
    else if (cell.box && kind !== 'flows' && cell.type !== 'tm.Boundary') layout[id] = cell.box
    if (kind === 'boundaries' && cell.type === 'tm.BoundaryBox' && cell.box) boxes.set(id, cell.box)
  }
  for (const [child, parent] of parents(boxes)) setOnce(b, 'boundaries', child, 'parent', parent, diagram)
  for (const id of elements) {
    if (!b.isNode(id) || !layout[id]) continue
    const inside = innermost(boxes, layout[id])
    if (inside) setOnce(b, b.kindOf(id) as NodeKind, id, 'boundary', inside, diagram)
  }
  const notes = diagram.cells.filter((c) => c.type === 'tm.Text' && c.name).map((c) => c.name!)
  if (notes.length) b.warn(diagram.path, `text on diagram "${diagram.title ?? index + 1}" is kept in the diagram's description`)
  b.add('diagrams', undefined, diagram.title ?? `Diagram ${index + 1}`, {
    name: diagram.title,
    description: [diagram.description, ...notes].filter(Boolean).join('\n\n') || undefined,
    elements: unique(elements),
    layout: Object.keys(layout).length ? layout : undefined,
    'x-threat-dragon': keptOfDiagram(diagram),
  })
}

/** A curve's place in a diagram's layout: the box around it, and the points the line passes, in order. */
interface CurveLayout extends Box {
  points: Point[]
}

/**
 * The line of a boundary curve: from its source through its vertices to its target (an end
 * attached to a shape starts at the shape's centre); undefined when an end is nowhere.
 */
function curveLayout(diagram: TdDiagram, cell: TdCell): CurveLayout | undefined {
  const end = (value: TdCell['source']): Point | undefined => {
    if (typeof value !== 'string') return value
    const box = diagram.cells.find((c) => c.id === value)?.box
    return box && { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  }
  const [from, to] = [end(cell.source), end(cell.target)]
  if (!from || !to) return undefined
  const points = [from, ...cell.vertices, to].map((p) => ({ x: p.x, y: p.y }))
  const x = Math.min(...points.map((p) => p.x))
  const y = Math.min(...points.map((p) => p.y))
  return { x, y, width: Math.max(...points.map((p) => p.x)) - x, height: Math.max(...points.map((p) => p.y)) - y, points }
}

/** An element drawn on two diagrams inside two different boundaries keeps the first. */
function setOnce(b: ModelBuilder, collection: NodeKind | 'boundaries', id: string, field: 'boundary' | 'parent', value: string, diagram: TdDiagram): void {
  const current = b.get(collection, id)?.[field]
  if (current === undefined) b.update(collection, id, { [field]: value })
  else if (current !== value) b.warn(diagram.path, `"${id}" sits in "${current}" on one diagram and in "${value}" on diagram "${diagram.title ?? ''}"; it keeps "${current}"`)
}

function addThreats(b: ModelBuilder, diagrams: TdDiagram[], cellKind: Map<string, string>): void {
  const byKey = new Map<string, string>()
  for (const diagram of diagrams) {
    for (const cell of diagram.cells) {
      const on = b.ref(cell.id)
      const kind = cellKind.get(cell.id)
      if (!cell.threats.length) continue
      if (!on || !kind) {
        b.warn(cell.path, `the threats of "${cell.name ?? cell.id}" are left out: it is not an element moat imports`)
        continue
      }
      // v1 keeps threats on the cell, v2 under its data.
      const base = cell.path.includes('diagramJson') ? cell.path : [...cell.path, 'data']
      cell.threats.forEach((raw, i) => addOne(b, dict(raw), [...base, 'threats', i], on, kind as ThreatTarget, byKey))
    }
  }
}

type ThreatTarget = 'external' | 'process' | 'store' | 'flow'

function addOne(b: ModelBuilder, t: Dict, path: readonly (string | number)[], on: string, kind: ThreatTarget, byKey: Map<string, string>): void {
  const foreignId = text(t.id) ?? text(t.threatId)
  const preferred = keepsAsThreatKey(foreignId) ? foreignId : undefined
  const ext = readExtension(t.moat)
  if (preferred && byKey.has(preferred)) {
    // The same threat drawn on several cells: one threat on all of them.
    const key = byKey.get(preferred)!
    const entry = b.get('threats', key)
    if (entry && Array.isArray(entry.on) && !entry.on.includes(on)) b.update('threats', key, { on: [...entry.on, on] })
    return
  }
  if (ext?.generated && preferred?.includes('@')) {
    // A threat moat generates: the rule finds it again after import, so only a response is kept.
    const response = responseOf(ext)
    if (Object.keys(response).length) byKey.set(preferred, b.addThreat(undefined, { ...response }, preferred))
    return
  }
  const title = text(t.title) ?? 'Untitled threat'
  if (!text(t.title)) b.warn(path, 'a threat without a title is called "Untitled threat"')
  const key = addThreat(b, path, {
    title,
    description: text(t.description),
    mitigations: text(t.mitigation) ? [text(t.mitigation)!] : undefined,
    categories: [t.type],
    severity: t.severity,
    status: t.status,
    rationale: text(t.mitigation),
    on: [on],
    kind,
    likelihood: ext?.likelihood,
    impact: ext?.impact,
    extra: { 'x-threat-dragon': keptOfThreat(t, preferred ? undefined : foreignId) },
  }, preferred)
  if (ext) b.update('threats', key, responseOf(ext))
  if (preferred) byKey.set(preferred, key)
}

/** The response fields an extension carries; controls are left out (Threat Dragon has none to point at). */
const responseOf = (ext: NonNullable<ReturnType<typeof readExtension>>) =>
  compact({ response: ext.response, status: ext.status, owner: ext.owner, rationale: ext.rationale, ticket: ext.ticket, likelihood: ext.likelihood, impact: ext.impact })
