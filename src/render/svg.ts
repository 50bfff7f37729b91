/**
 * A laid-out DFD as a self-contained SVG: shapes styled by the classes of theme.ts, a <title> on
 * every element for screen readers and tooltips, all model text escaped, vector at any zoom.
 * Pure: a string in, a string out; the editor shows the same SVG the CLI writes.
 */
import { BOUNDARY_LABEL, boundaryLabelBaseline, boundaryLabelIn, contentLines, curveLabel, flowLabel, FONT, linesHeight, MARKER_FONT, nodeContent, LABEL_BADGE, showsProtocol } from './content.js'
import { smoothPath } from './curve.js'
import { ARROWHEAD, borderCrossings, type Box, type Layout, type PlacedCurve, type PlacedFlow } from './layout.js'
import type { Scene, SceneBoundary, SceneCurve, SceneFlow, SceneNode } from './scene.js'
import { el, roundedPath, type Attrs } from './svg-kit.js'
import { STYLESHEET, SEVERITY_COLOUR, COLOUR } from './theme.js'
import type { ThreatBadge } from './overlays.js'
import { textWidth } from './text.js'

const HEADER = 56
const MARGIN = 20
const LEGEND = 40
/** A row of the list of numbered flows under the legend. */
const NUMBERED_ROW = 20

const KIND_NAME = { external: 'external entity', process: 'process', store: 'data store' } as const

/**
 * @example
 * const svg = dfdSvg(scene, await layoutElk(scene))
 */
export function dfdSvg(scene: Scene, layout: Layout): string {
  const legend = legendItems(scene, (layout.curves?.size ?? 0) > 0)
  const numbered = numberedList(scene, layout)
  const width = Math.ceil(Math.max(layout.width, legend.width, numbered.width, textWidth(scene.title, FONT.title)) + 2 * MARGIN)
  const height = Math.ceil(layout.height + HEADER + LEGEND + numbered.height + MARGIN)
  const boundaries = scene.boundaries.map((b) => boundary(b, layout.boundaries.get(b.id), boundaryLabelIn(layout, b))).join('')
  const curves = (scene.curves ?? []).map((c) => curveSvg(c, layout.curves?.get(c.id))).join('')
  const flows = scene.flows.map((f) => flowLine(f, scene, layout)).join('')
  const labels = scene.flows.map((f) => flowLabelSvg(f, scene, layout.flows.get(f.id))).join('')
  const nodes = scene.nodes.map((n) => nodeSvg(n, scene, layout.nodes.get(n.id))).join('')
  const legendTop = height - LEGEND - numbered.height + 8
  return document(scene, width, height, [
    el('g', { transform: `translate(${MARGIN} ${HEADER})` }, [
      el('g', { class: 'boundaries' }, [boundaries, curves]),
      el('g', { class: 'flows' }, [flows]),
      el('g', { class: 'flow-labels' }, [labels]),
      el('g', { class: 'nodes' }, [nodes]),
    ]),
    el('g', { class: 'legend', transform: `translate(${MARGIN} ${legendTop})`, 'aria-hidden': 'true' }, [legend.svg]),
    ...(numbered.svg ? [el('g', { class: 'numbered-flows', transform: `translate(${MARGIN} ${legendTop + LEGEND - 8})` }, [numbered.svg])] : []),
  ])
}

