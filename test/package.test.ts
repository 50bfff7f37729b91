/**
 * moat as another project installs it: `npm pack`, the tarball installed as a dev dependency
 * into a scratch project, the `moat` command run there. No network: the runtime dependencies are
 * packed from this checkout's node_modules and installed from their tarballs, with an empty npm
 * cache and --offline, so the test proves the package carries everything it needs.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const ROOT = new URL('..', import.meta.url).pathname
const built = existsSync(join(ROOT, 'dist/bundle/main.js')) && existsSync(join(ROOT, 'dist/web/index.html'))
if (!built) console.warn('moat is not built (npm run build): the package test is skipped')

const npm = (args: string[], cwd: string, env: Record<string, string> = {}) => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', ...env } })
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

interface Packed {
  filename: string
  files: { path: string }[]
}

/** The tarball of a package folder; scripts off: the test packs what is built, it builds nothing. */
const pack = (folder: string, into: string): Packed => JSON.parse(npm(['pack', folder, '--ignore-scripts', '--json', '--pack-destination', into], into))[0]

/** The runtime dependencies, and the platform packages of theirs that this machine has. */
function runtimeDependencies(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  return Object.keys(manifest.dependencies ?? {}).flatMap((name) => {
    const own = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'))
    const optional = Object.keys(own.optionalDependencies ?? {}).filter((o) => existsSync(join(ROOT, 'node_modules', o, 'package.json')))
    return [name, ...optional]
  })
}

describe.skipIf(!built)('moat installed from its tarball into another project', () => {
  let scratch = ''
  let project = ''
  let packed: Packed
  const env = () => ({ npm_config_cache: join(scratch, 'npm-cache'), npm_config_offline: 'true', NO_COLOR: '1' })
  const moat = (...args: string[]) => {
    const r = spawnSync('npx', ['--offline', 'moat', ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env() } })
    return { code: r.status, out: r.stdout, err: r.stderr }
  }

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'moat-package-'))
    packed = pack(ROOT, scratch)
    const tarballs = [join(scratch, packed.filename), ...runtimeDependencies().map((name) => join(scratch, pack(join(ROOT, 'node_modules', name), scratch).filename))]
    project = join(scratch, 'our-service')
    mkdirSync(project)
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'our-service', version: '1.0.0', private: true }))
    npm(['install', '--save-dev', '--offline', '--no-audit', '--no-fund', ...tarballs], project, env())
  }, 180_000)

  it('ships what runs, and neither tests, sources nor source maps', () => {
    const paths = packed.files.map((f) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['bin/moat.js', 'dist/bundle/main.js', 'dist/web/index.html', 'rules/processes.yaml', 'schema/moat.schema.json', 'package.json', 'README.md', 'LICENSE']))
    expect(paths.filter((p) => /^(src|test|bench|docs|web|examples)\/|\.map$|\.test\.|tsconfig|vitest/.test(p))).toEqual([])
  })

  it('puts `moat` on the project\'s path', () => {
    expect(existsSync(join(project, 'node_modules/.bin/moat'))).toBe(true)
    expect(moat('--version').out.trim()).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('runs init, threats, check and report there', () => {
    const init = moat('init', '--yes')
    expect(init.code, init.err).toBe(0)
    const model = readFileSync(join(project, 'threatmodel.yaml'), 'utf8')
    // The schema line points into the installed package, where the editor finds it.
    expect(model).toContain('$schema=node_modules/moat/schema/moat.schema.json')
    expect(moat('validate', 'threatmodel.yaml').code).toBe(0)

    const threats = moat('threats', 'threatmodel.yaml')
    expect(threats.code, threats.err).toBe(0)
    expect(threats.out).toMatch(/\d+ threat\(s\)/)

    // A new model has threats without responses: the gate runs and says so, exit 1.
    const check = moat('check', 'threatmodel.yaml')
    expect(check.code).toBe(1)
    expect(check.out).toContain('without a response')

    const report = moat('report', 'threatmodel.yaml', '-o', 'threat-model.html')
    expect(report.code, report.err).toBe(0)
    expect(readFileSync(join(project, 'threat-model.html'), 'utf8')).toContain('<svg')

    const png = moat('diagram', 'threatmodel.yaml', '-f', 'png', '-o', 'system.png')
    expect(png.code, png.err).toBe(0)
    expect(readFileSync(join(project, 'system.png')).subarray(1, 4).toString()).toBe('PNG')
  })

  it('loads neither the diagram layout nor the PDF driver for commands that do not draw', () => {
    moat('init', 'lazy.yaml', '--yes')
    const log = join(scratch, 'loaded.txt')
    writeFileSync(join(scratch, 'hooks.mjs'), `import { appendFileSync } from 'node:fs'\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context) }\n`)
    writeFileSync(join(scratch, 'register.mjs'), `import { register } from 'node:module'\nregister(${JSON.stringify(new URL(`file://${join(scratch, 'hooks.mjs')}`).href)})\n`)
    const r = spawnSync(process.execPath, ['--import', join(scratch, 'register.mjs'), 'node_modules/moat/bin/moat.js', 'threats', 'lazy.yaml'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    expect(r.status, r.stderr).toBe(0)
    const loaded = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:'))
    expect(loaded.some((u) => u.includes('/moat/dist/bundle/main.js'))).toBe(true)
    expect(loaded.filter((u) => /playwright|resvg/.test(u))).toEqual([])
    const bundle = loaded.filter((u) => u.includes('/moat/dist/bundle/')).map((u) => new URL(u).pathname)
    expect(bundle.filter((file) => readFileSync(file, 'utf8').includes('org.eclipse.elk'))).toEqual([])
    const bytes = bundle.reduce((n, file) => n + statSync(file).size, 0)
    expect(bytes).toBeLessThan(1_500_000)
  })
})
