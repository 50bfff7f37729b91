/** End-to-end: the real `moat` binary (bin/moat.js on the built bundle), as a user runs it. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { syntheticModel } from './helpers.js'

const BIN = new URL('../bin/moat.js', import.meta.url).pathname

function moat(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env },
    encoding: 'utf8',
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

const workdir = () => mkdtempSync(join(tmpdir(), 'moat-cli-'))
const write = (dir: string, name: string, text: string) => {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

describe('moat validate', () => {
  it('accepts the minimal model, exit 0', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(2))
    const r = moat(['validate', file])
    expect(r.code).toBe(0)
    expect(r.out).toContain('is valid')
  })

  it('prints file:line:column: error: message, the line, and a hint; exit 1', () => {
    const file = write(workdir(), 'bad.yaml', 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {}\nflows:\n  f: {from: web, to: webb}\n')
    const r = moat(['validate', file])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${file}:6:22: error: "webb" is not defined (did you mean "web"?)`)
    expect(r.err).toContain('  6 |   f: {from: web, to: webb}')
    expect(r.err).toMatch(/hint: /)
    expect(r.err).not.toMatch(/at .*\.js:\d+/) // no stack trace
  })

  it('reports YAML syntax errors the same way', () => {
    const file = write(workdir(), 'broken.yaml', 'moat: 1\nsystem:\n  name: [unclosed\n')
    const r = moat(['validate', file])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(new RegExp(`${file}:\\d+:\\d+: error: `))
  })

  it('says what to do when the file does not exist', () => {
    const r = moat(['validate', '/nonexistent/model.yaml'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('/nonexistent/model.yaml: no such file')
    expect(r.err).toContain('moat init')
  })

  it('warns about a response whose threat id is mistyped, with the id it probably meant', () => {
    const dir = workdir()
    expect(moat(['init', 'model.yaml', '--yes'], { cwd: dir }).code).toBe(0)
    const real = (JSON.parse(moat(['threats', 'model.yaml', '--format', 'json'], { cwd: dir }).out).threats as { id: string }[]).find((t) => /^\w+-\w+-\w+/.test(t.id))!.id
    const [rule, element] = real.split('@') as [string, string]
    const typo = `${rule.split('-').slice(0, 2).join('-')}@${element}`
    const file = join(dir, 'model.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('threats: {}', `threats:\n  ${typo}: {response: accept, owner: ops, rationale: low value}`))
    const r = moat(['validate', 'model.yaml'], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.err).toContain(`warning: the response to "${typo}" matches no threat (did you mean "${real}"?)`)
    expect(r.out).toContain('1 warning(s)')
  })

  it('gives the documented JSON', () => {
    const file = write(workdir(), 'bad.yaml', 'moat: 1\nsystem: {name: X, kind: prodct}\n')
    const r = moat(['validate', file, '--format', 'json'])
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out)).toEqual({
      version: 1, file, valid: false, errors: 1, warnings: 0,
      diagnostics: [{ file, line: 2, column: 25, severity: 'error', code: 'unknown-value', message: expect.stringContaining('did you mean "product"'), hint: expect.any(String), path: ['system', 'kind'] }],
    })
  })
})

describe('moat threats', () => {
  it('lists threats with stable ids for the minimal model', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(2))
    const r = moat(['threats', file, '--format', 'json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out)
    expect(json.threats.length).toBeGreaterThan(0)
    for (const t of json.threats) expect(t.id).toMatch(/^[a-z0-9-]+@[\w.-]+$/)
    expect(json.summary.total).toBe(json.threats.length)
  })

  it('says which threats are possible, and the unstated facts they rest on, in JSON and in the table', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(1))
    const json = JSON.parse(moat(['threats', file, '--format', 'json']).out)
    const possible = json.threats.find((t: { possible: boolean }) => t.possible)
    expect(possible).toMatchObject({ settledBy: expect.stringMatching(/^(any|all)$/) })
    expect(possible.unstated[0]).toEqual({ element: expect.any(String), fact: expect.any(String), assumed: expect.anything(), text: expect.any(String) })
    expect(json.summary.possible).toBe(json.threats.filter((t: { possible: boolean }) => t.possible).length)
    const definite = json.threats.find((t: { possible: boolean }) => !t.possible)
    if (definite) expect(definite).toMatchObject({ unstated: [], settledBy: null })
    const shown = moat(['threats', file])
    expect(shown.out).toMatch(/Possible: /)
    expect(shown.err).toMatch(/possible threat\(s\) rest on facts the model does not state/)
  })

  it('prints a table in text mode, without colour when NO_COLOR is set', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(1))
    const r = moat(['threats', file])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/SEVERITY\s+RESIDUAL\s+STRIDE\s+RESPONSE\s+ID\s+TITLE/)
    expect(r.out).not.toContain('\u001b[')
  })

  it('uses colour when forced', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(1))
    expect(moat(['threats', file], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).out).toContain('\u001b[')
  })

  it('refuses an unknown category as bad usage, with a suggestion (exit 2)', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(1))
    const r = moat(['threats', file, '-c', 'spofing'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('"spofing" is not a STRIDE category (did you mean "spoofing"?)')
    expect(moat(['threats', file, '-c', 'S', '-c', 'tampering']).code).toBe(0)
  })

  it('refuses an element the model does not have, with a suggestion (exit 1)', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(1))
    const r = moat(['threats', file, '-e', 'web-O'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('there is no element or flow "web-O" (did you mean "web-0"?)')
    expect(r.out).not.toContain('0 threat(s)')
  })

  it('never analyses a model with errors', () => {
    const file = write(workdir(), 'bad.yaml', 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {boundary: nowhere}\n')
    const r = moat(['threats', file])
    expect(r.code).toBe(1)
    expect(r.err).toContain('not analysed')
  })
})

describe('moat review and moat check', () => {
  it('review fails the minimal model (no responses yet) with exit 1 and says why', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(1))
    const r = moat(['review', file])
    expect(r.code).toBe(1)
    expect(r.out).toContain('Does the DFD reflect the system?')
    expect(r.out).toMatch(/✗ fail\s+Every threat has a response \[threats.responses\]/)
    expect(r.out).toContain('Review failed')
    expect(r.out).toContain('Facts to state (informational)')
    const json = JSON.parse(moat(['review', file, '--format', 'json']).out)
    expect(json.unstated[0]).toMatchObject({ element: expect.any(String), fact: expect.any(String), threats: expect.any(Array), hint: expect.any(String), file, line: expect.any(Number) })
  })

  it('check is the CI gate: exit 1 while a threat at or above --fail-on has no response', () => {
    const file = write(workdir(), 'model.yaml', syntheticModel(1))
    const r = moat(['check', file, '--fail-on', 'low', '--format', 'json'])
    expect(r.code).toBe(1)
    const json = JSON.parse(r.out)
    expect(json.passed).toBe(false)
    expect(json.blocking.length).toBeGreaterThan(0)
  })

  it('check lets --fail-on govern the residual-risk check too', () => {
    const dir = workdir()
    expect(moat(['init', 'model.yaml', '--yes'], { cwd: dir }).code).toBe(0)
    const file = join(dir, 'model.yaml')
    const listed = JSON.parse(moat(['threats', file, '--format', 'json']).out).threats as { id: string; residual: { severity: string } }[]
    expect(listed.some((t) => t.residual.severity === 'high')).toBe(true)
    // Every threat answered; the critical ones done, the others only planned.
    const responses = listed.map((t) => `  ${t.id}: {response: accept, owner: ops, rationale: for now, status: ${t.residual.severity === 'critical' ? 'done' : 'planned'}}`).join('\n')
    writeFileSync(file, readFileSync(file, 'utf8').replace('threats: {}', `threats:\n${responses}`))
    const gate = (failOn: string) => JSON.parse(moat(['check', file, '--fail-on', failOn, '--format', 'json']).out)
    expect(gate('high').failingChecks).toContain('risk.residual')
    expect(gate('critical').failingChecks).not.toContain('risk.residual')
  })

  it('rejects a severity that does not exist as bad usage (exit 2)', () => {
    const r = moat(['check', 'x.yaml', '--fail-on', 'huge'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('low, medium, elevated, high, critical')
  })
})

describe('moat rules', () => {
  it('lists the built-in rules and describes one', () => {
    const list = moat(['rules', '--format', 'json'])
    expect(list.code).toBe(0)
    const rules = JSON.parse(list.out).rules
    expect(rules.length).toBeGreaterThan(0)
    const one = moat(['rules', rules[0].id])
    expect(one.code).toBe(0)
    expect(one.out).toContain(rules[0].when)
  })

  it('says so when a rule does not exist', () => {
    const r = moat(['rules', 'no-such-rule'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('there is no rule "no-such-rule"')
  })

  it('loads a user pack with --rules and reports its errors with positions', () => {
    const dir = workdir()
    const pack = write(dir, 'mine.yaml', 'rules:\n  - id: mine\n    title: t\n    category: tampering\n    targets: [process]\n    when: "element.name =="\n    likelihood: likely\n    impact: low\n    description: d\n')
    const r = moat(['rules', '--rules', pack])
    expect(r.err).toContain(`${pack}:6:11: error: rule "mine": the condition does not parse`)
  })
})

describe('moat init', () => {
  it('writes a starter model that validates, asking nothing without a terminal', () => {
    const dir = workdir()
    const r = moat(['init', 'model.yaml', '--name', 'Shop', '--parts', 'Web app, API, Orders database'], { cwd: dir })
    expect(r.code).toBe(0)
    const text = readFileSync(join(dir, 'model.yaml'), 'utf8')
    expect(text).toContain('# yaml-language-server: $schema=')
    expect(text).toContain('orders-database:')
    expect(moat(['validate', 'model.yaml'], { cwd: dir }).code).toBe(0)
    expect(moat(['threats', 'model.yaml'], { cwd: dir }).code).toBe(0)
  })

  it('writes a protocol starter that validates', () => {
    const dir = workdir()
    expect(moat(['init', 'p.yaml', '--kind', 'protocol'], { cwd: dir }).code).toBe(0)
    const v = moat(['validate', 'p.yaml'], { cwd: dir })
    expect(v.code).toBe(0)
    expect(v.err).toBe('')
  })

  it('never overwrites an existing model, and leaves no temporary file', () => {
    const dir = workdir()
    write(dir, 'model.yaml', '# mine\n')
    const r = moat(['init', 'model.yaml'], { cwd: dir })
    expect(r.code).toBe(1)
    expect(r.err).toContain('already exists')
    expect(readFileSync(join(dir, 'model.yaml'), 'utf8')).toBe('# mine\n')
    expect(readdirSync(dir)).toEqual(['model.yaml'])
  })
})

describe('usage', () => {
  it('exits 2 on an unknown command, with a suggestion', () => {
    const r = moat(['reveiw', 'x.yaml'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('review')
  })

  it('prints help with exit 0', () => {
    const r = moat(['--help'])
    expect(r.code).toBe(0)
    for (const c of ['validate', 'threats', 'review', 'check', 'rules', 'init', 'exposure']) expect(r.out).toContain(c)
  })

  it('keeps the published JSON Schema in step with the model definition', () => {
    const printed = JSON.parse(moat(['schema']).out)
    const published = JSON.parse(readFileSync(new URL('../schema/moat.schema.json', import.meta.url), 'utf8'))
    expect(published).toEqual(printed)
    expect(existsSync(new URL('../schema/rules.schema.json', import.meta.url))).toBe(true)
  })
})
