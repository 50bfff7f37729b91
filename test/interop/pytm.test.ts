/** pytm's JSON (`python3 tm.py --json out.json`): pytm's sample, a file that uses every attribute, and broken files. */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectFormat, importAny, InteropError } from '../../src/interop/index.js'
import { FIXTURES } from '../fixtures.js'
import { conformance, countsOf } from './conformance.js'

const SAMPLE = `${FIXTURES}../benchmarks/pytm/tm.json`
const haveSample = existsSync(SAMPLE)
if (!haveSample) console.warn(`moat tests: no pytm sample at ${SAMPLE}: its import test is skipped`)

/** A pytm controls object: every flag false but the ones given, as pytm writes it. */
const controls = (set: Record<string, boolean | string> = {}) => ({
  authenticatesSource: false, authorizesSource: false, hasAccessControl: false, isEncrypted: false, isEncryptedAtRest: false, isHardened: false,
  sanitizesInput: false, validatesInput: false, encodesOutput: false, implementsCSRFToken: false, implementsNonce: false, providesIntegrity: false,
  usesVPN: false, usesEncryptionAlgorithm: '', authenticationScheme: '', ...set,
})

const element = (cls: string, name: string, fields: Record<string, unknown> = {}, set: Record<string, boolean | string> = {}) =>
  ({ __class__: cls, name, description: '', inBoundary: null, inScope: true, levels: [0], findings: [], overrides: [], assumptions: [], controls: controls(set), ...fields })

const flow = (name: string, source: string, sink: string, fields: Record<string, unknown> = {}, set: Record<string, boolean | string> = {}) =>
  ({ name, source, sink, protocol: '', dstPort: -1, srcPort: -1, data: [], inScope: true, isResponse: false, responseTo: null, response: null, order: -1, note: '', levels: [0], tlsVersion: 'TLSVersion.NONE', findings: [], controls: controls(set), ...fields })

