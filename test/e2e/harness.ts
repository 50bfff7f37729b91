/** Starting `moat serve` and Debian's Chromium for the end-to-end tests; no browser is downloaded. */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

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
  const profile = mkdtempSync(join(tmpdir(), 'moat-e2e-profile-'))
  const args = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`]
  if (process.getuid?.() === 0) args.push('--no-sandbox')
  // launchPersistentContext would own the profile; a plain launch with the flag keeps one browser per run.
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: args.filter((a) => !a.startsWith('--user-data-dir')), env: { ...process.env, HOME: profile } })
  return {
    browser,
    close: async () => {
      await browser.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
