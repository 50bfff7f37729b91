import { spawn } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { InvalidArgumentError } from 'commander'
import { EXIT, UserError, type Io } from '../context.js'

export interface ServeOptions {
  port?: number
  host?: string
  open?: boolean
}

/** `--port`: 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('use a port number from 0 to 65535 (0: any free port)')
  return n
}

/**
 * `moat serve [FILE|DIR]`: the browser editor over a model file, or over the models of a folder.
 * Runs until interrupted (Ctrl+C); prints the URL to open.
 */
export async function serveCommand(target: string | undefined, options: ServeOptions, io: Io): Promise<number> {
  const { Workspace } = await import('../../server/workspace.js')
  const { findWebRoot, startServer } = await import('../../server/server.js')
  const workspace = new Workspace(target ?? '.')
  const webRoot = process.env.MOAT_WEB_ROOT ?? findWebRoot(dirname(fileURLToPath(import.meta.url)))
  if (!webRoot) throw new UserError('the editor is not built (dist/web is missing)', 'run `npm run build` in the moat folder')
  const host = options.host ?? '127.0.0.1'
  const running = await startServer({ workspace, webRoot, host, port: options.port ?? 4000 })
  const what = workspace.single ?? `${workspace.list().length} model(s) in ${workspace.folder}`
  io.out(`moat editor: ${running.openUrl}`)
  io.err(`editing ${what}. Open the address above: it carries this run's key, and only a browser that has it can read or save models. Stop with Ctrl+C.`)
  if (!isLoopback(host)) {
    io.err(
      `warning: listening on ${host}, not only on this machine: anyone who can reach port ${new URL(running.url).port} gets the editor's page, and anyone who also sees the address above ` +
        '(with its key) can read and overwrite the models, over plain HTTP that the network can read. Bind to 127.0.0.1 (the default) unless you need this, and then only on a network you trust.',
    )
  }
  if (options.open) openBrowser(running.openUrl)
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void running.close().then(() => resolve(EXIT.ok))
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.')

function openBrowser(url: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]]
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // no browser to open: the URL is printed
  }
}
