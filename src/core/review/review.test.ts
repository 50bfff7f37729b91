import { describe, expect, it } from 'vitest'
import { analysisOf } from '../../../test/helpers.js'
import { runReview } from './review.js'

const RULES = `
rules:
  - {id: r-spoof, title: s, category: spoofing, targets: [external, process], when: 'true', likelihood: likely, impact: high, description: d}
  - {id: r-tamper, title: t, category: tampering, targets: [process, store, flow], when: 'true', likelihood: possible, impact: medium, description: d}
`

/** A small model that passes every error-level check; each case below breaks one thing. */
const GOOD = `moat: 1
system: {name: Good, description: A model that passes}
boundaries:
  outside: {}
  inside: {}
externals:
  user: {boundary: outside, description: d, notApplicable: {repudiation: the user signs nothing}}
processes:
  app:
    boundary: inside
    description: d
    notApplicable: {repudiation: r, information-disclosure: r, denial-of-service: r, elevation-of-privilege: r}
stores:
  db: {boundary: inside, description: d, notApplicable: {repudiation: r, information-disclosure: r, denial-of-service: r}}
flows:
  in: {from: user, to: app, protocol: HTTPS, data: [orders], notApplicable: {information-disclosure: r, denial-of-service: r}}
  save: {from: app, to: db, notApplicable: {information-disclosure: r, denial-of-service: r}}
assets:
  orders: {description: d}
actors:
  attacker: {malicious: true, via: [user]}
controls:
  auth: {kind: authentication, on: [app]}
threats:
  r-spoof@user: {response: accept, owner: cto, rationale: low value}
  r-spoof@app: {response: accept, owner: cto, rationale: low value}
  r-tamper@app: {response: mitigate, controls: [auth], status: done}
  r-tamper@db: {response: transfer, owner: dba, rationale: managed service}
  r-tamper@in: {response: eliminate, status: done}
  r-tamper@save: {response: not-applicable, rationale: same host}
`

const statusOf = (yaml: string, id: string) => analysisOf(yaml, RULES).review.checks.find((c) => c.id === id)!

