/** Headless Chromium for the tests that must see what a browser does; they skip, saying why, without it. */
import type { Browser } from 'playwright-core'
import { chromium } from 'playwright-core'
import { findChromium, launchArgs } from '../../src/report/chromium.js'

export function chromiumPath(): string | undefined {
  try {
    return findChromium()
  } catch {
    return undefined
  }
}

export const CHROMIUM = chromiumPath()
if (!CHROMIUM) console.warn('Chromium not found: the browser and PDF tests are skipped (apt-get install chromium, or set MOAT_CHROMIUM)')

export async function launch(): Promise<Browser> {
  const root = process.getuid?.() === 0
  return chromium.launch({ executablePath: CHROMIUM!, headless: true, chromiumSandbox: !root, args: launchArgs(root) })
}
