/**
 * The editor in Firefox (Debian's firefox-esr, over WebDriver BiDi): it loads a model, draws it,
 * analyses it live, adds an element and saves it into the YAML, with no script error. Skipped,
 * saying why, when Firefox or the editor build is missing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasEditorBuild, serve, type Served } from './harness.js'
import { FIREFOX, hasFirefox, launchFirefox, type Firefox } from './firefox.js'

const skip = !hasFirefox || !hasEditorBuild
if (skip) console.warn(!hasFirefox ? `Firefox e2e tests skipped: no Firefox at ${FIREFOX ?? '/usr/bin/firefox-esr'} (apt-get install -y firefox-esr, or set MOAT_FIREFOX)` : 'Firefox e2e tests skipped: the editor is not built (npm run build)')

const MODEL = `# kept by the editor
moat: 1
system: {name: Guestbook, description: Visitors leave messages}
boundaries:
  internet: {name: Internet, trust: untrusted}
  app: {name: App}
externals:
  visitor: {name: Visitor, type: person, boundary: internet}
processes:
  web: {name: Web app, boundary: app}
flows:
  post: {name: Post a message, from: visitor, to: web, protocol: HTTP}
  page: {name: Page, from: web, to: visitor, protocol: HTTP}
`

describe.skipIf(skip)('the editor in Firefox', () => {
  let dir: string
  let firefox: Firefox
  let served: Served

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moat-firefox-e2e-'))
    writeFileSync(join(dir, 'guestbook.yaml'), MODEL)
    served = await serve(join(dir, 'guestbook.yaml'))
    firefox = await launchFirefox()
  }, 60_000)
  afterAll(async () => {
    await firefox?.close()
    await served?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const until = async (expression: string, timeout = 15_000) => {
    const deadline = Date.now() + timeout
    for (;;) {
      if (await firefox.evaluate<boolean>(`Boolean(${expression})`)) return
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`)
      await new Promise((r) => setTimeout(r, 150))
    }
  }

  it('draws the model, analyses it live, adds a process and saves it into the YAML', async () => {
    await firefox.open(served.url)
    await until(`document.querySelector('.react-flow__node[data-id="web"]')`)
    await until(`/\\d+ threats/.test(document.body.textContent)`)
    await firefox.evaluate(`document.querySelector('[data-testid=palette-process]').click()`)
    await until(`document.querySelector('.react-flow__node[data-id^="process-"]')`)
    const added = await firefox.evaluate<string>(`document.querySelector('.react-flow__node[data-id^="process-"]').dataset.id`)
    // Auto-layout runs ELK in a worker: it must work there too.
    await firefox.evaluate(`[...document.querySelectorAll('button')].find((b) => b.textContent.includes('Auto-layout')).click()`)
    await new Promise((r) => setTimeout(r, 1000))
    await firefox.evaluate(`document.querySelector('[data-testid=save]').click()`)
    await until(`document.querySelector('[data-testid=save-state]')?.textContent === 'Saved'`)
    const text = readFileSync(join(dir, 'guestbook.yaml'), 'utf8')
    expect(text).toContain('# kept by the editor')
    expect(text).toContain(`${added}:`)
    expect(firefox.errors).toEqual([])
  }, 60_000)
})
