/**
 * A model whose every text is an HTML or script payload: the reports show it as text. Checked as
 * strings, then in headless Chromium, with and without the Content-Security-Policy (so the escaping
 * is tested on its own, not only hidden behind the CSP).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { htmlReport } from '../../src/report/html/index.js'
import { markdownReport } from '../../src/report/markdown/index.js'
import { mdCode, mdFence, mdText } from '../../src/report/markdown/escape.js'
import { CHROMIUM, launch } from './browser.js'
import { analyseText, HOSTILE, PAYLOADS } from './fixtures.js'

const analysis = analyseText(HOSTILE)
const meta = { file: 'hostile.yaml', text: HOSTILE, toolVersion: 'test' }

describe('HTML escaping', () => {
  it('holds no payload as markup: one script element (ours), no handler attribute, no javascript: link', async () => {
    const page = await htmlReport(analysis, meta)
    expect(page.match(/<script/g)).toHaveLength(1)
    expect(page).not.toMatch(/<img|<svg onload/i)
    // An event handler only counts inside a tag; in text the payload is harmless and expected.
    // (Attribute values are emptied first: an escaped payload inside aria-label="…" is text too.)
    expect(page.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[a-z][^>]*\son(error|load)=/i)
    expect(page).not.toMatch(/href="javascript:/i)
    // The text is there, escaped.
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
  })
})

describe('Markdown escaping', () => {
  it('escapes HTML, table pipes and link syntax', async () => {
    const md = await markdownReport(analysis, meta)
    expect(md).not.toMatch(/<script|<img|<svg/i)
    expect(md).not.toContain('](javascript:')
    expect(mdText('a | b')).toBe('a \\| b')
    expect(mdText('<b>x</b>')).toBe('&lt;b&gt;x&lt;/b&gt;')
    expect(mdText('[x](javascript:alert(1))')).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\)')
    expect(mdCode('a`b')).toBe('``a`b``')
    expect(mdFence('', 'x\n```\ny')).toBe('````\nx\n```\ny\n````')
  })

  it('keeps every table row on one line with the right number of cells', async () => {
    const md = await markdownReport(analysis, meta)
    const rows = md.split('\n').filter((l) => l.startsWith('| '))
    const cells = (l: string) => l.replace(/`[^`]*`/g, '').replace(/\\\|/g, '').split('|').length
    // Rows of one table share the header's cell count.
    let expected = 0
    for (const [i, row] of rows.entries()) {
      if (rows[i + 1]?.startsWith('| ---')) expected = cells(row)
      expect(cells(row), row).toBe(expected)
    }
  })
})

describe.skipIf(!CHROMIUM)('HTML in headless Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(async () => browser?.close())

  async function open(html: string) {
    const page = await browser.newPage()
    const dialogs: string[] = []
    const errors: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    page.on('pageerror', (e) => errors.push(String(e)))
    const requests: string[] = []
    page.on('request', (r) => r.url().startsWith('data:') || requests.push(r.url()))
    await page.setContent(html, { waitUntil: 'load' })
    await page.waitForTimeout(200)
    return { page, dialogs, errors, requests }
  }

  it('runs our script and nothing else; the CSP reports no violation of ours', async () => {
    const { page, dialogs, errors, requests } = await open(await htmlReport(analysis, meta))
    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
    expect(requests).toEqual([])
    expect(await page.evaluate('document.documentElement.hasAttribute("data-ready")')).toBe(true)
    expect(await page.evaluate('document.scripts.length')).toBe(1)
    expect(await page.evaluate('document.querySelectorAll("img, iframe, object, embed, [onerror], [onload]").length')).toBe(0)
    // The payloads are on the page as text.
    const text = (await page.evaluate('document.body.innerText')) as string
    for (const p of PAYLOADS.slice(0, 4)) expect(text).toContain(p)
    await page.close()
  })

  it('with the CSP removed, the escaping alone still keeps every payload inert', async () => {
    const html = (await htmlReport(analysis, meta)).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    const { page, dialogs } = await open(html)
    expect(dialogs).toEqual([])
    expect(await page.evaluate('document.scripts.length')).toBe(1)
    expect(await page.evaluate('document.querySelectorAll("img, iframe, object, embed, [onerror], [onload]").length')).toBe(0)
    await page.close()
  })

  it('the CSP blocks an inline script that escaping had missed', async () => {
    const html = (await htmlReport(analysis, meta)).replace('</main>', '</main><script>alert("missed")</script><img src=x onerror="alert(9)">')
    const { dialogs, errors } = await open(html)
    expect(dialogs).toEqual([])
    expect(errors.join('\n')).toMatch(/Content Security Policy/)
  })

  it('sorts and filters the threat table, and a matrix cell filters it', async () => {
    const { page } = await open(await htmlReport(analysis, meta))
    const visible = () => page.evaluate('[...document.querySelectorAll("#threat-table tbody tr")].filter((r) => !r.hidden).length') as Promise<number>
    const all = await visible()
    expect(all).toBe(analysis.threats.length)
    await page.fill('#f-search', 'no threat has this text')
    expect(await visible()).toBe(0)
    await page.fill('#f-search', '')
    await page.selectOption('#f-category', 'spoofing')
    expect(await visible()).toBe(analysis.threats.filter((t) => t.category === 'spoofing').length)
    await page.selectOption('#f-category', '')
    const cell = page.locator('.matrix button:not(.zero)').first()
    const count = Number(await cell.textContent())
    await cell.click()
    expect(await visible()).toBe(count)
    await page.click('#f-cell')
    expect(await visible()).toBe(all)
    // "not done" and each status are different filters.
    const statuses = (await page.evaluate('[...document.querySelectorAll("#f-status option")].map((o) => o.value)')) as string[]
    expect(new Set(statuses).size).toBe(statuses.length)
    await page.selectOption('#f-status', 'not-done')
    expect(await visible()).toBe(analysis.threats.filter((t) => t.status !== 'done').length)
    await page.selectOption('#f-status', 'open')
    expect(await visible()).toBe(analysis.threats.filter((t) => t.status === 'open').length)
    await page.selectOption('#f-status', '')
    await page.click('#threat-table th:nth-child(1) button')
    const ids = (await page.evaluate('[...document.querySelectorAll("#threat-table tbody td.id")].map((c) => c.dataset.sort)')) as string[]
    expect(ids).toEqual([...ids].sort())
    await page.close()
  })
})
