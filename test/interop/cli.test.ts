/** `moat import` and `moat export` as a user runs them (through the command wiring, in process). */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildProgram } from '../../src/cli/main.js'
import { createStyle } from '../../src/cli/style.js'
import { UserError } from '../../src/cli/context.js'
import { checkModel } from '../../src/core/index.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'


async function moat(...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const style = createStyle(false)
  let code = 0
  const program = buildProgram({ out: (s) => out.push(s), err: (s) => err.push(s), style, errStyle: style, width: Infinity }, (c) => (code = c))
  try {
    await program.parseAsync(['node', 'moat', ...args])
  } catch (cause) {
    if (cause instanceof UserError) return { code: 1, out: out.join('\n'), err: `${cause.message}\n${cause.hint ?? ''}` }
    throw cause
  }
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe.skipIf(!haveFixtures)('moat import', () => {
  it('detects the format, writes a model that validates, prints warnings at file:line:column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moat-import-'))
    const target = join(dir, 'model.yaml')
    const source = `${FIXTURES}threat-dragon/v2-threat-model.json`
    const r = await moat('import', source, '-o', target)
    expect(r.code).toBe(0)
    expect(r.err).toMatch(new RegExp(`${source}:\\d+:\\d+: warning: `))
    const text = readFileSync(target, 'utf8')
    expect(text.split('\n')[0]).toBe('# Imported by `moat import` from v2-threat-model.json (OWASP Threat Dragon).')
    expect(checkModel(text).model).toBeDefined()
  })

  it('never overwrites an existing file without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moat-import-'))
    const target = join(dir, 'model.yaml')
    writeFileSync(target, 'mine')
    const r = await moat('import', `${FIXTURES}otm/otm-example.json`, '-o', target)
    expect(r.code).toBe(1)
    expect(r.err).toContain('already exists')
    expect(readFileSync(target, 'utf8')).toBe('mine')
    expect((await moat('import', `${FIXTURES}otm/otm-example.json`, '-o', target, '--force')).code).toBe(0)
  })

  it('says clearly why a broken file cannot be imported', async () => {
    const r = await moat('import', `${FIXTURES}threat-dragon/v2-malformed-new-model.json`)
    expect(r.code).toBe(1)
    expect(r.err).toContain('not a Threat Dragon model')
  })

  it('--from overrides detection; stdout by default', async () => {
    const r = await moat('import', `${FIXTURES}tmt/SDL_all_components.tm7`, '--from', 'tm7')
    expect(r.code).toBe(0)
    expect(r.out).toContain('moat: 1')
  })
})

describe('moat import of a broken JSON file', () => {
  it('says where it is broken, as file:line:column', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'moat-import-')), 'app.json')
    writeFileSync(file, '{\n  "services": [],\n  "information_flows": [\n    {"sender": "a"},\n  ]\n}\n')
    const r = await moat('import', file)
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${file}:5:3: not valid JSON: unexpected "]"`)
  })
})

describe('moat export', () => {
  it('writes Threat Dragon and OTM files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moat-export-'))
    const shop = new URL('../../examples/shop.yaml', import.meta.url).pathname
    for (const to of ['td', 'otm']) {
      const target = join(dir, `shop.${to}.json`)
      const r = await moat('export', shop, '--to', to, '-o', target)
      expect(r.code).toBe(0)
      expect(existsSync(target)).toBe(true)
      expect(JSON.parse(readFileSync(target, 'utf8'))).toBeTypeOf('object')
    }
  })
})
