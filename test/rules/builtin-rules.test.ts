/**
 * The built-in rule library (rules/*.yaml): it loads cleanly, covers STRIDE-per-element, its
 * conditions type-check against what a condition sees, every rule fires where its threat exists and
 * not where it does not, and no rule fires on everything.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { Environment } from '@marcbachmann/cel-js'
import { describe, expect, it } from 'vitest'
import { createContexts, type FlowView } from '../../src/core/engine/context.js'
import { generateThreats } from '../../src/core/engine/generate-threats.js'
import { buildGraph } from '../../src/core/model/graph.js'
import { CONTROL_KINDS, ELEMENT_KINDS, STRIDE_PER_KIND } from '../../src/core/model/vocabulary.js'
import { parseSource } from '../../src/core/parse/parse-source.js'
import { loadRulePack, type CompiledRule } from '../../src/core/rules/load-rules.js'
import { validateModel } from '../../src/core/validate/validate-model.js'

const rulesDir = new URL('../../rules/', import.meta.url)
const packFiles = readdirSync(rulesDir).filter((f) => f.endsWith('.yaml')).sort()
const packs = packFiles.map((file) => {
  const text = readFileSync(new URL(file, rulesDir), 'utf8')
  return { file, text, ...loadRulePack(text, `rules/${file}`) }
})
const rules: CompiledRule[] = packs.flatMap((p) => p.rules)
const byId = new Map(rules.map((r) => [r.id, r]))

function analyse(yaml: string) {
  const parsed = parseSource(yaml)
  expect(parsed.diagnostics).toEqual([])
  const { model, diagnostics } = validateModel(parsed.data)
  if (!model) throw new Error(`invalid test model:\n${diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}\n${yaml}`)
  const graph = buildGraph(model)
  return { graph, ...generateThreats(graph, rules) }
}

const model = (body: string, kind: 'product' | 'protocol' = 'product') => `moat: 1\nsystem: {name: Test, kind: ${kind}}\n${body.trim()}\n`

describe('the built-in packs', () => {
  it('are the seven packs, each named, described and introduced by a comment', () => {
    expect(packFiles).toEqual(['ai.yaml', 'architecture.yaml', 'externals.yaml', 'flows.yaml', 'processes.yaml', 'protocol.yaml', 'stores.yaml'])
    for (const p of packs) {
      expect(p.text.startsWith('#'), `${p.file} starts with a comment`).toBe(true)
      expect(p.text).toMatch(/^pack: [a-z-]+$/m)
      expect(p.text).toMatch(/^description: \S/m)
    }
  })

  it('load without diagnostics', () => {
    for (const p of packs) expect(p.diagnostics, p.file).toEqual([])
  })

  it('hold at least 130 rules with unique ids', () => {
    expect(rules.length).toBeGreaterThanOrEqual(130)
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length)
  })

  it('have at least three rules for every STRIDE category of every element kind', () => {
    for (const kind of ELEMENT_KINDS) {
      for (const category of STRIDE_PER_KIND[kind]) {
        const n = rules.filter((r) => r.targets.includes(kind) && r.category === category).length
        expect(n, `${kind} × ${category}`).toBeGreaterThanOrEqual(3)
      }
    }
  })

  it('have at least twelve protocol rules, all in the protocol pack', () => {
    const protocol = rules.filter((r) => r.systemKind === 'protocol')
    expect(protocol.length).toBeGreaterThanOrEqual(12)
    for (const r of protocol) expect(r.origin, r.id).toBe('rules/protocol.yaml')
    for (const r of packs.find((p) => p.file === 'protocol.yaml')!.rules) expect(r.systemKind, r.id).toBe('protocol')
  })

  it('write every rule in full: element in the title, a short description, concrete mitigations, answering controls, references', () => {
    const noControl = new Set(['password-storage']) // hashing is no control kind; the team answers it in a response
    for (const r of rules) {
      expect(r.title, r.id).toMatch(/\{\{(element|source|target)\.name\}\}/)
      const sentences = r.description.trim().split(/(?<=[.!?])\s+(?=[A-Z])/).length
      expect(sentences, `${r.id}: description sentences`).toBeGreaterThanOrEqual(2)
      expect(sentences, `${r.id}: description sentences`).toBeLessThanOrEqual(4)
      expect(r.mitigations.length, `${r.id}: mitigations`).toBeGreaterThanOrEqual(2)
      expect(r.mitigations.length, `${r.id}: mitigations`).toBeLessThanOrEqual(4)
      if (!noControl.has(r.id)) expect(r.controls.length, `${r.id}: controls`).toBeGreaterThan(0)
      for (const c of r.controls) expect(CONTROL_KINDS).toContain(c)
      expect(new Set(r.controls).size, `${r.id}: duplicate control`).toBe(r.controls.length)
      expect(r.references.length, `${r.id}: references`).toBeGreaterThan(0)
      for (const ref of r.references) {
        expect(ref, r.id).toMatch(/^(CWE-\d+|CAPEC-\d+|OWASP ASVS \d+\.\d+\.\d+|OWASP API Top 10 API\d+:2023|OWASP LLM Top 10 LLM\d\d:2025)$/)
      }
    }
  })

  it('vary likelihood and impact', () => {
    expect(new Set(rules.map((r) => r.likelihood)).size).toBe(4)
    expect(new Set(rules.map((r) => r.impact)).size).toBe(4)
  })
})

/**
 * The shapes of src/core/engine/context.ts, as CEL types. Checking every condition against them
 * finds a misspelt field or a type mismatch in a branch that no test model happens to reach.
 */
describe('rule conditions', () => {
  const num = 'dyn' // trust, levels and ratings are JavaScript numbers: compared with int literals at run time
  const asset = { id: 'string', name: 'string', classification: 'string', level: num, sensitive: 'bool', confidentiality: num, integrity: num, availability: num, tags: 'list<string>' }
  const node = {
    id: 'string', kind: 'string', name: 'string', type: 'string', roles: 'list<string>', rolesInferred: 'bool', rolesFrom: 'string',
    technology: 'string', tags: 'list<string>', trust: num, boundary: 'string', boundaryPath: 'list<string>', privileged: 'bool', encrypted: 'bool', exposed: 'bool',
    untrustedInput: 'bool', unstated: 'list<string>', controls: 'map<string, bool>',
  }
  const flow = {
    id: 'string', kind: 'string', name: 'string', description: 'string', protocol: 'string', encrypted: 'bool', local: 'bool', authenticated: 'bool',
    signed: 'bool', nonce: 'bool', bidirectional: 'bool', readonly: 'bool', answer: 'bool', unstated: 'list<string>', controls: 'map<string, bool>', order: num, crossesBoundary: 'bool', direction: 'string', from: 'string',
    to: 'string', fromKind: 'string', toKind: 'string', fromTrust: num, toTrust: num, data: 'list<AssetView>', hasData: 'bool', sensitive: 'bool',
    classification: num, tags: 'list<string>', attributes: 'map<string, dyn>', source: 'NodeSummary', target: 'NodeSummary',
    siblings: 'list<FlowView>',
  }
  const element = {
    ...node, description: 'string', language: 'string', attributes: 'map<string, dyn>', boundaryName: 'string', trustName: 'string',
    data: 'list<AssetView>', declaredData: 'list<AssetView>', hasData: 'bool', sensitive: 'bool', classification: num, inputs: 'list<FlowView>', outputs: 'list<FlowView>',
    callers: 'list<NodeSummary>', callees: 'list<NodeSummary>',
  }
  const environment = (elementType: 'FlowView' | 'ElementView') =>
    new Environment()
      .registerType('AssetView', { fields: asset })
      .registerType('NodeSummary', { fields: node })
      .registerType('FlowView', { fields: flow })
      .registerType('ElementView', { fields: element })
      .registerType('SystemView', { fields: { name: 'string', kind: 'string', hasBoundaries: 'bool' } })
      .registerVariable('system', 'SystemView')
      .registerVariable('source', 'ElementView')
      .registerVariable('target', 'ElementView')
      .registerVariable('element', elementType)
  const onFlow = environment('FlowView')
  const onNode = environment('ElementView')

  it('describe every field of what createContexts builds, and no other', () => {
    const { graph } = analyse(model(`
assets: {a: {classification: internal}}
processes: {p: {type: api}}
stores: {s: {type: database}}
flows: {w: {from: p, to: s, data: [a]}, r: {from: s, to: p}}`))
    const keys = (o: object) => Object.keys(o).sort()
    const context = createContexts(graph).forFlow(graph.flows.get('w')!)
    expect(keys(context.element)).toEqual(keys(flow))
    expect(keys((context.element as FlowView).source)).toEqual(keys(node))
    expect(keys((context.element as FlowView).data[0]!)).toEqual(keys(asset))
    expect(keys(context.source)).toEqual(keys(element))
    expect(keys(context.system)).toEqual(['hasBoundaries', 'kind', 'name'])
  })

  it.each(rules.map((r) => [r.id, r] as const))('%s type-checks as a boolean on every kind it targets', (_, rule) => {
    for (const env of new Set(rule.targets.map((t) => (t === 'flow' ? onFlow : onNode)))) {
      const result = env.check(rule.when)
      expect(result.error?.message, rule.when).toBeUndefined()
      expect(result.type).toBe('bool')
    }
  })
})

// ------------------------------------------------------------------------------------------------
// Each rule on a small model where it fires, and on a variant (one change) where it does not.
// `not` is [text in the model, its replacement].
// ------------------------------------------------------------------------------------------------
interface Case {
  rule: string
  on: string
  yaml: string
  not: [string, string]
  kind?: 'product' | 'protocol'
}

const ZONES = 'boundaries: {internet: {trust: untrusted}, partners: {trust: low}, dmz: {trust: low}, core: {trust: medium}, data: {trust: high}}'

