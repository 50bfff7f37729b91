/** What the OTM import keeps: positions inside their zones, component kinds, control kinds, and every field OTM defines. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkModel, rolesOf, type Model } from '../../src/core/index.js'
import { exportOtm } from '../../src/interop/index.js'
import { readComponent } from '../../src/interop/otm/component-types.js'
import { kindOfMitigation } from '../../src/interop/otm/mitigations.js'
import { conformance } from './conformance.js'
import { documentFields, leaves, named, schemaFields, section } from './schema-fields.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'

type Box = { x: number; y: number; width?: number; height?: number }
const read = (path: string) => readFileSync(FIXTURES + path, 'utf8')
const everyField = readFileSync(new URL('./every-field/every-field.otm.json', import.meta.url), 'utf8')
const docs = readFileSync(new URL('../../docs/interop.md', import.meta.url), 'utf8')

const within = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width! <= outer.x + outer.width! && inner.y + inner.height! <= outer.y + outer.height!

/** Each element inside its boundary's box and each boundary inside its parent's, wherever both are drawn. */
function nestingAsDrawn(model: Model): { checked: number; outside: string[] } {
  const outside: string[] = []
  let checked = 0
  for (const diagram of Object.values(model.diagrams ?? {})) {
    const layout = (diagram.layout ?? {}) as Record<string, Box>
    const holder = (id: string) => model.boundaries?.[id]?.parent ?? model.externals?.[id]?.boundary ?? model.processes?.[id]?.boundary ?? model.stores?.[id]?.boundary
    for (const [id, box] of Object.entries(layout)) {
      const parent = holder(id)
      if (!parent || !layout[parent]) continue
      checked++
      if (!within(box, layout[parent]!)) outside.push(`${id} in ${parent}`)
    }
  }
  return { checked, outside }
}

describe('OTM positions are relative to the parent', () => {
  it.skipIf(!haveFixtures)('puts every element of a converted Threat Modeling Tool model inside its trust zone', () => {
    const { model } = conformance(read('otm/mobile-cloud.otm.json'), 'mobile-cloud.otm.json')
    expect(nestingAsDrawn(model)).toEqual({ checked: 4, outside: [] })
    // The zone is at (744, 142); the API at (21, 101) inside it.
    expect(model.diagrams!['mtmt_project_id-diagram']!.layout!['public-api-v2']).toEqual({ x: 765, y: 243, width: 100, height: 100 })
  })

  it('composes positions through zones, networks and subnets', () => {
    const { model } = conformance(everyField, 'every-field.otm.json')
    expect(nestingAsDrawn(model)).toEqual({ checked: 6, outside: [] })
    // cloud (300, 20) + vpc (20, 40) + subnet (20, 300) + api (40, 60)
    expect(model.diagrams!.deployment!.layout!['payment-api']).toMatchObject({ x: 380, y: 420 })
  })

  it('reads a file with absolute positions as absolute, and says so', () => {
    const absolute = JSON.stringify({
      otmVersion: '0.2.0', project: { name: 'Old export', id: 'old' },
      representations: [{ id: 'd', name: 'D', type: 'diagram' }],
      trustZones: [{ id: 'z', name: 'Zone', risk: { trustRating: 50 }, representations: [{ representation: 'd', id: 'zs', position: { x: 500, y: 500 }, size: { width: 300, height: 300 } }] }],
      components: [{ id: 'app', name: 'App', type: 'web-service', parent: { trustZone: 'z' }, representations: [{ representation: 'd', id: 'as', position: { x: 550, y: 550 }, size: { width: 100, height: 50 } }] }],
    })
    const { model, result } = conformance(absolute, 'old.otm.json')
    expect(model.diagrams!.d!.layout!.app).toMatchObject({ x: 550, y: 550 })
    expect(result.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining('gives absolute positions'))
  })

  it('is how the export writes them, so positions survive a round trip', () => {
    const { model } = checkModel(`moat: 1
system: {name: Nested}
boundaries:
  cloud: {trust: medium}
  subnet: {parent: cloud}
processes:
  api: {boundary: subnet}
  worker: {boundary: cloud}
flows:
  jobs: {from: api, to: worker}
diagrams:
  main:
    layout:
      cloud: {x: 100, y: 100, width: 600, height: 400}
      subnet: {x: 150, y: 150, width: 300, height: 200}
      api: {x: 200, y: 200, width: 100, height: 60}
      worker: {x: 500, y: 200, width: 100, height: 60}
`)
    const otm = JSON.parse(exportOtm(model!).text)
    const api = otm.components.find((c: { id: string }) => c.id === 'api')
    expect(api.representations[0].position).toEqual({ x: 50, y: 50 })
    const back = conformance(exportOtm(model!).text, 'nested.otm.json', 'otm').model
    expect(back.diagrams!['moat-diagram-main']!.layout).toEqual(model!.diagrams!.main!.layout)
  })
})

