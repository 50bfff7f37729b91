/** Starting `moat serve` and Debian's Chromium for the end-to-end tests; no browser is downloaded. */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { launchArgs } from '../../src/report/chromium.js'

export const CHROMIUM = process.env.MOAT_CHROMIUM ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
export const hasEditorBuild = existsSync('dist/web/index.html') && existsSync('dist/bundle/main.js')

export interface Served {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** `node bin/moat.js serve PATH --port 0`, resolved with the URL it prints. */
export function serve(path: string): Promise<Served> {
  const child = spawn(process.execPath, ['bin/moat.js', 'serve', path, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`moat serve printed no URL:\n${out}\n${err}`)), 15_000)
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      out += d
      const m = /(http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve({
          url: m[1]!,
          child,
          stop: () => new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          }),
        })
      }
    })
    child.once('exit', (code) => reject(new Error(`moat serve exited with ${code}:\n${out}\n${err}`)))
  })
}

export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  // Playwright makes its own fresh profile; HOME points at a temporary folder so Chromium writes
  // nothing of its own into the user's home.
  const home = mkdtempSync(join(tmpdir(), 'moat-e2e-home-'))
  const root = process.getuid?.() === 0
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: !root, args: launchArgs(root), env: { ...process.env, HOME: home } })
  return {
    browser,
    close: async () => {
      await browser.close()
      rmSync(home, { recursive: true, force: true })
    },
  }
}
