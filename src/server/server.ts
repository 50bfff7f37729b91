/**
 * `moat serve`: the editor's local HTTP server. It serves the built editor (dist/web) and a small
 * JSON API over the workspace's model files, and nothing else.
 *
 * The API is for the page this server served, not for other websites the user has open:
 * - the Host header must name this server (a DNS-rebinding page sends its own host name);
 * - a request whose Origin (or Sec-Fetch-Site) says another site sent it is refused;
 * - every API call carries a per-run token. The token is never served: it reaches the page out of
 *   band, in the fragment of the URL moat prints on the terminal (as Jupyter does), which the
 *   browser does not send to any server. Anyone who can connect, another local user or, with
 *   --host, the network, gets the editor's code but no way to read or write a model.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, resolve, sep } from 'node:path'
import { UserError } from '../node/files.js'
import { Conflict, Forbidden, Invalid, NotFound, Workspace } from './workspace.js'

export interface ServerOptions {
  workspace: Workspace
  /** The built editor: index.html and its assets. */
  webRoot: string
  host: string
  port: number
  /** Fixed in tests; random otherwise. */
  token?: string
}

export interface RunningServer {
  server: Server
  /** The server's address. */
  url: string
  /** The address to open: the server's, with the token in its fragment. */
  openUrl: string
  token: string
  close(): Promise<void>
}

const MAX_BODY = 64 * 1024 * 1024
export const TOKEN_HEADER = 'x-moat-token'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/**
 * The page's policy: scripts, styles and workers only from this server. xyflow positions nodes
 * with inline styles, hence 'unsafe-inline' for styles (never for scripts).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
}

/** Where the built editor is: dist/web beside moat's package.json, from src/ or dist/. */
export function findWebRoot(from: string): string | undefined {
  let dir = from
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'dist', 'web')
    if (existsSync(join(dir, 'package.json')) && existsSync(join(candidate, 'index.html'))) return candidate
    dir = resolve(dir, '..')
  }
  return undefined
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const webRoot = realpathSync(options.webRoot)
  let allowedHosts = new Set<string>()
  let port = options.port
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((cause) => send(res, 500, { error: `internal error: ${cause instanceof Error ? cause.message : String(cause)}` }))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').toLowerCase()
    if (!allowedHosts.has(host) && !isIpLiteral(host, port)) return send(res, 403, { error: 'this server answers requests for its own address only' })
    const url = new URL(req.url ?? '/', `http://${host}`)
    if (url.pathname.startsWith('/api/')) return api(req, res, url, host)
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'method not allowed' })
    return serveStatic(req, res, url.pathname)
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, host: string): Promise<void> {
    const origin = req.headers.origin
    if (origin !== undefined && origin !== `http://${host}`) return send(res, 403, { error: 'cross-site requests are refused' })
    const site = req.headers['sec-fetch-site']
    if (site !== undefined && site !== 'same-origin' && site !== 'none') return send(res, 403, { error: 'cross-site requests are refused' })
    if (!tokenMatches(req.headers[TOKEN_HEADER], token)) return send(res, 403, { error: 'missing or wrong editor key: open the editor from the address moat serve printed (it ends in #token=...)' })
    const ws = options.workspace
    try {
      const route = `${req.method} ${url.pathname}`
      switch (route) {
        case 'GET /api/session':
          return send(res, 200, { files: ws.list().map((f) => f.name), single: ws.single ?? null, canCreate: ws.canCreate, folder: ws.folder })
        case 'GET /api/file':
          return send(res, 200, ws.read(url.searchParams.get('name')))
        case 'PUT /api/file': {
          const body = await readJson(req)
          const saved = ws.save(url.searchParams.get('name'), body.data, body.version, body.force === true)
          return send(res, 200, saved)
        }
        case 'POST /api/files': {
          const body = await readJson(req)
          const file = ws.create(body.name, typeof body.system === 'string' ? body.system : 'My system')
          return send(res, 201, ws.read(file.name))
        }
        default:
          return send(res, 404, { error: 'no such API' })
      }
    } catch (cause) {
      if (cause instanceof Conflict) return send(res, 409, { error: 'the file changed on disk since it was loaded', current: cause.current })
      if (cause instanceof Forbidden) return send(res, 403, { error: cause.message })
      if (cause instanceof NotFound) return send(res, 404, { error: cause.message })
      if (cause instanceof BadRequest || cause instanceof Invalid) return send(res, 400, { error: cause.message })
      if (cause instanceof UserError) return send(res, 422, { error: cause.message, hint: cause.hint ?? null })
      throw cause
    }
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return send(res, 400, { error: 'bad path' })
    }
    if (decoded.includes('\0')) return send(res, 400, { error: 'bad path' })
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
    const path = resolve(webRoot, relative)
    if (!path.startsWith(webRoot + sep)) return send(res, 404, { error: 'not found' })
    let real: string
    try {
      real = realpathSync(path)
      if (!real.startsWith(webRoot + sep) || !statSync(real).isFile()) return send(res, 404, { error: 'not found' })
    } catch {
      return send(res, 404, { error: 'not found' })
    }
    const body = readFileSync(real)
    const type = TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream'
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': CSP,
      ...SECURITY_HEADERS,
      'cache-control': relative === 'index.html' ? 'no-store' : 'no-cache',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const server = createHttpServer(handler)
  return new Promise((resolvePromise, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) => {
      reject(new UserError(`cannot listen on ${options.host}:${options.port} (${cause.code ?? cause.message})`, cause.code === 'EADDRINUSE' ? 'another program uses this port: pick another with --port' : undefined))
    })
    server.listen(options.port, options.host, () => {
      const address = server.address()
      port = typeof address === 'object' && address ? address.port : options.port
      const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host
      allowedHosts = new Set([`${hostInUrl}:${port}`.toLowerCase(), `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`])
      const url = `http://${hostInUrl}:${port}/`
      resolvePromise({
        server,
        url,
        openUrl: `${url}#token=${token}`,
        token,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections?.()
          server.close(() => done())
        }),
      })
    })
  })
}

/** An address given as numbers (never a DNS name, which a rebinding attack would use), with this port. */
function isIpLiteral(host: string, port: number): boolean {
  return new RegExp(`^((\\d{1,3}\\.){3}\\d{1,3}|\\[[0-9a-f:.]+\\]):${port}$`).test(host)
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

class BadRequest extends Error {}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? ''
  if (!type.startsWith('application/json')) throw new BadRequest('send JSON (content-type: application/json)')
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new BadRequest('the request is too large')
    chunks.push(chunk as Buffer)
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object')
    return value as Record<string, unknown>
  } catch {
    throw new BadRequest('the request body is not a JSON object')
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end()
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS })
  res.end(text)
}
