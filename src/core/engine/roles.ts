/**
 * Roles: what an element's free-text `type` says it is, in moat's vocabulary, so a rule writes
 * `"client" in element.roles` instead of a regular expression over every spelling. A role
 * applies when one of its words is the type, or a run of the type's "-"-separated words
 * ("mobile-app", "orders-db", "api-gateway"). When the type is not given, the roles are inferred
 * from the technology, then from the name, then from the id (inferRoles). docs/rules.md lists
 * the words.
 */

const WORDS: Record<string, readonly string[]> = {
  client: ['browser', 'mobile', 'mobile-app', 'desktop', 'desktop-app', 'spa', 'cli', 'client', 'native-app', 'extension'],
  browser: ['browser', 'spa', 'web-browser'],
  mobile: ['mobile', 'mobile-app', 'ios', 'android'],
  device: ['device', 'iot', 'embedded', 'sensor', 'smartcard', 'card', 'tag', 'firmware', 'microcontroller', 'mcu'],
  gateway: ['gateway', 'proxy', 'reverse-proxy', 'load-balancer', 'lb', 'ingress', 'cdn', 'edge', 'waf', 'api-gateway'],
  'load-balancer': ['load-balancer', 'lb', 'elb', 'alb', 'nlb', 'haproxy'],
  'reverse-proxy': ['reverse-proxy', 'proxy', 'ingress', 'nginx', 'envoy', 'traefik'],
  waf: ['waf', 'web-application-firewall'],
  web: ['web', 'webapp', 'web-app', 'website', 'portal', 'bff', 'web-application'],
  'web-server': ['web-server', 'webserver', 'http-server', 'apache', 'httpd', 'nginx', 'iis', 'tomcat'],
  api: ['api', 'rest', 'graphql', 'grpc', 'backend', 'service', 'microservice', 'bff'],
  function: ['function', 'lambda', 'faas', 'serverless'],
  server: ['server', 'web-server', 'app-server', 'daemon', 'listener', 'endpoint'],
  runner: ['runner', 'sandbox', 'notebook', 'interpreter', 'ci', 'build', 'build-agent'],
  'identity-provider': ['identity-provider', 'idp', 'sso', 'oidc', 'oauth', 'oauth-server', 'authorization-server', 'keycloak', 'okta', 'auth0', 'cognito', 'saml', 'identity'],
  'container-platform': ['container-platform', 'container', 'containers', 'docker', 'container-runtime', 'ecs', 'fargate', 'openshift', 'nomad'],
  kubernetes: ['kubernetes', 'k8s', 'eks', 'aks', 'gke', 'openshift'],
  'ci-cd': ['ci-cd', 'cicd', 'ci', 'cd', 'build-server', 'build-pipeline', 'pipeline', 'jenkins', 'github-actions', 'gitlab-ci', 'build-agent', 'deployment'],
  'source-repository': ['source-repository', 'sourcecode-repository', 'source-code-repository', 'git', 'git-repository', 'scm', 'vcs', 'github', 'gitlab', 'bitbucket'],
  llm: ['llm', 'language-model', 'large-language-model', 'genai', 'gpt', 'model-endpoint'],
  agent: ['agent', 'ai-agent', 'llm-agent'],
  database: ['database', 'db', 'sql', 'rdbms', 'relational', 'postgres', 'postgresql', 'mysql', 'mariadb', 'oracle', 'mssql', 'sqlserver', 'sqlite', 'aurora', 'nosql', 'document-db', 'mongodb', 'dynamodb'],
  nosql: ['nosql', 'document-db', 'document-store', 'documents', 'mongodb', 'mongo', 'dynamodb', 'dynamo', 'couchdb', 'couch-db', 'couch', 'cosmosdb', 'cosmos-db', 'cosmos', 'cassandra', 'firestore'],
  warehouse: ['warehouse', 'data-warehouse', 'analytics', 'data-lake', 'lake', 'lakehouse', 'bi', 'reporting'],
  log: ['log', 'logs', 'logging', 'audit', 'audit-log', 'audit-trail', 'siem'],
  queue: ['queue', 'topic', 'stream', 'bus', 'broker', 'mq', 'kafka', 'sqs', 'pubsub'],
  cache: ['cache', 'redis', 'memcached', 'cdn-cache', 'web-cache'],
  secrets: ['secrets', 'secret', 'vault', 'kms', 'hsm', 'keystore', 'key-store', 'key-vault', 'secrets-manager', 'secret-store'],
  vault: ['vault', 'secrets-manager', 'key-vault', 'secret-store', 'secrets-vault'],
  backup: ['backup', 'backups', 'archive', 'snapshot', 'snapshots', 'dump', 'export'],
  files: ['file', 'files', 'filesystem', 'disk', 'volume', 'nfs', 'share', 'file-share', 'uploads'],
  'object-storage': ['object-storage', 'object-store', 'objectstore', 'bucket', 'blob', 'blob-storage', 's3', 'gcs'],
  directory: ['ldap', 'directory', 'active-directory'],
  config: ['config', 'configuration', 'settings', 'parameters', 'parameter-store'],
  registry: ['artifact', 'artifacts', 'registry', 'artifact-registry', 'container-registry', 'image-registry', 'package-registry', 'package-repository', 'docker-registry', 'ecr', 'nexus', 'artifactory'],
  'service-registry': ['service-registry', 'discovery', 'service-discovery', 'eureka', 'consul', 'zookeeper'],
}

/** Roles implied by others: a web app or an API is a server, a gateway too. */
const IMPLIES: Record<string, readonly string[]> = {
  web: ['server'],
  api: ['server'],
  gateway: ['server'],
  function: ['server'],
  'web-server': ['server'],
  'identity-provider': ['server'],
  'load-balancer': ['gateway', 'server'],
  'reverse-proxy': ['gateway', 'server'],
  waf: ['gateway', 'server'],
  kubernetes: ['container-platform'],
  browser: ['client'],
  mobile: ['client'],
  nosql: ['database'],
  vault: ['secrets'],
}

