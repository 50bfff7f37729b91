/**
 * Threagile's closed vocabularies (its technologies, protocols, trust boundary types, CIA
 * scales, encryption styles, tracking statuses) and what each word is in moat. docs/interop.md
 * lists the same tables for users; keep the two in step.
 */
import type { ResponseKind, ResponseStatus } from '../../core/index.js'

/** A lookup table without a prototype: a hostile word such as "constructor" finds nothing. */
export const table = <T>(entries: Record<string, T>): Readonly<Record<string, T>> => Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries))

/**
 * Threagile technology → moat `type`, in the words of moat's roles (src/core/engine/roles.ts), so
 * rules see a web server, a database, a build pipeline. Threagile's own word stays in `technology`.
 * Several Threagile technologies are web applications to Threagile (ERP, CMS, report engine,
 * application server): they are `web-app` here.
 */
const TYPE_OF_TECHNOLOGY: Record<string, string> = table({
  'client-system': 'client',
  browser: 'browser',
  desktop: 'desktop-app',
  'mobile-app': 'mobile-app',
  'devops-client': 'devops-client',
  cli: 'cli',
  'iot-device': 'iot-device',
  'web-server': 'web-server',
  'web-application': 'web-app',
  'application-server': 'web-app-server',
  erp: 'web-app',
  cms: 'web-app',
  'report-engine': 'web-app',
  'web-service-rest': 'rest-api',
  'web-service-soap': 'soap-api',
  ejb: 'service',
  function: 'function',
  gateway: 'gateway',
  'reverse-proxy': 'reverse-proxy',
  'load-balancer': 'load-balancer',
  waf: 'waf',
  'service-mesh': 'service-mesh',
  'service-registry': 'service-registry',
  'identity-provider': 'identity-provider',
  'identity-store-ldap': 'ldap-directory',
  'ldap-server': 'ldap-directory',
  'identity-store-database': 'user-database',
  database: 'database',
  'search-index': 'search-index',
  'search-engine': 'search-engine',
  'data-lake': 'data-lake',
  'big-data-platform': 'data-warehouse',
  'file-server': 'file-share',
  'local-file-system': 'filesystem',
  'block-storage': 'volume',
  'message-queue': 'message-queue',
  'stream-processing': 'stream-processing',
  'event-listener': 'event-listener',
  'batch-processing': 'batch-processing',
  scheduler: 'scheduler',
  task: 'task',
  tool: 'tool',
  library: 'library',
  mainframe: 'mainframe',
  'mail-server': 'mail-server',
  monitoring: 'siem',
  ids: 'ids',
  ips: 'ips',
  vault: 'vault',
  hsm: 'hsm',
  'container-platform': 'container-platform',
  kubernetes: 'kubernetes',
  'build-pipeline': 'build-pipeline',
  'sourcecode-repository': 'source-repository',
  'artifact-registry': 'artifact-registry',
  'code-inspection-platform': 'code-analysis',
  ai: 'ai-service',
})

/** Threagile 2's aliases of its technologies (technologies.yaml). */
const TECHNOLOGY_ALIAS: Record<string, string> = table({
  'artificial-intelligence': 'ai', 'machine-learning': 'ai', 'deep-learning': 'ai', 'neural-network': 'ai', ml: 'ai', dl: 'ai',
  'app-server': 'application-server', 'big-data': 'big-data-platform', san: 'block-storage', 'web-browser': 'browser',
  ci: 'build-pipeline', 'continuous-integration': 'build-pipeline', client: 'client-system',
  'command-line': 'cli', 'command-line-tool': 'cli', 'command-line-interface': 'cli', 'content-management-system': 'cms',
  'code-inspection': 'code-inspection-platform', 'code-analysis': 'code-inspection-platform', container: 'container-platform', docker: 'container-platform',
  db: 'database', 'desktop-system': 'desktop', 'enterprise-java-beans': 'ejb', 'enterprise-resource-planning': 'erp',
  'file-storage': 'file-server', 'hardware-security-module': 'hsm', idp: 'identity-provider', 'identity-store': 'identity-store-database',
  'intrusion-detection-system': 'ids', iot: 'iot-device', 'intrusion-prevention-system': 'ips', ldap: 'ldap-server', lb: 'load-balancer',
  'local-storage': 'local-file-system', 'email-server': 'mail-server', mq: 'message-queue', siem: 'monitoring', reporting: 'report-engine',
  cron: 'scheduler', 'service-discovery': 'service-registry', git: 'sourcecode-repository', job: 'task', utility: 'tool',
  unknown: 'unknown-technology', 'hashicorp-vault': 'vault', 'web-application-firewall': 'waf', 'web-app': 'web-application',
  'rest-api': 'web-service-rest', 'soap-api': 'web-service-soap',
})

/** Every technology word Threagile defines (without its aliases). */
export const THREAGILE_TECHNOLOGIES = [...Object.keys(TYPE_OF_TECHNOLOGY).filter((t) => t !== 'kubernetes'), 'unknown-technology']

/**
 * The moat type of a Threagile technology: moat's word for what it is; a word Threagile does not
 * define is kept as the type (moat reads roles from any words); unknown-technology says nothing.
 * @example
 * typeOfTechnology('sourcecode-repository') // 'source-repository'
 * typeOfTechnology('idp')                   // 'identity-provider'
 */
export function typeOfTechnology(technology: string): string | undefined {
  const word = technology.trim().toLowerCase()
  const canonical = TYPE_OF_TECHNOLOGY[word] ? word : (TECHNOLOGY_ALIAS[word] ?? word)
  if (canonical === 'unknown-technology') return undefined
  return TYPE_OF_TECHNOLOGY[canonical] ?? technology.trim()
}

