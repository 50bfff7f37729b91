/** Every threat, asset and review check of the examples appears in the HTML, Markdown and JSON reports. */
import { describe, expect, it } from 'vitest'
import { xmlEscape } from '../../src/render/escape.js'
import { htmlReport } from '../../src/report/html/index.js'
import { reportJson } from '../../src/report/json.js'
import { markdownReport } from '../../src/report/markdown/index.js'
import { mdText } from '../../src/report/markdown/escape.js'
import { EXAMPLES, project } from './fixtures.js'

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