/** The <svg> element with its title, description, stylesheet and arrowheads. */
export function document(scene: Scene, width: number, height: number, body: string[]): string {
  const kind = scene.kind === 'sequence' ? 'sequence diagram' : 'data-flow diagram'
  const subtitle = `${scene.system} · ${kind}${scene.refines ? ` · inside ${scene.refines}` : ''}`
  const description = scene.description ?? `${kind} with ${scene.nodes.length} element(s), ${scene.flows.length} flow(s) and ${scene.boundaries.length} trust boundary(ies)`
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="moat-diagram" role="img" aria-labelledby="moat-title moat-desc">` +
    el('title', { id: 'moat-title' }, [], scene.title) +
    el('desc', { id: 'moat-desc' }, [], description) +
    `<style>${STYLESHEET}</style>` +
    el('defs', {}, [arrow('arrow', COLOUR.flow), arrow('arrow-crossing', COLOUR.crossing), arrow('arrow-context', COLOUR.context)]) +
    el('rect', { class: 'background', x: 0, y: 0, width, height }) +
    el('text', { class: 'title', x: MARGIN, y: 30 }, [], scene.title) +
    el('text', { class: 'subtitle', x: MARGIN, y: 47 }, [], subtitle) +
    body.join('') +
    '</svg>\n'
  )
}

/**
 * An arrowhead, and its mirror for the start of two-way flows. Not orient="auto-start-reverse":
 * resvg ignores it, and the PNG would get heads pointing the wrong way.
 */
function arrow(id: string, colour: string): string {
  // The tip passes the line's end by ARROWHEAD.overshoot: refX is that far inside the 10-unit box.
  const ref = 10 - (ARROWHEAD.overshoot * 10) / ARROWHEAD.length
  const marker = (suffix: string, d: string, refX: number) =>
    el('marker', { id: `${id}${suffix}`, viewBox: '0 0 10 10', refX, refY: 5, markerWidth: ARROWHEAD.length, markerHeight: ARROWHEAD.width, markerUnits: 'userSpaceOnUse', orient: 'auto' }, [el('path', { d, fill: colour })])
  return marker('', 'M0 0 L10 5 L0 10 z', ref) + marker('-start', 'M10 0 L0 5 L10 10 z', 10 - ref)
}

function boundary(b: SceneBoundary, box: Box | undefined, label: Box | undefined): string {
  if (!box || !label) return ''
  return el('g', { class: `boundary trust-${b.trust}`, 'data-id': b.id, role: 'group', 'aria-label': `Trust boundary ${b.name}` }, [
    el('title', {}, [], `Trust boundary: ${b.name} (trust: ${b.trust})`),
    el('rect', { class: 'boundary-box', x: box.x, y: box.y, width: box.width, height: box.height, rx: 10 }),
    ...boundaryName(b, label.x, boundaryLabelBaseline(label)),
  ])
}

/**
 * A boundary drawn as a line where the user drew it (a Threat Dragon curve), its name on the line.
 * It holds nothing, so it has no trust to show.
 */
function curveSvg(c: SceneCurve, placed: PlacedCurve | undefined): string {
  if (!placed) return ''
  const content = curveLabel(c)
  const box = placed.label
  return el('g', { class: 'boundary curve', 'data-id': c.id, role: 'group', 'aria-label': `Trust boundary ${c.name}` }, [
    el('title', {}, [], `Trust boundary: ${c.name} (a line drawn in the source; it holds no elements)`),
    el('path', { class: 'boundary-curve', d: smoothPath(placed.points) }),
    el('rect', { class: 'label-bg', x: box.x, y: box.y, width: box.width, height: box.height, rx: 4 }),
    ...contentLines(content, box.x + box.width / 2, box.y + (box.height - linesHeight(content.lines)) / 2),
  ])
}

/** A boundary's name and trust on one line, starting at (x, baseline). */
function boundaryName(b: SceneBoundary, x: number, baseline: number): string[] {
  return [
    el('text', { class: 'boundary-name', x, y: baseline }, [], b.name),
    el('text', { class: 'boundary-trust', x: x + textWidth(b.name, FONT.boundary) + BOUNDARY_LABEL.gap, y: baseline }, [], `· ${b.trust}`),
  ]
}

function flowClass(flow: SceneFlow): string {
  return ['flow', flow.crossesBoundary && 'crossing', flow.context && 'context-flow'].filter(Boolean).join(' ')
}

function flowLine(flow: SceneFlow, scene: Scene, layout: Layout): string {
  const placed = layout.flows.get(flow.id)
  if (!placed || placed.points.length < 2) return ''
  const marker = flow.context ? 'arrow-context' : flow.crossesBoundary ? 'arrow-crossing' : 'arrow'
  const from = scene.nodes.find((n) => n.id === flow.from)?.name ?? flow.from
  const to = scene.nodes.find((n) => n.id === flow.to)?.name ?? flow.to
  const facts = [flow.protocol, flow.crossesBoundary && 'crosses a trust boundary', flow.encrypted ? 'encrypted' : 'not encrypted'].filter(Boolean).join(', ')
  // Mark where the flow passes a boundary it crosses: that is where the checks belong.
  const crossings = flow.crossesBoundary ? crossedBoundaries(flow, scene).flatMap((id) => (layout.boundaries.has(id) ? borderCrossings(placed.points, layout.boundaries.get(id)!) : [])) : []
  return el('g', { class: flowClass(flow), 'data-id': flow.id }, [
    el('title', {}, [], `${flow.name || 'Data flow'}: ${from} ${flow.bidirectional ? '↔' : '→'} ${to} (${facts})`),
    el('path', { class: 'flow-line', d: roundedPath(placed.points), 'marker-end': `url(#${marker})`, 'marker-start': flow.bidirectional && `url(#${marker}-start)` }),
    ...crossings.map((p) => el('circle', { class: 'crossing-point', cx: p.x, cy: p.y, r: 4 })),
  ])
}