const cases: Case[] = [
  // ---------------------------------------------------------------------------------------- externals
  {
    rule: 'phishable-password-sign-in', on: 'user', not: ['tags: [credential]', 'tags: [pii]'],
    yaml: `assets: {pw: {classification: restricted, tags: [credential]}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {login: {from: user, to: web, protocol: https, data: [pw]}}`,
  },
  {
    rule: 'session-token-hijacking', on: 'user', not: ['tags: [session]', 'tags: [pii]'],
    yaml: `assets: {sess: {classification: confidential, tags: [session]}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {pages: {from: web, to: user, protocol: https, data: [sess]}}`,
  },
  {
    rule: 'unauthenticated-partner-service', on: 'partner', not: ['protocol: https}', 'protocol: https, authenticated: true}'],
    yaml: `${ZONES}
externals: {partner: {type: service, boundary: partners}}
processes: {api: {type: api, boundary: core}}
flows: {orders: {from: partner, to: api, protocol: https}}`,
  },
  {
    rule: 'unsigned-webhooks', on: 'psp', not: ['tags: [webhook]', 'tags: [webhook], signed: true'],
    yaml: `externals: {psp: {type: service}}
processes: {api: {type: api}}
flows: {hook: {from: psp, to: api, protocol: https, tags: [webhook]}}`,
  },
  {
    rule: 'unauthenticated-device-identity', on: 'sensor', not: ['protocol: mqtts', 'protocol: mqtts, authenticated: true'],
    yaml: `externals: {sensor: {type: device}}
processes: {ingest: {type: service}}
flows: {readings: {from: sensor, to: ingest, protocol: mqtts}}`,
  },
  {
    rule: 'admin-account-takeover', on: 'admin', not: ['privileged: true', 'privileged: false'],
    yaml: `externals: {admin: {type: person}}
processes: {ops: {type: web-app, privileged: true}}
flows: {manage: {from: admin, to: ops, protocol: https}}`,
  },
  {
    rule: 'static-api-key-impersonation', on: 'partner', not: ['tags: [api-key]', 'tags: [pii]'],
    yaml: `assets: {key: {classification: restricted, tags: [api-key]}}
externals: {partner: {type: service}}
processes: {api: {type: api}}
flows: {call: {from: partner, to: api, protocol: https, data: [key]}}`,
  },
  {
    rule: 'anonymous-access-to-sensitive-data', on: 'user',
    not: ['ask: {from: user, to: web, protocol: https}', 'ask: {from: user, to: web, protocol: https, authenticated: true}'],
    yaml: `assets: {rec: {classification: confidential}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {ask: {from: user, to: web, protocol: https}, answer: {from: web, to: user, protocol: https, data: [rec]}}`,
  },
  {
    rule: 'transaction-repudiation-by-user', on: 'user', not: ['tags: [order]', 'tags: [pii]'],
    yaml: `assets: {order: {tags: [order]}}
externals: {user: {type: person}}
processes: {shop: {type: web-app}}
flows: {buy: {from: user, to: shop, protocol: https, data: [order]}}`,
  },
  {
    rule: 'unsigned-partner-submissions', on: 'partner', not: ['data: [instr]', 'data: [instr], signed: true'],
    yaml: `assets: {instr: {classification: confidential, integrity: high}}
externals: {partner: {type: service}}
processes: {api: {type: api}}
flows: {submit: {from: partner, to: api, protocol: https, data: [instr]}}`,
  },
  {
    rule: 'direct-store-access-bypasses-audit', on: 'dba', not: ['to: db}', 'to: app}'],
    yaml: `externals: {dba: {type: person}}
processes: {app: {type: web-app}}
stores: {db: {type: database}}
flows: {edit: {from: dba, to: db}}`,
  },
  {
    rule: 'unsigned-device-telemetry', on: 'meter', not: ['data: [reading]', 'data: [reading], signed: true'],
    yaml: `assets: {reading: {tags: [metering]}}
externals: {meter: {type: device}}
processes: {ingest: {type: service}}
flows: {report: {from: meter, to: ingest, protocol: mqtts, data: [reading]}}`,
  },

  // ---------------------------------------------------------------------------------------- processes
  {
    rule: 'unauthenticated-requests-to-sensitive-process', on: 'api', not: ['data: [rec]}', 'data: [rec], authenticated: true}'],
    yaml: `${ZONES}
assets: {rec: {classification: confidential}}
externals: {user: {type: person, boundary: internet}}
processes: {api: {type: api, boundary: core}}
flows: {call: {from: user, to: api, protocol: https, data: [rec]}}`,
  },
  {
    rule: 'unauthenticated-requests-from-lower-trust', on: 'api', not: ['data: [rec]}', 'data: [rec], authenticated: true}'],
    yaml: `${ZONES}
assets: {rec: {classification: internal}}
externals: {user: {type: person, boundary: internet}}
processes: {api: {type: api, boundary: core}}
flows: {call: {from: user, to: api, protocol: https, data: [rec]}}`,
  },
  {
    rule: 'forwarded-identity-trusted-without-mtls', on: 'orders', not: ['protocol: http}', 'protocol: http, authenticated: true}'],
    yaml: `${ZONES}
processes: {gw: {type: api-gateway, boundary: dmz}, orders: {type: service, boundary: core}}
flows: {fwd: {from: gw, to: orders, protocol: http}}`,
  },
  {
    rule: 'unauthenticated-service-to-service-calls', on: 'billing', not: ['protocol: grpc}', 'protocol: grpc, authenticated: true}'],
    yaml: `boundaries: {zone-a: {trust: medium}, zone-b: {trust: medium}}
processes: {shop: {type: service, boundary: zone-a}, billing: {type: service, boundary: zone-b}}
flows: {charge: {from: shop, to: billing, protocol: grpc}}`,
  },
  {
    // Within one zone too: network position is no credential.
    rule: 'unauthenticated-service-to-service-calls', on: 'stock', not: ['protocol: http}', 'protocol: http, authenticated: true}'],
    yaml: `processes: {shop: {type: service}, stock: {type: service}}
flows: {reserve: {from: shop, to: stock, protocol: http}}`,
  },
  {
    rule: 'password-guessing', on: 'web', not: ['tags: [credential]', 'tags: [pii]'],
    yaml: `assets: {pw: {classification: restricted, tags: [credential]}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {login: {from: user, to: web, protocol: https, data: [pw]}}`,
  },
  {
    rule: 'bearer-token-forgery', on: 'api', not: ['tags: [token]', 'tags: [pii]'],
    yaml: `${ZONES}
assets: {tok: {classification: confidential, tags: [token]}}
externals: {user: {type: person, boundary: internet}}
processes: {api: {type: api, boundary: core}}
flows: {call: {from: user, to: api, protocol: https, data: [tok]}}`,
  },
  {
    rule: 'session-fixation', on: 'web', not: ['tags: [session]', 'tags: [pii]'],
    yaml: `assets: {sess: {classification: confidential, tags: [session]}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {browse: {from: user, to: web, protocol: https, data: [sess]}}`,
  },
  {
    rule: 'identity-assertion-forgery', on: 'web', not: ['tags: [id-token]', 'tags: [pii]'],
    yaml: `assets: {idt: {classification: confidential, tags: [id-token]}}
externals: {idp: {type: service}}
processes: {web: {type: web-app}}
flows: {callback: {from: idp, to: web, protocol: https, data: [idt]}}`,
  },
  {
    rule: 'path-traversal', on: 'web', not: ['files: {type: file}', 'files: {type: database}'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
stores: {files: {type: file}}
flows: {req: {from: user, to: web, protocol: https}, save: {from: web, to: files}}`,
  },
  {
    rule: 'cross-site-scripting', on: 'web', not: ['type: web-app', 'type: worker'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {req: {from: user, to: web, protocol: https}, page: {from: web, to: user, protocol: https}}`,
  },
  {
    rule: 'cross-site-request-forgery', on: 'web', not: ['save: {from: web, to: db}', 'save: {from: db, to: web}'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
stores: {db: {type: database}}
flows: {post: {from: user, to: web, protocol: https}, save: {from: web, to: db}}`,
  },
  {
    // The model says the framework's CSRF protection is off.
    rule: 'cross-site-request-forgery', on: 'auth', not: ['tags: [csrf-disabled]', 'tags: [internal]'],
    yaml: `processes: {gw: {type: gateway}, auth: {type: service, tags: [csrf-disabled]}}
flows: {login: {from: gw, to: auth, protocol: http}}`,
  },
  {
    // Behind an internet-facing load balancer, the browsers are one hop away.
    rule: 'cross-site-scripting', on: 'shop', not: ['lb: {type: load-balancer', 'lb: {type: batch-job'],
    yaml: `${ZONES}
externals: {buyer: {type: person, boundary: internet}}
processes: {lb: {type: load-balancer, boundary: dmz}, shop: {type: web-app, boundary: core}}
flows: {visit: {from: buyer, to: lb, protocol: https}, route: {from: lb, to: shop, protocol: http}}`,
  },
  {
    rule: 'ldap-injection', on: 'web', not: ['dir: {type: ldap}', 'dir: {type: database}'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
stores: {dir: {type: ldap}}
flows: {req: {from: user, to: web, protocol: https}, lookup: {from: web, to: dir}}`,
  },
  {
    rule: 'http-request-smuggling', on: 'edge', not: ['type: reverse-proxy', 'type: web-app'],
    yaml: `externals: {user: {type: person}}
processes: {edge: {type: reverse-proxy}, app: {type: web-app}}
flows: {req: {from: user, to: edge, protocol: https}, fwd: {from: edge, to: app, protocol: http}}`,
  },
  {
    rule: 'log-injection', on: 'web', not: ['logs: {type: log}', 'logs: {type: database}'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
stores: {logs: {type: log}}
flows: {req: {from: user, to: web, protocol: https}, log: {from: web, to: logs}}`,
  },
  {
    rule: 'client-controlled-prices', on: 'checkout', not: ['tags: [payment]', 'tags: [pii]'],
    yaml: `assets: {pay: {classification: confidential, tags: [payment]}}
externals: {user: {type: person}}
processes: {checkout: {type: api}}
flows: {submit: {from: user, to: checkout, protocol: https, data: [pay]}}`,
  },
  {
    rule: 'prototype-pollution', on: 'web', not: ['language: typescript', 'language: go'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app, language: typescript}}
flows: {req: {from: user, to: web, protocol: https}}`,
  },
  {
    rule: 'sensitive-access-not-audited', on: 'api', not: ['audit: {type: database}', 'audit: {type: audit-log}'],
    yaml: `assets: {rec: {classification: confidential}}
externals: {user: {type: person}}
processes: {api: {type: api}}
stores: {audit: {type: database}}
flows: {call: {from: user, to: api, protocol: https, data: [rec]}, record: {from: api, to: audit}}`,
  },
  {
    rule: 'user-changes-not-attributable', on: 'app', not: ['trail: {type: database}', 'trail: {type: log}'],
    yaml: `externals: {user: {type: person}}
processes: {app: {type: web-app}}
stores: {db: {type: database}, trail: {type: database}}
flows: {edit: {from: user, to: app, protocol: https}, save: {from: app, to: db}, note: {from: app, to: trail}}`,
  },
  {
    rule: 'queued-actions-lose-identity', on: 'worker', not: ['q: {type: queue}', 'q: {type: database}'],
    yaml: `processes: {worker: {type: worker}}
stores: {q: {type: queue}, db: {type: database}}
flows: {take: {from: q, to: worker}, save: {from: worker, to: db}}`,
  },
  {
    rule: 'payment-instructions-repudiable', on: 'api', not: ['data: [pay]}', 'data: [pay], signed: true}'],
    yaml: `assets: {pay: {classification: confidential, tags: [payment]}}
externals: {psp: {type: service}}
processes: {api: {type: api}}
flows: {charge: {from: api, to: psp, protocol: https, data: [pay]}}`,
  },
  {
    rule: 'logs-only-in-compromisable-zone', on: 'web', not: ['weblog: {type: log, boundary: dmz}', 'weblog: {type: log, boundary: data}'],
    yaml: `${ZONES}
externals: {user: {type: person, boundary: internet}}
processes: {web: {type: web-app, boundary: dmz}}
stores: {weblog: {type: log, boundary: dmz}}
flows: {req: {from: user, to: web, protocol: https}, log: {from: web, to: weblog}}`,
  },
  {
    rule: 'verbose-error-disclosure', on: 'api', not: ['api: {type: api}', 'api: {type: worker}'],
    yaml: `externals: {user: {type: person}}
processes: {api: {type: api}}
stores: {db: {type: database}}
flows: {call: {from: user, to: api, protocol: https}, query: {from: api, to: db}}`,
  },
  {
    rule: 'secrets-embedded-in-client', on: 'app', not: ['type: mobile-app', 'type: service'],
    yaml: `assets: {key: {classification: confidential, tags: [api-key]}}
processes: {app: {type: mobile-app}, api: {type: api}}
flows: {call: {from: app, to: api, protocol: https, data: [key]}}`,
  },
  {
    rule: 'xml-external-entities', on: 'svc', not: ['Java 17 with JAXB', 'Go 1.22'],
    yaml: `externals: {partner: {type: service}}
processes: {svc: {type: service, technology: Java 17 with JAXB}}
flows: {doc: {from: partner, to: svc, protocol: https}}`,
  },
  {
    rule: 'graphql-schema-disclosure', on: 'gql', not: ['Apollo GraphQL', 'Apollo REST'],
    yaml: `externals: {user: {type: person}}
processes: {gql: {type: api, technology: Apollo GraphQL}}
flows: {query: {from: user, to: gql, protocol: https}}`,
  },
  {
    rule: 'debug-endpoints-exposed', on: 'web', not: ['Spring Boot 3', 'Go net/http'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app, technology: Spring Boot 3}}
flows: {req: {from: user, to: web, protocol: https}}`,
  },
  {
    rule: 'account-enumeration', on: 'web', not: ['tags: [password]', 'tags: [pii]'],
    yaml: `${ZONES}
assets: {pw: {classification: restricted, tags: [password]}}
externals: {user: {type: person, boundary: internet}}
processes: {web: {type: web-app, boundary: dmz}}
flows: {login: {from: user, to: web, protocol: https, data: [pw]}}`,
  },
  {
    rule: 'memory-over-read-of-secrets', on: 'tls', not: ['language: c,', 'language: rust,'],
    yaml: `assets: {k: {classification: restricted, tags: [private-key]}}
externals: {user: {type: person}}
processes: {tls: {type: proxy, language: c, data: [k]}}
flows: {req: {from: user, to: tls, protocol: tls}}`,
  },
  {
    rule: 'client-side-sensitive-storage', on: 'app', not: ['classification: confidential', 'classification: internal'],
    yaml: `assets: {rec: {classification: confidential}}
processes: {app: {type: mobile-app}, api: {type: api}}
flows: {sync: {from: api, to: app, protocol: https, data: [rec]}}`,
  },
  {
    rule: 'excessive-data-exposure', on: 'api', not: ['tags: [pii]', 'tags: [catalog]'],
    yaml: `${ZONES}
assets: {p: {tags: [pii]}}
externals: {user: {type: person, boundary: internet}}
processes: {api: {type: api, boundary: core}}
stores: {db: {type: database, boundary: core}}
flows: {call: {from: user, to: api, protocol: https}, read: {from: db, to: api, data: [p]}, query: {from: api, to: db}}`,
  },
  {
    rule: 'request-flooding', on: 'web', not: ['type: web-app', 'type: worker'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {req: {from: user, to: web, protocol: https}}`,
  },
  {
    rule: 'request-flooding-critical-service', on: 'web', not: ['availability: high', 'availability: medium'],
    yaml: `assets: {cat: {classification: public, availability: high}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {req: {from: user, to: web, protocol: https, data: [cat]}}`,
  },
  {
    rule: 'event-loop-blocking', on: 'web', not: ['Node.js 20', 'Go'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app, technology: Node.js 20}}
flows: {req: {from: user, to: web, protocol: https}}`,
  },
  {
    rule: 'xml-entity-expansion', on: 'svc', not: ['tags: [xml]', 'tags: [json]'],
    yaml: `externals: {user: {type: person}}
processes: {svc: {type: service, tags: [xml]}}
flows: {doc: {from: user, to: svc, protocol: https}}`,
  },
  {
    rule: 'graphql-query-exhaustion', on: 'gql', not: ['protocol: graphql', 'protocol: https'],
    yaml: `externals: {user: {type: person}}
processes: {gql: {type: api}}
flows: {query: {from: user, to: gql, protocol: graphql}}`,
  },
  {
    rule: 'udp-reflection-amplifier', on: 'resolver', not: ['protocol: dns', 'protocol: https'],
    yaml: `externals: {anyone: {type: service}}
processes: {resolver: {type: server}}
flows: {lookup: {from: anyone, to: resolver, protocol: dns}}`,
  },
  {
    rule: 'upload-storage-exhaustion', on: 'web', not: ['media: {type: object-storage}', 'media: {type: database}'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
stores: {media: {type: object-storage}}
flows: {upload: {from: user, to: web, protocol: https}, put: {from: web, to: media}}`,
  },
  {
    rule: 'poison-message', on: 'worker', not: ['q: {type: queue}', 'q: {type: database}'],
    yaml: `processes: {worker: {type: worker}}
stores: {q: {type: queue}}
flows: {take: {from: q, to: worker}}`,
  },
  {
    rule: 'privileged-process-untrusted-input', on: 'agent', not: ['privileged: true', 'privileged: false'],
    yaml: `externals: {user: {type: person}}
processes: {agent: {type: daemon, privileged: true}}
flows: {cmd: {from: user, to: agent, protocol: https}}`,
  },
  {
    rule: 'privileged-process-exposed', on: 'agent', not: ['privileged: true', 'privileged: false'],
    yaml: `${ZONES}
processes: {web: {type: web-app, boundary: dmz}, agent: {type: daemon, boundary: core, privileged: true}}
flows: {cmd: {from: web, to: agent, protocol: grpc}}`,
  },
  {
    rule: 'memory-corruption-untrusted-input', on: 'parser', not: ['language: c++', 'language: java'],
    yaml: `externals: {user: {type: person}}
processes: {parser: {type: service, language: c++}}
flows: {upload: {from: user, to: parser, protocol: https}}`,
  },
  {
    rule: 'memory-corruption-internal-input', on: 'parser', not: ['language: c, boundary: core', 'language: c, boundary: dmz'],
    yaml: `${ZONES}
processes: {web: {type: web-app, boundary: dmz}, parser: {type: service, language: c, boundary: core}}
flows: {job: {from: web, to: parser, protocol: grpc}}`,
  },
  {
    rule: 'unsafe-deserialization', on: 'svc', not: ['protocol: rmi', 'protocol: https'],
    yaml: `externals: {client: {type: service}}
processes: {svc: {type: service, language: java}}
flows: {call: {from: client, to: svc, protocol: rmi}}`,
  },
  {
    rule: 'server-side-template-injection', on: 'web', not: ['Flask with Jinja2', 'Flask'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app, technology: Flask with Jinja2}}
flows: {req: {from: user, to: web, protocol: https}}`,
  },
  {
    rule: 'server-side-request-forgery', on: 'preview', not: ['fetch: {from: preview, to: sites, protocol: https}', 'fetch: {from: preview, to: sites, protocol: smtp}'],
    yaml: `${ZONES}
externals: {user: {type: person, boundary: internet}, sites: {type: service, boundary: internet}}
processes: {preview: {type: service, boundary: core}}
stores: {db: {type: database, boundary: core}}
flows: {ask: {from: user, to: preview, protocol: https}, fetch: {from: preview, to: sites, protocol: https}, save: {from: preview, to: db}}`,
  },
  {
    // A call into a more trusted service is a request the caller shapes; the answer to a browser is not.
    rule: 'server-side-request-forgery', on: 'web', not: ['call: {from: web, to: api, protocol: https}', 'call: {from: api, to: web, protocol: https}'],
    yaml: `${ZONES}
externals: {user: {type: person, boundary: internet}}
processes: {web: {type: web-app, boundary: dmz}, api: {type: api, boundary: core}}
flows: {ask: {from: user, to: web, protocol: https}, page: {from: web, to: user, protocol: https}, call: {from: web, to: api, protocol: https}}`,
  },
  {
    rule: 'confused-deputy', on: 'web', not: ['backend: {type: api, boundary: core}', 'backend: {type: api, boundary: dmz}'],
    yaml: `${ZONES}
externals: {user: {type: person, boundary: internet}}
processes: {web: {type: web-app, boundary: dmz}, backend: {type: api, boundary: core}}
flows: {req: {from: user, to: web, protocol: https}, call: {from: web, to: backend, protocol: https}}`,
  },
  {
    rule: 'os-command-injection', on: 'thumbs', not: ['ImageMagick', 'libvips'],
    yaml: `externals: {user: {type: person}}
processes: {thumbs: {type: service, technology: ImageMagick}}
flows: {img: {from: user, to: thumbs, protocol: https}}`,
  },
  {
    rule: 'missing-function-level-authorization', on: 'web', not: ['staff: {type: person}', 'staff: {type: service}'],
    yaml: `externals: {customer: {type: person}, staff: {type: person}}
processes: {web: {type: web-app}}
flows: {shop: {from: customer, to: web, protocol: https}, manage: {from: staff, to: web, protocol: https}}`,
  },
  {
    rule: 'broken-object-level-authorization', on: 'api', not: ['tags: [pii]', 'tags: [catalog]'],
    yaml: `${ZONES}
assets: {rec: {classification: confidential, tags: [pii]}}
externals: {user: {type: person, boundary: internet}}
processes: {api: {type: api, boundary: core}}
stores: {db: {type: database, boundary: core}}
flows: {call: {from: user, to: api, protocol: https, data: [rec]}, query: {from: api, to: db}}`,
  },
  {
    rule: 'unrestricted-file-upload', on: 'web', not: ['tags: [upload]', 'tags: [thumbnail]'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
stores: {files: {type: object-storage}}
flows: {send: {from: user, to: web, protocol: https}, store: {from: web, to: files, tags: [upload]}}`,
  },
  {
    rule: 'untrusted-code-execution', on: 'runner', not: ['type: ci-runner', 'type: web-app'],
    yaml: `externals: {dev: {type: person}}
processes: {runner: {type: ci-runner}}
flows: {push: {from: dev, to: runner, protocol: https}}`,
  },

  // ------------------------------------------------------------------------------------------- stores
  {
    rule: 'store-writable-from-lower-trust', on: 'db', not: ['web: {type: web-app, boundary: dmz}', 'web: {type: web-app, boundary: core}'],
    yaml: `${ZONES}
processes: {web: {type: web-app, boundary: dmz}}
stores: {db: {type: database, boundary: data}}
flows: {save: {from: web, to: db}}`,
  },
  {
    rule: 'cache-poisoning', on: 'cache', not: ['serve: {from: cache, to: web}', 'serve: {from: cache, to: render}'],
    yaml: `processes: {render: {type: service}, web: {type: web-app}}
stores: {cache: {type: cache}}
flows: {fill: {from: render, to: cache}, serve: {from: cache, to: web}}`,
  },
  {
    rule: 'queue-message-injection', on: 'jobs', not: ['web: {type: web-app, boundary: dmz}', 'web: {type: web-app, boundary: core}'],
    yaml: `${ZONES}
processes: {web: {type: web-app, boundary: dmz}, worker: {type: worker, boundary: core}}
stores: {jobs: {type: queue, boundary: core}}
flows: {enqueue: {from: web, to: jobs, protocol: amqps, authenticated: true}, consume: {from: jobs, to: worker, protocol: amqps}}`,
  },
  {
    // Producers that are not authenticated, whatever their zone.
    rule: 'queue-message-injection', on: 'jobs', not: ['protocol: amqp}', 'protocol: amqp, authenticated: true}'],
    yaml: `processes: {web: {type: web-app}, worker: {type: worker}}
stores: {jobs: {type: queue}}
flows: {enqueue: {from: web, to: jobs, protocol: amqp}, consume: {from: jobs, to: worker, protocol: amqps}}`,
  },
  {
    rule: 'high-integrity-store-unauthenticated-writes', on: 'ledger', not: ['protocol: postgres-tls}', 'protocol: postgres-tls, authenticated: true}'],
    yaml: `${ZONES}
assets: {entry: {integrity: high}}
processes: {app: {type: service, boundary: core}}
stores: {ledger: {type: database, boundary: data}}
flows: {write: {from: app, to: ledger, data: [entry], protocol: postgres-tls}}`,
  },
  {
    rule: 'writable-config-of-privileged-process', on: 'conf', not: ['privileged: true', 'privileged: false'],
    yaml: `processes: {deployer: {type: service}, agent: {type: daemon, privileged: true}}
stores: {conf: {type: config}}
flows: {push: {from: deployer, to: conf}, load: {from: conf, to: agent}}`,
  },
  {
    rule: 'direct-external-writes-to-store', on: 'bucket', not: ['drop: {from: partner, to: bucket}', 'drop: {from: partner, to: api}'],
    yaml: `externals: {partner: {type: service}}
processes: {api: {type: api}}
stores: {bucket: {type: object-storage}}
flows: {drop: {from: partner, to: bucket}}`,
  },
  {
    rule: 'artifact-substitution', on: 'registry', not: ['type: container-registry', 'type: database'],
    yaml: `processes: {ci: {type: build}, deploy: {type: service}}
stores: {registry: {type: container-registry}}
flows: {push: {from: ci, to: registry}, pull: {from: registry, to: deploy}}`,
  },
  {
    rule: 'log-tampering', on: 'logs', not: ['logs: {type: log}', 'logs: {type: log, tags: [append-only]}'],
    yaml: `processes: {app: {type: service}}
stores: {logs: {type: log}}
flows: {write: {from: app, to: logs}}`,
  },
  {
    rule: 'forged-log-entries', on: 'logs', not: ['protocol: syslog}', 'protocol: syslog, authenticated: true}'],
    yaml: `${ZONES}
processes: {app: {type: service, boundary: core}}
stores: {logs: {type: log, boundary: data}}
flows: {write: {from: app, to: logs, protocol: syslog}}`,
  },
  {
    rule: 'store-changes-not-attributable', on: 'db', not: ['b-writes: {from: b, to: db}', 'b-writes: {from: db, to: b}'],
    yaml: `assets: {rec: {classification: confidential}}
processes: {a: {type: service}, b: {type: service}}
stores: {db: {type: database, data: [rec]}}
flows: {a-writes: {from: a, to: db}, b-writes: {from: b, to: db}}`,
  },
  {
    rule: 'mutable-financial-records', on: 'ledger', not: ['ledger: {type: database, data: [pay]}', 'ledger: {type: database, data: [pay], tags: [append-only]}'],
    yaml: `assets: {pay: {classification: confidential, tags: [payment]}}
processes: {app: {type: service}}
stores: {ledger: {type: database, data: [pay]}}
flows: {book: {from: app, to: ledger}}`,
  },
  {
    rule: 'unencrypted-restricted-store', on: 'db', not: ['data: [s]}', 'data: [s], encrypted: true}'],
    yaml: `assets: {s: {classification: restricted}}
stores: {db: {type: database, data: [s]}}`,
  },
  {
    rule: 'unencrypted-sensitive-store', on: 'db', not: ['data: [s]}', 'data: [s], encrypted: true}'],
    yaml: `assets: {s: {classification: confidential}}
stores: {db: {type: database, data: [s]}}`,
  },
  {
    rule: 'password-storage', on: 'users', not: ['tags: [password]', 'tags: [pii]'],
    yaml: `assets: {pw: {classification: restricted, tags: [password]}}
stores: {users: {type: database, data: [pw], encrypted: true}}`,
  },
  {
    rule: 'secrets-outside-secrets-manager', on: 'db', not: ['type: database', 'type: vault'],
    yaml: `assets: {k: {classification: restricted, tags: [secret]}}
stores: {db: {type: database, data: [k], encrypted: true}}`,
  },
  {
    rule: 'secrets-store-over-broad-access', on: 'vault', not: ['web: {type: web-app, boundary: dmz}', 'web: {type: web-app, boundary: core}'],
    yaml: `${ZONES}
processes: {web: {type: web-app, boundary: dmz}}
stores: {vault: {type: secrets, boundary: core}}
flows: {fetch: {from: vault, to: web}}`,
  },
  {
    rule: 'sensitive-data-in-unauthenticated-cache', on: 'cache', not: ['data: [sess]}', 'data: [sess], authenticated: true}'],
    yaml: `assets: {sess: {classification: confidential, tags: [session]}}
processes: {app: {type: web-app}}
stores: {cache: {type: redis, encrypted: true}}
flows: {put: {from: app, to: cache, data: [sess]}}`,
  },
  {
    rule: 'backup-exposure', on: 'backups', not: ['classification: confidential', 'classification: internal'],
    yaml: `assets: {rec: {classification: confidential}}
stores: {backups: {type: backup, data: [rec], encrypted: true}}`,
  },
  {
    rule: 'public-object-storage-read', on: 'media', not: ['to: user, protocol', 'to: web, protocol'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
stores: {media: {type: bucket}}
flows: {get: {from: media, to: user, protocol: https}}`,
  },
  {
    rule: 'sensitive-data-in-logs', on: 'logs', not: ['tags: [token]', 'tags: [metric]'],
    yaml: `assets: {tok: {tags: [token]}}
processes: {app: {type: service}}
stores: {logs: {type: log}}
flows: {write: {from: app, to: logs, data: [tok]}}`,
  },
  {
    rule: 'personal-data-accumulation-in-analytics', on: 'dwh', not: ['tags: [pii]', 'tags: [metric]'],
    yaml: `assets: {p: {tags: [pii]}}
processes: {etl: {type: worker}}
stores: {dwh: {type: data-warehouse}}
flows: {load: {from: etl, to: dwh, data: [p]}}`,
  },
  {
    rule: 'sensitive-store-read-by-lower-trust', on: 'db', not: ['web: {type: web-app, boundary: dmz}', 'web: {type: web-app, boundary: core}'],
    yaml: `${ZONES}
assets: {rec: {classification: confidential}}
processes: {web: {type: web-app, boundary: dmz}}
stores: {db: {type: database, boundary: data, data: [rec], encrypted: true}}
flows: {read: {from: db, to: web}}`,
  },
  {
    rule: 'queue-flooding', on: 'q', not: ['publish: {from: partner, to: q}', 'publish: {from: app, to: q}'],
    yaml: `externals: {partner: {type: service}}
processes: {app: {type: service}}
stores: {q: {type: queue}}
flows: {publish: {from: partner, to: q}}`,
  },
  {
    rule: 'critical-data-destruction', on: 'db', not: ['availability: high', 'availability: medium'],
    yaml: `assets: {o: {availability: high}}
processes: {app: {type: service}}
stores: {db: {type: database}}
flows: {save: {from: app, to: db, data: [o]}}`,
  },
  {
    rule: 'database-query-exhaustion', on: 'db', not: ['web: {type: web-app}', 'web: {type: worker}'],
    yaml: `processes: {web: {type: web-app}}
stores: {db: {type: database}}
flows: {query: {from: web, to: db}}`,
  },
  {
    rule: 'log-flooding', on: 'logs', not: ['ship: {from: sensor, to: logs}', 'ship: {from: app, to: logs}'],
    yaml: `externals: {sensor: {type: device}}
processes: {app: {type: service}}
stores: {logs: {type: log}}
flows: {ship: {from: sensor, to: logs}}`,
  },
  {
    rule: 'storage-filling-by-lower-trust', on: 'bucket', not: ['put: {from: user, to: bucket}', 'put: {from: app, to: bucket}'],
    yaml: `externals: {user: {type: person}}
processes: {app: {type: service}}
stores: {bucket: {type: bucket}}
flows: {put: {from: user, to: bucket}}`,
  },

  // -------------------------------------------------------------------------------------------- flows
  {
    rule: 'sql-injection-from-untrusted-input', on: 'query', not: ['db: {type: database}', 'db: {type: cache}'],
    yaml: `externals: {user: {type: person}}
processes: {api: {type: api}}
stores: {db: {type: database}}
flows: {call: {from: user, to: api, protocol: https}, query: {from: api, to: db, protocol: postgres-tls}}`,
  },
  {
    rule: 'nosql-injection-from-untrusted-input', on: 'query', not: ['MongoDB 7', 'PostgreSQL 16'],
    yaml: `externals: {user: {type: person}}
processes: {api: {type: api}}
stores: {db: {type: database, technology: MongoDB 7}}
flows: {call: {from: user, to: api, protocol: https}, query: {from: api, to: db}}`,
  },
  {
    rule: 'cleartext-flow-tampering', on: 'req', not: ['protocol: http}', 'protocol: https}'],
    yaml: `${ZONES}
externals: {user: {type: person, boundary: internet}}
processes: {web: {type: web-app, boundary: dmz}}
flows: {req: {from: user, to: web, protocol: http}}`,
  },
  {
    rule: 'cleartext-high-integrity-flow-tampering', on: 'req', not: ['protocol: http,', 'protocol: https,'],
    yaml: `${ZONES}
assets: {o: {integrity: high}}
externals: {user: {type: person, boundary: internet}}
processes: {web: {type: web-app, boundary: dmz}}
flows: {req: {from: user, to: web, protocol: http, data: [o]}}`,
  },
  {
    rule: 'hop-by-hop-only-integrity', on: 'pay', not: ['data: [p]}', 'data: [p], signed: true}'],
    yaml: `${ZONES}
assets: {p: {integrity: high, tags: [payment]}}
externals: {psp: {type: service, boundary: partners}}
processes: {api: {type: api, boundary: core}}
flows: {pay: {from: api, to: psp, protocol: https, data: [p]}}`,
  },
  {
    rule: 'tls-stripping-downgrade', on: 'secure', not: ['protocol: http}', 'protocol: https}'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {secure: {from: user, to: web, protocol: https}, plain: {from: user, to: web, protocol: http}}`,
  },
  {
    rule: 'unsigned-code-delivery', on: 'update', not: ['data: [fw]}', 'data: [fw], signed: true}'],
    yaml: `assets: {fw: {tags: [firmware]}}
externals: {vendor: {type: service}}
processes: {updater: {type: daemon}}
flows: {update: {from: vendor, to: updater, protocol: https, data: [fw]}}`,
  },
  {
    rule: 'payment-request-replay', on: 'buy', not: ['data: [pay]}', 'data: [pay], nonce: true}'],
    yaml: `${ZONES}
assets: {pay: {classification: confidential, tags: [payment]}}
externals: {user: {type: person, boundary: internet}}
processes: {checkout: {type: api, boundary: dmz}}
flows: {buy: {from: user, to: checkout, protocol: https, data: [pay]}}`,
  },
  {
    rule: 'dns-spoofing', on: 'lookup', not: ['protocol: dns}', 'protocol: dns, encrypted: true}'],
    yaml: `externals: {resolver: {type: service}}
processes: {app: {type: service}}
flows: {lookup: {from: resolver, to: app, protocol: dns}}`,
  },
  {
    rule: 'unauthenticated-time-sync', on: 'time', not: ['protocol: ntp}', 'protocol: ntp, authenticated: true}'],
    yaml: `externals: {clock: {type: service}}
processes: {app: {type: service}}
flows: {time: {from: clock, to: app, protocol: ntp}}`,
  },
  {
    rule: 'unauthenticated-industrial-commands', on: 'cmd', not: ['protocol: modbus/tcp}', 'protocol: modbus/tcp, authenticated: true}'],
    yaml: `externals: {plc: {type: device}}
processes: {scada: {type: service}}
flows: {cmd: {from: scada, to: plc, protocol: modbus/tcp}}`,
  },
  {
    rule: 'cleartext-credentials-in-transit', on: 'login', not: ['protocol: http,', 'protocol: https,'],
    yaml: `assets: {pw: {classification: restricted, tags: [credential]}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {login: {from: user, to: web, protocol: http, data: [pw]}}`,
  },
  {
    rule: 'cleartext-flow-crossing-boundary', on: 'sync', not: ['protocol: http,', 'protocol: https,'],
    yaml: `${ZONES}
assets: {rec: {classification: confidential}}
externals: {crm: {type: service, boundary: partners}}
processes: {api: {type: api, boundary: core}}
flows: {sync: {from: api, to: crm, protocol: http, data: [rec]}}`,
  },
  {
    rule: 'cleartext-sensitive-flow-within-zone', on: 'query', not: ['data: [rec]}', 'data: [rec], encrypted: true}'],
    yaml: `assets: {rec: {classification: confidential}}
processes: {app: {type: service}}
stores: {db: {type: database, encrypted: true}}
flows: {query: {from: app, to: db, protocol: postgres, data: [rec]}}`,
  },
  {
    rule: 'cleartext-internal-data-crossing-boundary', on: 'sync', not: ['classification: internal', 'classification: public'],
    yaml: `${ZONES}
assets: {rec: {classification: internal}}
externals: {crm: {type: service, boundary: partners}}
processes: {api: {type: api, boundary: core}}
flows: {sync: {from: api, to: crm, protocol: http, data: [rec]}}`,
  },
  {
    rule: 'restricted-data-to-lower-trust', on: 'export', not: ['dmz: {trust: low}', 'dmz: {trust: medium}'],
    yaml: `boundaries: {dmz: {trust: low}, core: {trust: medium}}
assets: {s: {classification: restricted}}
processes: {api: {type: api, boundary: core}, web: {type: web-app, boundary: dmz}}
flows: {export: {from: api, to: web, protocol: https, data: [s]}}`,
  },
  {
    rule: 'personal-data-to-third-party', on: 'notify', not: ['tags: [pii]', 'tags: [metric]'],
    yaml: `assets: {p: {tags: [pii]}}
externals: {mailer: {type: service}}
processes: {api: {type: api}}
flows: {notify: {from: api, to: mailer, protocol: https, data: [p]}}`,
  },
  {
    rule: 'certificate-validation-dependency', on: 'sync', not: ['data: [rec]}', 'data: [rec], authenticated: true}'],
    yaml: `assets: {rec: {classification: confidential}}
processes: {app: {type: mobile-app}, api: {type: api}}
flows: {sync: {from: app, to: api, protocol: https, data: [rec]}}`,
  },
  {
    rule: 'compression-length-oracle', on: 'resp', not: ['tags: [compressed]', 'tags: [cached]'],
    yaml: `assets: {sess: {classification: confidential, tags: [session]}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {resp: {from: web, to: user, protocol: https, data: [sess], tags: [compressed]}}`,
  },
  {
    rule: 'compression-length-oracle', on: 'resp', not: ['compression: true', 'compression: false'],
    yaml: `assets: {sess: {classification: confidential, tags: [session]}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {resp: {from: web, to: user, protocol: https, data: [sess], attributes: {compression: true}}}`,
  },
  {
    rule: 'dns-lookup-metadata-leak', on: 'lookup', not: ['protocol: dns}', 'protocol: dns, encrypted: true}'],
    yaml: `${ZONES}
externals: {resolver: {type: service, boundary: internet}}
processes: {app: {type: service, boundary: core}}
flows: {lookup: {from: app, to: resolver, protocol: dns}}`,
  },
  {
    rule: 'sensitive-response-caching', on: 'page', not: ['classification: confidential', 'classification: internal'],
    yaml: `assets: {rec: {classification: confidential}}
externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {page: {from: web, to: user, protocol: https, data: [rec]}}`,
  },
  {
    rule: 'radio-link-eavesdropping', on: 'link', not: ['classification: confidential', 'classification: internal'],
    yaml: `assets: {loc: {classification: confidential}}
externals: {tracker: {type: device}}
processes: {hub: {type: service}}
flows: {link: {from: tracker, to: hub, protocol: ble, data: [loc]}}`,
  },
  {
    rule: 'synchronous-third-party-dependency', on: 'charge', not: ['api: {type: api}', 'api: {type: worker}'],
    yaml: `externals: {user: {type: person}, psp: {type: service}}
processes: {api: {type: api}}
flows: {buy: {from: user, to: api, protocol: https}, charge: {from: api, to: psp, protocol: https}}`,
  },
  {
    rule: 'critical-link-outage', on: 'feed', not: ['availability: high', 'availability: medium'],
    yaml: `${ZONES}
assets: {o: {availability: high}}
externals: {partner: {type: service, boundary: partners}}
processes: {api: {type: api, boundary: core}}
flows: {feed: {from: api, to: partner, protocol: https, data: [o]}}`,
  },
  {
    rule: 'radio-jamming', on: 'link', not: ['protocol: zigbee', 'protocol: ethernet'],
    yaml: `externals: {sensor: {type: device}}
processes: {hub: {type: service}}
flows: {link: {from: sensor, to: hub, protocol: zigbee}}`,
  },
  {
    rule: 'long-lived-connection-exhaustion', on: 'stream', not: ['protocol: wss', 'protocol: https'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}}
flows: {stream: {from: user, to: web, protocol: wss}}`,
  },
  {
    rule: 'decompression-bomb-input', on: 'upload', not: ['tags: [archive]', 'tags: [document]'],
    yaml: `assets: {arc: {tags: [archive]}}
externals: {user: {type: person}}
processes: {importer: {type: service}}
flows: {upload: {from: user, to: importer, protocol: https, data: [arc]}}`,
  },

  // ------------------------------------------------------------------------------- fewer false premises
  {
    // A third party inside the system's own zone is reached without a third-party path.
    rule: 'critical-link-outage', on: 'feed', not: ['partner: {type: service, boundary: partners}', 'partner: {type: service, boundary: core}'],
    yaml: `${ZONES}
assets: {o: {availability: high}}
externals: {partner: {type: service, boundary: partners}}
processes: {api: {type: api, boundary: core}}
flows: {feed: {from: api, to: partner, protocol: https, data: [o]}}`,
  },
  {
    // Nor is one inside the cluster that encloses the process's own namespace.
    rule: 'personal-data-to-third-party', on: 'sync', not: ['crm: {type: service}', 'crm: {type: service, boundary: cluster}'],
    yaml: `boundaries: {cluster: {trust: medium}, shop-ns: {parent: cluster}}
assets: {p: {tags: [pii]}}
externals: {crm: {type: service}}
processes: {api: {type: api, boundary: shop-ns}}
flows: {sync: {from: api, to: crm, protocol: https, data: [p]}}`,
  },
  {
    rule: 'synchronous-third-party-dependency', on: 'rate', not: ['fx: {type: service}', 'fx: {type: service, boundary: app}'],
    yaml: `boundaries: {app: {trust: medium}}
externals: {user: {type: person}, fx: {type: service}}
processes: {api: {type: api, boundary: app}}
flows: {buy: {from: user, to: api, protocol: https}, rate: {from: api, to: fx, protocol: https}}`,
  },
  {
    // A read-only pull is no write: one writer is left.
    rule: 'store-changes-not-attributable', on: 'dir', not: ['check: {from: idp, to: dir}', 'check: {from: idp, to: dir, tags: [read-only]}'],
    yaml: `assets: {acct: {classification: confidential}}
processes: {admin-tool: {type: service}, idp: {type: identity-provider}}
stores: {dir: {type: ldap, data: [acct]}}
flows: {manage: {from: admin-tool, to: dir}, check: {from: idp, to: dir}}`,
  },
  {
    // Requests from another service are input too.
    rule: 'sql-injection-from-untrusted-input', on: 'query', not: ['ask: {from: web, to: reports}', 'ask: {from: reports, to: web}'],
    yaml: `processes: {web: {type: web-app}, reports: {type: service}}
stores: {db: {type: database}}
flows: {ask: {from: web, to: reports}, query: {from: reports, to: db, protocol: postgres}}`,
  },
  {
    rule: 'password-guessing', on: 'idp', not: ['idp: {type: identity-provider}', 'idp: {type: batch-job}'],
    yaml: `externals: {user: {type: person}}
processes: {idp: {type: identity-provider}}
flows: {sign-in: {from: user, to: idp, protocol: https}}`,
  },
  {
    rule: 'bearer-token-forgery', on: 'orders', not: ['protocol: http, authenticated: true}', 'protocol: http}'],
    yaml: `processes: {gw: {type: gateway}, orders: {type: service}, auth: {type: identity-provider}}
flows: {route: {from: gw, to: orders, protocol: http, authenticated: true}, introspect: {from: orders, to: auth, protocol: http}}`,
  },

  // ----------------------------------------------------------------------------------- architecture
  {
    rule: 'code-backdooring', on: 'git', not: ['dev: {type: person}', 'dev: {type: person, boundary: corp}'],
    yaml: `boundaries: {corp: {trust: high}, build: {trust: high}}
externals: {dev: {type: person}}
processes: {git: {type: source-repository, boundary: build}}
flows: {push: {from: dev, to: git, protocol: ssh}}`,
  },
  {
    rule: 'unchecked-deployment', on: 'ci', not: ['ci: {type: build-pipeline}', 'ci: {type: batch-job}'],
    yaml: `processes: {ci: {type: build-pipeline}, app: {type: web-app}}
flows: {deploy: {from: ci, to: app, protocol: ssh}}`,
  },
  {
    rule: 'secrets-in-repository', on: 'repo', not: ['repo: {type: git-repository}', 'repo: {type: database}'],
    yaml: `processes: {ci: {type: build-pipeline}}
stores: {repo: {type: git-repository}}
flows: {checkout: {from: repo, to: ci, protocol: https}}`,
  },
  {
    rule: 'pushed-deployment', on: 'app', not: ['deploy: {from: ci, to: app, protocol: ssh}', 'deploy: {from: ci, to: app, protocol: ssh, attributes: {readonly: true}}'],
    yaml: `processes: {ci: {type: build-pipeline}, app: {type: web-app}}
flows: {deploy: {from: ci, to: app, protocol: ssh}}`,
  },
  {
    rule: 'build-pipeline-not-modelled', on: 'web', not: ['release: {from: shop-db, to: web}', 'release: {from: ci, to: web}'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}, ci: {type: build-pipeline}}
stores: {shop-db: {type: database}}
flows: {visit: {from: user, to: web, protocol: https}, release: {from: shop-db, to: web}}`,
  },
  {
    rule: 'container-image-backdooring', on: 'api', not: ['tags: [container]', 'tags: [vm]'],
    yaml: `processes: {api: {type: api, tags: [container]}, web: {type: web-app}}
flows: {call: {from: web, to: api, protocol: https}}`,
  },
  {
    rule: 'container-platform-escape', on: 'cluster', not: ['cluster: {type: kubernetes}', 'cluster: {type: scheduler}'],
    yaml: `processes: {cluster: {type: kubernetes}, ci: {type: build-pipeline}}
flows: {apply: {from: ci, to: cluster, protocol: https}}`,
  },
  {
    rule: 'high-value-target-not-hardened', on: 'db', not: ['db: {type: database}', 'db: {type: queue}'],
    yaml: `processes: {api: {type: api}}
stores: {db: {type: database}}
flows: {write: {from: api, to: db, protocol: postgres}}`,
  },
  {
    rule: 'cloud-misconfiguration', on: 'api', not: ['tags: [aws]', 'tags: [on-premises]'],
    yaml: `processes: {api: {type: api, tags: [aws]}, web: {type: web-app}}
flows: {call: {from: web, to: api, protocol: https}}`,
  },
  {
    rule: 'secrets-without-vault', on: 'api', not: ['vault: {type: database}', 'vault: {type: vault}'],
    yaml: `processes: {api: {type: api}}
stores: {db: {type: database}, vault: {type: database}}
flows: {query: {from: api, to: db, protocol: postgres}, unseal: {from: vault, to: api, protocol: https}}`,
  },
  {
    rule: 'plaintext-credentials', on: 'config', not: ['tags: [plaintext-credentials]', 'tags: [infrastructural]'],
    yaml: `processes: {config: {type: config-server, tags: [plaintext-credentials]}, api: {type: api}}
flows: {settings: {from: config, to: api, protocol: http}}`,
  },
  {
    rule: 'unguarded-access-from-internet', on: 'db', not: ['dba: {type: person}', 'dba: {type: person, boundary: corp}'],
    yaml: `boundaries: {corp: {trust: medium}, data: {trust: high}}
assets: {rec: {classification: confidential}}
externals: {dba: {type: person}}
stores: {db: {type: database, boundary: data, data: [rec]}}
flows: {admin: {from: dba, to: db, protocol: postgres}}`,
  },
  {
    rule: 'web-app-without-waf', on: 'shop', not: ['edge: {type: reverse-proxy, boundary: dmz}', 'edge: {type: waf, boundary: dmz}'],
    yaml: `${ZONES}
externals: {buyer: {type: person, boundary: internet}}
processes: {edge: {type: reverse-proxy, boundary: dmz}, shop: {type: web-app, boundary: core}}
flows: {visit: {from: buyer, to: edge, protocol: https}, route: {from: edge, to: shop, protocol: http}}`,
  },
  {
    rule: 'sensitive-store-in-exposed-zone', on: 'db', not: ['db: {type: database, boundary: dmz', 'db: {type: database, boundary: data'],
    yaml: `${ZONES}
assets: {rec: {classification: confidential}}
externals: {buyer: {type: person, boundary: internet}}
processes: {web: {type: web-app, boundary: dmz}}
stores: {db: {type: database, boundary: dmz, data: [rec]}}
flows: {visit: {from: buyer, to: web, protocol: https}, save: {from: web, to: db, protocol: postgres}}`,
  },
  {
    rule: 'identity-provider-not-isolated', on: 'idp', not: ['web: {type: web-app, boundary: core}', 'web: {type: web-app, boundary: dmz}'],
    yaml: `${ZONES}
processes: {web: {type: web-app, boundary: core}, idp: {type: identity-provider, boundary: core}}
flows: {login: {from: web, to: idp, protocol: https}}`,
  },
  {
    rule: 'vault-not-isolated', on: 'vault', not: ['api: {type: api, boundary: core}', 'api: {type: api, boundary: dmz}'],
    yaml: `${ZONES}
processes: {api: {type: api, boundary: core}}
stores: {vault: {type: vault, boundary: core}}
flows: {fetch: {from: vault, to: api, protocol: https}}`,
  },
  {
    rule: 'authentication-not-centralised', on: 'portal', not: ['auth: {type: worker}', 'auth: {type: identity-provider}'],
    yaml: `externals: {user: {type: person}}
processes: {portal: {type: web-app}, auth: {type: worker}}
flows: {sign-in: {from: user, to: portal, protocol: https, authenticated: true}, check: {from: portal, to: auth, protocol: https}}`,
  },
  {
    rule: 'service-registry-poisoning', on: 'registry', not: ['protocol: http}', 'protocol: http, authenticated: true}'],
    yaml: `processes: {registry: {type: service-registry}, orders: {type: service}}
flows: {register: {from: orders, to: registry, protocol: http}}`,
  },
  {
    rule: 'unnecessary-data-transfer', on: 'proxy', not: ['data: [cards]}', 'data: [stats]}'],
    yaml: `assets: {cards: {classification: restricted}, stats: {classification: internal}}
processes: {proxy: {type: service, data: [stats]}, api: {type: api}}
flows: {send: {from: proxy, to: api, protocol: https, data: [cards]}}`,
  },

  // ---------------------------------------------------------------------------------------------- ai
  {
    rule: 'prompt-injection', on: 'assistant', not: ['visit: {from: user, to: web', 'visit: {from: web, to: user'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}, assistant: {type: llm}}
flows: {visit: {from: user, to: web, protocol: https}, ask: {from: web, to: assistant, protocol: https}}`,
  },
  {
    rule: 'llm-data-to-third-party', on: 'assistant', not: ['assistant: {type: llm}', 'assistant: {type: llm, tags: [self-hosted]}'],
    yaml: `externals: {user: {type: person}}
processes: {web: {type: web-app}, assistant: {type: llm}}
flows: {visit: {from: user, to: web, protocol: https}, ask: {from: web, to: assistant, protocol: https}}`,
  },
  {
    rule: 'llm-output-disclosure', on: 'assistant', not: ['classification: internal', 'classification: public'],
    yaml: `assets: {draft: {classification: internal}}
externals: {user: {type: person}}
processes: {web: {type: web-app}, assistant: {type: llm}}
flows: {visit: {from: user, to: web, protocol: https}, ask: {from: web, to: assistant, protocol: https, data: [draft]}}`,
  },
  {
    rule: 'agent-excessive-agency', on: 'agent', not: ['lookup: {from: agent, to: db}', 'lookup: {from: db, to: agent}'],
    yaml: `processes: {agent: {type: agent}}
stores: {db: {type: database}}
flows: {lookup: {from: agent, to: db}}`,
  },

  // ------------------------------------------------------------------------------------- more processes
  {
    rule: 'sensitive-access-without-mfa', on: 'hr', not: ['classification: confidential', 'classification: public'],
    yaml: `assets: {staff: {classification: confidential}}
externals: {clerk: {type: person}}
processes: {hr: {type: web-app}}
flows: {edit: {from: clerk, to: hr, protocol: https, data: [staff]}}`,
  },
  {
    rule: 'unauthenticated-local-api', on: 'daemon', not: ['protocol: http localhost}', 'protocol: http localhost, authenticated: true}'],
    yaml: `processes: {cli: {type: cli}, daemon: {type: daemon}}
flows: {control: {from: cli, to: daemon, protocol: http localhost}}`,
  },
  {
    rule: 'missing-file-validation', on: 'api', not: ['tags: [upload]', 'tags: [json]'],
    yaml: `externals: {user: {type: person}}
processes: {api: {type: api}}
flows: {send: {from: user, to: api, protocol: https, tags: [upload]}}`,
  },
  {
    rule: 'security-events-not-logged', on: 'api', not: ['logs: {type: database}', 'logs: {type: audit-log}'],
    yaml: `processes: {web: {type: web-app}, api: {type: api}}
stores: {logs: {type: database}}
flows: {call: {from: web, to: api, protocol: https}, write: {from: api, to: logs}}`,
  },
  {
    rule: 'sensitive-data-logged', on: 'api', not: ['logs: {type: log}', 'logs: {type: queue}'],
    yaml: `assets: {rec: {classification: confidential}}
externals: {user: {type: person}}
processes: {api: {type: api}}
stores: {logs: {type: log}}
flows: {call: {from: user, to: api, protocol: https, data: [rec]}, write: {from: api, to: logs}}`,
  },
  {
    rule: 'end-user-identity-not-propagated', on: 'ledger', not: ['protocol: grpc}', 'protocol: grpc, tags: [identity-propagation]}'],
    yaml: `assets: {acct: {classification: confidential}}
externals: {user: {type: person}}
processes: {web: {type: web-app}, ledger: {type: service, data: [acct]}}
flows: {visit: {from: user, to: web, protocol: https}, book: {from: web, to: ledger, protocol: grpc}}`,
  },

  // ------------------------------------------------------------------------------- more stores and flows
  {
    rule: 'unauthenticated-store-access', on: 'share', not: ['protocol: nfs}', 'protocol: nfs, authenticated: true}'],
    yaml: `assets: {contracts: {classification: confidential}}
processes: {erp: {type: web-app}}
stores: {share: {type: file-share, data: [contracts]}}
flows: {mount: {from: erp, to: share, protocol: nfs}}`,
  },
  {
    // A person administering a store directly needs a second factor too.
    rule: 'sensitive-access-without-mfa', on: 'db', not: ['dba: {type: person}', 'dba: {type: service}'],
    yaml: `assets: {rec: {classification: restricted}}
externals: {dba: {type: person}}
stores: {db: {type: database, data: [rec]}}
flows: {admin: {from: dba, to: db, protocol: ssh}}`,
  },
  {
    rule: 'configuration-tampering', on: 'settings', not: ['settings: {type: config}', 'settings: {type: cache}'],
    yaml: `processes: {worker: {type: worker, privileged: false}}
stores: {settings: {type: config}}
flows: {load: {from: settings, to: worker}}`,
  },
  {
    rule: 'search-query-injection', on: 'find', not: ['ask: {from: web, to: api}', 'ask: {from: api, to: web}'],
    yaml: `processes: {web: {type: web-app}, api: {type: api}}
stores: {index: {type: search-index, technology: elasticsearch}}
flows: {ask: {from: web, to: api}, find: {from: api, to: index, protocol: https}}`,
  },
  {
    rule: 'cleartext-traffic-within-zone', on: 'call', not: ['protocol: http}', 'protocol: https}'],
    yaml: `processes: {a: {type: service}, b: {type: service}}
flows: {call: {from: a, to: b, protocol: http}}`,
  },
  {
    rule: 'call-without-circuit-breaker', on: 'route', not: ['gw: {type: api-gateway}', 'gw: {type: load-balancer}'],
    yaml: `processes: {gw: {type: api-gateway}, orders: {type: service}}
flows: {route: {from: gw, to: orders, protocol: http}}`,
  },
  {
    rule: 'route-without-load-balancing', on: 'route', not: ['gw: {type: api-gateway}', 'gw: {type: load-balancer}'],
    yaml: `processes: {gw: {type: api-gateway}, orders: {type: service}}
flows: {route: {from: gw, to: orders, protocol: http}}`,
  },

  // ----------------------------------------------------------------------------------------- protocol
  ...([
    {
      rule: 'message-replay-without-freshness', on: 'm1', not: ['signed: true}', 'signed: true, nonce: true}'],
      yaml: `processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, signed: true}}`,
    },
    {
      rule: 'stale-key-replay', on: 'm1', not: ['data: [k]}', 'data: [k], nonce: true}'],
      yaml: `assets: {k: {classification: restricted, tags: [session-key]}}
