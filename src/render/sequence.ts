/**
 * Protocol models as sequence diagrams: parties as lifelines (inside their trust boundaries),
 * messages top to bottom in `order`, each with the protection it has: encrypted, signed,
 * authenticated, nonce. Laid out here (a sequence diagram needs no graph layout), drawn as SVG.
 */
import { FONT } from './content.js'
import type { Scene, SceneFlow, SceneNode } from './scene.js'
import { el } from './svg-kit.js'
import { document } from './svg.js'
import { textWidth, wrapText } from './text.js'

const MARGIN = 20
const TOP = 56 + 34 // below the title, with room for boundary names
const HEAD = { minWidth: 140, height: 50, pad: 16 }
const ROW = 30 // message row height, besides its label lines
const GAP = 40
const TAG = { size: 10, pad: 5, gap: 5 }

export interface Protection {
  label: string
  on: boolean
}

/**
 * What protects a message, as shown under its arrow: what it has, and plaintext when it is not encrypted.
 * @example
 * protectionOf({ encrypted: true, signed: true, authenticated: false, nonce: false } as SceneFlow) // [{ label: 'encrypted', on: true }, { label: 'signed', on: true }]
 */
export function protectionOf(flow: SceneFlow): Protection[] {
  const tags: Protection[] = [flow.encrypted ? { label: 'encrypted', on: true } : { label: 'plaintext', on: false }]
  if (flow.signed) tags.push({ label: 'signed', on: true })
  if (flow.authenticated) tags.push({ label: 'authenticated', on: true })
  if (flow.nonce) tags.push({ label: 'nonce', on: true })
  return tags
}

/**
 * @example
 * writeFileSync('exchange.svg', sequenceSvg(scene))
 */
export function sequenceSvg(scene: Scene): string {
  const columns = placeColumns(scene)
  const x = (id: string) => columns.get(id)!.x
  const rows: string[] = []
  let y = TOP + HEAD.height + 30
  scene.flows.forEach((flow, i) => {
    const span = Math.max(Math.abs(x(flow.to) - x(flow.from)) - 30, 160)
    const lines = wrapText(flow.name, span, FONT.flow, 3)
    const labelTop = y
    y += lines.length * FONT.flow.size * 1.3 + 6
    rows.push(message(flow, i + 1, x(flow.from), x(flow.to), labelTop, y, lines))
    y += ROW + 12
  })
  const bottom = y
  const width = Math.max(...[...columns.values()].map((c) => c.x + c.width / 2)) + MARGIN
  const height = bottom + HEAD.height + MARGIN
  return document(scene, Math.ceil(width), Math.ceil(height), [
    el('g', { class: 'boundaries' }, boundaryBands(scene, columns, bottom + HEAD.height + 8)),
    el('g', { class: 'lifelines' }, scene.nodes.map((n) => lifeline(n, columns.get(n.id)!, bottom))),
    el('g', { class: 'messages' }, rows),
  ])
}

interface Column {
  x: number
  width: number
}

/** Columns far enough apart that every message label fits between its two lifelines. */
function placeColumns(scene: Scene): Map<string, Column> {
  const widths = scene.nodes.map((n) => Math.max(HEAD.minWidth, textWidth(n.name, FONT.name) + 2 * HEAD.pad))
  const index = new Map(scene.nodes.map((n, i) => [n.id, i]))
  const gaps = widths.map((w, i) => (i === 0 ? 0 : (widths[i - 1]! + w) / 2 + GAP))
  for (const flow of scene.flows) {
    const [a, b] = [index.get(flow.from)!, index.get(flow.to)!].sort((p, q) => p - q) as [number, number]
    if (a === b) continue
    // Long names wrap (up to 320 px a line); the protection tags do not.
    const needed = Math.max(Math.min(textWidth(flow.name, FONT.flow), 320), tagsWidth(flow)) + 60
    const have = gaps.slice(a + 1, b + 1).reduce((s, g) => s + g, 0)
    if (have < needed) gaps[b] = gaps[b]! + needed - have
  }
  const columns = new Map<string, Column>()
  let x = MARGIN + widths[0]! / 2
  scene.nodes.forEach((n, i) => {
    x += gaps[i]!
    columns.set(n.id, { x, width: widths[i]! })
  })
  return columns
}

const tagWidth = (label: string) => textWidth(label, { size: TAG.size, bold: true }) + 2 * TAG.pad
const tagsWidth = (flow: SceneFlow) => protectionOf(flow).reduce((s, t) => s + tagWidth(t.label) + TAG.gap, 0) + textWidth(flow.protocol, FONT.protocol) + 8

