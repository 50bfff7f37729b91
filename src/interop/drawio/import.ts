/**
 * draw.io diagrams drawn with the drawio-threatmodeling shapes → moat. Each page is a diagram;
 * the element kind comes from the style; boundaries hold what their geometry holds (they do not
 * parent their elements); a flow's name is its label, or a text cell attached to it.
 */
import { ModelBuilder, type NodeKind } from '../builder.js'
import { innermost, parents, type Box } from '../geometry.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { dict, list, text, unique, type Dict } from '../values.js'
import { parseXml } from '../xml.js'
import { inflatePage } from './body.js'
import { cellsOf, type DrawioCell } from './cells.js'

const NODE: Partial<Record<DrawioCell['kind'], NodeKind>> = { external: 'externals', process: 'processes', store: 'stores' }
const PROTOCOL = /^(https?|tls|mtls|ssh|sftp|ftps?|smtp|imap|amqps?|grpc|mqtt|ldaps?|sql|jdbc|odbc|tcp|udp|wss?|rpc|soap|rest)(\/[\w.]+)?$/i

/**
 * @example
 * const { model } = importDrawio(readFileSync('dfd.drawio', 'utf8'))
 */
export function importDrawio(source: string): ImportResult {
  const xml = parseXml(source)
  if (xml.mxlibrary !== undefined) {
    throw new InteropError('this is a draw.io shape library, not a diagram', 'import a diagram drawn with these shapes (a .drawio file), not the library itself')
  }
  const pages = pagesOf(xml)
  if (!pages.length) throw new InteropError('not a draw.io diagram: no <mxfile> with pages, and no <mxGraphModel>', 'save the diagram from draw.io as a .drawio (XML) file')
  const b = new ModelBuilder({ name: pages[0]!.name ?? 'Imported draw.io diagram' })
  pages.forEach((page, i) => addPage(b, page, i))
  b.warn(['mxfile'], 'draw.io shapes carry no names of tools, protocols or data: review the imported model and add them')
  return b.result('drawio')
}

interface Page {
  name?: string
  root: Dict
  path: SourcePath
}

function pagesOf(xml: Dict): Page[] {
  if (xml.mxGraphModel !== undefined) return [{ root: dict(dict(xml.mxGraphModel).root), path: ['mxGraphModel'] }]
  const file = dict(xml.mxfile)
  return list(file.diagram).map((d, i) => {
    const diagram = dict(d)
    const name = text(diagram['@_name'])
    const path: SourcePath = [`page "${name ?? i + 1}"`]
    if (diagram.mxGraphModel !== undefined) return { name, root: dict(dict(diagram.mxGraphModel).root), path }
    const body = text(diagram['#text']) ?? (typeof d === 'string' ? text(d) : undefined)
    if (!body) return { name, root: {}, path }
    const inner = parseXml(inflatePage(body))
    return { name, root: dict(dict(inner.mxGraphModel).root), path }
  })
}

function addPage(b: ModelBuilder, page: Page, index: number): void {
  const cells = cellsOf(page.root)
  const key = (id: string) => `${index}/${id}`
  const byId = new Map(cells.map((c) => [c.id, c]))
  const layout: Record<string, Box> = {}
  const boxes = new Map<string, Box>()
  const elements: string[] = []
  for (const cell of cells) {
    const where: SourcePath = [...page.path, `cell ${cell.id}`]
    const box = cell.box && absolute(cell, byId)
    const kind = NODE[cell.kind]
    if (kind) {
      const id = b.add(kind, key(cell.id), cell.label || undefined, { name: cell.label || undefined })
      if (!cell.label) b.warn(where, `a ${cell.kind} without a label is called "${id}"`)
      if (box) layout[id] = box
      elements.push(id)
    } else if (cell.kind === 'boundary' || cell.kind === 'line-boundary') {
      const id = b.add('boundaries', key(cell.id), cell.label || 'Trust boundary', { name: cell.label || undefined })
      if (cell.kind === 'line-boundary') b.warn(where, `trust boundary line "${cell.label || id}" does not say which side elements are on: it is kept as an empty boundary`)
      else if (box) boxes.set(id, box)
      if (box) layout[id] = box
    } else if (cell.kind === 'other') {
      b.warn(where, `shape "${cell.label || cell.id}" (style ${[...cell.style.keys()].slice(0, 3).join(';')}) is not one of the threat-modeling shapes; it is left out`)
    } else if (cell.kind === 'text' && !(cell.parent && byId.get(cell.parent)?.kind === 'flow')) {
      b.warn(where, `text "${cell.label.slice(0, 60)}" is a note or a label on no flow; it is left out`)
    }
  }
  for (const [child, parent] of parents(boxes)) b.update('boundaries', child, { parent })
  for (const id of elements) {
    const inside = layout[id] && innermost(boxes, layout[id])
    if (inside) b.update(b.kindOf(id) as NodeKind, id, { boundary: inside })
  }
  for (const cell of cells.filter((c) => c.kind === 'flow')) {
    const id = addFlow(b, cell, cells, key, [...page.path, `cell ${cell.id}`])
    if (id) elements.push(id)
  }
  b.add('diagrams', undefined, page.name ?? `Page ${index + 1}`, { name: page.name, elements: unique(elements), layout: Object.keys(layout).length ? layout : undefined })
}

/** Geometry is relative to the parent cell when the parent is a shape (a group or container). */
function absolute(cell: DrawioCell, byId: Map<string, DrawioCell>): Box {
  let { x, y } = cell.box!
  let parent = cell.parent ? byId.get(cell.parent) : undefined
  for (let depth = 0; parent?.box && depth < 32; depth++) {
    x += parent.box.x
    y += parent.box.y
    parent = parent.parent ? byId.get(parent.parent) : undefined
  }
  return { ...cell.box!, x, y }
}

function addFlow(b: ModelBuilder, cell: DrawioCell, cells: DrawioCell[], key: (id: string) => string, where: SourcePath): string | undefined {
  const from = cell.source ? b.ref(key(cell.source)) : undefined
  const to = cell.target ? b.ref(key(cell.target)) : undefined
  const label = [cell.label, ...cells.filter((c) => c.parent === cell.id && c.kind === 'text').map((c) => c.label)].filter(Boolean).join(' ') || undefined
  if (!b.isNode(from) || !b.isNode(to) || from === to) {
    b.warn(where, `flow "${label ?? cell.id}" does not connect two shapes of the threat-modeling library; it is left out`)
    return undefined
  }
  const start = cell.style.get('startArrow')
  return b.add('flows', key(cell.id), label ?? `${from} to ${to}`, {
    name: label,
    from,
    to,
    protocol: label && PROTOCOL.test(label) ? label : undefined,
    bidirectional: start !== undefined && start !== 'none' ? true : undefined,
  })
}