processes: {kdc: {}, client: {}}
flows: {m1: {from: kdc, to: client, order: 1, encrypted: true, signed: true, data: [k]}}`,
    },
    {
      rule: 'unauthenticated-key-exchange', on: 'm1', not: ['data: [share]}', 'data: [share], signed: true}'],
      yaml: `assets: {share: {classification: public, tags: [key-share]}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, data: [share]}}`,
    },
    {
      rule: 'unprotected-message-tampering', on: 'm1', not: ['protocol: tcp,', 'protocol: tcp, encrypted: true,'],
      yaml: `assets: {x: {classification: internal}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, protocol: tcp, data: [x]}}`,
    },
    {
      rule: 'unprotected-high-integrity-message', on: 'm1', not: ['data: [x]}', 'data: [x], signed: true}'],
      yaml: `assets: {x: {classification: internal, integrity: high}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, protocol: tcp, data: [x]}}`,
    },
    {
      rule: 'malleable-encryption', on: 'm1', not: ['protocol: udp', 'protocol: dtls'],
      yaml: `assets: {x: {classification: confidential, integrity: high}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, protocol: udp, encrypted: true, data: [x]}}`,
    },
    {
      rule: 'negotiation-downgrade', on: 'hello', not: ['order: 2}', 'order: 2, signed: true}'],
      yaml: `processes: {client: {}, server: {}}
