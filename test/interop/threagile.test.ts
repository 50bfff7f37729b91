/**
 * The Threagile importer: every field of the format is mapped, kept under x-threagile, or named in
 * a warning, and docs/interop.md lists it; Threagile's own example keeps the facts rules and
 * pictures depend on (trust, the direction of read-only links, types, human clients, encryption).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { FIELDS, type Level } from '../../src/interop/threagile/fields.js'
import { importAny } from '../../src/interop/index.js'
import { conformance } from './conformance.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'

// Imported models are plain data; the checks below read them freely.
type Entry = Record<string, any>
const every = readFileSync(new URL('./threagile-every-field.yaml', import.meta.url), 'utf8')
const { result } = conformance(every, 'every-field.yaml')
const m = result.model as Entry
const x = m['x-threagile'] as Entry
const warned = (pattern: RegExp) => result.warnings.some((w) => pattern.test(w.message))
const flows = m.flows as Entry

/** For each field Threagile defines: where it went (mapped, kept or warned), as a fact about the import of the file above. */
const WHERE: { [L in Level]: Record<(typeof FIELDS)[L][number], () => unknown> } = {
  model: {
    threagile_version: () => x.threagile_version === '1.0.0',
    includes: () => warned(/includes 1 other file/) && x.includes[0] === 'more-assets.yaml',
    title: () => m.system.name === 'Every Field',
    author: () => m.system.owners[0] === 'Ada Author',
    contributors: () => m.system.owners[1] === 'Cy Contributor',
    date: () => x.date === '2024-05-01',
    application_description: () => m.system.description.includes('An application with every field.'),
    business_overview: () => m.system.description.includes('Business side.'),
    technical_overview: () => m.system.description.includes('Technical side.'),
    business_criticality: () => x.business_criticality === 'critical',
    management_summary_comment: () => x.management_summary_comment === 'A summary for managers.',
    security_requirements: () => warned(/security requirement/) && x.security_requirements['Input Validation'],
    questions: () => m.assumptions['who-patches-the-hosts'].description === 'Who patches the hosts? The platform team.',
    abuse_cases: () => warned(/abuse case/) && x.abuse_cases['Data Theft'],
    tags_available: () => x.tags_available.includes('vmware'),
    data_assets: () => m.assets.orders && m.assets.catalog,
    technical_assets: () => m.externals.shopper && m.processes.shop && m.stores['shop-db'],
    trust_boundaries: () => m.boundaries.cloud && m.boundaries['data-zone'],
    shared_runtimes: () => warned(/shared runtime/) && x.shared_runtimes.cluster,
    individual_risk_categories: () => m.threats['price-manipulation-at-shop'].category === 'tampering',
    custom_risk_categories: () => m.threats['coupon-abuse-at-shop'].category === 'elevation-of-privilege',
    risk_tracking: () => m.threats['coupon-abuse-at-shop'].response === 'accept' && x.risk_tracking['sql-nosql-injection@shop@shop-db@shop>catalog-reads'] && warned(/risk tracking "sql-nosql-injection/),
    diagram_tweak_nodesep: () => warned(/10 diagram_tweak_\* field/),
    diagram_tweak_ranksep: () => warned(/diagram_tweak/),
    diagram_tweak_edge_layout: () => warned(/diagram_tweak/),
    diagram_tweak_suppress_edge_labels: () => warned(/diagram_tweak/),
    diagram_tweak_layout_left_to_right: () => warned(/diagram_tweak/),
    diagram_tweak_invisible_connections_between_assets: () => warned(/diagram_tweak/),
    diagram_tweak_same_rank_assets: () => warned(/diagram_tweak/),
  },
  author: {
    name: () => m.system.owners.includes('Ada Author'),
    contact: () => x.author.contact === 'ada@example.com' && x.contributors[0].contact === 'cy@example.com',
    homepage: () => x.author.homepage === 'www.example.com',
  },
  overview: {
    description: () => m.system.description.includes('Technical side.'),
    images: () => x.images.application_description[0]['app.png'] && x.images.business_overview && x.images.technical_overview,
  },
  dataAsset: {
    id: () => m.assets.orders.name === 'Orders',
    description: () => m.assets.orders.description.startsWith('Orders of customers.'),
    usage: () => m.assets.orders['x-threagile'].usage === 'business',
    tags: () => m.assets.orders.tags[0] === 'linux',
    origin: () => m.assets.orders['x-threagile'].origin === 'Customers',
    owner: () => m.assets.orders.owner === 'Sales',
    quantity: () => m.assets.orders['x-threagile'].quantity === 'very-many',
    confidentiality: () => m.assets.orders.classification === 'restricted' && m.assets.catalog.classification === 'internal' && m.assets.orders['x-threagile'].confidentiality,
    integrity: () => m.assets.orders.integrity === 'high' && m.assets.catalog.integrity === 'low',
    availability: () => m.assets.orders.availability === 'medium' && m.assets.catalog.availability === 'medium',
    justification_cia_rating: () => m.assets.orders.description.endsWith('Orders hold personal data.'),
  },
  technicalAsset: {
    id: () => m.processes.shop.name === 'Shop',
    description: () => m.processes.shop.description.startsWith('The shop.'),
    type: () => m.externals.shopper && m.stores['shop-db'],
    usage: () => m.processes.shop.attributes.usage === 'business',
    used_as_client_by_human: () => m.externals.shopper.type === 'person' && m.externals.shopper.attributes.used_as_client_by_human === true,
    out_of_scope: () => m.externals.shopper.outOfScope && !m.processes.shop.outOfScope,
    justification_out_of_scope: () => m.externals.shopper.outOfScope === 'Owned by the shopper.',
    size: () => m.processes.shop.attributes.size === 'application',
    technology: () => m.stores['shop-db'].type === 'database' && m.externals.shopper.attributes.technology === 'browser',
    technologies: () => m.processes.shop.technology === 'web-application, application-server' && m.processes.shop.type === 'web-app',
    tags: () => m.processes.shop.tags[0] === 'linux',
    internet: () => m.externals.shopper.boundary === 'internet' && m.processes.shop.attributes.internet === true,
    machine: () => m.processes.shop.attributes.machine === 'container',
    encryption: () => m.stores['shop-db'].encrypted === true && Object.values(m.controls as Record<string, Entry>).some((c) => c.kind === 'encryption-at-rest' && c.on.includes('shop')),
    owner: () => m.processes.shop.attributes.owner === 'Shop team',
    confidentiality: () => m.processes.shop.attributes.confidentiality === 'high' && m.processes.shop['x-threagile'].confidentiality === 'confidential',
    integrity: () => m.processes.shop.attributes.integrity === 'high',
    availability: () => m.processes.shop.attributes.availability === 'high',
    justification_cia_rating: () => m.processes.shop.description.endsWith('The shop takes the orders.'),
    multi_tenant: () => m.processes.shop.attributes.multi_tenant === true,
    redundant: () => m.controls.redundancy.on.includes('shop'),
    custom_developed_parts: () => m.processes.shop.attributes.custom_developed_parts === true,
    data_assets_processed: () => m.processes.shop.data.includes('orders'),
    data_assets_stored: () => m.processes.shop.data.includes('catalog'),
    data_formats_accepted: () => m.processes.shop.attributes.accepts_json === true && m.processes.shop.attributes.accepts_file === true,
    diagram_tweak_order: () => warned(/diagram_tweak/),
    communication_links: () => flows.shopping,
  },
  communicationLink: {
    target: () => flows.shopping.to === 'shop',
    description: () => flows.shopping.description === 'The shopper shops.',
    protocol: () => flows.shopping.protocol === 'https' && flows.shopping.encrypted === true && flows['catalog-reads'].encrypted === true,
    authentication: () => flows.shopping.authenticated === true && flows.shopping.attributes.authentication === 'two-factor' && m.controls['two-factor-authentication'].kind === 'mfa',
    authorization: () => flows.shopping.attributes.authorization === 'end-user-identity-propagation',
    tags: () => flows.shopping.tags[0] === 'linux',
    vpn: () => m.controls.vpn.on.includes('shopping') && flows.shopping.attributes.vpn === true,
    ip_filtered: () => m.controls['ip-filtering'].kind === 'network-segmentation' && flows.shopping.attributes.ip_filtered === true,
    readonly: () => flows['catalog-reads'].from === 'shop-db' && flows['catalog-reads'].attributes.initiator === 'shop' && flows['catalog-reads-request'].attributes.readonly === true,
    usage: () => flows.shopping.attributes.usage === 'business',
    data_assets_sent: () => flows.shopping.data[0] === 'orders' && flows['catalog-reads-request'].data[0] === 'orders',
    data_assets_received: () => flows['shopping-response'].from === 'shop' && flows['shopping-response'].data[0] === 'catalog' && flows['shopping-response'].attributes.initiator === 'shopper',
    diagram_tweak_weight: () => warned(/diagram_tweak/),
    diagram_tweak_constraint: () => warned(/diagram_tweak/),
  },
  trustBoundary: {
    id: () => m.boundaries.cloud.name === 'Cloud',
    description: () => m.boundaries.cloud.description === 'The cloud account.',
    type: () => m.boundaries.cloud.type === 'cloud-account' && m.boundaries['data-zone'].type === 'execution-environment',
    tags: () => m.boundaries.cloud.tags[0] === 'linux',
    technical_assets_inside: () => m.processes.shop.boundary === 'cloud',
    trust_boundaries_nested: () => m.boundaries['data-zone'].parent === 'cloud',
    is_template: () => m.boundaries['data-zone']['x-threagile'].is_template === true,
  },
  sharedRuntime: {
    id: () => x.shared_runtimes.cluster,
    description: () => x.shared_runtimes.cluster.description === 'One Kubernetes cluster.',
    tags: () => x.shared_runtimes.cluster.tags[0] === 'vmware',
    technical_assets_running: () => m.processes.shop.attributes.shared_runtime === 'cluster' && m.stores['shop-db'].attributes.shared_runtime === 'cluster',
    is_template: () => x.shared_runtimes.cluster.is_template === true,
  },
  riskCategory: {
    id: () => m.threats['price-manipulation-at-shop']['x-threagile'].category === 'price-manipulation',
    title: () => m.threats['coupon-abuse-at-shop']['x-threagile'].category_title === 'Coupon Abuse' && m.threats['price-manipulation-at-shop']['x-threagile'].category_title === 'Price Manipulation',
    description: () => m.threats['price-manipulation-at-shop'].description.startsWith('Prices can be changed.'),
    impact: () => m.threats['price-manipulation-at-shop'].description.endsWith('Goods are sold for nothing.'),
    asvs: () => m.threats['price-manipulation-at-shop'].references.includes('ASVS V11 - Business Logic'),
    cheat_sheet: () => m.threats['price-manipulation-at-shop'].references.includes('https://cheatsheetseries.owasp.org/'),
    action: () => m.threats['price-manipulation-at-shop'].mitigations.includes('Price checks'),
    mitigation: () => m.threats['price-manipulation-at-shop'].mitigations.includes('Check prices on the server.'),
    check: () => m.threats['price-manipulation-at-shop']['x-threagile'].check === 'Are prices checked?',
    function: () => m.threats['price-manipulation-at-shop']['x-threagile'].function === 'business-side',
    stride: () => m.threats['price-manipulation-at-shop'].category === 'tampering',
    detection_logic: () => m.threats['price-manipulation-at-shop']['x-threagile'].detection_logic === 'By hand.',
    risk_assessment: () => m.threats['price-manipulation-at-shop']['x-threagile'].risk_assessment === 'Medium.',
    false_positives: () => m.threats['price-manipulation-at-shop']['x-threagile'].false_positives === 'None.',
    model_failure_possible_reason: () => m.threats['price-manipulation-at-shop']['x-threagile'].model_failure_possible_reason === true,
    cwe: () => m.threats['price-manipulation-at-shop'].references.includes('CWE-840'),
    risks_identified: () => m.threats['price-manipulation-at-shop'] && m.threats['coupon-abuse-at-shop'],
  },
  risk: {
    severity: () => m.threats['price-manipulation-at-shop'].severity === 'high',
    exploitation_likelihood: () => m.threats['price-manipulation-at-shop'].likelihood === 'very-likely',
    exploitation_impact: () => m.threats['price-manipulation-at-shop'].impact === 'very-high',
    data_breach_probability: () => m.threats['price-manipulation-at-shop']['x-threagile'].data_breach_probability === 'possible',
    data_breach_technical_assets: () => m.threats['price-manipulation-at-shop'].on.includes('shop-db'),
    most_relevant_data_asset: () => m.threats['price-manipulation-at-shop']['x-threagile'].most_relevant_data_asset === 'orders',
    most_relevant_technical_asset: () => m.threats['price-manipulation-at-shop'].on[0] === 'shop',
    most_relevant_communication_link: () => m.threats['price-manipulation-at-shop'].on.includes('shopping'),
    most_relevant_trust_boundary: () => m.threats['price-manipulation-at-shop']['x-threagile'].most_relevant_trust_boundary === 'cloud',
    most_relevant_shared_runtime: () => m.threats['price-manipulation-at-shop']['x-threagile'].most_relevant_shared_runtime === 'cluster',
  },
  riskTracking: {
    status: () => m.threats['price-manipulation-at-shop'].response === 'mitigate' && m.threats['price-manipulation-at-shop'].status === 'done',
    justification: () => m.threats['price-manipulation-at-shop'].rationale === 'Prices are checked on the server.',
    ticket: () => m.threats['price-manipulation-at-shop'].ticket === 'SHOP-1',
    date: () => m.threats['price-manipulation-at-shop']['x-threagile'].tracked_on === '2024-05-02',
    checked_by: () => m.threats['price-manipulation-at-shop'].owner === 'Ada Author',
  },
}

/** The keys the file above uses, level by level (the names of assets, links, ... are the user's, not fields). */
function fieldsUsed(): Record<Level, Set<string>> {
  const data = parse(every) as Entry
  const used = Object.fromEntries(Object.keys(FIELDS).map((l) => [l, new Set<string>()])) as Record<Level, Set<string>>
  const add = (level: Level, value: unknown) => Object.keys((value ?? {}) as object).forEach((k) => used[level].add(k))
  const values = (value: unknown) => Object.values((value ?? {}) as object) as Entry[]
  add('model', data)
  add('author', data.author)
  for (const c of data.contributors) add('author', c)
  for (const o of ['application_description', 'business_overview', 'technical_overview']) add('overview', data[o])
  for (const a of values(data.data_assets)) add('dataAsset', a)
  for (const a of values(data.technical_assets)) {
    add('technicalAsset', a)
    for (const l of values(a.communication_links)) add('communicationLink', l)
  }
  for (const t of values(data.trust_boundaries)) add('trustBoundary', t)
  for (const r of values(data.shared_runtimes)) add('sharedRuntime', r)
  for (const c of [...values(data.individual_risk_categories), ...data.custom_risk_categories]) {
    add('riskCategory', c)
    for (const r of values(c.risks_identified)) add('risk', r)
  }
  for (const t of values(data.risk_tracking)) add('riskTracking', t)
  return used
}

const ALL = (Object.keys(FIELDS) as Level[]).flatMap((level) => FIELDS[level].map((field) => [level, field] as [Level, string]))

describe('a Threagile file with every field', () => {
  it('sets every field Threagile defines, and no other', () => {
    const used = fieldsUsed()
    for (const level of Object.keys(FIELDS) as Level[]) expect([...used[level]].sort(), level).toEqual([...FIELDS[level]].sort())
  })

  it.each(ALL)('%s.%s is mapped, kept under x-threagile, or named in a warning', (level, field) => {
    const where = (WHERE[level] as Record<string, () => unknown>)[field]
    expect(where, `no expectation for ${level}.${field}`).toBeDefined()
    expect(where!()).toBeTruthy()
  })

  it('is listed, field by field, in the Threagile table of docs/interop.md', () => {
    const docs = readFileSync(new URL('../../docs/interop.md', import.meta.url), 'utf8')
    const section = docs.slice(docs.indexOf('### Threagile'), docs.indexOf('\n### ', docs.indexOf('### Threagile') + 1))
    const missing = [...new Set(ALL.map(([, field]) => field))].filter((field) => !section.includes(`\`${field}\``))
    expect(missing).toEqual([])
  })

  it('says where each warning is, in the order of the file', () => {
    const lines = result.warnings.map((w) => w.line!)
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
  })
})

describe('what Threagile does not define', () => {
  it('is named in a warning: unknown fields, types, technologies and protocols', () => {
    const { result: r } = conformance([
      'threagile_version: 1.0.0',
      'colour: blue',
      'technical_assets:',
      '  A:',
      '    id: a',
      '    type: constructor',
      '    technology: toString',
      '    encryption: __proto__',
      '    confidentiality: hasOwnProperty',
      '    flavour: sweet',
      '    communication_links:',
      '      Talk: {target: b, protocol: carrier-pigeon, readonly: true, colour: grey}',
      '  B: {id: b, type: datastore, technology: kafka}',
    ].join('\n'), 'odd.yaml')
    const messages = r.warnings.map((w) => w.message).join('\n')
    for (const word of ['"colour" is not a Threagile field', '"flavour" is not a Threagile field', 'type "constructor"', '"__proto__" is not a Threagile encryption style', 'confidentiality "hasOwnProperty"', 'protocol "carrier-pigeon"']) {
      expect(messages).toContain(word)
    }
    const a = (r.model as Entry).processes.a
    expect(a.type).toBe('toString')
    expect((r.model as Entry).stores.b.type).toBe('kafka')
  })
})

describe.skipIf(!haveFixtures)("Threagile's example model", () => {
  const text = readFileSync(`${FIXTURES}threagile/example-threagile.yaml`, 'utf8')
  const model = importAny(text, { fileName: 'threagile.yaml' }).model as Entry
  const flow = (name: string) => Object.values(model.flows as Record<string, Entry>).find((f) => f.name === name)!

  it('gives every boundary a trust level: the internet untrusted, nested zones one above their network, the execution environment its network\'s', () => {
    const trust = Object.fromEntries(Object.entries(model.boundaries as Record<string, Entry>).map(([id, b]) => [id, b.trust]))
    expect(trust).toEqual({ 'web-dmz': 'high', 'erp-dmz': 'high', 'application-network': 'medium', 'auth-env': 'medium', 'dev-network': 'medium', internet: 'untrusted' })
    expect(model.externals['customer-client'].boundary).toBe('internet')
    expect(model.externals['external-dev-client'].boundary).toBe('internet')
    expect(model.boundaries['web-dmz']).toMatchObject({ type: 'security-group', parent: 'application-network' })
  })

  it('reads read-only links as data flowing to the reader, which opened the link', () => {
    expect(flow('Git Repo Code Read Access')).toMatchObject({ from: 'git-repo', to: 'jenkins-build-server', attributes: { readonly: true, initiator: 'jenkins-build-server' } })
    expect(flow('CMS Content Traffic')).toMatchObject({ from: 'marketing-cms', to: 'load-balancer', data: ['marketing-material'] })
    // The LDAP check sends the credentials it checks: a request that reads, not a write.
    expect(flow('Auth Traffic (request)')).toMatchObject({ from: 'marketing-cms', to: 'ldap-auth-server', attributes: { readonly: true } })
    const writesToGit = Object.values(model.flows as Record<string, Entry>).filter((f) => f.to === 'git-repo' && !f.attributes?.readonly)
    expect(writesToGit.map((f) => f.from)).toEqual(['external-dev-client', 'external-dev-client'])
  })

  it('brings data back on a response flow that names the caller', () => {
    expect(flow('ERP System Traffic (response)')).toMatchObject({ from: 'erp-system', to: 'apache-webserver', attributes: { initiator: 'apache-webserver' } })
    expect(flow('Auth Credential Check Traffic')).toMatchObject({ from: 'apache-webserver', to: 'identity-provider' })
    expect(Object.values(model.flows as Record<string, Entry>).some((f) => f.name === 'Auth Credential Check Traffic (response)')).toBe(false)
  })

  it("types elements in moat's words and keeps Threagile's technology", () => {
    const typeOf = (id: string) => (model.processes[id] ?? model.stores[id]).type
    expect({
      apache: typeOf('apache-webserver'), lb: typeOf('load-balancer'), git: typeOf('git-repo'), jenkins: typeOf('jenkins-build-server'),
      idp: typeOf('identity-provider'), ldap: typeOf('ldap-auth-server'), erp: typeOf('erp-system'), cms: typeOf('marketing-cms'),
      files: typeOf('contract-file-server'), db: typeOf('sql-database'),
    }).toEqual({
      apache: 'web-server', lb: 'load-balancer', git: 'source-repository', jenkins: 'build-pipeline', idp: 'identity-provider', ldap: 'ldap-directory',
      erp: 'web-app', cms: 'web-app', files: 'file-share', db: 'database',
    })
    expect(model.stores['ldap-auth-server'].technology).toBe('identity-store-ldap')
  })

  it('makes the human clients people, out of scope with the reason', () => {
    for (const id of ['customer-client', 'backoffice-client', 'backend-admin-client', 'external-dev-client']) {
      expect(model.externals[id]).toMatchObject({ type: 'person', attributes: { used_as_client_by_human: true }, outOfScope: expect.any(String) })
    }
  })

  it('knows which stores and links are encrypted', () => {
    expect([model.stores['ldap-auth-server'].encrypted, model.stores['sql-database'].encrypted, model.stores['contract-file-server'].encrypted]).toEqual([true, true, false])
    expect(Object.values(model.controls as Record<string, Entry>).filter((c) => c.kind === 'encryption-at-rest').flatMap((c) => c.on).sort()).toEqual(['ldap-auth-server', 'sql-database'])
    const encrypted = (name: string) => flow(name).encrypted
    expect(['Customer Traffic', 'DB Update Access', 'LDAP Credential Check Traffic', 'Web Application Traffic', 'Database Traffic', 'Auth Traffic', 'NFS Filesystem Access'].map(encrypted))
      .toEqual([true, true, true, false, false, false, false])
  })

  it('rates data as Threagile does: strictly confidential is restricted, restricted is internal', () => {
    expect(model.assets['customer-accounts']).toMatchObject({ classification: 'restricted', confidentiality: 'high', integrity: 'high' })
    expect(model.assets['erp-logs']).toMatchObject({ classification: 'internal', integrity: 'low', availability: 'low' })
  })
})

describe('a Threagile file written carelessly', () => {
  it('nests no boundary in a cycle and keeps an element in its first boundary', () => {
    const { result: r } = conformance([
      'threagile_version: 1.0.0',
      'technical_assets:',
      '  A: {id: a, type: process, internet: true}',
      'trust_boundaries:',
      '  X: {id: x, type: network-on-prem, technical_assets_inside: [a], trust_boundaries_nested: [y]}',
      '  Y: {id: y, type: network-virtual-lan, technical_assets_inside: [a], trust_boundaries_nested: [x, y]}',
    ].join('\n'), 'cycle.yaml')
    const boundaries = (r.model as Entry).boundaries
    expect(boundaries.y.parent).toBe('x')
    expect(boundaries.x.parent).toBeUndefined()
    expect((r.model as Entry).processes.a.boundary).toBe('x')
    expect(r.warnings.map((w) => w.message)).toEqual(expect.arrayContaining([
      expect.stringContaining('inside two trust boundaries'),
      expect.stringContaining('would make a cycle'),
      expect.stringContaining('"y" is not another trust boundary'),
    ]))
    // Internet-facing but inside a boundary: it stays there, and no Internet boundary is made.
    expect(boundaries.internet).toBeUndefined()
  })

  it('imports values of the wrong type as warnings and a smaller model, never a crash', () => {
    conformance(JSON.stringify({
      threagile_version: 2,
      title: ['not', 'text'],
      author: 'nobody',
      contributors: 'x',
      questions: ['q'],
      data_assets: { D: { id: 5, tags: 'one', confidentiality: 3 } },
      technical_assets: {
        A: { id: 'a', type: 'process', technologies: 'web-server', tags: 7, data_formats_accepted: 'xml', encryption: 1, internet: 'yes', communication_links: [1, 2] },
        B: { id: 'b', type: 'datastore', communication_links: { L: { target: 'a', data_assets_sent: 'D', readonly: 'true', protocol: 5 } } },
      },
      trust_boundaries: { T: { id: 't', type: 9, technical_assets_inside: 'a', trust_boundaries_nested: { x: 1 } } },
      shared_runtimes: { R: { technical_assets_running: ['a', 'nope', 3] } },
      individual_risk_categories: { C: { risks_identified: { 'r': { most_relevant_technical_asset: ['a'] } } } },
      custom_risk_categories: { not: 'a list' },
      risk_tracking: { 'x@y': 'z' },
    }), 'careless.json', 'threagile')
  })
})
