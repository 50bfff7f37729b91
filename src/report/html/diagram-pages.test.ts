import { describe, expect, it } from 'vitest'
import { diagramPages, MAX_SCALE } from './diagram-pages.js'

const svg = (w: number, h: number) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" class="moat-diagram"><text>a label</text></svg>`
const AREA = { width: 1400, height: 860 }
const geometry = (page: string) => {
  const [x, y, w, h] = /viewBox="([^"]+)"/.exec(page)![1]!.split(' ').map(Number) as [number, number, number, number]
  return { x, y, w, h, width: Number(/ width="([^"]+)"/.exec(page)![1]), height: Number(/ height="([^"]+)"/.exec(page)![1]) }
}

describe('diagramPages', () => {
  it('gives a small diagram one page, enlarged to read but not to shout', () => {
    const [page, ...rest] = diagramPages(svg(600, 300), AREA)
    expect(rest).toEqual([])
    const g = geometry(page!.svg)
    expect(g.width / g.w).toBe(MAX_SCALE)
    expect(page!.part).toBeUndefined()
  })

  it('fills the page with a diagram that fits it', () => {
    const g = geometry(diagramPages(svg(1110, 765), AREA)[0]!.svg)
    expect(g.height).toBeCloseTo(860, 0)
    expect(g.width).toBeLessThanOrEqual(1400)
  })

  it('splits a large diagram into tiles that are never drawn smaller than laid out, and cover all of it', () => {
    const pages = diagramPages(svg(2209, 983), AREA)
    expect(pages.map((p) => p.part)).toEqual(['part 1 of 4, top left', 'part 2 of 4, top right', 'part 3 of 4, bottom left', 'part 4 of 4, bottom right'])
    for (const p of pages) {
      const g = geometry(p.svg)
      expect(g.width / g.w).toBeGreaterThanOrEqual(1)
      expect(g.width).toBeLessThanOrEqual(AREA.width + 0.5)
      expect(g.height).toBeLessThanOrEqual(AREA.height + 0.5)
      expect(p.svg).toContain('<text>a label</text>')
    }
    const tiles = pages.map((p) => geometry(p.svg))
    expect(Math.min(...tiles.map((t) => t.x))).toBe(0)
    expect(Math.max(...tiles.map((t) => t.x + t.w))).toBeCloseTo(2209, 0)
    expect(Math.max(...tiles.map((t) => t.y + t.h))).toBeCloseTo(983, 0)
  })
})