describe('OTM component types', () => {
  // Types and resource tags as StartLeft's CloudFormation, Terraform, Visio, draw.io and Threat Modeling Tool mappings write them.
  it.each([
    ['rds', [], 'stores', 'database'],
    ['CD-AURORA', [], 'stores', 'database'],
    ['CD-MICROSOFT-AZURE-DB-POSTGRESQL', [], 'stores', 'database'],
    ['other-sql-database', [], 'stores', 'database'],
    ['dynamodb', [], 'stores', 'nosql'],
    ['documentdb', [], 'stores', 'nosql'],
    ['other-nosql-key-value-store', [], 'stores', 'nosql'],
    ['elasticache', [], 'stores', 'cache'],
    ['redshift', [], 'stores', 'warehouse'],
    ['s3', [], 'stores', 'object-storage'],
    ['azure-storage', [], 'stores', 'object-storage'],
    ['glacier', [], 'stores', 'backup'],
    ['elastic-file-system', [], 'stores', 'files'],
    ['sqs-simple-queue-service', [], 'stores', 'queue'],
    ['sns', [], 'stores', 'queue'],
    ['kinesis-data-streams', [], 'stores', 'queue'],
    ['CD-SECRETS-MANAGER', [], 'stores', 'secrets'],
    ['kms', [], 'stores', 'secrets'],
    ['cloudtrail', [], 'stores', 'log'],
    ['cloudwatch', [], 'stores', 'log'],
    ['elastic-container-registry', [], 'stores', 'registry'],
    ['vpc', [], 'boundaries', undefined],
    ['empty-component', ['AWS::EC2::Subnet'], 'boundaries', undefined],
    ['empty-component', ['aws_subnet'], 'boundaries', undefined],
    ['empty-component', ['AWS::EC2::SecurityGroup'], 'boundaries', undefined],
    ['empty-component', ['AWS::EC2::VPCEndpoint'], 'processes', undefined],
    ['empty-component', ['AWS::EC2::InternetGateway'], 'processes', 'gateway'],
    ['web-client', [], 'externals', undefined],
    ['android-device-client', [], 'externals', undefined],
    ['web-service', [], 'processes', 'api'],
    ['web-application-server-side', [], 'processes', 'web'],
    ['aws-lambda-function', [], 'processes', 'function'],
    ['load-balancer', [], 'processes', 'load-balancer'],
    ['api-gateway', [], 'processes', 'gateway'],
    ['cognito', [], 'processes', 'identity-provider'],
    ['elastic-container-kubernetes', [], 'processes', 'kubernetes'],
    ['user-service', [], undefined, undefined],
  ] as const)('%s %j is read as %s with role %s', (type, tags, kind, role) => {
    const reading = readComponent(type, tags)
    expect(reading?.kind).toBe(kind)
    if (role) expect(rolesOf(reading!.type!)).toContain(role)
  })

  it('a subnet named on a placeholder shape (Visio, draw.io) is a boundary; a placeholder named "Checkout" is not', () => {
    expect(readComponent('empty-component', [], 'Private Subnet 1')?.kind).toBe('boundaries')
    expect(readComponent('empty-component', [], 'Checkout')).toBeUndefined()
    expect(readComponent('web-service', [], 'Private Subnet')?.kind).toBe('processes')
  })

  // Shaped like StartLeft's CloudFormation output: networks nest components, and security-group
  // rules become dataflows from the VPC.
  const cloudFormation = JSON.stringify({
    otmVersion: '0.1.0', project: { name: 'Fargate service', id: 'fargate' },
    trustZones: [{ id: 'cloud', name: 'Public Cloud', risk: { trustRating: 10 } }],
    components: [
      { id: 'vpc', name: 'CustomVPC', type: 'vpc', parent: { trustZone: 'cloud' }, tags: ['AWS::EC2::VPC'] },
      { id: 'private-1', name: 'PrivateSubnet1', type: 'empty-component', parent: { component: 'vpc' }, tags: ['AWS::EC2::Subnet'] },
      { id: 'service', name: 'Service', type: 'elastic-container-service', parent: { component: 'private-1' }, tags: ['AWS::ECS::Service'] },
      { id: 'task', name: 'ServiceTaskDefinition', type: 'docker-container', parent: { component: 'service' }, tags: ['AWS::ECS::TaskDefinition'] },
      { id: 'orders', name: 'Orders', type: 'rds', parent: { component: 'private-1' }, tags: ['AWS::RDS::DBInstance'] },
    ],
    dataflows: [
      { id: 'save', name: 'Service -> Orders', source: 'service', destination: 'orders' },
      { id: 'sg', name: 'VPCssmSecurityGroup -> Service', source: 'vpc', destination: 'service' },
    ],
  })

  it('makes networks boundaries, nested as the source nests them, and stores of managed databases', () => {
    const { model, result } = conformance(cloudFormation, 'fargate.otm.json')
    expect(model.boundaries).toMatchObject({ vpc: { type: 'network', parent: 'cloud' }, 'private-1': { type: 'subnet', parent: 'vpc' } })
    // A network is rated by the trust zone it sits in, not made more trusted than it.
    expect([model.boundaries!.vpc!.trust, model.boundaries!['private-1']!.trust]).toEqual(['untrusted', 'untrusted'])
    expect(model.processes).toMatchObject({ service: { type: 'container-platform', boundary: 'private-1' }, task: { type: 'container', boundary: 'private-1' } })
    expect(model.stores!.orders).toMatchObject({ type: 'database', technology: 'rds', boundary: 'private-1' })
    expect(Object.keys(model.flows!)).toEqual(['save'])
    const messages = result.warnings.map((w) => w.message)
    expect(messages).toContainEqual(expect.stringMatching(/"VPCssmSecurityGroup -> Service" ends at "CustomVPC", which moat reads as a boundary/))
    expect(messages).toContainEqual(expect.stringMatching(/"ServiceTaskDefinition" sits inside component "Service"; moat does not nest elements/))
  })

  it.skipIf(!haveFixtures)('reads the Azure database and storage of a converted model as stores', () => {
    const { model } = conformance(read('otm/mobile-cloud.otm.json'), 'mobile-cloud.otm.json')
    expect(model.stores).toMatchObject({ 'accounting-postgresql': { type: 'database', technology: 'CD-MICROSOFT-AZURE-DB-POSTGRESQL' }, 'azure-file-storage': { type: 'object-storage' } })
    expect(model.externals!['mobile-client']).toMatchObject({ type: 'device' })
  })
})