/** The boundaries around one end of a flow and not the other. */
function crossedBoundaries(flow: SceneFlow, scene: Scene): string[] {
  const chain = (id: string) => {
    const ids: string[] = []
    let at = scene.nodes.find((n) => n.id === id)?.boundary
    while (at) {
      ids.push(at)
      at = scene.boundaries.find((b) => b.id === at)?.parent
    }
    return ids
  }
  const from = chain(flow.from)
  const to = chain(flow.to)
  return [...from.filter((b) => !to.includes(b)), ...to.filter((b) => !from.includes(b))]
}

function flowLabelSvg(flow: SceneFlow, scene: Scene, placed: PlacedFlow | undefined): string {
  if (placed?.marker) return markerSvg(flow, placed.marker)
  const box = placed?.label
  if (!box) return ''
  const content = flowLabel(flow, scene, placed.wrap)
  const badge = scene.overlays?.threats[flow.id]
  const textWidth = box.width - (badge ? LABEL_BADGE : 0)
  return el('g', { class: flowClass(flow), 'data-id': flow.id, 'aria-hidden': 'true' }, [
    el('rect', { class: 'label-bg', x: box.x, y: box.y, width: box.width, height: box.height, rx: 4 }),
    ...contentLines(content, box.x + textWidth / 2, box.y + (box.height - linesHeight(content.lines)) / 2),
    ...(badge ? [badgeSvg(badge, box.x + box.width - LABEL_BADGE / 2, box.y + box.height / 2)] : []),
  ])
}

/** A numbered dot on the line of a flow whose label found no room: the legend lists the number. */
function markerSvg(flow: SceneFlow, marker: NonNullable<PlacedFlow['marker']>): string {
  const { box, number } = marker
  return el('g', { class: `${flowClass(flow)} numbered`, 'data-id': flow.id, 'aria-hidden': 'true' }, [numberGlyph(number, box.x + box.width / 2, box.y + box.height / 2, box.width / 2)])
}

function numberGlyph(n: number, cx: number, cy: number, r: number): string {
  return (
    el('circle', { class: 'marker-dot', cx, cy, r }) +
    el('text', { class: 'marker-number', x: cx, y: cy + MARKER_FONT.size * 0.36, 'text-anchor': 'middle' }, [], String(n))
  )
}

/** Under the legend, one row per numbered flow: its number and its label. */
function numberedList(scene: Scene, layout: Layout): { svg: string; width: number; height: number } {
  const rows = scene.flows.flatMap((flow) => {
    const marker = layout.flows.get(flow.id)?.marker
    return marker ? [{ flow, marker }] : []
  })
  if (!rows.length) return { svg: '', width: 0, height: 0 }
  let width = 0
  const svg = rows
    .map(({ flow, marker }, i) => {
      const text = [flow.name, showsProtocol(flow) && flow.protocol].filter(Boolean).join(' · ')
      width = Math.max(width, 26 + textWidth(text, FONT.flow))
      const y = i * NUMBERED_ROW
      return el('g', { class: `${flowClass(flow)} numbered`, 'data-id': flow.id }, [
        numberGlyph(marker.number, 9, y + 9, marker.box.width / 2),
        el('text', { class: 'flow-name', x: 26, y: y + 13 }, [], text),
      ])
    })
    .join('')
  return { svg, width, height: rows.length * NUMBERED_ROW + 6 }
}

