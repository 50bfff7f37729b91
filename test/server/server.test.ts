import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server/server.js'
import { versionOf, Workspace } from '../../src/server/workspace.js'

const MODEL = '# my comment\nmoat: 1\nsystem: {name: Shop}   # inline\nprocesses:\n  web: {name: Web}\n'
let dir: string
let web: string
let server: RunningServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moat-serve-'))
  web = mkdtempSync(join(tmpdir(), 'moat-web-'))
  writeFileSync(join(web, 'index.html'), '<title>moat</title>')
  mkdirSync(join(dir, 'models'))
  writeFileSync(join(dir, 'models', 'shop.yaml'), MODEL)
  writeFileSync(join(dir, 'models', 'notes.txt'), 'not a model')
  writeFileSync(join(dir, 'secret.yaml'), 'moat: 1\nsystem: {name: Secret}\n')
  symlinkSync(join(dir, 'secret.yaml'), join(dir, 'models', 'link.yaml'))
  server = await startServer({ workspace: new Workspace(join(dir, 'models')), webRoot: web, host: '127.0.0.1', port: 0, token: 'test-token' })
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
  rmSync(web, { recursive: true, force: true })
})

const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(new URL(path, server.url), { ...init, headers: { 'x-moat-token': 'test-token', ...init.headers } })

describe('moat serve', () => {
  it('serves the editor under a strict CSP, and never its token: that comes in the printed URL\'s fragment', async () => {
    const response = await fetch(server.url)
    expect(response.status).toBe(200)
    expect(await response.text()).not.toContain('test-token')
    expect(server.openUrl).toBe(`${server.url}#token=test-token`)
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('lists only the models of the folder', async () => {
    const session = (await (await call('/api/session')).json()) as any
    expect(session.files).toEqual(['shop.yaml'])
    expect(session.canCreate).toBe(true)
  })

  it('refuses API calls without the token, from another origin, or for another host', async () => {
    expect((await fetch(new URL('/api/session', server.url))).status).toBe(403)
    expect((await call('/api/session', { headers: { 'x-moat-token': 'wrong-token' } })).status).toBe(403)
    expect((await call('/api/session', { headers: { origin: 'https://evil.example' } })).status).toBe(403)
    expect((await call('/api/session', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403)
    const port = new URL(server.url).port
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/api/session', headers: { host: `evil.example:${port}`, 'x-moat-token': 'test-token' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      }).on('error', reject).end()
    })
    expect(status).toBe(403)
    expect((await call('/api/session', { headers: { origin: `http://127.0.0.1:${port}` } })).status).toBe(200)
  })

  it('refuses paths outside the workspace', async () => {
    for (const name of ['../secret.yaml', '..%2Fsecret.yaml', '/etc/passwd', 'link.yaml', 'notes.txt', '.hidden.yaml', 'a/../shop.yaml']) {
      const status = (await call(`/api/file?name=${encodeURIComponent(name)}`)).status
      expect([403, 404], name).toContain(status)
    }
    for (const path of ['/../secret.yaml', '/%2e%2e/secret.yaml', '/..%2fsecret.yaml', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      const response = await fetch(new URL(path, server.url).href.replace(/\/[^/]*$/, '') + path)
      expect(response.status, path).toBe(404)
    }
  })

  it('saves atomically, keeping comments, and answers 409 when the file changed meanwhile', async () => {
    const file = join(dir, 'models', 'shop.yaml')
    const loaded = (await (await call('/api/file?name=shop.yaml')).json()) as any
    expect(loaded.version).toBe(versionOf(MODEL))
    const data = { moat: 1, system: { name: 'Book shop' }, processes: { web: { name: 'Web', boundary: 'dmz' } } }
    const put = (version: string, force = false) =>
      call('/api/file?name=shop.yaml', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data, version, force }) })
    const saved = await put(loaded.version)
    expect(saved.status).toBe(200)
    const text = readFileSync(file, 'utf8')
    expect(text).toBe('# my comment\nmoat: 1\nsystem: {name: Book shop}   # inline\nprocesses:\n  web: {name: Web, boundary: dmz}\n')
    expect(readdirSync(join(dir, 'models')).filter((f) => f.endsWith('.tmp'))).toEqual([])

    // Someone edits the file in a text editor: the stale version is refused, nothing is written.
    writeFileSync(file, `${text}# edited by hand\n`)
    const conflict = await put(loaded.version)
    expect(conflict.status).toBe(409)
    expect(((await conflict.json()) as any).current.text).toContain('# edited by hand')
    expect(readFileSync(file, 'utf8')).toContain('# edited by hand')
    // Keeping the editor's version is explicit.
    expect((await put(loaded.version, true)).status).toBe(200)
  })

  it('creates a model in the folder, and only there', async () => {
    const post = (name: string) => call('/api/files', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, system: 'New <b>' }) })
    expect((await post('new.yaml')).status).toBe(201)
    expect(readFileSync(join(dir, 'models', 'new.yaml'), 'utf8')).toContain('name: "New <b>"')
    expect((await post('../escape.yaml')).status).toBe(403)
    expect((await post('new.yaml')).status).toBe(409)
  })

  it('needs JSON for writes (no form posts)', async () => {
    const response = await call('/api/file?name=shop.yaml', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: '{}' })
    expect(response.status).toBe(400)
  })
})

describe('a server on one file', () => {
  it('edits that file only and creates none', () => {
    const one = mkdtempSync(join(tmpdir(), 'moat-one-'))
    writeFileSync(join(one, 'a.yaml'), MODEL)
    writeFileSync(join(one, 'b.yaml'), MODEL)
    const ws = new Workspace(join(one, 'a.yaml'))
    expect(ws.list().map((f) => f.name)).toEqual(['a.yaml'])
    expect(() => ws.read('b.yaml')).toThrow()
    expect(() => ws.create('c.yaml', 'C')).toThrow()
    rmSync(one, { recursive: true, force: true })
  })
})

describe('the model\'s own rule packs', () => {
  it('come with the file, read under the CLI\'s policy: inside the model\'s folder only', () => {
    const folder = mkdtempSync(join(tmpdir(), 'moat-packs-'))
    mkdirSync(join(folder, 'rules'))
    writeFileSync(join(folder, 'rules', 'ours.yaml'), 'rules: []\n')
    writeFileSync(join(folder, 'model.yaml'), 'moat: 1\nsystem: {name: X}\nrules: {packs: [rules, ../../etc/passwd]}\n')
    try {
      const read = new Workspace(join(folder, 'model.yaml')).read('model.yaml')
      expect(read.packs).toEqual([{ name: join('rules', 'ours.yaml'), text: 'rules: []\n' }])
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
