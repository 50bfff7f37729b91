/**
 * Finding the Chromium that prints PDFs: moat never downloads a browser, it drives the one the
 * system has (Debian's `chromium` package), so a machine without one gets a message saying how
 * to install it rather than a download behind its back.
 */
import { accessSync, constants } from 'node:fs'
import { UserError } from '../node/files.js'

/** Where distributions put it, most likely first. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/snap/bin/chromium'] as const

const executable = (path: string) => {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The browser to use: `--chromium PATH`, else `MOAT_CHROMIUM`, else the first usual path that exists.
 * @example
 * findChromium() // '/usr/bin/chromium'
 */
export function findChromium(given?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = given ?? env.MOAT_CHROMIUM
  if (chosen) {
    if (executable(chosen)) return chosen
    throw new UserError(`${chosen}: no Chromium there (given with ${given ? '--chromium' : 'MOAT_CHROMIUM'})`, 'give the path of the chromium or chrome executable, e.g. /usr/bin/chromium')
  }
  const found = CHROMIUM_PATHS.find(executable)
  if (found) return found
  throw new UserError(
    'a PDF report needs Chromium, and none was found',
    `install it (Debian/Ubuntu: \`sudo apt-get install chromium\`), or give its path with --chromium PATH or MOAT_CHROMIUM; looked in ${CHROMIUM_PATHS.join(', ')}`,
  )
}

/**
 * Flags for printing in a container or CI: headless, no GPU, and no traffic of its own (no
 * updates, sync or QUIC probes) since the page needs no network. Without a sandbox only as root,
 * where Chromium refuses to start with one.
 * @example
 * launchArgs(true) // ['--no-sandbox', '--disable-gpu', ...]
 */
export function launchArgs(root: boolean): string[] {
  return [
    ...(root ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ]
}