describe('OTM mitigations become controls only where their kind is stated', () => {
  it.each([
    ['an attribute', { name: 'Edge limits', attributes: { kind: 'rate-limiting' } }, [], { kind: 'rate-limiting', from: 'attributes' }],
    ['moat\'s own export', { name: 'TLS', attributes: { moatKind: 'encryption-in-transit' } }, [], { kind: 'encryption-in-transit', from: 'attributes' }],
    ['a name that is a kind', { name: 'Input validation' }, [], { kind: 'input-validation', from: 'name' }],
    ['the one category it answers', { name: 'Use the SDK' }, ['repudiation'], { kind: 'logging', from: 'categories' }],
    ['never the words of its description', { name: 'Harden it', description: 'Refer: <a href="https://aka.ms/tls">https://aka.ms/tls</a>' }, ['tampering'], {}],
    ['nor categories answered by many kinds', { name: 'Check it' }, ['spoofing', 'tampering'], {}],
  ] as const)('from %s', (_, mitigation, categories, expected) => {
    expect(kindOfMitigation(mitigation, categories)).toEqual(expected)
  })

  it.skipIf(!haveFixtures)('keeps the Threat Modeling Tool\'s mitigations as text where nothing says their kind', () => {
    const { model, result } = conformance(read('otm/mobile-cloud.otm.json'), 'mobile-cloud.otm.json')
    const controls = Object.values(model.controls ?? {})
    // Only spoofing, repudiation and elevation-of-privilege threats say what answers them.
    expect(new Set(controls.map((c) => c.kind))).toEqual(new Set(['authentication', 'authorization', 'logging']))
    for (const c of controls) expect(result.warnings.map((w) => w.message)).toContainEqual(expect.stringContaining(`mitigation "${c.name}": its kind "${c.kind}" comes from the category`))
    const https = Object.values(model.threats!).find((t) => t.mitigations?.some((m) => m.startsWith('Force all traffic to Web APIs over HTTPS')))!
    expect(https.controls ?? []).toEqual([])
    expect((https as Record<string, unknown>)['x-otm']).toMatchObject({ mitigations: [{ state: 'RECOMMENDED', riskReduction: 100 }] })
  })
})

