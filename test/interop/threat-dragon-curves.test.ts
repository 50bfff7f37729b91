/** Threat Dragon's curved trust boundaries: a line the user drew, kept as that line and drawn again. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildGraph, checkModel } from '../../src/core/index.js'
import { exportThreatDragon, importAny, modelToYaml } from '../../src/interop/index.js'
import { dfdSvg, diagramScenes, layoutElk, layoutFixed, renderSvg, toDot, toMermaid, toPlantUml } from '../../src/render/index.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'

const cell = (id: string, shape: string, type: string, name: string, x: number, y: number) => ({
  id, shape, position: { x, y }, size: { width: 100, height: 60 }, data: { type, name },
})

/** A v2 file: a browser and a web app, a flow between them, and a curve between the two. */
const SMALL = JSON.stringify({
  summary: { title: 'Curves' },
  detail: {
    diagrams: [{
      title: 'Main',
      cells: [
        cell('browser', 'actor', 'tm.Actor', 'Browser', 0, 100),
        cell('web', 'process', 'tm.Process', 'Web app', 400, 100),
        { id: 'request', shape: 'flow', source: { cell: 'browser' }, target: { cell: 'web' }, data: { type: 'tm.Flow', name: 'Request', protocol: 'HTTPS' } },
        { id: 'internet-edge', shape: 'trust-boundary-curve', source: { x: 250, y: 0 }, target: { x: 260, y: 260 }, vertices: [{ x: 230, y: 130 }], data: { type: 'tm.Boundary', name: 'Internet edge' } },
        { id: 'pinned', shape: 'trust-boundary-curve', source: { cell: 'web' }, target: { x: 600, y: 300 }, data: { type: 'tm.Boundary', name: 'Pinned' } },
      ],
    }],
  },
})

const imported = (text: string) => {
  const result = importAny(text, { fileName: 'model.json' })
  const { model } = checkModel(modelToYaml(result.model, { format: 'td', source: 'model.json', warnings: 0 }))
  return { result, model: model! }
}

describe('Threat Dragon boundary curves', () => {
  it('are imported as boundaries holding nothing, with the line in the diagram\'s layout', () => {
    const { result, model } = imported(SMALL)
    expect(model.boundaries).toEqual({ 'internet-edge': { name: 'Internet edge' }, pinned: { name: 'Pinned' } })
    expect(model.processes!.web!.boundary).toBeUndefined()
    const layout = Object.values(model.diagrams!)[0]!.layout!
    expect(layout['internet-edge']).toEqual({ x: 230, y: 0, width: 30, height: 260, points: [{ x: 250, y: 0 }, { x: 230, y: 130 }, { x: 260, y: 260 }] })
    // An end attached to a shape starts at its centre.
    expect(layout.pinned!.points).toEqual([{ x: 450, y: 130 }, { x: 600, y: 300 }])
    expect(result.warnings.map((w) => w.message)).toContain(
      'boundary curve "Internet edge" is a line, not an area: it is drawn where it was drawn, but it holds no elements, so no flow crosses it for moat\'s rules; to say which side elements are on, put them in a boundary with "boundary:"',
    )
  })

  it('are drawn as the line the user drew, with their name, in SVG', async () => {
    const [scene] = diagramScenes(buildGraph(imported(SMALL).model))
    expect(scene!.curves!.map((c) => c.id)).toEqual(['internet-edge', 'pinned'])
    expect(scene!.boundaries).toEqual([])
    const layout = layoutFixed(scene!)
    expect(layout.curves!.get('internet-edge')!.points).toHaveLength(3)
    const svg = await renderSvg(scene!)
    expect(svg).toMatch(/<g class="boundary curve" data-id="internet-edge"[^>]*><title>Trust boundary: Internet edge \(a line drawn in the source; it holds no elements\)<\/title><path class="boundary-curve" d="M[\d. ]+C[\d. ]+C[\d. ]+"\/>/)
    expect(svg).toContain('>Internet edge</text>')
    expect(svg).toContain('Trust boundary drawn as a line (holds no elements)')
  })

  it('are not drawn when ELK lays the diagram out: the shapes they were drawn among have moved', async () => {
    const [scene] = diagramScenes(buildGraph(imported(SMALL).model))
    const svg = dfdSvg(scene!, await layoutElk({ ...scene!, positions: undefined }))
    expect(svg).not.toContain('class="boundary-curve"')
    expect(svg).not.toContain('Internet edge')
  })

  it('are left out of the text formats, which cannot draw a free line (no empty box for them)', () => {
    const [scene] = diagramScenes(buildGraph(imported(SMALL).model))
    for (const text of [toMermaid(scene!), toDot(scene!), toPlantUml(scene!)]) {
      expect(text).toContain('Web app')
      expect(text).not.toContain('Internet edge')
    }
  })

  it('are exported to Threat Dragon as curves through the same points', () => {
    const { model } = imported(SMALL)
    const back = JSON.parse(exportThreatDragon(model).text)
    const curves = back.detail.diagrams[0].cells.filter((c: { shape: string }) => c.shape === 'trust-boundary-curve')
    expect(curves.map((c: Record<string, unknown>) => [c.id, c.source, c.vertices, c.target])).toEqual([
      ['internet-edge', { x: 250, y: 0 }, [{ x: 230, y: 130 }], { x: 260, y: 260 }],
      ['pinned', { x: 450, y: 130 }, [], { x: 600, y: 300 }],
    ])
    expect(back.detail.diagrams[0].cells.filter((c: { shape: string }) => c.shape === 'trust-boundary-box')).toEqual([])
  })
})

describe.skipIf(!haveFixtures).each([
  ['threat-dragon/v2-threat-model.json', 3],
  ['threat-dragon/v1-demo-threat-model.json', 4],
])('%s', (file, count) => {
  it(`keeps its ${count} curves as lines through the points TD saved, and draws each`, async () => {
    const text = readFileSync(FIXTURES + file, 'utf8')
    const source = JSON.parse(text).detail.diagrams[0]
    const saved = (source.cells ?? source.diagramJson.cells).filter((c: Record<string, unknown>) => c.shape === 'trust-boundary-curve' || c.type === 'tm.Boundary')
    const { model } = imported(text)
    const layout = Object.values(model.diagrams!)[0]!.layout!
    const lines = Object.values(layout).filter((p) => p.points).map((p) => p.points)
    expect(lines).toEqual(saved.map((c: { source: unknown; vertices: unknown[]; target: unknown }) => [c.source, ...c.vertices, c.target]))
    const [scene] = diagramScenes(buildGraph(model))
    expect(scene!.curves).toHaveLength(count)
    expect((await renderSvg(scene!)).match(/<g class="boundary curve" [^>]*><title>[^<]*<\/title><path class="boundary-curve"/g)).toHaveLength(count)
  })
})
