import { describe, expect, it } from 'vitest'
import { analysisOf, rules } from '../../../test/helpers.js'
import { analyze } from '../analyze.js'
import { checkModel } from '../index.js'
import { residualOf, severityOf } from './risk.js'

const RULES = `
rules:
  - id: cleartext-crossing
    title: "{{element.name}} carries {{element.protocol}} data across a boundary in clear text"
    category: information-disclosure
    targets: [flow]
    when: element.crossesBoundary && !element.encrypted
    likelihood: likely
    impact: high
    description: Readable by anyone on the path.
    controls: [encryption-in-transit]
    references: [CWE-319]
  - id: sqli
    title: "{{element.name}} builds queries for {{target.name}}"
    category: tampering
    targets: [flow]
    when: target.type == "database" && source.untrustedInput
    likelihood: possible
    impact: very-high
    description: Injection.
    controls: [input-validation]
  - id: spoofed-person
    title: "{{element.name}} can be impersonated"
    category: spoofing
    targets: [external]
    when: element.type == "person" && element.outputs.exists(f, !f.authenticated)
    likelihood: likely
    impact: high
    description: Impersonation.
    controls: [authentication]
`

const SHOP = `moat: 1
system: {name: Shop}
boundaries:
  internet: {}
  app: {}
externals:
  user: {type: person, boundary: internet}
processes:
  web: {boundary: app}
stores:
  db: {type: database, boundary: app}
flows:
  browse: {from: user, to: web, protocol: HTTP}
  save: {from: web, to: db}
  load: {from: db, to: web}
  reply: {from: web, to: user, protocol: HTTPS}
`

