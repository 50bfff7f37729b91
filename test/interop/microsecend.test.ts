/** microSecEnD DFDs: the dataset's nine applications, a file with every stereotype, and broken files. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat, importAny, InteropError } from '../../src/interop/index.js'
import { EXTERNAL_STEREOTYPES, FLOW_STEREOTYPES, NODE_STEREOTYPES } from '../../src/interop/microsecend/stereotypes.js'
import { BENCHMARKS, haveBenchmarks } from '../fixtures.js'
import { conformance, countsOf } from './conformance.js'

const EVERY = readFileSync(new URL('./microsecend/every-stereotype.json', import.meta.url), 'utf8')

// Counted from the source files: services without and with a store stereotype (database,
// in_memory_data_store, search_engine), external entities, information flows; three boundaries
// (internet, entry points, application) since every application marks an entry point.
const APPS: [string, ReturnType<typeof countsOf>][] = [
  ['anilallewar_microservices-basics-spring-boot', { externals: 2, processes: 9, stores: 1, flows: 29, boundaries: 3, threats: 0 }],
  ['callistaenterprise_blog-microservices', { externals: 2, processes: 14, stores: 1, flows: 42, boundaries: 3, threats: 0 }],
  ['ewolff_microservice', { externals: 1, processes: 6, stores: 0, flows: 12, boundaries: 3, threats: 0 }],
  ['fernandoabcampos_spring-netflix-oss-microservices', { externals: 2, processes: 9, stores: 0, flows: 23, boundaries: 3, threats: 0 }],
  ['jferrater_tap-and-eat-microservices', { externals: 1, processes: 8, stores: 0, flows: 16, boundaries: 3, threats: 0 }],
  ['koushikkothagal_spring-boot-microservices-workshop', { externals: 1, processes: 4, stores: 0, flows: 6, boundaries: 3, threats: 0 }],
  ['mudigal-technologies_microservices-sample', { externals: 1, processes: 11, stores: 3, flows: 33, boundaries: 3, threats: 0 }],
  ['shabbirdwd53_springboot-microservice', { externals: 2, processes: 7, stores: 0, flows: 17, boundaries: 3, threats: 0 }],
  ['sqshq_piggymetrics', { externals: 3, processes: 10, stores: 4, flows: 36, boundaries: 3, threats: 0 }],
]

describe.skipIf(!haveBenchmarks).each(APPS)('microSecEnD %s', (app, counts) => {
  it('is detected, imports into a valid model with the DFD\'s counts', () => {
    const { result, model } = conformance(readFileSync(`${BENCHMARKS}microsecend/${app}/${app}.json`, 'utf8'), `${app}.json`)
    expect(result.format).toBe('microsecend')
    expect(model.system.name).toBe(app)
    expect(countsOf(model)).toEqual(counts)
  })
})

describe.skipIf(!haveBenchmarks)('microSecEnD piggymetrics', () => {
  it('keeps the dataset\'s names, so its verdicts find their elements', () => {
    const { model } = conformance(readFileSync(`${BENCHMARKS}microsecend/sqshq_piggymetrics/sqshq_piggymetrics.json`, 'utf8'), 'sqshq_piggymetrics.json')
    expect(model.processes!.auth_service).toMatchObject({ name: 'auth_service', type: 'identity-provider', technology: 'Spring OAuth2' })
    expect(model.stores!.account_mongodb).toMatchObject({ type: 'database', technology: 'MongoDB', tags: ['plaintext-credentials'] })
    expect(model.flows!['gateway-to-account-service']).toMatchObject({ from: 'gateway', to: 'account_service', protocol: 'HTTP', authenticated: true })
  })
})

describe('a file with every stereotype', () => {
  const { result, model } = conformance(EVERY, 'every-stereotype.json')
  const warnings = result.warnings.map((w) => w.message)

  it('uses every stereotype moat knows', () => {
    const used = new Set(Object.values(JSON.parse(EVERY) as Record<string, { stereotypes: string[] }[]>).flat().flatMap((item) => item.stereotypes))
    for (const word of [...Object.keys(NODE_STEREOTYPES), ...Object.keys(EXTERNAL_STEREOTYPES), ...Object.keys(FLOW_STEREOTYPES)]) expect(used, word).toContain(word)
  })

  it('types services by their roles, in moat\'s role words, with the product as technology', () => {
    expect(model.processes!.gateway).toMatchObject({ type: 'gateway', technology: 'Zuul', boundary: 'entry-points' })
    expect(model.processes!.edge_proxy).toMatchObject({ type: 'reverse-proxy load-balancer', technology: 'Nginx' })
    expect(model.processes!.auth).toMatchObject({ type: 'identity-provider', technology: 'Spring OAuth2', boundary: 'application' })
    expect(model.processes!.registry!.type).toBe('service-registry')
    expect(model.processes!.config!.type).toBe('config-server')
    expect(model.processes!.rabbit!.type).toBe('message-broker')
    expect(model.processes!.logstash!.type).toBe('logging-server')
    expect(model.processes!.turbine!.type).toBe('monitoring-server metrics-aggregator')
    expect(model.processes!.shop).toMatchObject({ type: 'web-app web-server service', technology: 'Angular, Nginx' })
    expect(model.processes!.deployer!.type).toBe('deployment-server')
    expect(model.processes!.mystery!.type).toBe('service')
  })

  it('makes databases, caches and search engines stores; a store\'s other roles are tags', () => {
    expect(Object.keys(model.stores!)).toEqual(['orders_db', 'cache', 'search'])
    expect(model.stores!.orders_db).toMatchObject({ type: 'database', technology: 'MySQL', tags: ['plaintext-credentials'], attributes: { username: 'orders', port: 3306 } })
    expect(model.stores!.cache!.type).toBe('cache')
    expect(model.stores!.search).toMatchObject({ type: 'search-engine', tags: ['monitoring-dashboard'] })
  })

  it('states security features as controls of moat\'s kinds, on the elements and flows that have them', () => {
    const on = (id: string) => model.controls![id]!.on
    expect(model.controls!.authentication).toMatchObject({ kind: 'authentication' })
    expect(on('authentication')).toEqual(['gateway', 'auth'])
    expect(on('authorization')).toEqual(['gateway', 'auth', 'user-to-gateway'])
    expect(on('token-validation')).toEqual(['auth'])
    expect(on('basic-authentication')).toEqual(['auth'])
    expect(on('pre-authorized-endpoints')).toEqual(['auth'])
    expect(model.controls!['circuit-breaker']).toMatchObject({ kind: 'circuit-breaker', on: ['gateway', 'orders', 'gateway-to-orders'] })
    expect(model.controls!['load-balancing']).toMatchObject({ kind: 'redundancy', on: ['gateway', 'gateway-to-orders'] })
    expect(model.controls!['local-logging']).toMatchObject({ kind: 'logging', on: ['shop', 'orders'] })
    expect(model.controls!.encryption!.kind).toBe('encryption-at-rest')
    // A flow to a monitoring dashboard or server makes its sender monitored; a tracing server does not.
    expect(model.controls!.monitoring).toMatchObject({ kind: 'monitoring', on: ['orders'] })
  })

  it('states facts moat has no field for as tags rules can see', () => {
    expect(model.processes!.gateway!.tags).toEqual(['infrastructural', 'entrypoint', 'csrf-disabled'])
    expect(model.processes!.auth!.tags).toEqual(expect.arrayContaining(['token-server', 'basic-authentication', 'in-memory-authentication', 'plaintext-credentials']))
    expect(model.processes!.orders!.tags).toEqual(['internal'])
  })

  it('reads a flow\'s protocol, encryption, authentication and credentials from its stereotypes and tagged values', () => {
    const flow = (id: string) => model.flows![id]!
    expect(flow('user-to-gateway')).toMatchObject({ protocol: 'HTTPS', authenticated: true })
    expect(flow('gateway-to-orders')).toMatchObject({ protocol: 'HTTP', authenticated: true, tags: ['feign-connection'], attributes: { circuitBreaker: 'Hystrix', loadBalancer: 'Ribbon' } })
    expect(flow('orders-db-to-orders')).toMatchObject({ protocol: 'JDBC', data: ['credentials'], tags: ['plaintext-credentials'], attributes: { username: 'root' } })
    expect(flow('orders-to-rabbit')).toMatchObject({ protocol: 'AMQP', tags: ['message-producer'], attributes: { producerExchange: 'orders', routingKey: 'new' } })
    expect(flow('orders-to-kafka')).toMatchObject({ protocol: 'Kafka', tags: ['message-producer', 'messaging'] })
    expect(flow('shop-to-orders')).toMatchObject({ encrypted: true, tags: ['message-producer'] })
    expect(flow('shop-to-orders').protocol).toBeUndefined()
    expect(flow('auth-to-orders')).toMatchObject({ authenticated: true, data: ['credentials'], tags: ['auth-provider', 'plaintext-credentials'] })
    expect(flow('config-to-registry').encrypted).toBe(true)
    expect(flow('registry-to-gateway').encrypted).toBe(false)
    expect(model.assets!.credentials).toMatchObject({ classification: 'confidential', tags: ['credential', 'secret'] })
  })

  it('puts externals on the internet, typed person or service, their kind as tags', () => {
    expect(model.externals!.user).toMatchObject({ type: 'person', boundary: 'internet' })
    expect(model.externals!.github_repository).toMatchObject({ type: 'service', tags: ['github-repository'], attributes: { url: 'https://github.com/example/config' } })
    expect(model.externals!.mail_server).toMatchObject({ tags: ['mail-server', 'plaintext-credentials', 'exitpoint'], attributes: { mailServer: 'Gmail', host: 'smtp.gmail.com', port: 465, username: 'shop' } })
    expect(model.externals!.partner_db!.tags).toEqual(['external-database', 'gateway'])
    expect(model.boundaries).toMatchObject({ internet: { trust: 'untrusted' }, 'entry-points': { trust: 'medium' }, application: { trust: 'high' } })
  })

  it('never copies a password, and says so', () => {
    for (const secret of ['hunter2', 's3cret', '"pw"', '0rd3rs-pass', 'm4il-pass']) expect(JSON.stringify(model)).not.toContain(secret)
    expect(warnings.filter((w) => w.includes('is not copied into the model'))).toHaveLength(5)
  })

  it('keeps what it does not know as a tag and warns; leaves out flows to nowhere, saying why', () => {
    expect(model.processes!.mystery!.tags).toEqual(['quantum-entangler'])
    expect(model.flows!['orders-to-mail-server']!.tags).toEqual(['carrier-pigeon'])
    expect(warnings).toEqual(expect.arrayContaining([
      'stereotype "quantum_entangler" is not one moat knows for a service; it is kept as the tag "quantum-entangler"',
      'stereotype "carrier_pigeon" is not one moat knows for an information flow; it is kept as the tag "carrier-pigeon"',
      'the receiver "ghost" is not a service or external entity of this DFD; the flow is left out',
      'the flow from "orders" to itself is left out (a flow joins two elements)',
    ]))
    expect(Object.keys(model.flows!)).toHaveLength(15)
  })
})

describe('detection and broken files', () => {
  it('detects a DFD by its content, whatever its name', () => {
    expect(detectFormat(EVERY, 'model.json')).toBe('microsecend')
    expect(detectFormat('{"services": [], "external_entities": [], "information_flows": []}')).toBe('microsecend')
  })

  it('says which file to import when given the verdicts or the traceability file', () => {
    const verdicts = '{"rules": {"R01": {"rule_text": "x", "verdict": true, "related_model_items": []}}}'
    expect(() => importAny(verdicts, { fileName: 'app_rules_model_items.json' })).toThrow(/rule-verdicts file .* not a DFD/)
    const traceability = '{"nodes": {"a": {"file": "x", "sub_items": {}}}, "edges": {}}'
    expect(() => importAny(traceability)).toThrow(/traceability file/)
  })

  it('gives the line and column of a JSON syntax error', () => {
    const broken = '{\n  "services": [\n    {"name": "a"},\n  ],\n  "information_flows": []\n}'
    const error = (() => {
      try {
        importAny(broken, { fileName: 'app.json' })
      } catch (cause) {
        return cause as InteropError
      }
    })()
    expect(error).toBeInstanceOf(InteropError)
    expect(error!.message).toBe('not valid JSON: unexpected "]"')
    expect(error!.at).toEqual({ line: 4, column: 3 })
  })

  it('refuses a file without services or flows, naming what a DFD holds', () => {
    expect(() => importAny('{"services": {}, "information_flows": []}', { from: 'microsecend' })).toThrow(/not a microSecEnD DFD/)
  })

  it('imports what it can from wrong types everywhere, warns, and the model validates', () => {
    const hostile = { services: [null, 7, { name: 'a', stereotypes: 'gateway', tagged_values: ['x'] }, { name: 'b', stereotypes: [3, 'internal'], tagged_values: { Port: { deep: 1 } } }, { name: 'a' }], external_entities: 'none', information_flows: [{ sender: 'a', receiver: 'b', stereotypes: ['restful_http'], tagged_values: null }, { sender: 7 }], extra: true }
    const { model, result } = conformance(JSON.stringify(hostile), 'hostile.json', 'microsecend')
    expect(Object.keys(model.processes!)).toEqual(['a', 'b', 'a-2'])
    expect(result.warnings.map((w) => w.message)).toContain('a second element is named "a"; it is imported, but flows naming "a" lead to the first')
    expect(Object.keys(model.flows!)).toEqual(['a-to-b'])
    expect(result.warnings.length).toBeGreaterThanOrEqual(6)
  })
})
