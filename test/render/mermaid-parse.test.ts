/**
 * Mermaid output is checked by Mermaid's own parser (the `mermaid` package, run in headless
 * Chromium because it needs a DOM): what GitHub would draw, not what we hope it draws.
 */
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toMermaid } from '../../src/render/index.js'
import { CHROMIUM, launch } from '../report/browser.js'
import { everyScene } from './fixtures.js'

const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js')

const scenes = everyScene().map(([label, scene]) => [label, toMermaid(scene)] as const)

describe.skipIf(!CHROMIUM)('Mermaid output, parsed by Mermaid', () => {
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    browser = await launch()
    page = await browser.newPage()
    await page.setContent('<!doctype html><html><body></body></html>')
    await page.addScriptTag({ path: mermaidScript })
    await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false }))
  }, 60_000)
  afterAll(async () => browser?.close())

  const parse = (text: string) =>
    page.evaluate(async (source) => {
      try {
        const parsed = await (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid.parse(source)
        return { ok: parsed !== false, error: '' }
      } catch (error) {
        return { ok: false, error: String(error) }
      }
    }, text)

  it('refuses a broken diagram (the check can fail)', async () => {
    expect((await parse('flowchart LR\n  a["unclosed --> b\n')).ok).toBe(false)
  })

  it.each(scenes)('%s parses', async (_, text) => {
    expect(await parse(text)).toEqual({ ok: true, error: '' })
  })
})