/** Every element class, flow flag and Data attribute pytm writes. */
const EVERY_ATTRIBUTE = {
  name: 'Shop', description: 'Sells things.', assumptions: ['Customers use a current browser'], isOrdered: true, threatsFile: 'pytm/threatlib/threats.json',
  boundaries: [
    { name: 'Internet', inBoundary: null, levels: [0], controls: controls() },
    { name: 'Cloud', inBoundary: null, levels: [0], controls: controls({ usesVPN: true }) },
    { name: 'Private subnet', inBoundary: 'Cloud', levels: [1], controls: controls() },
  ],
  elements: [
    element('Actor', 'Admin', { inBoundary: 'Internet', isAdmin: true }),
    element('ExternalEntity', 'Card reader', { inBoundary: 'Internet', hasPhysicalAccess: true }),
    element('ExternalEntity', 'Payment provider', { inBoundary: 'Internet' }),
    element('Server', 'Web', { inBoundary: 'Cloud', OS: 'Ubuntu', usesSessionTokens: true, usesXMLParser: false, port: 443, protocol: 'HTTPS', maxClassification: 'Classification.SENSITIVE', sourceFiles: ['web/app.py'], assumptions: ['No PHP'] },
      { sanitizesInput: true, validatesInput: true, encodesOutput: true, implementsCSRFToken: true, isHardened: true, hasAccessControl: true, usesStrongSessionIdentifiers: true, handlesResourceConsumption: true, isResilient: true, implementsPOLP: true, usesCodeSigning: true, usesMFA: true, authenticationScheme: 'OIDC' }),
    element('Process', 'Orders API', { inBoundary: 'Private subnet', implementsAPI: true, codeType: 'Managed', environment: 'Production' }, { authenticatesSource: true, usesParameterizedInput: true }),
    element('Process', 'Storefront', { inBoundary: 'Cloud', allowsClientSideScripting: true }),
    element('SetOfProcesses', 'Workers', { inBoundary: 'Private subnet' }),
    element('Lambda', 'Thumbnailer', { inBoundary: 'Cloud', implementsAPI: true, onAWS: true }),
    element('LLM', 'Assistant', { inBoundary: 'Cloud', isThirdParty: true, hasContentFiltering: false }),
    element('Agent', 'Support agent', { inBoundary: 'Cloud', usesExternalTools: true, validatesToolLaunchConfig: true }),
    element('Datastore', 'Orders DB', { inBoundary: 'Private subnet', type: 'DatastoreType.SQL', storesPII: true, isSQL: true }, { isEncryptedAtRest: true }),
    element('Datastore', 'Audit log', { inBoundary: 'Private subnet', type: 'DatastoreType.FILE_SYSTEM', storesLogData: true }),
    element('Datastore', 'Images', { inBoundary: 'Cloud', type: 'DatastoreType.AWS_S3', inScope: false }),
    element('Datastore', 'Directory', { inBoundary: 'Private subnet', type: 'DatastoreType.LDAP' }),
    element('Quantum', 'Oracle', { inBoundary: 'Cloud' }),
  ],
  flows: [
    flow('Login', 'Admin', 'Web', { protocol: 'HTTPS', dstPort: 443, order: 1, response: 'Dashboard', note: 'Signs in.', tlsVersion: 'TLSVersion.TLSv12', data: ['Password'] }),
    flow('Dashboard', 'Web', 'Admin', { protocol: 'HTTPS', order: 2, isResponse: true, responseTo: 'Login' }, { isEncrypted: true }),
    flow('Place order', 'Web', 'Orders API', { protocol: 'gRPC', usesVPN: false }, { authenticatesSource: true, implementsNonce: true, providesIntegrity: true, usesVPN: true, sanitizesInput: true }),
    flow('Save order', 'Orders API', 'Orders DB', { levels: [1], data: ['Order'] }),
    flow('Audit', 'Orders API', 'Audit log', { inScope: false }),
    flow('Lost', 'Orders API', 'Nowhere'),
  ],
  data: [
    { name: 'Password', classification: 'Classification.SECRET', isCredentials: true, isPII: false, credentialsLife: 'Lifetime.HARDCODED', format: 'Text', isStored: false, carriedBy: ['Login'], processedBy: ['Admin', 'Web'] },
    { name: 'Order', description: 'What was bought.', classification: 'Classification.RESTRICTED', isPII: true, isStored: true, isDestEncryptedAtRest: true, carriedBy: ['Save order'], processedBy: ['Orders API', 'Orders DB', 'Workers'] },
    { name: 'Catalogue', classification: 'Classification.PUBLIC', carriedBy: [], processedBy: ['Storefront'] },
  ],
  findings: [{ threat_id: 'INP02', target: 'Orders API', description: 'Overflow Buffers', response: 'Managed code' }],
  excluded_findings: [{ threat_id: 'INP16', target: 'Web', assumption: { name: 'No PHP', exclude: "{'INP16'}", description: 'Python only' } }],
  threatsExcluded: ['DS03'],
}

describe.skipIf(!haveSample)("pytm's sample model", () => {
  it('is detected, imports into a valid model with the sample\'s counts, and says its findings are not imported', () => {
    const { result, model } = conformance(readFileSync(SAMPLE, 'utf8'), 'tm.json')
    expect(result.format).toBe('pytm')
    expect(countsOf(model)).toEqual({ externals: 1, processes: 5, stores: 2, flows: 11, boundaries: 3, threats: 0 })
    expect(Object.keys(model.assets!)).toHaveLength(11)
    expect(Object.keys(model.controls!)).toHaveLength(5)
    expect(Object.keys(model.assumptions!)).toHaveLength(2)
    expect(result.warnings.map((w) => w.message)).toEqual([expect.stringContaining('138 finding(s) of pytm\'s rules (and 1 an assumption excluded) are not imported')])
  })

  it('keeps what pytm states, false included', () => {
    const { model } = conformance(readFileSync(SAMPLE, 'utf8'), 'tm.json')
    expect(model.processes!['web-server']).toMatchObject({ type: 'web-server', boundary: 'aws-vpc', attributes: { pytmClass: 'Server', sanitizesInput: false, OS: 'Ubuntu' } })
    expect(Object.values(model.controls!).filter((c) => c.on.includes('web-server')).map((c) => c.kind).sort()).toEqual(['hardening', 'output-encoding'])
    expect(Object.values(model.flows!).every((f) => f.encrypted === false)).toBe(true)
    expect(model.stores!['sql-database']).toMatchObject({ type: 'database', encrypted: false, data: ['user-id-token'] })
    expect(model.assets!['token-verifying-user-identity']!.classification).toBe('restricted')
    expect(model.flows!['retrieve-comments']!.attributes).toMatchObject({ isResponse: true, responseTo: 'insert-query-with-comments', dstPort: 80 })
    expect(model.diagrams!['level-2']!.elements).toEqual(['server-db', 'user', 'sql-database', 'aws-lambda', 'serverless-function-periodically-cleans-db'])
  })
})

