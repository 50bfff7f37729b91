/**
 * Edits of the model data, as the editor makes them. The data is the file's own (raw, with
 * unknown fields and without defaults), so saving writes back only what the user changed.
 * Every operation returns a new object; the old one stays for undo.
 */
export type Raw = Record<string, any>
export type NodeKind = 'external' | 'process' | 'store'
export type Kind = NodeKind | 'boundary' | 'flow' | 'asset' | 'actor' | 'control' | 'diagram' | 'assumption'

export const COLLECTION: Record<Kind, string> = {
  external: 'externals',
  process: 'processes',
  store: 'stores',
  boundary: 'boundaries',
  flow: 'flows',
  asset: 'assets',
  actor: 'actors',
  control: 'controls',
  diagram: 'diagrams',
  assumption: 'assumptions',
}
const ID_SPACE = Object.values(COLLECTION)
export const NODE_KINDS: NodeKind[] = ['external', 'process', 'store']

export interface Box {
  x: number
  y: number
  width?: number
  height?: number
}

export const clone = <T>(value: T): T => structuredClone(value)

export function kindOf(raw: Raw, id: string): Kind | undefined {
  for (const [kind, collection] of Object.entries(COLLECTION)) if (own(raw[collection], id)) return kind as Kind
  return undefined
}

export const own = (object: unknown, key: string) => object !== null && typeof object === 'object' && Object.prototype.hasOwnProperty.call(object, key)

export function entry(raw: Raw, id: string): Raw | undefined {
  const kind = kindOf(raw, id)
  return kind ? raw[COLLECTION[kind]][id] : undefined
}

export function uniqueId(raw: Raw, base: string): string {
  const slug = base.toLowerCase().replace(/[^a-z0-9_.:-]+/g, '-').replace(/^[^a-z0-9]+/, '').replace(/-+$/, '') || 'item'
  const taken = (id: string) => ID_SPACE.some((c) => own(raw[c], id))
  if (!taken(slug)) return slug
  for (let i = 2; ; i++) if (!taken(`${slug}-${i}`)) return `${slug}-${i}`
}

const NEW_NAME: Record<string, string> = { external: 'External', process: 'Process', store: 'Store', boundary: 'Boundary' }

/** Diagrams the editor shows: the model's, or the implicit one(s) when it declares none. */
export function diagramsOf(raw: Raw): { id: string; name: string; kind: 'dfd' | 'sequence'; refines?: string; implicit: boolean }[] {
  const declared = Object.entries((raw.diagrams ?? {}) as Record<string, Raw>)
  if (declared.length) return declared.map(([id, d]) => ({ id, name: d?.name ?? id, kind: d?.kind === 'sequence' ? 'sequence' : 'dfd', ...(d?.refines && { refines: d.refines }), implicit: false }))
  const list: ReturnType<typeof diagramsOf> = [{ id: 'system', name: raw.system?.name ?? 'System', kind: 'dfd', implicit: true }]
  if (raw.system?.kind === 'protocol') list.push({ id: 'sequence', name: 'Message sequence', kind: 'sequence', implicit: true })
  return list
}

/** Makes the diagram a real entry of `diagrams`, so positions can be kept in it. */
function ensureDiagram(raw: Raw, diagram: string): Raw {
  raw.diagrams ??= {}
  if (!own(raw.diagrams, diagram)) {
    for (const d of diagramsOf({ ...raw, diagrams: undefined })) {
      if (!own(raw.diagrams, d.id)) raw.diagrams[d.id] = d.kind === 'sequence' ? { kind: 'sequence' } : {}
    }
    raw.diagrams[diagram] ??= {}
  }
  return raw.diagrams[diagram]
}