flows: {hello: {from: client, to: server, order: 1, tags: [hello]}, reply: {from: server, to: client, order: 2}}`,
    },
    {
      rule: 'no-forward-secrecy', on: 'm1', not: ['data: [k]}', 'data: [k], tags: [ephemeral]}'],
      yaml: `assets: {k: {classification: restricted, tags: [session-key]}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, encrypted: true, nonce: true, data: [k]}}`,
    },
    {
      rule: 'unknown-key-share', on: 'm1', not: ['data: [share]', 'data: [share, who]'],
      yaml: `assets: {share: {classification: public, tags: [key-share]}, who: {classification: public, tags: [identity]}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, signed: true, nonce: true, data: [share]}}`,
    },
    {
      rule: 'missing-key-confirmation', on: 'm1', not: ['order: 2}', 'order: 2, signed: true}'],
      yaml: `assets: {share: {classification: public, tags: [key-share]}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, data: [share]}, m2: {from: server, to: client, order: 2}}`,
    },
    {
      rule: 'relayable-bearer-credential', on: 'm1', not: ['data: [tok]}', 'data: [tok], signed: true}'],
      yaml: `assets: {tok: {classification: confidential, tags: [token]}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, encrypted: true, data: [tok]}}`,
    },
    {
      rule: 'peer-never-authenticated', on: 'client', not: ['order: 1}', 'order: 1, signed: true}'],
      yaml: `assets: {s: {classification: confidential}}