describe('a pytm file with every attribute', () => {
  const { result, model } = conformance(JSON.stringify(EVERY_ATTRIBUTE, null, 2), 'shop.json')
  const warnings = result.warnings.map((w) => w.message)
  const controlsOn = (id: string) => Object.values(model.controls ?? {}).filter((c) => c.on.includes(id)).map((c) => c.kind).sort()

  it('maps each element class to a kind and a role', () => {
    expect(model.externals).toMatchObject({ admin: { type: 'person', attributes: { isAdmin: true } }, 'card-reader': { type: 'device' }, 'payment-provider': { type: 'service' } })
    expect(Object.fromEntries(Object.entries(model.processes!).map(([id, p]) => [id, p.type]))).toEqual({
      web: 'web-server', 'orders-api': 'api', storefront: 'web-app', workers: undefined, thumbnailer: 'api-function', assistant: 'llm', 'support-agent': 'agent', oracle: undefined,
    })
    expect(Object.fromEntries(Object.entries(model.stores!).map(([id, s]) => [id, s.type]))).toEqual({ 'orders-db': 'database', 'audit-log': 'filesystem-log', images: 's3', directory: 'ldap' })
    expect(warnings).toContainEqual(expect.stringContaining('"Oracle" is a pytm Quantum, which moat does not know; it is imported as a process'))
  })

  it('nests boundaries and places elements in them', () => {
    expect(model.boundaries!['private-subnet']!.parent).toBe('cloud')
    expect(model.processes!['orders-api']!.boundary).toBe('private-subnet')
    expect(model.stores!.images!.outOfScope).toBe('Out of scope in the pytm model')
  })

  it('turns the controls pytm says an element has into moat controls, one per kind', () => {
    expect(controlsOn('web')).toEqual(['authorization', 'csrf-protection', 'hardening', 'input-validation', 'least-privilege', 'mfa', 'output-encoding', 'rate-limiting', 'redundancy', 'session-management', 'signing'])
    expect(controlsOn('orders-api')).toEqual(['authentication', 'output-encoding'])
    expect(controlsOn('support-agent')).toEqual(['input-validation'])
    expect(controlsOn('cloud')).toEqual(['network-segmentation'])
    expect(model.stores!['orders-db']).toMatchObject({ encrypted: true, attributes: { storesPII: true, isSQL: true } })
    expect(model.processes!.web!.attributes).toMatchObject({ authenticationScheme: 'OIDC', port: 443, protocol: 'HTTPS', maxClassification: 'SENSITIVE', sourceFiles: 'web/app.py', usesSessionTokens: true, usesXMLParser: false })
    expect(model.processes!.web!.attributes).not.toHaveProperty('sanitizesInput')
  })

  it('keeps a flow\'s stated facts: protocol, encryption, authentication, nonce, integrity, ports, order, responses', () => {
    expect(model.flows!.login).toMatchObject({ from: 'admin', to: 'web', protocol: 'HTTPS', order: 1, description: 'Signs in.', data: ['password'], attributes: { dstPort: 443, tlsVersion: 'TLSv12' } })
    expect(model.flows!.login!.encrypted).toBeUndefined()
    expect(warnings).toContainEqual(expect.stringContaining('dataflow "Login": pytm says isEncrypted is false, but its protocol encrypts; moat follows the protocol'))
    expect(model.flows!.dashboard).toMatchObject({ encrypted: true, attributes: { isResponse: true, responseTo: 'login' } })
    expect(model.flows!.login!.attributes).toMatchObject({ response: 'dashboard' })
    expect(model.flows!['place-order']).toMatchObject({ protocol: 'gRPC', encrypted: false, authenticated: true, nonce: true, signed: true })
    expect(controlsOn('place-order')).toEqual(['encryption-in-transit', 'input-validation'])
    expect(model.flows!.audit!.outOfScope).toBeDefined()
    expect(model.flows).not.toHaveProperty('lost')
    expect(warnings).toContainEqual(expect.stringContaining('dataflow "Lost" goes from "Orders API" to "Nowhere", which are not both elements of the model'))
  })

  it('turns Data into assets with classification and tags, held where pytm says', () => {
    expect(model.assets!.password).toMatchObject({ classification: 'restricted', tags: ['credential', 'hardcoded', 'text'], 'x-pytm': { credentialsLife: 'HARDCODED' } })
    expect(model.assets!.order).toMatchObject({ classification: 'internal', tags: ['pii'], 'x-pytm': { isStored: true, isDestEncryptedAtRest: true } })
    expect(model.stores!['orders-db']!.data).toEqual(['order'])
    expect(model.processes!.workers!.data).toEqual(['order'])
    expect(model.processes!.storefront!.data).toEqual(['catalogue'])
    expect(model.externals!.admin!.data).toBeUndefined()
  })

  it('keeps assumptions, levels as diagrams, and says what pytm decided that moat does not import', () => {
    expect(Object.values(model.assumptions!).map((a) => a.description)).toEqual([
      'Customers use a current browser',
      'Web: No PHP\n\nPython only\n\npytm leaves out INP16 on Web because of it.',
    ])
    expect(Object.keys(model.diagrams!)).toEqual(['dfd', 'level-0', 'level-1'])
    expect(model.diagrams!['level-1']!.elements).toEqual(['private-subnet', 'save-order'])
    expect(warnings).toContainEqual(expect.stringContaining('1 finding(s) of pytm\'s rules (and 1 an assumption excluded) are not imported'))
    expect(warnings).toContainEqual(expect.stringContaining('pytm finding INP02 on "Orders API" has the response "Managed code"'))
    expect(warnings).toContainEqual(expect.stringContaining('pytm was told to skip DS03'))
  })
})