export const ROLE_WORDS: Readonly<Record<string, readonly string[]>> = WORDS

const ROLES_OF_WORD = new Map<string, string[]>()
for (const [role, words] of Object.entries(WORDS)) {
  for (const word of words) ROLES_OF_WORD.set(word, [...(ROLES_OF_WORD.get(word) ?? []), role])
}
const LONGEST = Math.max(...[...ROLES_OF_WORD.keys()].map((w) => w.split('-').length))

/**
 * @example
 * rolesOf('api-gateway') // ['api', 'server', 'gateway']
 */
export function rolesOf(type: string): string[] {
  if (!type) return []
  return rolesOfWords(type.toLowerCase().split(/[-_ ]+/), NOTHING_AMBIGUOUS)
}

/** Every role named by a run of the words; a lone ambiguous word names none. */
function rolesOfWords(parts: readonly string[], ambiguous: ReadonlySet<string>): string[] {
  const roles = new Set<string>()
  for (let start = 0; start < parts.length; start++) {
    let run = ''
    for (let end = start; end < start + LONGEST && end < parts.length; end++) {
      run = end === start ? parts[end]! : `${run}-${parts[end]}`
      if (end === start && ambiguous.has(run)) continue
      for (const role of ROLES_OF_WORD.get(run) ?? []) {
        roles.add(role)
        for (const implied of IMPLIES[role] ?? []) roles.add(implied)
      }
    }
  }
  return [...roles]
}

/** Where an element's roles come from: its stated type, or a guess from another field. */
export type RolesSource = 'type' | 'technology' | 'name' | 'id'

export interface InferredRoles {
  roles: string[]
  /** The field the roles were read from; undefined when nothing gave a role. */
  from: RolesSource | undefined
  /** That field's text, to say what a guess rests on. */
  text: string
}

/**
 * The roles of an element whose type is not given, read from the first of its technology, name
 * and id that names one. Free text is cut before words that introduce something else ("Go
 * services behind an internal gateway" is about the services), and a plural counts as its
 * singular ("services").
 * @example
 * inferRoles({ technology: '', name: 'Orders DB', id: 'orders' }) // { roles: ['database'], from: 'name', text: 'Orders DB' }
 */
export function inferRoles(element: { technology: string; name: string; id: string }): InferredRoles {
  for (const from of ['technology', 'name', 'id'] as const) {
    const text = element[from]
    const roles = rolesOfText(text, from === 'technology' ? NOTHING_AMBIGUOUS : AMBIGUOUS_IN_NAMES)
    if (roles.length) return { roles, from, text }
  }
  return { roles: [], from: undefined, text: '' }
}

/** Words after which free text names something else: "Envoy with an auth filter", "API behind the gateway". */
const DIGRESSION = /\s(with|behind|over|on|via|for|in|inside|from|to|and|using|as|plus|of)\s|[(,;:+]/

/**
 * Words that say what an element is when someone writes them as its type, but mean something
 * else in a name: "Card service" is no smart card, "Support agent" no AI agent.
 */
const AMBIGUOUS_IN_NAMES: ReadonlySet<string> = new Set([
  'card', 'tag', 'export', 'dump', 'share', 'bus', 'bi', 'ci', 'cd', 'edge', 'function', 'volume', 'stream', 'topic', 'lake',
  'settings', 'parameters', 'build', 'pipeline', 'deployment', 'agent', 'display', 'relational', 'rest', 'reporting', 'analytics',
  'extension', 'archive', 'snapshot', 'endpoint', 'listener', 'sensor', 'device', 'embedded',
])
const NOTHING_AMBIGUOUS: ReadonlySet<string> = new Set()

/** Every word that is a role's word or part of one: a text with none of them names no role. */
const PART_WORDS = new Set([...ROLES_OF_WORD.keys()].flatMap((w) => w.split('-')))
const NO_ROLES: string[] = []

function rolesOfText(text: string, ambiguous: ReadonlySet<string>): string[] {
  if (!text) return NO_ROLES
  const lower = text.toLowerCase()
  const cut = lower.search(DIGRESSION)
  const words = (cut < 0 ? lower : lower.slice(0, cut)).match(WORD)
  if (!words) return NO_ROLES
  let named = false
  for (let i = 0; i < words.length; i++) {
    words[i] = singular(words[i]!)
    if (PART_WORDS.has(words[i]!)) named = true
  }
  return named ? rolesOfWords(words, ambiguous) : NO_ROLES
}

/** A word of free text: letters and digits, with inner dots ("node.js"). */
const WORD = /[a-z0-9]+(?:[.][a-z0-9]+)*/g

/** A plural that is not a word of its own counts as its singular: "services", "databases". */
const singular = (word: string) =>
  !ROLES_OF_WORD.has(word) && word.length > 3 && word.endsWith('s') && ROLES_OF_WORD.has(word.slice(0, -1)) ? word.slice(0, -1) : word

const LOCAL_PROTOCOL = /^(local|ui|gui|browser ui|ipc|in-process|inproc|in-memory|memory|shared memory|function|file|fs|filesystem|process arguments|argv|args|stdin|stdout|stderr|pipe|named pipe|unix|keyboard|screen|display|loopback|env)([^a-z]|$)|(127[.]0[.]0[.]1|localhost|loopback|::1)/

/** A flow that never leaves the machine: a function call, a file, a pipe, loopback. */
export const isLocalProtocol = (protocol: string) => LOCAL_PROTOCOL.test(protocol.toLowerCase())