processes: {client: {}, server: {}}
flows: {m1: {from: server, to: client, order: 1}, m2: {from: client, to: server, order: 2, encrypted: true, data: [s]}}`,
    },
    {
      rule: 'message-reflection-to-sender', on: 'alice', not: ['order: 2, signed: true, data: [n]', 'order: 2, signed: true, data: [n, x]'],
      yaml: `assets: {n: {tags: [nonce]}, x: {}}
processes: {alice: {}, bob: {}}
flows: {m1: {from: alice, to: bob, order: 1, signed: true, data: [n]}, m2: {from: bob, to: alice, order: 2, signed: true, data: [n]}}`,
    },
    {
      rule: 'bidirectional-message-reflection', on: 'm1', not: ['bidirectional: true', 'bidirectional: false'],
      yaml: `processes: {alice: {}, bob: {}}
flows: {m1: {from: alice, to: bob, order: 1, signed: true, nonce: true, bidirectional: true}}`,
    },
    {
      rule: 'error-oracle', on: 'err', not: ['tags: [error]', 'tags: [status]'],
      yaml: `processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, encrypted: true}, err: {from: server, to: client, order: 2, tags: [error]}}`,
    },
    {
      rule: 'verification-timing-side-channel', on: 'server', not: ['tags: [otp]', 'tags: [pii]'],
      yaml: `assets: {code: {classification: confidential, tags: [otp]}}
