/**
 * moat's diagram renderer: model → scenes (what each diagram shows) → layout → SVG, or → Mermaid,
 * DOT, PlantUML text. Pure like the core: no Node API, so the editor runs it in the browser.
 * PNG conversion (png.ts) is the one Node-only step and is not exported here.
 */
import type { ModelGraph, Threat } from '../core/index.js'
import { toDot } from './dot.js'
import { layoutElk } from './layout-elk.js'
import { hasFixedLayout, layoutFixed } from './layout-fixed.js'
import { toMermaid } from './mermaid.js'
import { overlaysOf } from './overlays.js'
import { toPlantUml } from './plantuml.js'
import type { TextFormat } from './formats.js'
import { diagramScenes, type Scene } from './scene.js'
import { sequenceSvg } from './sequence.js'
import { dfdSvg } from './svg.js'

export { diagramScenes, sceneOf, type Scene, type SceneNode, type SceneFlow, type SceneBoundary, type SceneCurve } from './scene.js'
export { overlaysOf, type Overlays, type ThreatBadge } from './overlays.js'
export { layoutElk } from './layout-elk.js'
export { layoutFixed, hasFixedLayout } from './layout-fixed.js'
export { contains, overlaps, borderCrossings, type Layout, type Box, type Point, type PlacedFlow, type PlacedCurve } from './layout.js'
export { findOverlaps, describeOverlap, type Overlap, type OverlapKind } from './overlap-check.js'
export { placeLabels } from './place-labels.js'
export { dfdSvg } from './svg.js'
export { sequenceSvg, protectionOf } from './sequence.js'
export { toMermaid } from './mermaid.js'
export { toDot } from './dot.js'
export { toPlantUml } from './plantuml.js'

export { FORMATS, TEXT_FORMATS, EXTENSION, type DiagramFormat, type TextFormat } from './formats.js'

/**
 * The scenes of a model, with the threat overlays when threats are given.
 * @example
 * const scenes = scenesOf(analysis.graph, analysis.threats)
 */
export function scenesOf(graph: ModelGraph, threats?: readonly Threat[]): Scene[] {
  const scenes = diagramScenes(graph)
  if (!threats) return scenes
  const overlays = overlaysOf(graph, threats)
  return scenes.map((s) => ({ ...s, overlays }))
}

/**
 * One scene as SVG: laid out by ELK, or where the model gives every position, by those.
 * @example
 * const svg = await renderSvg(scenesOf(graph)[0])
 */
export async function renderSvg(scene: Scene): Promise<string> {
  if (scene.kind === 'sequence') return sequenceSvg(scene)
  return dfdSvg(scene, hasFixedLayout(scene) ? layoutFixed(scene) : await layoutElk(scene))
}

/**
 * One scene in a text format.
 * @example
 * await renderText(scene, 'mermaid') // 'flowchart LR ...'
 */
export async function renderText(scene: Scene, format: TextFormat): Promise<string> {
  switch (format) {
    case 'svg':
      return renderSvg(scene)
    case 'mermaid':
      return toMermaid(scene)
    case 'dot':
      return toDot(scene)
    case 'plantuml':
      return toPlantUml(scene)
  }
}