function nodeSvg(node: SceneNode, scene: Scene, box: Box | undefined): string {
  if (!box) return ''
  const content = nodeContent(node, scene)
  const classes = ['node', node.kind, node.context && 'context', node.outOfScope && 'out-of-scope'].filter(Boolean).join(' ')
  const badge = scene.overlays?.threats[node.id]
  const title = `${node.name} (${KIND_NAME[node.kind]}${node.detail ? `, ${node.detail}` : ''}${node.context ? ', context' : ''}${node.outOfScope ? ', out of scope' : ''})${badge ? `: ${badgeText(badge)}` : ''}`
  return el('g', { class: classes, 'data-id': node.id, role: 'group', 'aria-label': title }, [
    el('title', {}, [], title),
    ...shape(node.kind, box),
    ...contentLines(content, box.x + box.width / 2, box.y + (box.height - linesHeight(content.lines)) / 2),
    ...(badge ? [badgeSvg(badge, box.x + box.width - 4, box.y + 2)] : []),
  ])
}

function shape(kind: SceneNode['kind'], b: Box): string[] {
  const rect = (extra: Attrs) => el('rect', { class: 'shape', x: b.x, y: b.y, width: b.width, height: b.height, ...extra })
  if (kind === 'external') return [rect({ rx: 2 })]
  if (kind === 'process') return [rect({ rx: Math.min(b.height / 2, 24) })]
  // A store is open at both ends: two parallel lines, the classic DFD notation.
  return [
    el('rect', { class: 'fill', x: b.x, y: b.y, width: b.width, height: b.height }),
    el('path', { class: 'shape', d: `M${b.x} ${b.y} H${b.x + b.width} M${b.x} ${b.y + b.height} H${b.x + b.width}` }),
  ]
}

function badgeText(badge: ThreatBadge): string {
  return `${badge.open} open threat(s), worst residual severity ${badge.worst}`
}

function badgeSvg(badge: ThreatBadge, cx: number, cy: number): string {
  const label = String(badge.open)
  const r = Math.max(10, textWidth(label, { size: 10.5, bold: true }) / 2 + 5)
  return el('g', { class: `badge severity-${badge.worst}` }, [
    el('title', {}, [], badgeText(badge)),
    el('circle', { cx, cy, r, fill: SEVERITY_COLOUR[badge.worst], stroke: '#ffffff', 'stroke-width': 1.5 }),
    el('text', { class: 'badge-count', x: cx, y: cy + 3.8, 'text-anchor': 'middle' }, [], label),
  ])
}

/** The legend row: the notation, so a slide needs no explanation. */
function legendItems(scene: Scene, curves: boolean): { svg: string; width: number } {
  const parts: string[] = []
  let x = 0
  const item = (glyph: (x: number) => string, glyphWidth: number, text: string) => {
    parts.push(glyph(x), el('text', { class: 'legend-text', x: x + glyphWidth + 6, y: 14 }, [], text))
    x += glyphWidth + 6 + textWidth(text, { size: 11 }) + 18
  }
  item((x) => el('g', { class: 'external' }, [el('rect', { class: 'shape', x, y: 2, width: 22, height: 16, rx: 1 })]), 22, 'External entity')
  item((x) => el('g', { class: 'process' }, [el('rect', { class: 'shape', x, y: 2, width: 26, height: 16, rx: 8 })]), 26, 'Process')
  item((x) => el('g', { class: 'store' }, [el('rect', { class: 'fill', x, y: 2, width: 24, height: 16 }), el('path', { class: 'shape', d: `M${x} 2 H${x + 24} M${x} 18 H${x + 24}` })]), 24, 'Data store')
  item((x) => el('g', { class: 'flow' }, [el('path', { class: 'flow-line', d: `M${x} 10 H${x + 28}`, 'marker-end': 'url(#arrow)' })]), 30, 'Data flow')
  item((x) => el('g', { class: 'flow crossing' }, [el('path', { class: 'flow-line', d: `M${x} 10 H${x + 28}`, 'marker-end': 'url(#arrow-crossing)' }), el('circle', { class: 'crossing-point', cx: x + 12, cy: 10, r: 4 })]), 30, 'Crosses a trust boundary')
  item((x) => el('rect', { class: 'boundary-box', x, y: 1, width: 26, height: 18, rx: 4 }), 26, 'Trust boundary')
  if (curves) item((x) => el('path', { class: 'boundary-curve', d: `M${x} 17 C${x + 10} 17 ${x + 16} 3 ${x + 26} 3` }), 26, 'Trust boundary drawn as a line (holds no elements)')
  if (scene.overlays) {
    item((x) => el('circle', { cx: x + 8, cy: 10, r: 8, fill: SEVERITY_COLOUR.high }), 16, 'Open threats (colour: worst residual severity)')
  }
  return { svg: parts.join(''), width: x }
}

