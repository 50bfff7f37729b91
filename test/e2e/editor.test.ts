/**
 * The editor end to end: `moat serve` on a temporary model, Debian's Chromium driven by
 * playwright-core (no browser is downloaded). Skipped, with a message, when Chromium or the
 * editor build is missing.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from 'js-yaml'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, hasChromium, hasEditorBuild, launch, serve, type Served } from './harness.js'

const MODEL = `# Guestbook: this comment must survive the editor.
moat: 1
system:
  name: Guestbook   # the name, with a comment
  description: Visitors leave messages.

boundaries:
  internet: {name: Internet, trust: untrusted}
  app: {name: App, trust: medium}   # where our code runs

externals:
  visitor: {name: Visitor, type: person, boundary: internet}

diagrams:
  main:
    name: Main
    layout:
      internet: {x: 0, y: 0, width: 240, height: 170}
      visitor: {x: 50, y: 70}
      app: {x: 420, y: 0, width: 420, height: 320}

threats: {}
`

const XSS = `moat: 1
system:
  name: "<script>window.__xss = 1</script>"
  description: "<img src=x onerror=\\"window.__xss = 2; alert(2)\\">"
boundaries:
  "b1": {name: "<svg onload=alert(3)>", trust: untrusted}
externals:
  e1: {name: "<img src=x onerror=alert(1)>", boundary: b1}
processes:
  p1: {name: "</div><script>alert(4)</script>", technology: "<b onmouseover=alert(5)>x</b>", boundary: b1}
flows:
  f1: {from: e1, to: p1, name: "<iframe src=javascript:alert(6)>", protocol: "<i>HTTP</i>"}
`

const skip = !hasChromium || !hasEditorBuild
if (skip) {
  console.warn(
    !hasChromium
      ? `e2e tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set MOAT_CHROMIUM)`
      : 'e2e tests skipped: the editor is not built (npm run build)',
  )
}

describe.skipIf(skip)('the editor in Chromium', () => {
  let dir: string
  let browser: Browser
  let closeBrowser: () => Promise<void>
  const servers: Served[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moat-e2e-'))
    const launched = await launch()
    browser = launched.browser
    closeBrowser = launched.close
  }, 60_000)
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
    await closeBrowser?.()
    rmSync(dir, { recursive: true, force: true })
  })

  async function openEditor(file: string, text: string): Promise<{ page: Page; path: string; dialogs: string[]; errors: string[] }> {
    const path = join(dir, file)
    writeFileSync(path, text)
    const server = await serve(path)
    servers.push(server)
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } })
    page.setDefaultTimeout(8000)
    const dialogs: string[] = []
    const errors: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(server.url)
    await page.waitForSelector('.react-flow__node', { timeout: 15_000 })
    return { page, path, dialogs, errors }
  }

  const centreOf = async (page: Page, selector: string) => {
    const box = (await page.locator(selector).first().boundingBox())!
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
  }

  it('draws a system by mouse, shows its threats live, and saves them into the YAML with its comments', async () => {
    const { page, path, errors } = await openEditor('guestbook.yaml', MODEL)
    await page.keyboard.press('f')

    // A process, dragged from the palette onto the empty canvas (outside the boundaries).
    const canvas = (await page.locator('.react-flow__pane').boundingBox())!
    await page.dragAndDrop('[data-testid=palette-process]', '.react-flow__pane', { targetPosition: { x: canvas.width / 2, y: canvas.height - 120 } })
    await page.waitForSelector('.react-flow__node[data-id="process-1"]')
    expect(await page.locator('[data-testid=field-name]').inputValue()).toBe('Process 1')
    await page.locator('[data-testid=field-name]').fill('Guestbook app')

    // Moved by mouse into the App boundary: it is now inside it.
    const from = await centreOf(page, '.react-flow__node[data-id="process-1"]')
    const app = (await page.locator('.react-flow__node[data-id="app"]').boundingBox())!
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move(app.x + app.width / 2, app.y + app.height / 2, { steps: 12 })
    await page.mouse.up()
    await page.locator('.react-flow__node[data-id="process-1"]').click()
    await expect.poll(() => page.locator('[data-testid=field-boundary]').inputValue()).toBe('app')

    // A flow: from the visitor's right-hand port to the app's left-hand port.
    const start = await centreOf(page, '.react-flow__node[data-id="visitor"] .react-flow__handle[data-handleid="r"]')
    const end = await centreOf(page, '.react-flow__node[data-id="process-1"] .react-flow__handle[data-handleid="l"]')
    await page.mouse.move(start.x, start.y)
    await page.mouse.down()
    await page.mouse.move(end.x, end.y, { steps: 15 })
    await page.mouse.up()
    await page.screenshot({ path: 'test/e2e/out/connect.png' })
    await page.waitForSelector('[data-flow="visitor-to-process-1"]')

    // The threats of the new flow, computed in the page.
    await page.click('[data-testid=tab-threats]')
    const threat = page.locator('li.threat[data-threat$="@visitor-to-process-1"]').first()
    await threat.waitFor()
    const threatId = (await threat.getAttribute('data-threat'))!
    await threat.locator('.threat-head').click()
    await threat.locator('[data-testid=threat-response]').selectOption('accept')
    await threat.locator('[data-testid=threat-rationale]').fill('Public guestbook: nothing secret crosses this flow.')
    await threat.locator('[data-testid=threat-owner]').fill('alice')
    await expect.poll(() => threat.locator('.status').textContent()).toContain('accept')

    // Renamed: the id, and every reference to it, follow.
    await page.click('[data-testid=tab-properties]')
    await page.locator('.react-flow__node[data-id="process-1"]').click()
    await page.locator('[data-testid=prop-id]').fill('guestbook')
    await page.locator('[data-testid=prop-id]').press('Enter')
    await page.waitForSelector('.react-flow__node[data-id="guestbook"]')

    await page.keyboard.press('Control+s')
    await expect.poll(() => page.locator('[data-testid=save-state]').textContent()).toBe('Saved')

    const text = readFileSync(path, 'utf8')
    for (const comment of ['# Guestbook: this comment must survive the editor.', '# the name, with a comment', '# where our code runs']) expect(text).toContain(comment)
    const saved = load(text) as any
    expect(saved.processes.guestbook).toMatchObject({ name: 'Guestbook app', boundary: 'app' })
    expect(saved.processes['process-1']).toBeUndefined()
    expect(saved.flows['visitor-to-process-1']).toMatchObject({ from: 'visitor', to: 'guestbook' })
    expect(saved.threats[threatId]).toEqual({ response: 'accept', rationale: 'Public guestbook: nothing secret crosses this flow.', owner: 'alice' })
    expect(saved.diagrams.main.layout.guestbook).toMatchObject({ x: expect.any(Number), y: expect.any(Number) })
    await page.screenshot({ path: join('test', 'e2e', 'out', 'guestbook.png') }).catch(() => undefined)
    expect(errors).toEqual([])
  })

  it('says so when the file changed on disk, and keeps the editor\'s version only when asked', async () => {
    const { page, path } = await openEditor('conflict.yaml', MODEL)
    await page.click('[data-testid=palette-store]')
    await page.waitForSelector('.react-flow__node[data-id="store-1"]')
    writeFileSync(path, `${MODEL}# changed in a text editor\n`)
    await page.click('[data-testid=save]')
    await page.waitForSelector('[data-testid=conflict]')
    expect(readFileSync(path, 'utf8')).toContain('# changed in a text editor')
    expect(readFileSync(path, 'utf8')).not.toContain('store-1')
    await page.click('[data-testid=conflict-keep]')
    await expect.poll(() => readFileSync(path, 'utf8')).toContain('store-1')
    expect(readFileSync(path, 'utf8')).toContain('# changed in a text editor')
  })

  it('names a new diagram in its own dialog, not a browser prompt', async () => {
    const { page, path, dialogs } = await openEditor('diagrams.yaml', MODEL)
    await page.click('.tab.add')
    await page.locator('[data-testid=ask-input]').fill('Inside the app')
    await page.click('[data-testid=ask-ok]')
    await page.waitForSelector('.tab:has-text("Inside the app")')
    await page.keyboard.press('Control+s')
    await expect.poll(() => readFileSync(path, 'utf8')).toContain('Inside the app')
    expect(dialogs).toEqual([])
  })

  it('edits a protocol\'s messages on its sequence diagram: protection, order, a new message', async () => {
    const protocol = `moat: 1
system: {name: Login, kind: protocol}
externals:
  client: {name: Client}
processes:
  server: {name: Server}
flows:
  hello: {name: Hello, from: client, to: server, order: 1}
  challenge: {name: Challenge, from: server, to: client, order: 2}
diagrams:
  parties: {name: Parties}
  exchange: {name: Exchange, kind: sequence}
`
    const { page, path } = await openEditor('login.yaml', protocol)
    await page.click('.tab:has-text("Exchange")')
    await page.waitForSelector('[data-testid=sequence] img.sequence-picture')
    await page.locator('tr[data-message=challenge] input[aria-label="challenge signed"]').check()
    await page.locator('tr[data-message=challenge] button[aria-label=earlier]').click()
    await page.locator('[data-testid=message-from]').selectOption('client')
    await page.locator('[data-testid=message-to]').selectOption('server')
    await page.click('[data-testid=message-add]')
    await expect.poll(() => page.locator('.messages tbody tr').count()).toBe(3)
    await page.keyboard.press('Control+s')
    await expect.poll(() => page.locator('[data-testid=save-state]').textContent()).toBe('Saved')
    const saved = load(readFileSync(path, 'utf8')) as any
    expect(saved.flows.challenge).toMatchObject({ order: 1, signed: true })
    expect(saved.flows.hello.order).toBe(2)
    const added = Object.entries(saved.flows).find(([id]) => id !== 'hello' && id !== 'challenge')![1] as any
    expect(added).toMatchObject({ from: 'client', to: 'server', order: 3 })
  })

  it('shows script payloads in model text as text and runs none of them', async () => {
    const { page, dialogs, errors } = await openEditor('xss.yaml', XSS)
    await page.click('[data-testid=tab-threats]')
    await page.click('[data-testid=tab-model]')
    await page.locator('.react-flow__node[data-id="p1"]').click()
    await page.click('[data-testid=tab-properties]')
    await page.locator('[data-flow="f1"]').hover({ force: true })
    await page.waitForTimeout(500)
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined()
    expect(dialogs).toEqual([])
    expect(await page.locator('.react-flow__node[data-id="e1"]').textContent()).toContain('<img src=x onerror=alert(1)>')
    expect(await page.locator('script:not([src])').count()).toBe(0)
    expect(await page.locator('img[src="x"], iframe, svg[onload]').count()).toBe(0)
    expect(errors).toEqual([])
  })
})