describe('the rule engine', () => {
  it('fires where the condition holds and only there', () => {
    const ids = analysisOf(SHOP, RULES).threats.map((t) => t.id)
    expect(ids).toContain('cleartext-crossing@browse') // HTTP from the internet
    expect(ids).not.toContain('cleartext-crossing@reply') // HTTPS is encrypted by default
    expect(ids).not.toContain('cleartext-crossing@save') // same boundary
    expect(ids).toContain('sqli@save')
    expect(ids).toContain('spoofed-person@user')
  })

  it('fills the title from the element', () => {
    const threat = analysisOf(SHOP, RULES).threats.find((t) => t.id === 'cleartext-crossing@browse')!
    expect(threat.title).toBe('browse carries http data across a boundary in clear text')
    expect(threat).toMatchObject({ category: 'information-disclosure', severity: 'high', elements: ['browse'], references: ['CWE-319'] })
  })

  it('keeps threat ids when unrelated parts of the model change', () => {
    const before = analysisOf(SHOP, RULES).threats.map((t) => t.id).sort()
    const edited = SHOP.replace('processes:\n', 'processes:\n  reports: {boundary: app}\n').replace('system: {name: Shop}', 'system: {name: Shop v2}')
    const after = analysisOf(`${edited}  report: {from: web, to: reports}\n`, RULES).threats.map((t) => t.id)
    for (const id of before) expect(after).toContain(id)
  })

  it('applies a written response to its threat and lowers the residual risk when done', () => {
    const model = `${SHOP}controls:\n  tls: {kind: encryption-in-transit, on: [web], status: planned}\n  params: {kind: input-validation, on: [web]}\nthreats:\n  sqli@save: {response: mitigate, controls: [params], status: done, owner: dev}\n`
    const threat = analysisOf(model, RULES).threats.find((t) => t.id === 'sqli@save')!
    expect(threat.response).toMatchObject({ kind: 'mitigate', source: 'model', controls: ['params'], status: 'done' })
    expect(threat.severity).toBe('high')
    expect(threat.residual).toEqual({ likelihood: 'unlikely', impact: 'very-high', severity: 'medium' })
  })

  it('marks a threat mitigated by an implemented control of an answering kind on the element, and shows it', () => {
    const model = `${SHOP}controls:\n  tls: {kind: encryption-in-transit, on: [browse]}\n  login: {kind: authentication, on: [web]}\n`
    const threats = analysisOf(model, RULES).threats
    expect(threats.find((t) => t.id === 'cleartext-crossing@browse')).toMatchObject({
      mitigatedBy: ['tls'],
      response: { kind: 'mitigate', source: 'controls', controls: ['tls'], status: 'done' },
    })
    // authentication on the process the person talks to answers the person's spoofing
    expect(threats.find((t) => t.id === 'spoofed-person@user')!.mitigatedBy).toEqual(['login'])
  })

  it('does not count a planned control as mitigation', () => {
    const model = `${SHOP}controls:\n  tls: {kind: encryption-in-transit, on: [browse], status: planned}\n`
    expect(analysisOf(model, RULES).threats.find((t) => t.id === 'cleartext-crossing@browse')!.response).toBeUndefined()
  })

  it('counts a control on a boundary for the elements inside it', () => {
    const model = `${SHOP}controls:\n  validation: {kind: input-validation, on: [app]}\n`
    expect(analysisOf(model, RULES).threats.find((t) => t.id === 'sqli@save')!.mitigatedBy).toEqual(['validation'])
  })

  it('reports a response whose threat is gone as stale, not silently', () => {
    const model = `${SHOP}threats:\n  sqli@gone: {response: accept, owner: a, rationale: b}\n  cleartext-crossing@save: {response: accept}\n`
    const analysis = analysisOf(model, RULES)
    expect(analysis.stale.map((s) => s.id)).toEqual(['sqli@gone', 'cleartext-crossing@save'])
    expect(analysis.stale[0]!.reason).toMatch(/no element or flow "gone"/)
    expect(analysis.diagnostics.filter((d) => d.code === 'stale-response')).toHaveLength(2)
  })

  it('includes threats written by hand, ranked like the others', () => {
    const model = `${SHOP}threats:\n  insider:\n    title: An operator copies the database\n    category: information-disclosure\n    on: [db]\n    likelihood: unlikely\n    impact: very-high\n`
    expect(analysisOf(model, RULES).threats.find((t) => t.id === 'insider')).toMatchObject({ origin: 'manual', severity: 'medium', elements: ['db'], elementKind: 'store' })
  })

  it('switches off disabled rules, from the model or the caller', () => {
    expect(analysisOf(`${SHOP}rules: {disable: [sqli]}\n`, RULES).threats.some((t) => t.rule === 'sqli')).toBe(false)
    const { model } = checkModel(SHOP)
    expect(analyze(model!, { rules: rules(RULES), disable: ['spoofed-person'] }).threats.some((t) => t.rule === 'spoofed-person')).toBe(false)
  })

  it('generates nothing for out-of-scope elements and flows', () => {
    const model = SHOP.replace('browse: {from: user, to: web, protocol: HTTP}', 'browse: {from: user, to: web, protocol: HTTP, outOfScope: covered by the CDN team}')
    expect(analysisOf(model, RULES).threats.some((t) => t.id === 'cleartext-crossing@browse')).toBe(false)
  })

  it('reports a rule whose condition fails, once, and carries on', () => {
    const broken = `rules:\n  - {id: broken, title: t, category: tampering, targets: [process], when: 'element.nosuchfield == 1', likelihood: likely, impact: low, description: d}\n`
    const analysis = analysisOf(SHOP, broken)
    expect(analysis.diagnostics.map((d) => d.code)).toEqual(['rule-failed'])
  })

  it('sorts threats by residual, then inherent severity', () => {
    const severities = analysisOf(SHOP, RULES).threats.map((t) => t.residual.severity)
    expect(severities).toEqual([...severities].sort((a, b) => ['critical', 'high', 'elevated', 'medium', 'low', 'none'].indexOf(a) - ['critical', 'high', 'elevated', 'medium', 'low', 'none'].indexOf(b)))
  })
})