function lifeline(node: SceneNode, column: Column, bottom: number): string {
  const head = (y: number) => {
    const box = { x: column.x - column.width / 2, y, width: column.width, height: HEAD.height }
    const rx = node.kind === 'process' ? 20 : 2
    const shape =
      node.kind === 'store'
        ? el('path', { class: 'shape', d: `M${box.x} ${y} H${box.x + box.width} M${box.x} ${y + box.height} H${box.x + box.width}` })
        : el('rect', { class: 'shape', ...box, rx })
    return [
      ...(node.kind === 'store' ? [el('rect', { class: 'fill', ...box })] : []),
      shape,
      el('text', { class: 'name', x: column.x, y: y + (node.detail ? 22 : 30), 'text-anchor': 'middle' }, [], node.name),
      ...(node.detail ? [el('text', { class: 'detail', x: column.x, y: y + 38, 'text-anchor': 'middle' }, [], wrapText(node.detail, column.width - 16, FONT.detail, 1)[0]!)] : []),
    ]
  }
  return el('g', { class: `node ${node.kind}`, 'data-id': node.id, role: 'group', 'aria-label': node.name }, [
    el('title', {}, [], `${node.name} (${node.kind})`),
    el('line', { class: 'lifeline', x1: column.x, y1: TOP + HEAD.height, x2: column.x, y2: bottom }),
    ...head(TOP),
    ...head(bottom),
  ])
}

function message(flow: SceneFlow, n: number, x1: number, x2: number, labelTop: number, y: number, lines: string[]): string {
  const self = x1 === x2
  const direction = x2 >= x1 ? 1 : -1
  const cx = self ? x1 + 12 : (x1 + x2) / 2
  const start = x1 + direction * 4
  const end = x2 - direction * 4
  const d = self ? `M${x1} ${y} H${x1 + 40} V${y + 16} H${x1 + 4}` : `M${start} ${y} H${end}`
  const marker = flow.crossesBoundary ? 'arrow-crossing' : 'arrow'
  const tags = protectionOf(flow)
  const tagRow: string[] = []
  let tx = cx - tagsWidth(flow) / 2
  const ty = y + (self ? 22 : 8)
  for (const tag of tags) {
    const w = tagWidth(tag.label)
    tagRow.push(
      el('rect', { class: tag.on ? 'tag-on-bg' : 'tag-off-bg', x: tx, y: ty, width: w, height: 15, rx: 7.5 }),
      el('text', { class: `tag ${tag.on ? 'tag-on' : 'tag-off'}`, x: tx + w / 2, y: ty + 11, 'text-anchor': 'middle' }, [], tag.label),
    )
    tx += w + TAG.gap
  }
  if (flow.protocol) tagRow.push(el('text', { class: 'protocol', x: tx + 3, y: ty + 11 }, [], flow.protocol))
  const facts = tags.map((t) => t.label).join(', ')
  return el('g', { class: `message${flow.crossesBoundary ? ' crossing' : ''}`, 'data-id': flow.id, role: 'listitem' }, [
    el('title', {}, [], `${n}. ${flow.name} (${[flow.protocol, facts].filter(Boolean).join('; ')})`),
    // White behind the text: boundary borders run down the diagram and must not cross a label.
    ...lines.map((line, i) => labelBg(cx, labelTop + i * FONT.flow.size * 1.3, textWidth(line, FONT.flow), FONT.flow.size * 1.3)),
    el('rect', { class: 'message-bg', x: cx - tagsWidth(flow) / 2 - 3, y: ty - 1, width: tagsWidth(flow) + 6, height: 17, rx: 3 }),
    ...lines.map((line, i) => el('text', { class: 'flow-name', x: cx, y: labelTop + (i + 1) * FONT.flow.size * 1.3 - 3, 'text-anchor': 'middle' }, [], line)),
    el('path', { class: 'message-line', d, 'marker-end': `url(#${marker})`, 'marker-start': flow.bidirectional && `url(#${marker}-start)` }),
    el('circle', { class: 'order-dot', cx: x1 - direction * 14, cy: y, r: 9 }),
    el('text', { class: 'order', x: x1 - direction * 14, y: y + 4, 'text-anchor': 'middle' }, [], String(flow.order ?? n)),
    ...tagRow,
  ])
}

const labelBg = (cx: number, top: number, width: number, height: number) => el('rect', { class: 'message-bg', x: cx - width / 2 - 4, y: top, width: width + 8, height, rx: 3 })

/** A dashed box per trust boundary, around the lifelines of the parties in it (adjacent ones share one). */
function boundaryBands(scene: Scene, columns: Map<string, Column>, bottom: number): string[] {
  const bands: string[] = []
  let i = 0
  while (i < scene.nodes.length) {
    const boundary = scene.nodes[i]!.boundary
    let j = i
    while (j + 1 < scene.nodes.length && scene.nodes[j + 1]!.boundary === boundary) j++
    if (boundary) {
      const first = columns.get(scene.nodes[i]!.id)!
      const last = columns.get(scene.nodes[j]!.id)!
      const x = first.x - first.width / 2 - 10
      const width = last.x + last.width / 2 + 10 - x
      const name = scene.boundaries.find((b) => b.id === boundary)!
      bands.push(
        el('g', { class: `boundary trust-${name.trust}`, 'data-id': boundary }, [
          el('title', {}, [], `Trust boundary: ${name.name} (trust: ${name.trust})`),
          el('rect', { class: 'boundary-box', x, y: TOP - 30, width, height: bottom - TOP + 30, rx: 10 }),
          el('text', { class: 'boundary-name', x: x + 10, y: TOP - 11 }, [], wrapText(name.name, width - 20, FONT.boundary, 1)[0]!),
        ]),
      )
    }
    i = j + 1
  }
  return bands
}