export function addNode(raw: Raw, kind: NodeKind | 'boundary', diagram: string, box: Box, boundary?: string): { raw: Raw; id: string } {
  const next = clone(raw)
  const id = uniqueId(next, `${kind}-${Object.keys(next[COLLECTION[kind]] ?? {}).length + 1}`)
  next[COLLECTION[kind]] ??= {}
  const name = `${NEW_NAME[kind]} ${Object.keys(next[COLLECTION[kind]]).length + 1}`
  next[COLLECTION[kind]][id] = kind === 'boundary' ? { name, ...(boundary && { parent: boundary }) } : { name, ...(boundary && { boundary }) }
  const d = ensureDiagram(next, diagram)
  if (Array.isArray(d.elements)) d.elements.push(id)
  d.layout ??= {}
  d.layout[id] = roundBox(box)
  return { raw: next, id }
}

export function addFlow(raw: Raw, from: string, to: string, diagram: string): { raw: Raw; id: string } {
  const next = clone(raw)
  next.flows ??= {}
  const id = uniqueId(next, `${from}-to-${to}`)
  const fromName = entry(next, from)?.name ?? from
  const toName = entry(next, to)?.name ?? to
  next.flows[id] = { name: `${fromName} to ${toName}`, from, to }
  const d = next.diagrams?.[diagram]
  if (d && Array.isArray(d.elements) && !d.refines) d.elements.push(id)
  return { raw: next, id }
}

const roundBox = (b: Box): Box => ({ x: Math.round(b.x), y: Math.round(b.y), ...(b.width !== undefined && { width: Math.round(b.width) }), ...(b.height !== undefined && { height: Math.round(b.height) }) })

/** Positions of a diagram (and boundary/parent changes made by dropping), in one edit. */
export function setLayout(raw: Raw, diagram: string, boxes: Record<string, Box>, moves: Record<string, string | undefined> = {}): Raw {
  const next = clone(raw)
  const d = ensureDiagram(next, diagram)
  d.layout ??= {}
  for (const [id, box] of Object.entries(boxes)) d.layout[id] = roundBox(box)
  for (const [id, boundary] of Object.entries(moves)) {
    const kind = kindOf(next, id)
    if (!kind) continue
    const field = kind === 'boundary' ? 'parent' : 'boundary'
    const target = next[COLLECTION[kind]][id]
    if (boundary) target[field] = boundary
    else delete target[field]
  }
  return next
}

/** Sets (or, with undefined or '', removes) a field of an entry. */
export function setField(raw: Raw, path: (string | number)[], value: unknown): Raw {
  const next = clone(raw)
  let node: Raw = next
  for (const step of path.slice(0, -1)) {
    if (node[step as string] === undefined || node[step as string] === null || typeof node[step as string] !== 'object') node[step as string] = {}
    node = node[step as string]
  }
  const last = path[path.length - 1] as string
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  if (empty) delete node[last]
  else node[last] = value
  return next
}

/** Deletes elements, flows and boundaries, and every reference to them. */
export function deleteIds(raw: Raw, ids: Iterable<string>): Raw {
  const next = clone(raw)
  const gone = new Set(ids)
  // Flows to or from a deleted element go with it.
  for (const [id, f] of Object.entries((next.flows ?? {}) as Record<string, Raw>)) if (gone.has(f?.from) || gone.has(f?.to)) gone.add(id)
  for (const id of gone) {
    const kind = kindOf(next, id)
    if (!kind) continue
    const removed = next[COLLECTION[kind]][id]
    delete next[COLLECTION[kind]][id]
    if (kind === 'boundary') {
      for (const c of ['externals', 'processes', 'stores']) for (const e of Object.values((next[c] ?? {}) as Record<string, Raw>)) if (e?.boundary === id) setOrDelete(e, 'boundary', removed?.parent)
      for (const b of Object.values((next.boundaries ?? {}) as Record<string, Raw>)) if (b?.parent === id) setOrDelete(b, 'parent', removed?.parent)
      for (const a of Object.values((next.actors ?? {}) as Record<string, Raw>)) if (a?.boundary === id) delete a.boundary
    }
  }
  const prune = (list: unknown) => (Array.isArray(list) ? list.filter((x) => !gone.has(x)) : list)
  for (const c of Object.values((next.controls ?? {}) as Record<string, Raw>)) if (c && Array.isArray(c.on)) c.on = prune(c.on)
  for (const a of Object.values((next.actors ?? {}) as Record<string, Raw>)) if (a && Array.isArray(a.via)) a.via = prune(a.via)
  for (const t of Object.values((next.threats ?? {}) as Record<string, Raw>)) if (t && Array.isArray(t.on)) t.on = prune(t.on)
  for (const d of Object.values((next.diagrams ?? {}) as Record<string, Raw>)) {
    if (!d) continue
    if (Array.isArray(d.elements)) d.elements = prune(d.elements)
    if (d.layout) for (const id of gone) delete d.layout[id]
  }
  return next
}

