/**
 * The text inside each shape and label, wrapped, and the size it needs. Layout engines size nodes
 * from it and svg.ts draws the same lines, so what was measured is what is drawn.
 */
import type { Scene, SceneFlow, SceneNode } from './scene.js'
import { el } from './svg-kit.js'
import { textWidth, wrapText, type Font } from './text.js'

export interface Line {
  text: string
  font: Font
  cls: string
}

export interface Content {
  lines: Line[]
  width: number
  height: number
}

export const FONT = {
  name: { size: 14, bold: true },
  detail: { size: 11 },
  assets: { size: 10.5 },
  flow: { size: 12 },
  protocol: { size: 10.5 },
  boundary: { size: 13, bold: true },
  title: { size: 18, bold: true },
} satisfies Record<string, Font>

export const LINE_HEIGHT = 1.3
const NODE_TEXT = 160
const FLOW_TEXT = 180
const PADDING = { external: 14, process: 24, store: 16 } as const
const MIN = { width: 130, height: 54 }

const lineHeight = (line: Line) => line.font.size * LINE_HEIGHT
const linesHeight = (lines: Line[]) => lines.reduce((sum, l) => sum + lineHeight(l), 0)
const widest = (lines: Line[]) => Math.max(0, ...lines.map((l) => textWidth(l.text, l.font)))

/**
 * The lines of a node (name, technology, and with overlays the assets a store holds), and its size.
 * @example
 * nodeContent({ id: 'web', kind: 'process', name: 'Web app', context: false, outOfScope: false }).width // 130
 */
export function nodeContent(node: SceneNode, scene?: Pick<Scene, 'overlays'>): Content {
  const lines: Line[] = wrapText(node.name, NODE_TEXT, FONT.name, 3).map((text) => ({ text, font: FONT.name, cls: 'name' }))
  if (node.detail) lines.push(...wrapText(node.detail, NODE_TEXT, FONT.detail, 2).map((text) => ({ text, font: FONT.detail, cls: 'detail' })))
  const assets = scene?.overlays?.assets[node.id]
  if (assets?.length) lines.push(...wrapText(`holds: ${assets.join(', ')}`, NODE_TEXT, FONT.assets, 4).map((text) => ({ text, font: FONT.assets, cls: 'assets' })))
  const pad = PADDING[node.kind]
  return {
    lines,
    width: Math.ceil(Math.max(MIN.width, widest(lines) + 2 * pad)),
    height: Math.ceil(Math.max(MIN.height, linesHeight(lines) + 20)),
  }
}

/** Room for the threat badge at the end of a flow label. */
export const LABEL_BADGE = 28
const LABEL_PAD = 4

/**
 * A flow's label: its name, then its protocol.
 * @example
 * flowLabel({ name: 'Orders', protocol: 'HTTPS', ... }).lines.map((l) => l.text) // ['Orders', 'HTTPS']
 */
export function flowLabel(flow: SceneFlow, scene?: Pick<Scene, 'overlays'>): Content {
  const lines: Line[] = wrapText(flow.name, FLOW_TEXT, FONT.flow, 3).map((text) => ({ text, font: FONT.flow, cls: 'flow-name' }))
  if (flow.protocol) lines.push(...wrapText(flow.protocol, FLOW_TEXT, FONT.protocol, 1).map((text) => ({ text, font: FONT.protocol, cls: 'protocol' })))
  // What an attacker on the path reads: worth saying on the picture, not only in the threat list.
  if (flow.crossesBoundary && !flow.encrypted && !flow.local) lines.push({ text: 'unencrypted', font: { ...FONT.protocol, bold: true }, cls: 'protocol plaintext' })
  const badge = scene?.overlays?.threats[flow.id] ? LABEL_BADGE : 0
  return { lines, width: Math.ceil(widest(lines) + 2 * LABEL_PAD + badge), height: Math.ceil(linesHeight(lines) + 2 * LABEL_PAD) }
}

export { lineHeight, linesHeight }

/**
 * SVG <text> elements for content lines, centred on `cx`, the first line's top at `top`.
 * Baselines are computed (not dominant-baseline), which every renderer honours the same way.
 */
export function contentLines(content: Content, cx: number, top: number): string[] {
  let y = top
  return content.lines.map((line) => {
    const h = lineHeight(line)
    const baseline = y + (h - line.font.size) / 2 + line.font.size * 0.8
    y += h
    return el('text', { class: line.cls, x: cx, y: baseline, 'text-anchor': 'middle' }, [], line.text)
  })
}
