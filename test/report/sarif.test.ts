/** SARIF 2.1.0: valid against the schema's rules, one result per open threat, at its element's line. */
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { sarifReport } from '../../src/report/sarif.js'
import { analyseText, EXAMPLES, HOSTILE, project } from './fixtures.js'
import { SARIF_2_1_0_ESSENTIALS } from './sarif-schema.js'

const validate = new Ajv({ allErrors: true, strict: false }).compile(SARIF_2_1_0_ESSENTIALS)

describe.each(EXAMPLES)('SARIF of %s', (file) => {
  const { text, analysis } = project(file)
  const log = JSON.parse(JSON.stringify(sarifReport(analysis, text, { uri: 'examples/model.yaml', toolVersion: '0.1.0' })))

  it('is valid SARIF 2.1.0', () => {
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true)
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

it('maps residual severity to levels: critical and high error, elevated and medium warning, low note', () => {
  const analysis = analyseText(HOSTILE)
  const log = sarifReport(analysis, HOSTILE, { uri: 'm.yaml', toolVersion: 't' })
  const expected = { critical: 'error', high: 'error', elevated: 'warning', medium: 'warning', low: 'note', none: 'note' } as const
  for (const r of log.runs[0]!.results) expect(r.level).toBe(expected[r.properties.residual])
  expect(validate(JSON.parse(JSON.stringify(log)))).toBe(true)
})