describe('detecting and refusing pytm files', () => {
  it('detects pytm JSON by its element classes or its run options, not Threat Dragon or OTM', () => {
    expect(detectFormat(JSON.stringify({ name: 'x', elements: [{ __class__: 'Server', name: 'a' }], flows: [], boundaries: [] }))).toBe('pytm')
    expect(detectFormat(JSON.stringify({ name: 'x', boundaries: [], flows: [], onDuplicates: 'Action.NO_ACTION' }))).toBe('pytm')
    expect(detectFormat(JSON.stringify({ summary: { title: 'x' }, detail: { diagrams: [] } }))).toBe('td')
  })

  it('refuses a file that is not a pytm model, or not JSON, with a clear error', () => {
    expect(() => importAny('{"name": "x", "findings": []}', { from: 'pytm' })).toThrow(InteropError)
    expect(() => importAny('{"name": "x", "findings": []}', { from: 'pytm' })).toThrow(/not a pytm model: "elements", "flows" and "boundaries" are missing/)
    expect(() => importAny('{"elements": [', { from: 'pytm' })).toThrow(/not valid JSON/)
  })

  it('imports what it can from a file with wrong types everywhere', () => {
    const hostile = { name: 5, elements: [null, 3, { __class__: 'Server' }, { __class__: 'Datastore', name: 'DB', type: 'DatastoreType.GRAPH', controls: 'x', levels: 'a' }], flows: [{ name: 'f', source: 'DB', sink: 'DB' }, 'x'], boundaries: [{}, { name: 'B', inBoundary: 'B' }], data: [{ name: 'D', classification: 'Classification.COSMIC', carriedBy: ['nope'] }] }
    const { model, result } = conformance(JSON.stringify(hostile), 'hostile.json', 'pytm')
    expect(Object.keys(model.stores!)).toEqual(['db'])
    expect(result.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([
      expect.stringContaining('an element without a name'),
      expect.stringContaining('datastore type "GRAPH"'),
      expect.stringContaining('goes from "DB" to itself'),
      expect.stringContaining('boundary "B" is not another boundary'),
      expect.stringContaining('classification "COSMIC"'),
      expect.stringContaining('carried by "nope"'),
    ]))
  })
})
