import { describe, expect, it } from 'vitest'
import { analysisOf } from '../../../test/helpers.js'

const RULES = `
rules:
  - id: unauthenticated-call
    title: "{{element.name}} is not authenticated"
    category: spoofing
    targets: [flow]
    when: element.crossesBoundary && !element.authenticated
    likelihood: likely
    impact: high
    description: Anyone can call.
  - id: readable-at-rest
    title: "{{element.name}} is readable at rest"
    category: information-disclosure
    targets: [store]
    when: element.sensitive && !element.encrypted
    likelihood: possible
    impact: high
    description: Copies of the disk are readable.
  - id: privileged-and-exposed
    title: "{{element.name}} runs privileged for untrusted callers"
    category: elevation-of-privilege
    targets: [process]
    when: element.privileged && element.untrustedInput
    likelihood: likely
    impact: high
    description: A bug gives the attacker the process's privileges.
  - id: unprotected-message
    title: "{{element.name}} can be altered"
    category: tampering
    targets: [flow]
    when: element.crossesBoundary && !(element.encrypted || element.signed)
    likelihood: likely
    impact: medium
    description: Altered on the way.
  - id: replayable-message
    title: "{{element.name}} can be forged or replayed"
    category: tampering
    targets: [flow]
    when: element.crossesBoundary && (!element.signed || !element.nonce)
    likelihood: possible
    impact: medium
    description: Forged or replayed.
  - id: no-waf
    title: "{{element.name}} faces the internet without a WAF"
    category: tampering
    targets: [process]
    when: element.untrustedInput && !element.controls.waf
    likelihood: possible
    impact: medium
    description: Nothing filters requests.
`

/** A user calls an app across a boundary; the app keeps secrets in a vault. Nothing more is said. */
const MODEL = `moat: 1
system: {name: Minimal}
boundaries: {internet: {}, core: {}}
assets: {secrets: {classification: restricted}}
externals: {user: {type: person, boundary: internet}}
processes: {app: {type: api, boundary: core}}
stores: {vault: {type: database, boundary: core, data: [secrets]}}
flows:
  call: {from: user, to: app, protocol: gRPC}
  keep: {from: app, to: vault}
`

const threat = (yaml: string, id: string) => analysisOf(yaml, RULES).threats.find((t) => t.id === id)