describe('parallel flows between the same two elements', () => {
  const MODEL = `moat: 1
system: {name: Cache}
boundaries: {dmz: {}, data: {}}
processes: {web: {type: web-app, boundary: dmz}}
stores: {cache: {type: cache, boundary: data}}
flows:
  put: {from: web, to: cache, protocol: RESP, encrypted: false}
  get: {from: cache, to: web, protocol: RESP, encrypted: false}
  evict: {from: web, to: cache, protocol: RESP, encrypted: false}
`
  const ids = (yaml: string) => analysisOf(yaml, RULES).threats.filter((t) => t.rule === 'cleartext-crossing').map((t) => t.id)

  it('raise a rule once, on the flow written first, with the others listed', () => {
    expect(ids(MODEL)).toEqual(['cleartext-crossing@put'])
    expect(analysisOf(MODEL, RULES).threats.find((t) => t.id === 'cleartext-crossing@put')!.elements).toEqual(['put', 'get', 'evict'])
  })

  it('keep a response written to any of the flows', () => {
    const answered = analysisOf(`${MODEL}threats:\n  cleartext-crossing@get: {response: accept, owner: ops, rationale: private subnet}\n`, RULES)
    expect(answered.threats.find((t) => t.id === 'cleartext-crossing@put')!.response).toMatchObject({ kind: 'accept', owner: 'ops' })
    expect(answered.stale).toEqual([])
  })

  it('say which response is left over when two of the flows have one', () => {
    const both = analysisOf(`${MODEL}threats:\n  cleartext-crossing@put: {response: accept, owner: a, rationale: b}\n  cleartext-crossing@evict: {response: accept, owner: a, rationale: b}\n`, RULES)
    expect(both.stale).toEqual([{ id: 'cleartext-crossing@evict', reason: expect.stringContaining('part of threat "cleartext-crossing@put"') }])
  })

  it('are mitigated only by a control that protects every one of them', () => {
    const one = analysisOf(`${MODEL}controls:\n  tls: {kind: encryption-in-transit, on: [put]}\n`, RULES).threats.find((t) => t.id === 'cleartext-crossing@put')!
    expect(one.mitigatedBy).toEqual([])
    const all = analysisOf(`${MODEL}controls:\n  tls: {kind: encryption-in-transit, on: [put, get, evict]}\n`, RULES).threats.find((t) => t.id === 'cleartext-crossing@put')!
    expect(all.mitigatedBy).toEqual(['tls'])
  })
})

describe('risk', () => {
  it('ranks likelihood × impact on the documented matrix', () => {
    expect(severityOf('unlikely', 'low')).toBe('low')
    expect(severityOf('possible', 'medium')).toBe('medium')
    expect(severityOf('likely', 'medium')).toBe('elevated')
    expect(severityOf('possible', 'very-high')).toBe('high')
    expect(severityOf('likely', 'very-high')).toBe('critical')
    expect(severityOf('very-likely', 'high')).toBe('critical')
  })

  it('leaves no residual risk for a finished elimination, and the inherent one for an acceptance', () => {
    const base = { likelihood: 'likely', impact: 'high', severity: 'high', effectiveControls: 0 } as const
    expect(residualOf({ ...base, response: 'eliminate', status: 'done' }).severity).toBe('none')
    expect(residualOf({ ...base, response: 'eliminate', status: 'planned' }).severity).toBe('high')
    expect(residualOf({ ...base, response: 'accept', status: 'done' }).severity).toBe('high')
    expect(residualOf({ ...base, response: 'transfer', status: 'done' }).severity).toBe('elevated')
    expect(residualOf({ ...base, response: 'mitigate', status: 'done', effectiveControls: 0 }).severity).toBe('high')
    expect(residualOf({ ...base, response: 'accept', status: 'done', override: { likelihood: 'unlikely' } }).severity).toBe('medium')
  })
})