const setOrDelete = (o: Raw, key: string, value: unknown) => (value ? (o[key] = value) : delete o[key])

export interface Clip {
  entries: { kind: Kind; id: string; value: Raw; box?: Box }[]
}

export function copyIds(raw: Raw, ids: string[], diagram: string): Clip {
  const chosen = new Set(ids)
  const entries: Clip['entries'] = []
  for (const id of chosen) {
    const kind = kindOf(raw, id)
    if (!kind || kind === 'flow') continue
    entries.push({ kind, id, value: clone(raw[COLLECTION[kind]][id]), box: raw.diagrams?.[diagram]?.layout?.[id] })
  }
  // Flows come along when both ends do.
  for (const [id, f] of Object.entries((raw.flows ?? {}) as Record<string, Raw>)) if (chosen.has(f?.from) && chosen.has(f?.to)) entries.push({ kind: 'flow', id, value: clone(f) })
  return { entries }
}

export function paste(raw: Raw, clip: Clip, diagram: string, offset = 40): { raw: Raw; ids: string[] } {
  const next = clone(raw)
  const renamed = new Map<string, string>()
  const ids: string[] = []
  const d = ensureDiagram(next, diagram)
  for (const e of clip.entries) {
    const id = uniqueId(next, `${e.id}-copy`)
    renamed.set(e.id, id)
    next[COLLECTION[e.kind]] ??= {}
    next[COLLECTION[e.kind]][id] = clone(e.value)
    ids.push(id)
  }
  for (const e of clip.entries) {
    const id = renamed.get(e.id)!
    const value = next[COLLECTION[e.kind]][id]
    if (value?.name) value.name = `${value.name} (copy)`
    for (const field of ['from', 'to', 'boundary', 'parent']) if (value && renamed.has(value[field])) value[field] = renamed.get(value[field])
    if (Array.isArray(d.elements) && e.kind !== 'flow') d.elements.push(id)
    if (e.box) (d.layout ??= {})[id] = roundBox({ ...e.box, x: e.box.x + offset, y: e.box.y + offset })
  }
  return { raw: next, ids }
}

export function addDiagram(raw: Raw, name: string, refines?: string): { raw: Raw; id: string } {
  const next = clone(raw)
  const id = uniqueId(next, refines ? `${refines}-inside` : name)
  ensureDiagram(next, diagramsOf(next)[0]!.id)
  next.diagrams[id] = { name, ...(refines && { refines }), elements: [] }
  return { raw: next, id }
}

export function addEntry(raw: Raw, kind: Kind, value: Raw, base: string): { raw: Raw; id: string } {
  const next = clone(raw)
  const id = uniqueId(next, base)
  next[COLLECTION[kind]] ??= {}
  next[COLLECTION[kind]][id] = value
  return { raw: next, id }
}

export function removeEntry(raw: Raw, collection: string, id: string): Raw {
  if (['externals', 'processes', 'stores', 'boundaries', 'flows'].includes(collection)) return deleteIds(raw, [id])
  const next = clone(raw)
  delete next[collection]?.[id]
  return next
}

/** The response to a threat: fields under `threats.<id>`; an empty entry is removed. */
export function setThreatField(raw: Raw, threat: string, field: string, value: unknown): Raw {
  let next = setField(raw, ['threats', threat, field], value)
  if (next.threats?.[threat] && Object.keys(next.threats[threat]).length === 0) {
    next = clone(next)
    delete next.threats[threat]
  }
  return next
}