externals: {client: {type: device}}
processes: {server: {}}
flows: {m1: {from: client, to: server, order: 1, encrypted: true, data: [code]}}`,
    },
    {
      rule: 'identity-metadata-leak', on: 'm1', not: ['data: [who]}', 'data: [who], encrypted: true}'],
      yaml: `assets: {who: {classification: internal, tags: [identity]}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, protocol: tcp, data: [who]}}`,
    },
    {
      rule: 'nonce-reuse-across-directions', on: 'm1', not: ['bidirectional: true', 'bidirectional: false'],
      yaml: `processes: {alice: {}, bob: {}}
flows: {m1: {from: alice, to: bob, order: 1, encrypted: true, bidirectional: true}}`,
    },
    {
      rule: 'weak-device-randomness', on: 'tag', not: ['tag: {type: device}', 'tag: {type: service}'],
      yaml: `assets: {n: {tags: [nonce]}}
externals: {tag: {type: device}}
processes: {reader: {}}
flows: {m1: {from: tag, to: reader, order: 1, data: [n]}}`,
    },
    {
      rule: 'response-amplification', on: 'resp', not: ['order: 1, protocol: udp}', 'order: 1, protocol: udp, authenticated: true}'],
      yaml: `processes: {client: {}, server: {}}
flows: {req: {from: client, to: server, order: 1, protocol: udp}, resp: {from: server, to: client, order: 2, protocol: udp}}`,
    },
    {
      rule: 'handshake-state-exhaustion', on: 'server', not: ['order: 1}', 'order: 1, authenticated: true}'],
      yaml: `assets: {c: {tags: [challenge]}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1}, m2: {from: server, to: client, order: 2, data: [c]}}`,
    },
    {
      rule: 'state-machine-step-skipping', on: 'server', not: ['order: 1}', 'order: 1, signed: true}'],
      yaml: `processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1}, m2: {from: server, to: client, order: 2}, m3: {from: client, to: server, order: 3, signed: true}}`,
    },
    {
      rule: 'repudiable-shared-key-authentication', on: 'm1', not: ['authenticated: true,', 'authenticated: true, signed: true,'],
      yaml: `assets: {amount: {integrity: high}}
