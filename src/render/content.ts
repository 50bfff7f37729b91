/**
 * The text inside each shape and label, wrapped, and the size it needs. Layout engines size nodes
 * from it and svg.ts draws the same lines, so what was measured is what is drawn.
 */
import type { Box, Layout } from './layout.js'
import type { Scene, SceneBoundary, SceneCurve, SceneFlow, SceneNode } from './scene.js'
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
/** The widest a flow label's text may be; placement tries narrower wraps where it has no room. */
export const FLOW_TEXT = 180
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

/** A flow named after its protocol (as imports of unnamed flows often are) says it once. */
export const showsProtocol = (flow: Pick<SceneFlow, 'name' | 'protocol'>) => !!flow.protocol && flow.protocol.toLowerCase() !== flow.name.trim().toLowerCase()

/**
 * A flow's label: its name (wrapped to `wrap` pixels), then its protocol. No lines when the flow
 * has neither, nor an alarm to raise: then it has no label.
 * @example
 * flowLabel({ name: 'Orders', protocol: 'HTTPS', ... }).lines.map((l) => l.text) // ['Orders', 'HTTPS']
 */
export function flowLabel(flow: SceneFlow, scene?: Pick<Scene, 'overlays'>, wrap = FLOW_TEXT): Content {
  const lines: Line[] = wrapText(flow.name, wrap, FONT.flow, 3).map((text) => ({ text, font: FONT.flow, cls: 'flow-name' }))
  if (showsProtocol(flow)) lines.push(...wrapText(flow.protocol, FLOW_TEXT, FONT.protocol, 1).map((text) => ({ text, font: FONT.protocol, cls: 'protocol' })))
  // What an attacker on the path reads: worth saying on the picture, not only in the threat list.
  if (flow.crossesBoundary && !flow.encrypted && !flow.local) lines.push({ text: 'unencrypted', font: { ...FONT.protocol, bold: true }, cls: 'protocol plaintext' })
  const badge = scene?.overlays?.threats[flow.id] ? LABEL_BADGE : 0
  if (!lines.length && !badge) return { lines, width: 0, height: 0 }
  return { lines, width: Math.ceil(widest(lines) + 2 * LABEL_PAD + badge), height: Math.ceil(linesHeight(lines) + 2 * LABEL_PAD) }
}

export { lineHeight, linesHeight }

/**
 * The name of a boundary drawn as a curve: on the line over a white ground, like a flow label.
 * @example
 * curveLabel({ name: 'Internet boundary' }).lines.map((l) => l.text) // ['Internet boundary']
 */
export function curveLabel(curve: Pick<SceneCurve, 'name'>): Content {
  const lines: Line[] = wrapText(curve.name, FLOW_TEXT, FONT.boundary, 2).map((text) => ({ text, font: FONT.boundary, cls: 'boundary-name' }))
  return { lines, width: Math.ceil(widest(lines) + 2 * LABEL_PAD), height: Math.ceil(linesHeight(lines) + 2 * LABEL_PAD) }
}

/** A flow's numbered marker, where its label does not fit: a dot with the number, the label in the legend. */
export const MARKER_FONT: Font = { size: 10.5, bold: true }

/**
 * The size of the marker with this number.
 * @example
 * markerSize(3) // 18
 */
export const markerSize = (n: number) => Math.ceil(Math.max(18, textWidth(String(n), MARKER_FONT) + 8))

/** Where a boundary's name sits in its box: from the left border, and the baseline from the top. */
export const BOUNDARY_LABEL = { left: 14, baseline: 22, gap: 6 }

/**
 * The box around a boundary's name and trust (`Core network · high`), top left in its box.
 * @example
 * boundaryLabelBox({ id: 'dmz', name: 'DMZ', trust: 'medium' }, { x: 0, y: 0, width: 300, height: 200 }) // { x: 14, y: 11, width: 88, height: 15 }
 */
export function boundaryLabelBox(b: Pick<SceneBoundary, 'name' | 'trust'>, box: Pick<Box, 'x' | 'y'>): Box {
  const size = FONT.boundary.size
  return { x: box.x + BOUNDARY_LABEL.left, y: box.y + BOUNDARY_LABEL.baseline - size * 0.85, width: Math.ceil(boundaryLabelWidth(b)), height: Math.ceil(size * 1.15) }
}

/**
 * Where a boundary's name is drawn in a layout: where the label placement put it, or top left.
 * @example
 * boundaryLabelIn(layout, scene.boundaries[0]) // { x: 34, y: 31, width: 88, height: 15 }
 */
export function boundaryLabelIn(layout: Pick<Layout, 'boundaries' | 'boundaryLabels'>, b: SceneBoundary): Box | undefined {
  const box = layout.boundaries.get(b.id)
  return layout.boundaryLabels?.get(b.id) ?? (box && boundaryLabelBox(b, box))
}

/** The baseline of the text in a boundary label's box. */
export const boundaryLabelBaseline = (label: Box) => label.y + FONT.boundary.size * 0.85

/** The width of a boundary's name and trust on one line. */
export const boundaryLabelWidth = (b: Pick<SceneBoundary, 'name' | 'trust'>) =>
  textWidth(b.name, FONT.boundary) + BOUNDARY_LABEL.gap + textWidth(`· ${b.trust}`, FONT.detail)

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