describe('a threat that rests on a fact the model does not state', () => {
  it('is raised as possible, naming the fact, and one step less likely than the rule says', () => {
    expect(threat(MODEL, 'unauthenticated-call@call')).toMatchObject({
      possible: true,
      unstated: [{ element: 'call', fact: 'authenticated', assumed: false, text: 'flow "call" does not authenticate its sender' }],
      settledBy: 'any',
      likelihood: 'possible', // the rule says likely
      severity: 'elevated',
    })
    expect(threat(MODEL, 'unauthenticated-call@call')!.description).toContain('Possible threat: it assumes what the model does not say, that flow "call" does not authenticate its sender.')
  })

  it('goes away when the fact is stated the safe way, and is definite when stated the other way', () => {
    expect(threat(MODEL.replace('protocol: gRPC}', 'protocol: gRPC, authenticated: true}'), 'unauthenticated-call@call')).toBeUndefined()
    expect(threat(MODEL.replace('protocol: gRPC}', 'protocol: gRPC, authenticated: false}'), 'unauthenticated-call@call')).toMatchObject({
      possible: false, unstated: [], settledBy: null, likelihood: 'likely', severity: 'high',
    })
  })

  it('takes what the protocol says as stated: mTLS authenticates', () => {
    expect(threat(MODEL.replace('protocol: gRPC}', 'protocol: mTLS}'), 'unauthenticated-call@call')).toBeUndefined()
  })

  it("reads a store's encryption and a process's privileges the worse way until the model says", () => {
    expect(threat(MODEL, 'readable-at-rest@vault')).toMatchObject({ possible: true, unstated: [{ element: 'vault', fact: 'encrypted', text: 'store "vault" is not encrypted at rest' }] })
    expect(threat(MODEL.replace('data: [secrets]}', 'data: [secrets], encrypted: true}'), 'readable-at-rest@vault')).toBeUndefined()
    expect(threat(MODEL, 'privileged-and-exposed@app')).toMatchObject({ possible: true, unstated: [{ element: 'app', fact: 'privileged', assumed: true, text: 'process "app" runs privileged' }] })
    expect(threat(MODEL.replace('type: api, boundary: core}', 'type: api, boundary: core, privileged: false}'), 'privileged-and-exposed@app')).toBeUndefined()
    expect(threat(MODEL.replace('type: api, boundary: core}', 'type: api, boundary: core, privileged: true}'), 'privileged-and-exposed@app')!.possible).toBe(false)
  })

  it('lists every fact that settles it alone, and says when only all of them together do', () => {
    // Stating either the encryption or the signature removes it.
    expect(threat(MODEL, 'unprotected-message@call')).toMatchObject({ settledBy: 'any', unstated: [{ element: 'call', fact: 'encrypted' }, { element: 'call', fact: 'signed' }] })
    expect(threat(MODEL.replace('protocol: gRPC}', 'protocol: gRPC, signed: true}'), 'unprotected-message@call')).toBeUndefined()
    expect(threat(MODEL.replace('protocol: gRPC}', 'protocol: gRPC, encrypted: false, signed: false}'), 'unprotected-message@call')!.possible).toBe(false)
    // Only a signature and a nonce together remove this one.
    expect(threat(MODEL, 'replayable-message@call')).toMatchObject({ settledBy: 'all', unstated: [{ element: 'call', fact: 'signed' }, { element: 'call', fact: 'nonce' }] })
    expect(threat(MODEL.replace('protocol: gRPC}', 'protocol: gRPC, signed: true}'), 'replayable-message@call')).toMatchObject({ settledBy: 'any', unstated: [{ fact: 'nonce' }] })
    expect(threat(MODEL.replace('protocol: gRPC}', 'protocol: gRPC, signed: true, nonce: true}'), 'replayable-message@call')).toBeUndefined()
  })

  it('treats a control kind nobody mentions as unstated: a planned control makes the threat definite, an implemented one removes it', () => {
    expect(threat(MODEL, 'no-waf@app')).toMatchObject({ possible: true, unstated: [{ element: 'app', fact: 'controls.waf', text: 'process "app" has no waf control' }] })
    expect(threat(`${MODEL}controls: {edge-waf: {kind: waf, on: [app], status: planned}}\n`, 'no-waf@app')!.possible).toBe(false)
    expect(threat(`${MODEL}controls: {edge-waf: {kind: waf, on: [app]}}\n`, 'no-waf@app')).toBeUndefined()
    // on a boundary, for everything inside it
    expect(threat(`${MODEL}controls: {edge-waf: {kind: waf, on: [core]}}\n`, 'no-waf@app')).toBeUndefined()
  })

  it('ranks a possible threat below a definite one of the same severity', () => {
    const rules = `
rules:
  - {id: a-definite, title: d, category: tampering, targets: [flow], when: 'element.crossesBoundary', likelihood: possible, impact: high, description: d}
  - {id: b-possible, title: p, category: tampering, targets: [flow], when: 'element.crossesBoundary && !element.nonce', likelihood: likely, impact: medium, description: p}
`
    // possible × high and (likely → possible) × medium... so give the possible one the same severity by impact
    const threats = analysisOf(MODEL, rules.replace('likelihood: likely, impact: medium', 'likelihood: likely, impact: high')).threats.filter((t) => t.elements[0] === 'call')
    expect(threats.map((t) => [t.id, t.severity, t.possible])).toEqual([
      ['a-definite@call', 'elevated', false],
      ['b-possible@call', 'elevated', true],
    ])
  })
})

describe('the facts to state, in the review', () => {
  it('lists the unstated facts that settle the most threats first, with how to state them', () => {
    const unstated = analysisOf(MODEL, RULES).review.unstated
    // The signature of "call" would settle two threats: it comes first.
    expect(unstated[0]).toMatchObject({ element: 'call', fact: 'signed', threats: ['unprotected-message@call', 'replayable-message@call'], path: ['flows', 'call'] })
    const authenticated = unstated.find((f) => f.fact === 'authenticated')!
    expect(authenticated).toMatchObject({ element: 'call', threats: ['unauthenticated-call@call'], open: 1, hint: 'write "authenticated: true" or "authenticated: false" on flow "call"' })
    expect(unstated.find((f) => f.fact === 'controls.waf')!.hint).toBe('declare a control of kind "waf" on "app" (implemented, or planned if it is missing)')
  })

  it('is informational: it never fails the review', () => {
    const review = analysisOf(MODEL, RULES).review
    expect(review.unstated.length).toBeGreaterThan(0)
    expect(review.checks.some((c) => c.id.includes('unstated'))).toBe(false)
  })
})