processes: {client: {}, server: {}}
flows: {m1: {from: client, to: server, order: 1, authenticated: true, nonce: true, data: [amount]}}`,
    },
  ] satisfies Omit<Case, 'kind'>[]).map((c): Case => ({ ...c, kind: 'protocol' })),
]

describe('each rule fires where its threat exists, and not on a variant without it', () => {
  it('cover every rule of the library', () => {
    const covered = new Set(cases.map((c) => c.rule))
    for (const id of covered) expect(byId.has(id), `case for unknown rule ${id}`).toBe(true)
    expect(rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([])
  })

  it.each(cases.map((c) => [`${c.rule}@${c.on}`, c] as const))('%s', (_, c) => {
    const id = `${c.rule}@${c.on}`
    const yaml = model(c.yaml, c.kind)
    expect(yaml, 'the variant changes the model').toContain(c.not[0])
    const fires = analyse(yaml)
    expect(fires.diagnostics).toEqual([])
    expect(fires.threats.map((t) => t.id)).toContain(id)
    expect(fires.threats.find((t) => t.id === id)!.title).not.toContain('{{')

    const variant = analyse(yaml.replace(c.not[0], c.not[1]))
    expect(variant.diagnostics).toEqual([])
    expect(variant.threats.map((t) => t.id)).not.toContain(id)
  })
})

describe('each rule stays silent where the system already has an answering control', () => {
  // An implemented control of each kind the rule lists, on the element the threat is on, marks the
  // threat mitigated by that control (generate-threats.ts); a kind the rule does not list does not.
  const answered = cases.filter((c) => byId.get(c.rule)!.controls.length > 0)

  it.each(answered.map((c) => [`${c.rule}@${c.on}`, c] as const))('%s', (_, c) => {
    const rule = byId.get(c.rule)!
    const id = `${c.rule}@${c.on}`
    for (const kind of rule.controls) {
      const threat = analyse(model(`${c.yaml}\ncontrols: {answering-control: {kind: ${kind}, on: [${c.on}]}}`, c.kind)).threats.find((t) => t.id === id)
      expect(threat?.mitigatedBy, `${kind} answers ${id}`).toEqual(['answering-control'])
    }
    const other = CONTROL_KINDS.find((k) => !rule.controls.includes(k))!
    const unanswered = analyse(model(`${c.yaml}\ncontrols: {other-control: {kind: ${other}, on: [${c.on}]}}`, c.kind)).threats.find((t) => t.id === id)
    expect(unanswered?.mitigatedBy, `${other} does not answer ${id}`).toEqual([])
  })
})

// ------------------------------------------------------------------------------------------------
// Specificity: on varied, realistic models no rule fires on every element of the kinds it targets.
// ------------------------------------------------------------------------------------------------
const variedProduct = model(`
boundaries:
  internet: {name: Internet, trust: untrusted}
  partners: {name: Partners, trust: low}
  dmz: {name: DMZ, trust: low}
  app: {name: Application, trust: medium}
  data: {name: Data, trust: high}
  ops: {name: Operations, trust: high}
