/**
 * A repository is attacker-controlled input when moat runs in CI on a pull request: nothing in it
 * may make moat read, and print, a file from elsewhere on the machine, or hang on a special file.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Workspace } from '../../src/server/workspace.js'

const BIN = new URL('../../bin/moat.js', import.meta.url).pathname
const SECRET = 'PRIVATE-KEY-MATERIAL-0123456789'
const MODEL = 'moat: 1\nsystem: {name: Shop}\nprocesses:\n  web: {name: Web}\n'

const folders: string[] = []
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true })
})

/** A repository folder and, beside it, a "home" folder with a secret the repository links to. */
function repository() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'moat-leak-')))
  folders.push(root)
  const home = join(root, 'home')
  const repo = join(root, 'repo')
  mkdirSync(home)
  mkdirSync(repo)
  const secret = join(home, 'id_ed25519')
  writeFileSync(secret, `${SECRET}\n`)
  return { root, repo, secret }
}

function moat(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } })
  return { code: r.status, output: `${r.stdout}${r.stderr}`, timedOut: r.error !== undefined }
}

describe('rule packs a model names', () => {
  it('are not read through a link in the pack folder that leads out of the model\'s folder', () => {
    const { repo, secret } = repository()
    mkdirSync(join(repo, 'rules'))
    symlinkSync(secret, join(repo, 'rules', 'key.yaml'))
    writeFileSync(join(repo, 'threatmodel.yaml'), `${MODEL}rules: {packs: [./rules]}\n`)
    const r = moat(['check', 'threatmodel.yaml'], repo)
    expect(r.code).toBe(1)
    expect(r.output).toContain("lies outside the model's folder")
    expect(r.output).not.toContain(SECRET)
    expect(r.output).not.toMatch(/\n\s+at .*\.js:\d+/)
  })

  it('are not read when the pack file itself links out of the folder', () => {
    const { repo, secret } = repository()
    symlinkSync(secret, join(repo, 'pack.yaml'))
    writeFileSync(join(repo, 'threatmodel.yaml'), `${MODEL}rules: {packs: [./pack.yaml]}\n`)
    const r = moat(['check', 'threatmodel.yaml'], repo)
    expect(r.code).toBe(1)
    expect(r.output).toContain('outside the model\'s folder')
    expect(r.output).not.toContain(SECRET)
  })

  it('are read through links that stay inside the model\'s folder', () => {
    const { repo } = repository()
    mkdirSync(join(repo, 'rules'))
    mkdirSync(join(repo, 'shared'))
    writeFileSync(join(repo, 'shared', 'ours.yaml'), 'pack: ours\nrules: []\n')
    symlinkSync(join(repo, 'shared', 'ours.yaml'), join(repo, 'rules', 'ours.yaml'))
    writeFileSync(join(repo, 'threatmodel.yaml'), `${MODEL}rules: {packs: [./rules]}\n`)
    expect(moat(['validate', 'threatmodel.yaml'], repo).code).toBe(0)
  })

  it('never reach the editor from outside the folder, and one bad pack does not hide the others', () => {
    const { repo, secret } = repository()
    mkdirSync(join(repo, 'rules'))
    writeFileSync(join(repo, 'rules', 'a-ours.yaml'), 'rules: []\n')
    symlinkSync(secret, join(repo, 'rules', 'b-key.yaml'))
    writeFileSync(join(repo, 'threatmodel.yaml'), `${MODEL}rules: {packs: [./rules]}\n`)
    const read = new Workspace(join(repo, 'threatmodel.yaml')).read('threatmodel.yaml')
    expect(read.packs).toEqual([{ name: join('rules', 'a-ours.yaml'), text: 'rules: []\n' }])
    expect(JSON.stringify(read)).not.toContain(SECRET)
  })
})

describe('the model file named on the command line', () => {
  it('is not followed when it links to a file outside its folder and the current folder', () => {
    const { repo, secret } = repository()
    symlinkSync(secret, join(repo, 'threatmodel.yaml'))
    const r = moat(['check', 'threatmodel.yaml'], repo)
    expect(r.code).toBe(1)
    expect(r.output).toContain('is a link to a file outside its folder')
    expect(r.output).not.toContain(SECRET)
  })

  it('is followed when the link stays in the repository', () => {
    const { repo } = repository()
    mkdirSync(join(repo, 'models'))
    writeFileSync(join(repo, 'models', 'v2.yaml'), MODEL)
    symlinkSync(join(repo, 'models', 'v2.yaml'), join(repo, 'threatmodel.yaml'))
    expect(moat(['validate', 'threatmodel.yaml'], repo).code).toBe(0)
  })

  it('is refused, without hanging, when it is a pipe or a device', () => {
    const { repo } = repository()
    const fifo = join(repo, 'threatmodel.yaml')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    const piped = moat(['validate', 'threatmodel.yaml'], repo)
    expect(piped.timedOut).toBe(false)
    expect(piped.code).toBe(1)
    expect(piped.output).toContain('is not a regular file')
    const device = moat(['validate', '/dev/zero'], repo)
    expect(device.timedOut).toBe(false)
    expect(device.code).toBe(1)
    expect(device.output).toContain('is not a regular file')
  })
})

describe('error messages', () => {
  it('quote a short excerpt of a wrong value, never the whole of it', () => {
    const { repo } = repository()
    const long = `${SECRET}-${'x'.repeat(500)}`
    writeFileSync(join(repo, 'threatmodel.yaml'), `moat: 1\nsystem: "${long}"\n`)
    const r = moat(['validate', 'threatmodel.yaml'], repo)
    expect(r.code).toBe(1)
    expect(r.output).toContain('must be a map, not string "PRIVATE-KEY-MATERIAL-0123456789-xxxxxxxx…"')
    expect(r.output).not.toContain('x'.repeat(200))
  })
})

describe('outputs', () => {
  it('are never written over the model they come from, however the path is spelt', () => {
    const { repo } = repository()
    writeFileSync(join(repo, 'threatmodel.yaml'), MODEL)
    for (const args of [
      ['report', 'threatmodel.yaml', '-o', 'threatmodel.yaml'],
      ['report', 'threatmodel.yaml', '-f', 'md', '-o', './threatmodel.yaml'],
      ['diagram', 'threatmodel.yaml', '-o', 'threatmodel.yaml'],
      ['export', 'threatmodel.yaml', '--to', 'otm', '-o', 'threatmodel.yaml', '--force'],
    ]) {
      const r = moat(args, repo)
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.output, args.join(' ')).toContain('moat does not write its output over its input')
      expect(readFileSync(join(repo, 'threatmodel.yaml'), 'utf8')).toBe(MODEL)
    }
  })
})
