/** The model's diagrams as inline SVG figures, each with its ids made unique in the page. */
import type { Analysis } from '../../core/index.js'
import { renderSvg, scenesOf } from '../../render/index.js'
import { diagramPages } from './diagram-pages.js'
import { trusted } from './markup.js'
import type { Figure } from './system.js'

/**
 * Several SVGs in one page share one id space: every diagram defines `arrow` and `moat-title`, and
 * a marker or label would point at the first diagram's. Prefixing each SVG's own ids (and the
 * references to them) keeps them apart. Only attribute syntax is touched, never text.
 * @example
 * scopeIds('<svg aria-labelledby="t"><title id="t"/></svg>', 'd1-') // '<svg aria-labelledby="d1-t"><title id="d1-t"/></svg>'
 */
export function scopeIds(svg: string, prefix: string): string {
  return svg
    .replace(/(\s)id="([^"]+)"/g, (_, space: string, id: string) => `${space}id="${prefix}${id}"`)
    .replace(/="url\(#([^)"]+)\)"/g, (_, id: string) => `="url(#${prefix}${id})"`)
    .replace(/(\s(?:xlink:)?href)="#([^"]+)"/g, (_, attr: string, id: string) => `${attr}="#${prefix}${id}"`)
    .replace(/(\saria-(?:labelledby|describedby))="([^"]+)"/g, (_, attr: string, ids: string) => `${attr}="${ids.split(/\s+/).map((id) => prefix + id).join(' ')}"`)
}

/**
 * Every diagram of the model, with the threat badges of the open threats on each element. For
 * print, each is also cut into pages of `page` size (CSS pixels) at a readable scale.
 * @example
 * const figures = await diagramFigures(analysis)
 */
export async function diagramFigures(analysis: Analysis, options: { page?: { width: number; height: number } } = {}): Promise<Figure[]> {
  const scenes = scenesOf(analysis.graph, analysis.threats)
  return Promise.all(
    scenes.map(async (scene, i) => {
      const svg = await renderSvg(scene)
      return {
        title: scene.title,
        ...(scene.description !== undefined && { description: scene.description }),
        svg: trusted(scopeIds(svg, `d${i + 1}-`)),
        ...(options.page && { pages: diagramPages(svg, options.page).map((p, j) => ({ svg: trusted(scopeIds(p.svg, `d${i + 1}p${j + 1}-`)), ...(p.part && { part: p.part }) })) }),
      }
    }),
  )
}