describe('the review', () => {
  it('passes a model whose threats are all identified and answered', () => {
    const review = analysisOf(GOOD, RULES).review
    expect(review.checks.filter((c) => c.status === 'fail')).toEqual([])
    expect(review.passed).toBe(true)
  })

  const failures: [string, string, (yaml: string) => string][] = [
    ['dfd.process-io', 'a process without outputs', (y) => y.replace('  save: {from: app, to: db, notApplicable: {information-disclosure: r, denial-of-service: r}}\n', '').replace('  r-tamper@save: {response: not-applicable, rationale: same host}\n', '')],
    ['dfd.flow-endpoints', 'a flow from an external straight to a store', (y) => y.replace('flows:\n', 'flows:\n  direct: {from: user, to: db, notApplicable: {tampering: r, information-disclosure: r, denial-of-service: r}}\n')],
    ['dfd.boundaries', 'an element outside every boundary', (y) => y.replace('db: {boundary: inside, ', 'db: {')],
    ['dfd.balancing', 'a refinement that does not balance', (y) => y.replace('processes:\n', 'processes:\n  router: {boundary: inside, notApplicable: {spoofing: r, tampering: r, repudiation: r, information-disclosure: r, denial-of-service: r, elevation-of-privilege: r}}\n').replace('assets:', 'diagrams:\n  app-inside: {refines: app, elements: [router]}\nassets:')],
    ['threats.coverage', 'an external with neither a repudiation threat nor a reason', (y) => y.replace(', notApplicable: {repudiation: the user signs nothing}', '')],
    ['threats.responses', 'a threat without a response', (y) => y.replace('  r-tamper@db: {response: transfer, owner: dba, rationale: managed service}\n', '')],
    ['threats.accountability', 'an acceptance without owner', (y) => y.replace('r-spoof@user: {response: accept, owner: cto, rationale: low value}', 'r-spoof@user: {response: accept, rationale: low value}')],
    ['responses.controls', 'a mitigation without controls', (y) => y.replace('r-tamper@app: {response: mitigate, controls: [auth], status: done}', 'r-tamper@app: {response: mitigate, status: done}')],
    ['risk.residual', 'a high threat left open', (y) => y.replace('r-spoof@app: {response: accept, owner: cto, rationale: low value}', 'r-spoof@app: {response: eliminate, status: planned}')],
  ]
  it.each(failures)('fails %s on %s, and the review fails', (id, _, breakIt) => {
    const broken = breakIt(GOOD)
    expect(statusOf(GOOD, id).status).toMatch(/pass|not-applicable/)
    const check = statusOf(broken, id)
    expect(check.status).toBe('fail')
    expect(check.findings.length).toBeGreaterThan(0)
    expect(check.findings[0]!.message).toBeTruthy()
    expect(analysisOf(broken, RULES).review.passed).toBe(false)
  })

  const warnings: [string, string, (yaml: string) => string][] = [
    ['dfd.crossings', 'a crossing flow without data', (y) => y.replace('protocol: HTTPS, data: [orders],', 'protocol: HTTPS,')],
    ['dfd.descriptions', 'a store without description', (y) => y.replace('db: {boundary: inside, description: d,', 'db: {boundary: inside,')],
    ['dfd.connected', 'an asset nobody holds', (y) => y.replace('  orders: {description: d}', '  orders: {description: d}\n  spare: {description: d}')],
    ['dfd.actors', 'no malicious actor', (y) => y.replace('attacker: {malicious: true, via: [user]}', 'attacker: {malicious: false, via: [user]}')],
    ['responses.stale', 'a response to a threat that is gone', (y) => `${y}  r-spoof@nobody: {response: accept, owner: a, rationale: b}\n`],
    ['responses.planned-controls', 'a finished mitigation by a planned control', (y) => y.replace('auth: {kind: authentication, on: [app]}', 'auth: {kind: authentication, on: [app], status: planned}')],
    ['risk.exposure', 'a confidential asset reachable without a guard', (y) => y.replace('orders: {description: d}', 'orders: {description: d, classification: confidential}').replace('auth: {kind: authentication, on: [app]}', 'auth: {kind: logging, on: [app]}').replace('db: {boundary: inside,', 'db: {boundary: inside, data: [orders],')],
  ]
  it.each(warnings)('warns on %s (%s) without failing the review', (id, _, breakIt) => {
    expect(statusOf(GOOD, id).status).toMatch(/pass|not-applicable/)
    const broken = breakIt(GOOD)
    const check = statusOf(broken, id)
    expect(check).toMatchObject({ status: 'fail', severity: 'warning' })
  })

  it('lets a gate\'s threshold govern every check about threats', () => {
    // r-spoof is high; r-tamper is medium.
    const open = GOOD.replace('r-spoof@app: {response: accept, owner: cto, rationale: low value}', 'r-spoof@app: {response: eliminate, status: planned}')
      .replace('r-tamper@app: {response: mitigate, controls: [auth], status: done}', 'r-tamper@app: {response: mitigate, status: done}')
      .replace('  r-tamper@db: {response: transfer, owner: dba, rationale: managed service}\n', '')
    const { graph, threats, stale, exposure } = analysisOf(open, RULES)
    const failing = (gate?: 'low' | 'medium' | 'high' | 'critical') =>
      runReview({ graph, threats, stale, exposure, ...(gate && { gate }) }).checks.filter((c) => c.status === 'fail' && c.severity === 'error').map((c) => c.id)
    expect(failing()).toEqual(['threats.responses', 'responses.controls', 'risk.residual'])
    expect(failing('critical')).toEqual([])
    expect(failing('high')).toEqual(['risk.residual'])
    // Below the default threshold of risk.residual, a lower gate makes it stricter.
    expect(failing('medium')).toEqual(['threats.responses', 'responses.controls', 'risk.residual'])
  })

  it('waives a check by id, with the reason', () => {
    const broken = GOOD.replace('  r-tamper@db: {response: transfer, owner: dba, rationale: managed service}\n', '') + 'waivers:\n  threats.responses: answered in the risk register\n'
    const analysis = analysisOf(broken, RULES)
    expect(analysis.review.checks.find((c) => c.id === 'threats.responses')).toMatchObject({ status: 'waived', waiver: 'answered in the risk register' })
    expect(analysis.review.passed).toBe(true)
  })

  it('warns about a waiver of a check that does not exist', () => {
    const analysis = analysisOf(`${GOOD}waivers:\n  threats.respons: typo\n`, RULES)
    expect(analysis.diagnostics.find((d) => d.code === 'unknown-check')!.message).toContain('did you mean "threats.responses"')
  })
})