assets:
  creds: {name: Passwords, classification: restricted, tags: [credential]}
  session: {name: Sessions, classification: confidential, integrity: high, tags: [session, token]}
  profile: {name: Profiles, classification: confidential, tags: [pii]}
  orders: {name: Orders, classification: confidential, integrity: high, availability: high, tags: [payment]}
  catalog: {name: Catalogue, classification: public, integrity: high}
  metrics: {name: Metrics, classification: internal}
  api-key: {name: Provider key, classification: restricted, tags: [api-key, secret]}
  firmware: {name: Firmware, classification: internal, tags: [firmware]}
  uploads: {name: Uploads, classification: internal, tags: [upload, archive]}
  telemetry: {name: Telemetry, classification: internal, integrity: high, tags: [telemetry]}
  audit: {name: Audit events, classification: internal, integrity: high}
externals:
  customer: {name: Customer, type: person, boundary: internet}
  admin: {name: Administrator, type: person, boundary: internet}
  psp: {name: Payment provider, type: service, boundary: partners}
  mailer: {name: Mailer, type: service, boundary: partners}
  idp: {name: Identity provider, type: service, boundary: partners}
  sensor: {name: Sensor, type: device, boundary: internet}
processes:
  edge: {name: Edge proxy, type: reverse-proxy, boundary: dmz, technology: Envoy}
  web: {name: Web app, type: web-app, boundary: dmz, technology: Next.js, language: typescript}
  api: {name: API, type: api, boundary: app, technology: Spring Boot, language: java}
  worker: {name: Worker, type: worker, boundary: app, language: go}
  parser: {name: Telemetry parser, type: service, boundary: app, language: c}
  importer: {name: Importer, type: converter, boundary: app, technology: JAXB, language: java}
  agent: {name: Host agent, type: daemon, boundary: ops, privileged: true, language: rust}
  mobile: {name: Mobile app, type: mobile-app, boundary: internet, language: kotlin}
stores:
  db: {name: Database, type: database, boundary: data, encrypted: true, data: [profile, orders, creds]}
  cache: {name: Cache, type: redis, boundary: data, data: [session]}
  queue: {name: Queue, type: queue, boundary: app, data: [orders]}
  logs: {name: Audit log, type: audit-log, boundary: ops, encrypted: true, tags: [append-only]}
  media: {name: Media bucket, type: object-storage, boundary: data, encrypted: true}
  vault: {name: Vault, type: secrets, boundary: ops, encrypted: true, data: [api-key]}
  backups: {name: Backups, type: backup, boundary: ops, encrypted: true, data: [profile]}
  dwh: {name: Warehouse, type: data-warehouse, boundary: ops, encrypted: true}
  conf: {name: Agent config, type: config, boundary: ops}
flows:
  browse: {from: customer, to: edge, protocol: https, data: [creds, session, profile, orders]}
  to-web: {from: edge, to: web, protocol: http, data: [session, profile, orders]}
  pages: {from: web, to: customer, protocol: https, data: [catalog, profile]}
  admin-in: {from: admin, to: web, protocol: https, authenticated: true, data: [catalog]}
  web-api: {from: web, to: api, protocol: https, authenticated: true, data: [session, orders]}
  api-web: {from: api, to: web, protocol: https, data: [profile, orders]}
  api-db: {from: api, to: db, protocol: postgres-tls, authenticated: true, data: [profile, orders]}
  db-api: {from: db, to: api, protocol: postgres-tls, data: [profile, orders]}
  web-cache: {from: web, to: cache, protocol: resp, data: [session]}
  cache-web: {from: cache, to: web, protocol: resp, data: [session]}
  publish: {from: api, to: queue, protocol: amqps, authenticated: true, data: [orders]}
  consume: {from: queue, to: worker, protocol: amqps, data: [orders]}
  charge: {from: worker, to: psp, protocol: https, nonce: true, signed: true, data: [orders, api-key]}
  webhook: {from: psp, to: api, protocol: https, signed: true, nonce: true, tags: [webhook]}
  mail: {from: worker, to: mailer, protocol: https, data: [profile]}
  login: {from: idp, to: web, protocol: https, signed: true}
  api-audit: {from: api, to: logs, protocol: https, authenticated: true, data: [audit]}
  worker-audit: {from: worker, to: logs, protocol: https, authenticated: true, data: [audit]}
  readings: {from: sensor, to: parser, protocol: mqtts, authenticated: true, signed: true, data: [telemetry]}
  parsed: {from: parser, to: queue, protocol: amqps, authenticated: true, data: [telemetry]}
  upload: {from: web, to: media, protocol: https, data: [uploads]}
  import: {from: media, to: importer, protocol: https, data: [uploads]}
  imported: {from: importer, to: db, protocol: postgres-tls, authenticated: true, data: [catalog]}
  secrets: {from: vault, to: worker, protocol: https, authenticated: true, data: [api-key]}
  backup: {from: db, to: backups, protocol: https, authenticated: true, data: [profile]}
  etl: {from: db, to: dwh, protocol: https, authenticated: true, data: [metrics]}
  config: {from: conf, to: agent, protocol: file system}
  deploy: {from: worker, to: conf, protocol: https, authenticated: true}
  push-firmware: {from: agent, to: sensor, protocol: https, signed: true, data: [firmware]}
  app-api: {from: mobile, to: api, protocol: https, data: [session, profile]}
  api-app: {from: api, to: mobile, protocol: https, data: [profile]}
`)

const variedProtocol = model(`
boundaries:
  network: {trust: untrusted}
  client-side: {trust: medium}
  server-side: {trust: high}
assets:
  hello-params: {classification: public, tags: [negotiation]}
  client-share: {classification: public, tags: [key-share]}
  server-share: {classification: public, tags: [key-share]}
  server-id: {classification: public, tags: [identity, certificate]}
  nonces: {classification: internal, integrity: high, tags: [nonce]}
  password: {classification: restricted, tags: [credential]}
  session-key: {classification: restricted, tags: [session-key]}
  ticket: {classification: confidential, tags: [token]}
  payload: {classification: confidential, integrity: high}
  alerts: {classification: internal, tags: [error]}
externals:
  user: {type: person, boundary: network}
  tag: {type: device, boundary: network}
processes:
  client: {type: mobile-app, boundary: client-side}
  server: {type: service, boundary: server-side, privileged: false}
flows:
  type-password: {from: user, to: client, order: 1, protocol: local ui, data: [password]}
  hello: {from: client, to: server, order: 2, protocol: tcp, nonce: true, data: [hello-params, client-share, nonces]}
  server-hello: {from: server, to: client, order: 3, protocol: tcp, signed: true, nonce: true, data: [server-share, server-id, nonces]}
  finished: {from: client, to: server, order: 4, protocol: tcp, encrypted: true, signed: true, nonce: true, data: [nonces]}
  login: {from: client, to: server, order: 5, protocol: tcp, encrypted: true, signed: true, nonce: true, data: [password]}
  session: {from: server, to: client, order: 6, protocol: tcp, encrypted: true, data: [ticket, session-key]}
  data: {from: client, to: server, order: 7, protocol: tcp, encrypted: true, authenticated: true, data: [payload]}
  alert: {from: server, to: client, order: 8, protocol: tcp, encrypted: true, data: [alerts]}
  beacon: {from: tag, to: server, order: 9, protocol: udp, data: [nonces]}
`, 'protocol')

describe('specificity', () => {
  const scenarios = [
    { name: 'a varied product model', yaml: variedProduct, kind: 'product' },
    { name: 'a varied protocol model', yaml: variedProtocol, kind: 'protocol' },
  ] as const

  it.each(scenarios)('no rule fires on every element of its kinds in $name', ({ yaml, kind }) => {
    const { graph, threats, diagnostics } = analyse(yaml)
    expect(diagnostics).toEqual([])
    const elementsOf = (k: string) =>
      k === 'flow' ? [...graph.flows.values()].map((f) => f.id) : [...graph.nodes.values()].filter((n) => n.kind === k).map((n) => n.id)
    let evaluated = 0
    for (const rule of rules) {
      if (rule.systemKind && rule.systemKind !== kind) continue
      const targets = rule.targets.flatMap(elementsOf)
      if (targets.length < 2) continue
      evaluated++
      const fired = new Set(threats.filter((t) => t.rule.id === rule.id).map((t) => t.elementId))
      expect(fired.size, `${rule.id} fires on all ${targets.length} of ${rule.targets.join('/')}`).toBeLessThan(targets.length)
    }
    expect(evaluated).toBeGreaterThan(kind === 'product' ? 100 : 80)
  })

  it.each(scenarios)('titles are fully filled in on $name', ({ yaml }) => {
    for (const t of analyse(yaml).threats) expect(t.title, t.id).not.toMatch(/\{\{|\}\}/)
  })

  it('finds threats on the varied models, and no more than a few per element', () => {
    const product = analyse(variedProduct)
    const protocol = analyse(variedProtocol)
    expect(product.threats.length).toBeGreaterThan(40)
    expect(protocol.threats.length).toBeGreaterThan(10)
    const perElement = new Map<string, number>()
    for (const t of [...product.threats, ...protocol.threats]) perElement.set(t.elementId, (perElement.get(t.elementId) ?? 0) + 1)
    for (const [id, n] of perElement) expect(n, `${id} has ${n} threats`).toBeLessThanOrEqual(20)
  })
})

describe('robustness', () => {
  const examplesDir = new URL('../../examples/', import.meta.url)
  const examples = existsSync(examplesDir) ? readdirSync(examplesDir).filter((f) => /\.ya?ml$/.test(f)) : []
  const realistic = [
    ['varied product model', variedProduct],
    ['varied protocol model', variedProtocol],
    ...examples.map((f) => [`examples/${f}`, readFileSync(new URL(f, examplesDir), 'utf8')] as const),
  ] as const

  it.each(realistic)('no condition fails on %s', (_, yaml) => {
    const { diagnostics } = analyse(yaml)
    expect(diagnostics.filter((d) => d.code === 'rule-failed')).toEqual([])
  })

  it('no condition fails on a model that says almost nothing', () => {
    const bare = model(`
externals: {someone: {}}
processes: {thing: {}, other: {}}
stores: {place: {}}
flows: {a: {from: someone, to: thing}, b: {from: thing, to: place, bidirectional: true}, c: {from: place, to: other}, d: {from: other, to: someone}}
`)
    expect(analyse(bare).diagnostics).toEqual([])
    const bareProtocol = model(`
externals: {someone: {}}
processes: {thing: {}}
flows: {a: {from: someone, to: thing, bidirectional: true}, b: {from: thing, to: someone, order: 2}}
`, 'protocol')
    expect(analyse(bareProtocol).diagnostics).toEqual([])
  })
})