describe('every field of OTM 0.2.0 is mapped, kept or warned', () => {
  const { result, model } = conformance(everyField, 'every-field.otm.json')
  const m = result.model as Record<string, any>
  const messages = result.warnings.map((w) => w.message)
  const layout = m.diagrams.deployment.layout
  type Fate = ['mapped' | 'kept', () => unknown]
  const mapped = (check: () => unknown): Fate => ['mapped', check]
  const kept = (check: () => unknown): Fate => ['kept', check]
  const drawing = (owner: string): Record<string, Fate> => ({
    representation: mapped(() => layout[owner]),
    name: mapped(() => layout[owner]),
    id: mapped(() => layout[owner]),
    'position.x': mapped(() => layout[owner].x > 0),
    'position.y': mapped(() => layout[owner].y > 0),
    'size.width': mapped(() => layout[owner].width > 0),
    'size.height': mapped(() => layout[owner].height > 0),
  })
  const prefixed = (prefix: string, fates: Record<string, Fate>) => Object.fromEntries(Object.entries(fates).map(([k, v]) => [`${prefix}.${k}`, v]))
  const code = (entry: any) => entry['x-otm'].representations.find((r: any) => r.representation === 'source-code')

  const FIELDS: Record<string, Fate> = {
    otmVersion: mapped(() => result.format === 'otm'),
    'project.name': mapped(() => m.system.name === 'Card payments'),
    'project.id': kept(() => m.system['x-otm'].id === 'card-payments'),
    'project.description': mapped(() => m.system.description),
    'project.owner': mapped(() => m.system.owners[0].startsWith('Ada Lovelace')),
    'project.ownerContact': mapped(() => m.system.owners[0].includes('ada@example.com')),
    'project.tags': kept(() => m.system['x-otm'].tags[0] === 'pci-scope'),
    'project.attributes': kept(() => m.system['x-otm'].attributes.cmdbId),
    'representations[].name': mapped(() => m.diagrams.deployment.name === 'Deployment' && m.system['x-otm'].code[0].name === 'Source code'),
    'representations[].id': mapped(() => m.diagrams.deployment),
    'representations[].type': mapped(() => !m.diagrams['source-code']),
    'representations[].description': mapped(() => m.diagrams.deployment.description && m.system['x-otm'].code[0].description),
    'representations[].size.width': kept(() => m.diagrams.deployment['x-otm'].size.width === 1200),
    'representations[].size.height': kept(() => m.diagrams.deployment['x-otm'].size.height === 800),
    'representations[].repository.url': mapped(() => m.system.links[0] === 'https://git.example.com/payments'),
    'representations[].attributes': kept(() => m.diagrams.deployment['x-otm'].attributes.theme && m.system['x-otm'].code[0].attributes.branch),
    'assets[].name': mapped(() => m.assets['card-numbers'].name === 'Card numbers'),
    'assets[].id': mapped(() => m.assets['card-numbers']),
    'assets[].description': mapped(() => m.assets['card-numbers'].description.startsWith('Primary account numbers')),
    'assets[].risk.confidentiality': mapped(() => m.assets['card-numbers'].confidentiality === 'high'),
    'assets[].risk.integrity': mapped(() => m.assets['card-numbers'].integrity === 'medium'),
    'assets[].risk.availability': mapped(() => m.assets['card-numbers'].availability === 'low'),
    'assets[].risk.comment': mapped(() => m.assets['card-numbers'].description.endsWith('In PCI DSS scope')),
    'assets[].attributes': kept(() => m.assets['card-numbers']['x-otm'].attributes.retentionDays === 30),
    'trustZones[].id': mapped(() => m.boundaries.internet),
    'trustZones[].name': mapped(() => m.boundaries.internet.name === 'Internet'),
    'trustZones[].type': mapped(() => m.boundaries.cloud.type === 'cloud-account'),
    'trustZones[].description': mapped(() => m.boundaries.internet.description === 'Anyone'),
    'trustZones[].risk.trustRating': mapped(() => m.boundaries.internet.trust === 'untrusted' && m.boundaries['data-tier'].trust === 'full'),
    'trustZones[].parent.trustZone': mapped(() => m.boundaries['partner-zone'].parent === 'internet'),
    'trustZones[].parent.component': mapped(() => m.boundaries['data-tier'].parent === 'vpc'),
    ...prefixed('trustZones[].representations[]', drawing('internet')),
    'trustZones[].representations[].file': kept(() => code(m.boundaries.cloud).file === 'infra/account.tf'),
    'trustZones[].representations[].line': kept(() => code(m.boundaries.cloud).line === 3),
    'trustZones[].representations[].codeSnippet': kept(() => code(m.boundaries.cloud).codeSnippet),
    'trustZones[].representations[].attributes': kept(() => m.boundaries.internet['x-otm'].representations[0].attributes.colour === 'red'),
    'trustZones[].attributes': mapped(() => m.boundaries.internet.attributes.region === 'global'),
    'components[].id': mapped(() => m.processes['payment-api']),
    'components[].name': mapped(() => m.processes['payment-api'].name === 'Payment API'),
    'components[].type': mapped(() => m.processes['payment-api'].type === 'api' && m.processes['payment-api'].technology === 'web-service' && m.boundaries.vpc.type === 'network'),
    'components[].description': mapped(() => m.processes['payment-api'].description === 'Charges cards'),
    'components[].parent.trustZone': mapped(() => m.externals.shopper.boundary === 'internet'),
    'components[].parent.component': mapped(() => m.processes['payment-api'].boundary === 'app-subnet' && m.boundaries['app-subnet'].parent === 'vpc'),
    ...prefixed('components[].representations[]', drawing('payment-api')),
    'components[].representations[].file': kept(() => code(m.processes['payment-api']).file === 'src/charge.ts'),
    'components[].representations[].line': kept(() => code(m.processes['payment-api']).line === 42),
    'components[].representations[].codeSnippet': kept(() => code(m.processes['payment-api']).codeSnippet),
    'components[].representations[].attributes': kept(() => code(m.processes['payment-api']).attributes.language === 'typescript'),
    'components[].assets.processed': mapped(() => m.processes['payment-api'].data[0] === 'card-numbers'),
    'components[].assets.stored': mapped(() => m.stores['card-store'].data[0] === 'card-numbers'),
    'components[].threats[].threat': mapped(() => m.threats['card-skimming'].on.includes('payment-api')),
    'components[].threats[].state': mapped(() => m.threats['card-skimming'].response === 'mitigate' && m.threats['card-skimming'].status === 'done'),
    'components[].threats[].mitigations[].mitigation': mapped(() => m.threats['card-skimming'].controls[0] === 'tls'),
    'components[].threats[].mitigations[].state': mapped(() => m.controls.tls.status === 'implemented' && m.threats['card-skimming']['x-otm'].mitigations[0].state === 'required'),
    'components[].tags': mapped(() => m.processes['payment-api'].tags[0] === 'node'),
    'components[].attributes': mapped(() => m.processes['payment-api'].attributes.runtime === 'node-20' && m.processes['payment-api']['x-otm'].attributes.limits.cpu === 2),
    'dataflows[].id': mapped(() => m.flows.checkout),
    'dataflows[].name': mapped(() => m.flows.checkout.name === 'Checkout'),
    'dataflows[].description': mapped(() => m.flows.checkout.description),
    'dataflows[].bidirectional': mapped(() => m.flows.checkout.bidirectional === true),
    'dataflows[].source': mapped(() => m.flows.checkout.from === 'shopper'),
    'dataflows[].destination': mapped(() => m.flows.checkout.to === 'payment-api'),
    'dataflows[].assets': mapped(() => m.flows.checkout.data[0] === 'card-numbers'),
    'dataflows[].threats[].threat': mapped(() => m.threats['card-skimming'].on.includes('checkout')),
    'dataflows[].threats[].state': mapped(() => m.threats['card-skimming'].response === 'mitigate'),
    'dataflows[].threats[].mitigations[].mitigation': mapped(() => m.controls.tls.on.includes('checkout')),
    'dataflows[].threats[].mitigations[].state': mapped(() => m.controls.tls.status === 'implemented'),
    'dataflows[].tags': mapped(() => m.flows.checkout.tags[0] === 'public'),
    'dataflows[].attributes': mapped(() => m.flows.checkout.protocol === 'HTTPS' && m.flows.checkout.encrypted === true && m.flows.checkout.authenticated === false && m.flows.checkout.attributes.port === 443),
    'threats[].id': mapped(() => m.threats['card-skimming']),
    'threats[].name': mapped(() => m.threats['card-skimming'].title === 'Card numbers are read on the way'),
    'threats[].description': mapped(() => m.threats['card-skimming'].description.startsWith('Someone on the network path')),
    'threats[].categories': mapped(() => m.threats['card-skimming'].category === 'information-disclosure'),
    'threats[].cwes': mapped(() => m.threats['card-skimming'].references[0] === 'CWE-319'),
    'threats[].risk.likelihood': mapped(() => m.threats['card-skimming'].likelihood === 'likely'),
    'threats[].risk.likelihoodComment': mapped(() => m.threats['card-skimming'].description.includes('Likelihood: Public Wi-Fi is common')),
    'threats[].risk.impact': mapped(() => m.threats['card-skimming'].impact === 'very-high'),
    'threats[].risk.impactComment': mapped(() => m.threats['card-skimming'].description.includes('Impact: A PCI breach')),
    'threats[].tags': kept(() => m.threats['card-skimming']['x-otm'].tags[0] === 'pci'),
    'threats[].attributes': kept(() => m.threats['card-skimming']['x-otm'].attributes.source === 'pentest-2024'),
    'mitigations[].id': mapped(() => m.controls.tls),
    'mitigations[].name': mapped(() => m.controls.tls.name === 'TLS 1.3 on every public endpoint' && m.threats['card-skimming'].mitigations[0].startsWith('Truncate card numbers')),
    'mitigations[].description': mapped(() => m.controls.tls.description.startsWith('See https://') && m.threats['card-skimming'].mitigations[0].endsWith('leave the vault.')),
    'mitigations[].riskReduction': kept(() => m.controls.tls['x-otm'].riskReduction === 80 && m.threats['card-skimming']['x-otm'].mitigations[0].riskReduction === 40),
    'mitigations[].attributes': mapped(() => m.controls.tls.kind === 'encryption-in-transit' && m.controls.tls['x-otm'].attributes.ticket === 'SEC-12'),
  }
  const schema = JSON.parse(haveFixtures ? read('otm/otm_schema.json') : '{}')
  const fields = haveFixtures ? leaves(schemaFields(schema)) : Object.keys(FIELDS)

  it.skipIf(!haveFixtures)('the file holds every field the OTM 0.2.0 schema defines, and the table names each', () => {
    const present = documentFields(JSON.parse(everyField))
    expect(fields.filter((f) => !present.has(f))).toEqual([])
    expect(Object.keys(FIELDS).sort()).toEqual([...fields].sort())
  })

  it.each(Object.entries(FIELDS).map(([field, [fate, check]]) => [field, fate, check] as const))('%s is %s', (_, __, check) => {
    expect(check()).toBeTruthy()
  })

  it('the model validates, and the one loss (a mitigation without a kind is no control) is warned', () => {
    expect(model.system.name).toBe('Card payments')
    expect(messages).toEqual([expect.stringContaining('mitigation "Truncate card numbers" states no control kind')])
  })

  it('docs/interop.md lists each field in the OTM table', () => {
    const otm = section(docs, 'Open Threat Model')
    expect(Object.keys(FIELDS).filter((f) => !named(otm, f))).toEqual([])
  })
})
