/** SARIF 2.1.0: valid against the schema, one result per open threat, at its element's line. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { sarifReport } from '../../src/report/sarif.js'
import { analyseText, EXAMPLES, HOSTILE, project } from './fixtures.js'
import { SARIF_2_1_0_ESSENTIALS } from './sarif-schema.js'

const validate = new Ajv({ allErrors: true, strict: false }).compile(SARIF_2_1_0_ESSENTIALS)

/**
 * The official OASIS schema, as Microsoft's SARIF SDK ships it in its npm package (a Linux-only
 * dev dependency): the test validates against it whole, formats included.
 */
const official = (() => {
  try {
    const path = createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json')
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    addFormats.default(ajv)
    return ajv.compile(JSON.parse(readFileSync(path, 'utf8')))
  } catch {
    console.warn('the official SARIF 2.1.0 schema (@microsoft/sarif-multitool-linux) is not installed: only its rules in sarif-schema.ts are checked')
    return undefined
  }
})()

describe.each(EXAMPLES)('SARIF of %s', (file) => {
  const { text, analysis } = project(file)
  const log = JSON.parse(JSON.stringify(sarifReport(analysis, text, { uri: 'examples/model.yaml', toolVersion: '0.1.0' })))

  it('is valid SARIF 2.1.0', () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true)
  })

  it.skipIf(!official)('is valid against the official OASIS SARIF 2.1.0 schema', () => {
    expect(official!(log), JSON.stringify(official!.errors, null, 2)).toBe(true)
  })

  it('has one result per open threat, each with its rule described and a stable fingerprint', () => {
    const run = log.runs[0]
    const open = analysis.threats.filter((t) => t.status !== 'done')
    expect(run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['moatThreatId/v1'])).toEqual(open.map((t) => t.id))
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId)
      expect(['error', 'warning', 'note']).toContain(r.level)
    }
    for (const rule of run.tool.driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(0)
      expect(Number(rule.properties['security-severity'])).toBeGreaterThanOrEqual(0)
    }
  })

  it('locates each result at the line that declares its element', () => {
    const lines = text.split('\n')
    for (const r of log.runs[0].results) {
      const t = analysis.threats.find((x) => x.id === r.partialFingerprints['moatThreatId/v1'])!
      const { startLine, startColumn } = r.locations[0].physicalLocation.region
      const key = t.origin === 'manual' ? t.id : t.elements[0]!
      expect(lines[startLine - 1]!.slice(startColumn - 1)).toMatch(new RegExp(`^["']?${key.replace(/[.+]/g, '\\$&')}["']?\\s*:`))
    }
  })
})

it('maps residual severity to levels: critical and high error, elevated and medium warning, low note; a possible threat one level lower', () => {
  const analysis = analyseText(HOSTILE)
  const log = sarifReport(analysis, HOSTILE, { uri: 'm.yaml', toolVersion: 't' })
  const expected = { critical: 'error', high: 'error', elevated: 'warning', medium: 'warning', low: 'note', none: 'note' } as const
  const lower = { error: 'warning', warning: 'note', note: 'note' } as const
  const results = log.runs[0]!.results
  expect(results.some((r) => r.properties.possible)).toBe(true)
  expect(results.some((r) => !r.properties.possible)).toBe(true)
  for (const r of results) expect(r.level).toBe(r.properties.possible ? lower[expected[r.properties.residual]] : expected[r.properties.residual])
  expect(validate(JSON.parse(JSON.stringify(log)))).toBe(true)
})

it('says a possible threat is possible, and on which unstated facts it rests', () => {
  const analysis = analyseText(HOSTILE)
  const log = sarifReport(analysis, HOSTILE, { uri: 'm.yaml', toolVersion: 't' })
  const possible = log.runs[0]!.results.find((r) => r.properties.possible)!
  expect(possible.message.text).toMatch(/^Possible: .* Possible: it assumes that .* \(not stated in the model\)/)
  expect(possible.properties.unstated!.length).toBeGreaterThan(0)
  expect(possible.properties.unstated![0]).toEqual({ element: expect.any(String), fact: expect.any(String), text: expect.any(String) })
})

describe.skipIf(!official)('the official schema check', () => {
  it('can fail: it refuses a log with a level SARIF does not have', () => {
    const { text, analysis } = project(EXAMPLES[0]!)
    const log = JSON.parse(JSON.stringify(sarifReport(analysis, text, { uri: 'examples/model.yaml', toolVersion: '0.1.0' })))
    log.runs[0].results[0].level = 'fatal'
    expect(official!(log)).toBe(false)
  })
})

it('escapes a rule pack\'s text in help.markdown, as the Markdown report does', async () => {
  const { loadRulePack } = await import('../../src/core/rules/load-rules.js')
  const { checkModel, analyze } = await import('../../src/core/index.js')
  const pack = loadRulePack(
    `rules:
  - id: hostile-text
    title: "{{element.name}} is hostile"
    category: tampering
    targets: [process]
    when: "true"
    likelihood: likely
    impact: high
    description: "Runs <script>alert(1)</script> and '><svg onload=alert(2)>. Twice."
    mitigations: ["[click](javascript:alert(3))", "<img src=x onerror=alert(4)>"]
    references: ["<b>ref</b>", "CWE-79", "https://example.com/a<b"]
`,
    'hostile.yaml',
  )
  expect(pack.diagnostics).toEqual([])
  const text = 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {name: Web}\n'
  const analysis = analyze(checkModel(text).model!, { rules: pack.rules })
  const rule = sarifReport(analysis, text, { uri: 'm.yaml', toolVersion: 't' }).runs[0]!.tool.driver.rules.find((r: { id: string }) => r.id === 'hostile-text')!
  const markdown: string = rule.help.markdown
  expect(markdown).not.toMatch(/<(script|svg|img|b)\b/)
  expect(markdown).not.toContain('](javascript:')
  expect(markdown).toContain('&lt;script&gt;')
  expect(markdown).toContain('[CWE-79](https://cwe.mitre.org/data/definitions/79.html)')
})
