/**
 * Mermaid output is checked by Mermaid's own parser (the `mermaid` package, run in headless
 * Chromium because it needs a DOM): what GitHub would draw, not what we hope it draws.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildGraph, checkModel } from '../../src/core/index.js'
import { scenesOf, toMermaid } from '../../src/render/index.js'
import { CHROMIUM, launch } from '../report/browser.js'
import { scenesOfYaml, NESTED, PROTOCOL, REFINED, XSS } from './fixtures.js'

const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js')

const exampleScenes = ['shop', 'login-protocol', 'moat'].flatMap((name) => {
  const { model } = checkModel(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8'))
  return scenesOf(buildGraph(model!)).map((scene) => [`${name}: ${scene.id}`, toMermaid(scene)] as const)
})
const fixtureScenes = Object.entries({ NESTED, PROTOCOL, REFINED, XSS }).flatMap(([name, yaml]) =>
  scenesOfYaml(yaml).map((scene) => [`${name}: ${scene.id}`, toMermaid(scene)] as const),
)

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

  it.each([...exampleScenes, ...fixtureScenes])('%s parses', async (_, text) => {
    expect(await parse(text)).toEqual({ ok: true, error: '' })
  })
})