/** Technologies a person or a device runs, not a service: an external entity with one is a device unless a human uses it. */
export const DEVICE_TECHNOLOGIES = /^(client-system|client|browser|web-browser|desktop|desktop-system|mobile-app|devops-client|iot-device|iot|cli)$/

/**
 * Trust boundary type → moat boundary `type`. A network zone nested in another is trusted one
 * level more than its parent; an execution environment is "a logical group of items, not a
 * protective network boundary" (Threagile's own words): it keeps its parent's trust.
 */
export const BOUNDARY_TYPE: Record<string, { type: string; network: boolean }> = table({
  'network-on-prem': { type: 'on-prem-network', network: true },
  'network-dedicated-hoster': { type: 'hosted-network', network: true },
  'network-virtual-lan': { type: 'vlan', network: true },
  'network-cloud-provider': { type: 'cloud-account', network: true },
  'network-cloud-security-group': { type: 'security-group', network: true },
  'network-policy-namespace-isolation': { type: 'namespace', network: true },
  'execution-environment': { type: 'execution-environment', network: false },
})

/** Protocols Threagile counts as encrypted (Protocol.IsEncrypted); every other known one is not. */
const ENCRYPTED_PROTOCOLS = new Set([
  'https', 'wss', 'jdbc-encrypted', 'odbc-encrypted', 'sql-access-protocol-encrypted', 'nosql-access-protocol-encrypted',
  'binary-encrypted', 'text-encrypted', 'ssh', 'ssh-tunnel', 'ftps', 'sftp', 'scp', 'ldaps', 'reverse-proxy-web-protocol-encrypted',
  'iiop-encrypted', 'jrmp-encrypted', 'smb-encrypted', 'smtp-encrypted', 'pop3-encrypted', 'imap-encrypted',
])
const CLEARTEXT_PROTOCOLS = new Set([
  'http', 'ws', 'reverse-proxy-web-protocol', 'mqtt', 'jdbc', 'odbc', 'sql-access-protocol', 'nosql-access-protocol', 'binary', 'text',
  'smtp', 'pop3', 'imap', 'ftp', 'ldap', 'jms', 'nfs', 'smb', 'nrpe', 'xmpp', 'iiop', 'jrmp',
  // Process-local: nothing travels over a network (moat sees in-process and local-file as local).
  'local-file-access', 'in-process-library-call', 'container-spawning',
])
export const THREAGILE_PROTOCOLS = [...ENCRYPTED_PROTOCOLS, ...CLEARTEXT_PROTOCOLS, 'unknown-protocol']

/**
 * Whether a Threagile protocol is encrypted; undefined for a word Threagile does not define (moat
 * then reads the protocol as it reads any other).
 * @example
 * protocolEncrypted('jdbc-encrypted') // true
 * protocolEncrypted('nfs')            // false
 */
export function protocolEncrypted(protocol: string): boolean | undefined {
  const word = protocol.toLowerCase()
  return ENCRYPTED_PROTOCOLS.has(word) ? true : CLEARTEXT_PROTOCOLS.has(word) ? false : undefined
}

/**
 * Threagile's five confidentiality levels on moat's four classifications and three ratings.
 * Threagile's own rules treat "confidential" and above as sensitive; so does moat after this
 * mapping ("restricted", Threagile's middle level, is internal here).
 */
export const CONFIDENTIALITY: Record<string, { classification: string; rating: 'low' | 'medium' | 'high' }> = table({
  public: { classification: 'public', rating: 'low' },
  internal: { classification: 'internal', rating: 'medium' },
  restricted: { classification: 'internal', rating: 'medium' },
  confidential: { classification: 'confidential', rating: 'high' },
  'strictly-confidential': { classification: 'restricted', rating: 'high' },
})

/** Threagile's five criticality levels (integrity, availability) on moat's three ratings: "critical" and above are high, as in Threagile's rules. */
export const CRITICALITY: Record<string, 'low' | 'medium' | 'high'> = table({
  archive: 'low', operational: 'medium', important: 'medium', critical: 'high', 'mission-critical': 'high',
})

/** Encryption styles that encrypt data at rest (every one but "none"); Threagile's example spells one of them two ways. */
export const ENCRYPTION_AT_REST: Record<string, string> = table({
  transparent: 'Transparent encryption at rest',
  'data-with-symmetric-shared-key': 'Data encrypted with a shared symmetric key',
  'data-with-asymmetric-shared-key': 'Data encrypted with a shared asymmetric key',
  'data-with-enduser-individual-key': 'Data encrypted with each end user\'s own key',
  'data-with-end-user-individual-key': 'Data encrypted with each end user\'s own key',
})

export const DATA_FORMATS = ['json', 'xml', 'serialization', 'file', 'csv'] as const

export const LIKELIHOOD: Record<string, string> = table({ unlikely: 'unlikely', likely: 'likely', 'very-likely': 'very-likely', frequent: 'very-likely' })
export const IMPACT: Record<string, string> = table({ low: 'low', medium: 'medium', high: 'high', 'very-high': 'very-high' })

/** risk_tracking status → moat response; unchecked and in-discussion are no decision yet. */
export const TRACKING: Record<string, { response?: ResponseKind; status?: ResponseStatus }> = table({
  unchecked: {}, 'in-discussion': {}, accepted: { response: 'accept', status: 'done' }, 'in-progress': { response: 'mitigate', status: 'in-progress' },
  mitigated: { response: 'mitigate', status: 'done' }, 'false-positive': { response: 'not-applicable', status: 'done' },
})
