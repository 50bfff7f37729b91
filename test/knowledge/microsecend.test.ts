/**
 * The microSecEnD scorer on a corpus of two small applications, with a rule pack and a mapping of
 * its own (so it tests the scoring, not today's rules). The scorer runs over dist/: `npm test` builds it.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { CHECKS, loadRulePack } from '../../src/core/index.js'
import { loadRules } from '../../src/node/load-project.js'
import { MAPPING, scoreMicrosecend } from '../../bench/knowledge/microsecend.js'

const RULES = `
rules:
  - id: entry-without-authentication
    title: "{{element.name}} lets anyone in"
    category: spoofing
    targets: [process]
    when: "'gateway' in element.roles && element.inputs.exists(f, f.to == element.id && f.fromKind == 'external' && !f.authenticated)"
    likelihood: likely
    impact: high
    description: Anyone can call it.
    controls: [authentication]
  - id: cleartext-from-outside
    title: "{{element.name}} is not encrypted"
    category: information-disclosure
    targets: [flow]
    when: element.fromKind == 'external' && !element.encrypted
    likelihood: likely
    impact: medium
    description: It can be read.
    controls: [encryption-in-transit]
  - id: unauthenticated-call
    title: "{{element.name}} trusts its callers"
    category: spoofing
    targets: [process]
    when: element.inputs.exists(f, f.to == element.id && f.fromKind == 'process' && !f.authenticated)
    likelihood: possible
    impact: medium
    description: Any service can call it.
    controls: [authentication]
`

const MAPPING_YAML = `
rules:
  R01: {moat: [], reason: no rule yet, gap: a gateway-bypass rule}
  R04: {moat: [entry-without-authentication], reason: stands in for a check that should stay silent}
  R05: {moat: [entry-without-authentication], reason: the entry point does not authenticate}
  R06: {moat: [unauthenticated-call], flow: [flow, to], reason: the receiver does not check}
  R07: {moat: [unauthenticated-call], flow: [flow, to], reason: the receiver does not authenticate}
  R12: {scope: system, moat: [entry-without-authentication, no-such-rule], reason: an application-wide rule}
  R13: {moat: [cleartext-from-outside], reason: clear text from outside}
  R17: {uncovered: 'a prescribed architecture, not a weakness'}
`

const DFD = {
  services: [
    { name: 'gateway', stereotypes: ['gateway', 'entrypoint'], tagged_values: {} },
    { name: 'orders', stereotypes: ['internal'], tagged_values: {} },
    { name: 'orders_db', stereotypes: ['database'], tagged_values: {} },
  ],
  external_entities: [{ name: 'user', stereotypes: ['user_stereotype'], tagged_values: {} }],
  information_flows: [
    { sender: 'user', receiver: 'gateway', stereotypes: ['restful_http'], tagged_values: {} },
    { sender: 'gateway', receiver: 'orders', stereotypes: ['restful_http', 'authenticated'], tagged_values: {} },
    { sender: 'orders_db', receiver: 'orders', stereotypes: ['jdbc'], tagged_values: {} },
  ],
}

const rule = (verdict: boolean, items: string[]) => ({ rule_text: 'text', verdict, related_model_items: items })
const VERDICTS = {
  rules: {
    R01: rule(false, ['gateway']),
    R04: rule(true, ['gateway']),
    R05: rule(false, ['gateway']),
    R06: rule(false, ['nobody -> orders']),
    R07: rule(true, ['gateway -> orders']),
    R12: rule(false, ['gateway', 'orders', 'orders_db']),
    R13: rule(false, ['user -> gateway']),
    R17: rule(false, ['gateway', 'orders']),
    R99: rule(false, ['gateway']),
  },
}

function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'moat-microsecend-'))
  const app = (name: string, dfd: string, verdicts: string) => {
    mkdirSync(join(dir, name))
    writeFileSync(join(dir, name, `${name}.json`), dfd)
    writeFileSync(join(dir, name, `${name}_rules_model_items.json`), verdicts)
  }
  app('shop', JSON.stringify(DFD, null, 2), JSON.stringify(VERDICTS, null, 2))
  app('broken', JSON.stringify(DFD), '{\n  "rules": {\n    "R01": {"verdict": false, "related_model_items": ["gateway",]}\n  }\n}\n')
  writeFileSync(join(dir, 'mapping.yaml'), MAPPING_YAML)
  return dir
}

describe('the microSecEnD scorer', async () => {
  const dir = corpus()
  const { rules } = loadRulePack(RULES, 'test rules')
  const score = await scoreMicrosecend({ dir, mapping: join(dir, 'mapping.yaml'), rules })

  it('counts a violated rule\'s items as findings, matched where a mapped threat is raised on them', () => {
    expect(score).toMatchObject({ corpus: 'microSecEnD', findings: 4, matched: 3, recall: 0.75 })
    expect(score.misses).toEqual(['shop R01 gateway: no moat rule maps to it yet'])
  })

  it('counts a followed rule\'s items as pairs where moat should stay silent, and lists where it does not', () => {
    expect(score).toMatchObject({ followed: 2, silent: 1, precision: 0.5 })
    expect(score.noise).toEqual(['shop R04 gateway: followed, yet moat raises [entry-without-authentication]'])
  })

  it('scores an application-wide rule once, matched on any of its items', () => {
    expect(score.rules.find((r) => r.rule === 'R12')).toMatchObject({ findings: 1, matched: 1 })
  })

  it('skips an application whose verdicts are not JSON, naming file:line:column, and scores the others', () => {
    expect(score.apps.map((a) => a.app)).toEqual(['shop'])
    expect(score.notes).toContain(`${join(dir, 'broken', 'broken_rules_model_items.json')}:3:65: not valid JSON (unexpected "]"); broken skipped`)
  })

  it('says what it did not score, and why', () => {
    expect(score.notes).toEqual(expect.arrayContaining([
      'shop R06: "nobody -> orders" is not an element or flow of the DFD; not scored',
      'shop: R99 has no entry in the mapping; not scored',
      'mapping R12 names moat rule "no-such-rule", which no loaded rule has',
      'R17 is not scored (2 violated and 0 followed items): a prescribed architecture, not a weakness',
    ]))
  })

  it('reads the mapping in the repository by default', () => {
    expect(MAPPING).toMatch(/bench\/knowledge\/mappings\/microsecend\.yaml$/)
  })
})

describe('the microSecEnD mapping in the repository', () => {
  const entries = parse(readFileSync(MAPPING, 'utf8')).rules as Record<string, { moat?: string[]; review?: string[]; reason?: string; uncovered?: string; scope?: string }>

  it('has an entry for each of the 25 rules: moat rules with a reason, or why moat does not cover it', () => {
    expect(Object.keys(entries)).toEqual(Array.from({ length: 25 }, (_, i) => `R${String(i + 1).padStart(2, '0')}`))
    for (const [id, entry] of Object.entries(entries)) {
      expect(Boolean(entry.uncovered) !== Boolean(entry.reason), `${id}: a reason or "uncovered", not both`).toBe(true)
      if (entry.scope) expect(['item', 'system']).toContain(entry.scope)
    }
  })

  it('names only rules and review checks moat has', () => {
    const rules = new Set(loadRules([]).rules.map((r) => r.id))
    const checks = new Set(CHECKS.map((c) => c.id))
    for (const entry of Object.values(entries)) {
      for (const id of entry.moat ?? []) expect(rules, id).toContain(id)
      for (const id of entry.review ?? []) expect(checks, id).toContain(id)
    }
  })
})
