/**
 * Roles: what an element's free-text `type` says it is, in moat's vocabulary, so a rule writes
 * `"client" in element.roles` instead of a regular expression over every spelling. A role
 * applies when one of its words is the type, or a run of the type's "-"-separated words
 * ("mobile-app", "orders-db", "api-gateway"). docs/rules.md lists the words.
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
  const parts = type.toLowerCase().split(/[-_ ]+/)
  const roles = new Set<string>()
  for (let start = 0; start < parts.length; start++) {
    for (let length = 1; length <= LONGEST && start + length <= parts.length; length++) {
      for (const role of ROLES_OF_WORD.get(parts.slice(start, start + length).join('-')) ?? []) {
        roles.add(role)
        for (const implied of IMPLIES[role] ?? []) roles.add(implied)
      }
    }
  }
  return [...roles]
}

const LOCAL_PROTOCOL = /^(local|ui|gui|browser ui|ipc|in-process|inproc|in-memory|memory|shared memory|function|file|fs|filesystem|process arguments|argv|args|stdin|stdout|stderr|pipe|named pipe|unix|keyboard|screen|display|loopback|env)([^a-z]|$)|(127[.]0[.]0[.]1|localhost|loopback|::1)/

/** A flow that never leaves the machine: a function call, a file, a pipe, loopback. */
export const isLocalProtocol = (protocol: string) => LOCAL_PROTOCOL.test(protocol.toLowerCase())
