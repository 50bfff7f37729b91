/** Every threat, asset and review check of the examples appears in the HTML, Markdown and JSON reports. */
import { describe, expect, it } from 'vitest'
import { xmlEscape } from '../../src/render/escape.js'
import { htmlReport } from '../../src/report/html/index.js'
import { reportJson } from '../../src/report/json.js'
import { markdownReport } from '../../src/report/markdown/index.js'
import { mdText } from '../../src/report/markdown/escape.js'
import { EXAMPLES, project } from './fixtures.js'
import { scenesOf } from '../../src/render/index.js'
import type { Analysis } from '../../src/core/index.js'

const scenesCount = (analysis: Analysis) => scenesOf(analysis.graph).length

describe.each(EXAMPLES)('reports of %s', (file) => {
  const { text, analysis } = project(file)
  const meta = { file, text, toolVersion: 'test' }

  it('HTML names every threat, asset, actor, control and check, and draws every diagram', async () => {
    const page = await htmlReport(analysis, meta)
    for (const t of analysis.threats) {
      expect(page).toContain(`id="threat-${t.id}"`)
      expect(page).toContain(xmlEscape(t.title))
    }
    for (const [id, a] of Object.entries(analysis.model.assets ?? {})) expect(page).toContain(xmlEscape(a.name ?? id))
    for (const [id, a] of Object.entries(analysis.model.actors ?? {})) expect(page).toContain(xmlEscape(a.name ?? id))
    for (const [id, c] of Object.entries(analysis.model.controls ?? {})) expect(page).toContain(xmlEscape(c.name ?? id))
    for (const c of analysis.review.checks) expect(page).toContain(`<code class="muted">${c.id}</code>`)
    expect(page.match(/<svg /g)?.length).toBeGreaterThan(0)
    expect(page.match(/<tr data-category=/g)).toHaveLength(analysis.threats.length)
  })

  it('HTML makes no request: no external src, href to a stylesheet or script, or url()', async () => {
    const page = await htmlReport(analysis, meta)
    expect(page).not.toMatch(/<(script|img|iframe|link)[^>]+(src|href)="https?:/i)
    expect(page).not.toMatch(/url\((?!#)/)
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/)
  })

  it('HTML for print: summary and risk matrix first, diagrams on pages of their own, plain headers, nothing to click', async () => {
    const page = await htmlReport(analysis, { ...meta, layout: 'print' })
    const order = ['id="risk"', 'id="system"', 'id="threats"', 'id="review"'].map((s) => page.indexOf(`<section ${s}`))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(page.indexOf('class="cards"')).toBeLessThan(order[0]!)
    expect(page).not.toContain('Select a cell')
    expect(page).not.toContain('<script')
    expect(page).not.toContain('id="threat-filters"')
    const head = /<table id="threat-table">[\s\S]*?<\/thead>/.exec(page)![0]
    expect(head).not.toContain('<button')
    expect(head).toContain('<th>Title</th>')
    expect(page).not.toContain('<figure class="diagram">')
    expect(page.match(/<figure class="diagram-page">/g)!.length).toBeGreaterThanOrEqual(scenesCount(analysis))
  })

  it('HTML on screen keeps the sort buttons, and says "select a cell" only where it can be done', async () => {
    const page = await htmlReport(analysis, meta)
    expect(page).toContain('<span class="screen-only"> Select a cell to list its threats.</span>')
    expect(page).toContain('<th><button type="button">Title</button></th>')
  })

  it('Markdown names every threat, asset and check, with a Mermaid block per diagram', async () => {
    const md = await markdownReport(analysis, meta)
    for (const t of analysis.threats) {
      expect(md).toContain(`\`${t.id}\``)
      expect(md).toContain(mdText(t.title))
    }
    for (const [id, a] of Object.entries(analysis.model.assets ?? {})) expect(md).toContain(mdText(a.name ?? id))
    for (const c of analysis.review.checks) expect(md).toContain(`\`${c.id}\``)
    expect(md).toMatch(/```mermaid\n(flowchart|sequenceDiagram|---)/)
  })

  it('JSON holds the whole analysis in its documented shape', () => {
    const json = JSON.parse(JSON.stringify(reportJson(file, text, analysis)))
    expect(Object.keys(json)).toEqual(['version', 'kind', 'file', 'system', 'summary', 'assets', 'actors', 'boundaries', 'controls', 'assumptions', 'threats', 'stale', 'riskMatrix', 'exposure', 'review'])
    expect(json.threats.map((t: { id: string }) => t.id)).toEqual(analysis.threats.map((t) => t.id))
    expect(json.assets.map((a: { id: string }) => a.id)).toEqual(Object.keys(analysis.model.assets ?? {}))
    expect(json.review.checks.map((c: { id: string }) => c.id)).toEqual(analysis.review.checks.map((c) => c.id))
    expect(json.riskMatrix).toHaveLength(16)
    expect(json.summary.threats.total).toBe(analysis.threats.length)
  })
})
