/**
 * The knowledge benchmark's scorers (bench/knowledge): how a pytm finding is judged and matched, and
 * how a threat written in Threat Dragon is recognised. They run on dist/ (npm run build), like the
 * other benchmarks; without a build these tests are skipped.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { FIXTURES } from './fixtures.js'

const built = existsSync('dist/core/index.js') && existsSync('dist/node/load-project.js')
if (!built) console.warn('moat tests: no dist/ build: the knowledge benchmark tests are skipped (npm run build)')
const SAMPLE = `${FIXTURES}../benchmarks/pytm/tm.json`

/* eslint-disable @typescript-eslint/no-explicit-any */
const load = async (module: string): Promise<any> => import(/* @vite-ignore */ `../bench/knowledge/${module}.js`)

describe.skipIf(!built)('how a Threat Dragon threat is recognised', () => {
  it.each([
    ['Sensitive data disclosed through log files', 'information-disclosure', 'process', 'log-disclosure'],
    ['Insufficient logging of administrator actions', 'repudiation', 'process', 'insufficient-logging'],
    ['Tampering with the configuration', 'tampering', 'store', 'configuration-tampering'],
    ['SQL injection into the cloud API', 'tampering', 'process', 'sql-injection'],
    ['Missing authentication on the local API', 'spoofing', 'process', 'missing-authentication'],
    ['Accessing DB credentials', 'information-disclosure', 'store', 'stored-credentials'],
    ['Data flow should use HTTP/S', 'information-disclosure', 'flow', 'interception'],
    ['Poison messages', 'denial-of-service', 'process', 'poison-message'],
  ])('"%s" (%s on a %s) is %s, by its title', async (title, category, element, kind) => {
    const { recogniseThreat } = await load('threat-dragon')
    expect(recogniseThreat({ title, category }, element)).toMatchObject({ kind: { id: kind }, how: 'title' })
  })

  it('reads the description when the title says nothing, and falls back on the STRIDE type', async () => {
    const { recogniseThreat } = await load('threat-dragon')
    expect(recogniseThreat({ title: 'Risk 4', description: 'An attacker could replay an old request.', category: 'tampering' }, 'flow')).toMatchObject({ kind: { id: 'replay' }, how: 'description' })
    expect(recogniseThreat({ title: 'Risk 5', description: 'It could go wrong.', category: 'denial-of-service' }, 'store')).toMatchObject({ kind: { id: 'denial-of-service' }, how: 'stride' })
  })
})

describe.skipIf(!built)('where moat may raise "the same threat on the same element"', () => {
  const model = { flows: { req: { from: 'user', to: 'web' }, save: { from: 'web', to: 'db' } } }
  it('names the element, its flows and the elements at their other ends', async () => {
    const { placesOf, firstMatch } = await load('moat')
    expect([...placesOf(model, 'web', ['element', 'outputs', 'callers'])]).toEqual(['web', 'save', 'user'])
    expect([...placesOf(model, 'save', ['source', 'sink'])]).toEqual(['web', 'db'])
    const fired = new Map([['save', new Set(['sql-injection-from-untrusted-input'])]])
    expect(firstMatch(fired, ['web', 'save'], ['cross-site-scripting', 'sql-injection-from-untrusted-input'])).toBe('sql-injection-from-untrusted-input@save')
    expect(firstMatch(fired, ['web'], ['sql-injection-from-untrusted-input'])).toBeUndefined()
    expect(() => placesOf(model, 'web', ['everywhere'])).toThrow(/unknown place "everywhere"/)
  })
})

describe.skipIf(!built)('the pytm mapping', () => {
  const mapping = parse(readFileSync('bench/knowledge/mappings/pytm.yaml', 'utf8'), { maxAliasCount: -1 })

  it('maps every threat of pytm\'s library, each to rules the library has or to noise with a reason', async () => {
    const ids = Object.keys(mapping.threats)
    expect(ids).toHaveLength(114)
    for (const [id, entry] of Object.entries<any>(mapping.threats)) {
      expect(entry.title, id).toBeTruthy()
      expect(entry.rules?.flat(Infinity).length || entry.noise || entry.needs, id).toBeTruthy()
      if (entry.rules?.length) expect(entry.why, id).toBeTruthy()
    }
    const { unknownRules } = await load('moat')
    expect(unknownRules(Object.values<any>(mapping.threats).flatMap((t) => (t.rules ?? []).flat(Infinity)))).toEqual([])
  })
})

describe.skipIf(!built || !existsSync(SAMPLE))("pytm's sample, judged", () => {
  it('counts the findings that are noise apart, each with its reason, and scores recall over the rest', async () => {
    const { scorePytm } = await load('pytm')
    const r = await scorePytm({ file: SAMPLE })
    expect({ findings: r.findings, noise: r.noise, real: r.real }).toEqual({ findings: 138, noise: 64, real: 74 })
    expect(r.recall).toBe(Math.round((r.matched / r.real) * 1000) / 10)
    expect(r.matches.length + r.misses.length).toBe(r.real)
    expect(r.noiseFindings).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Web Server: CR05 Encryption Brute Forcing: pytm raises it on every server/),
      expect.stringMatching(/^Web Server: INP19 .*this one states usesXMLParser false/),
      expect.stringMatching(/^AWS Lambda: INP14 .*Nothing flows into this element/),
      expect.stringMatching(/^Show comments \(\*\): DE01 .*only data pytm classifies PUBLIC/),
    ]))
    expect(r.noiseFindings.some((n: string) => n.startsWith('Database verify real user identity: DE01'))).toBe(false)
    expect(r.notes).toEqual([])
  })
})
