/**
 * microSecEnD's stereotypes → moat facts. The vocabulary is the dataset's (DFDS.md, the nine
 * applications' files) and that of code2DFD's metamodel, which wrote them. Each entry says what the
 * stereotype states in moat's terms: what the element is (a role word for `type`, see
 * core/engine/roles.ts, or a data store), a control of one of moat's kinds, a flow's protocol,
 * encryption or authentication, the credentials a flow carries, or a tag for a fact moat has no
 * field for. A stereotype not listed here is kept as a tag and warned about.
 */
import type { ControlKind } from '../../core/index.js'

/** The controls the DFD's stereotypes state, one moat control each (on every element that has it). */
export const CONTROLS = {
  authentication: { kind: 'authentication', name: 'Authentication of requests', description: 'Requests must be authenticated (stereotypes authentication, authentication_scope_all_requests).' },
  'basic-authentication': { kind: 'authentication', name: 'HTTP Basic authentication', description: 'Requests are authenticated with HTTP Basic (stereotype basic_authentication).' },
  'in-memory-authentication': { kind: 'authentication', name: 'In-memory user store', description: 'Users and passwords are defined in code and checked in memory (stereotype in_memory_authentication).' },
  'token-validation': { kind: 'authentication', name: 'Access-token validation (OAuth2 resource server)', description: 'Requests carry access tokens that the service validates (stereotype resource_server).' },
  authorization: { kind: 'authorization', name: 'Authorization of requests', description: 'Requests are authorized (stereotypes authorization, authorization_scope_all_requests; authorized on flows).' },
  'pre-authorized-endpoints': { kind: 'authorization', name: 'Authorization on endpoints', description: 'Endpoints check the caller\'s rights before they run (stereotype pre_authorized_endpoints).' },
  'circuit-breaker': { kind: 'circuit-breaker', name: 'Circuit breaker', description: 'Calls to a failing dependency are cut off (stereotypes circuit_breaker, circuit_breaker_link).' },
  'load-balancing': { kind: 'redundancy', name: 'Load balancing', description: 'Requests are spread over the instances of a service (stereotypes load_balancer, load_balanced_link).' },
  monitoring: { kind: 'monitoring', name: 'Monitoring', description: 'The element sends metrics or events to a monitoring dashboard or server: it has a flow to one in the DFD.' },
  'local-logging': { kind: 'logging', name: 'Local logging', description: 'The service writes logs (stereotype local_logging).' },
  encryption: { kind: 'encryption-at-rest', name: 'Encryption of stored secrets', description: 'Passwords are hashed and data encrypted with a crypto library before they are stored (stereotype encryption).' },
} as const satisfies Record<string, { kind: ControlKind; name: string; description: string }>
export type ControlId = keyof typeof CONTROLS

export interface NodeMeaning {
  /** A role word for the element's `type` (an element may have several). */
  role?: string
  /** The element holds data at rest: a store, not a process. */
  store?: true
  /** The tagged value naming the product that plays the role ("Gateway": "Zuul"): the element's technology. */
  technology?: string
  control?: ControlId
  /** A fact moat has no field for, as a tag rules can match. */
  tag?: string
  /** The element faces the outside: it goes in the entry-points boundary. */
  entrypoint?: true
  /** What an external entity is. */
  external?: 'person' | 'service'
  /** Watches others: an element with a flow to this one is monitored. */
  monitors?: true
}

/** Stereotypes of services (and databases, which the dataset draws as services). */
export const NODE_STEREOTYPES: Readonly<Record<string, NodeMeaning>> = {
  // What the service is.
  internal: { role: 'service', tag: 'internal' },
  infrastructural: { tag: 'infrastructural' },
  gateway: { role: 'gateway', technology: 'Gateway' },
  proxy: { role: 'reverse-proxy', technology: 'Proxy' },
  server_side_load_balancer: { role: 'load-balancer', technology: 'Load Balancer' },
  authorization_server: { role: 'identity-provider', technology: 'Authorization Server' },
  authentication_server: { role: 'identity-provider', technology: 'Authentication Server' },
  token_server: { role: 'identity-provider', tag: 'token-server' },
  service_discovery: { role: 'service-registry', technology: 'Service Discovery' },
  configuration_server: { role: 'config-server', technology: 'Configuration Server' },
  message_broker: { role: 'message-broker', technology: 'Message Broker' },
  logging_server: { role: 'logging-server', technology: 'Logging Server' },
  monitoring_server: { role: 'monitoring-server', technology: 'Monitoring Server', monitors: true },
  monitoring_dashboard: { role: 'monitoring-dashboard', technology: 'Monitoring Dashboard', monitors: true },
  // "stream" would read as a queue in moat's roles: Turbine aggregates metrics streams.
  stream_aggregator: { role: 'metrics-aggregator', technology: 'Stream Aggregator', monitors: true },
  tracing_server: { role: 'tracing-server', technology: 'Tracing Server' },
  metrics_server: { role: 'metrics-server', technology: 'Metrics Server', monitors: true },
  visualization: { role: 'dashboard', technology: 'Visualization' },
  web_application: { role: 'web-app', technology: 'Web Application' },
  web_server: { role: 'web-server', technology: 'Web Server' },
  administration_server: { role: 'admin-server', technology: 'Administration Server' },
  deployment_server: { role: 'deployment-server', technology: 'Deployment Server' },
  client: { role: 'client', technology: 'Client' },
  database: { role: 'database', store: true, technology: 'Database' },
  in_memory_data_store: { role: 'cache', store: true, technology: 'In-Memory Data Store' },
  search_engine: { role: 'search-engine', store: true, technology: 'Search Engine' },
  // Security features.
  authentication: { control: 'authentication' },
  authentication_scope_all_requests: { control: 'authentication' },
  basic_authentication: { control: 'basic-authentication', tag: 'basic-authentication' },
  in_memory_authentication: { control: 'in-memory-authentication', tag: 'in-memory-authentication' },
  resource_server: { control: 'token-validation' },
  authorization: { control: 'authorization' },
  authorization_scope_all_requests: { control: 'authorization' },
  pre_authorized_endpoints: { control: 'pre-authorized-endpoints' },
  circuit_breaker: { control: 'circuit-breaker' },
  load_balancer: { control: 'load-balancing' },
  local_logging: { control: 'local-logging' },
  encryption: { control: 'encryption' },
  csrf_disabled: { tag: 'csrf-disabled' },
  plaintext_credentials: { tag: 'plaintext-credentials' },
  tokenstore: { tag: 'tokenstore' },
  keygenerator: { tag: 'keygenerator' },
  entrypoint: { entrypoint: true, tag: 'entrypoint' },
  exitpoint: { tag: 'exitpoint' },
}

/** Stereotypes of external entities; a service stereotype on an external is kept as a tag. */
export const EXTERNAL_STEREOTYPES: Readonly<Record<string, NodeMeaning>> = {
  user_stereotype: { external: 'person' },
  external_website: { external: 'service', tag: 'external-website' },
  github_repository: { external: 'service', tag: 'github-repository' },
  mail_server: { external: 'service', tag: 'mail-server' },
  external_database: { external: 'service', tag: 'external-database' },
  plaintext_credentials: { tag: 'plaintext-credentials' },
  entrypoint: { tag: 'entrypoint' },
  exitpoint: { tag: 'exitpoint' },
}

export interface FlowMeaning {
  /** The protocol the stereotype names; the most specific one wins (PROTOCOLS). */
  protocol?: (typeof PROTOCOLS)[number]
  encrypted?: boolean
  authenticated?: true
  /** The flow carries credentials written in plaintext. */
  credentials?: true
  control?: ControlId
  tag?: string
}

/** Most specific first: a message sent through RabbitMQ is also drawn as restful_http. */
export const PROTOCOLS = ['AMQP', 'Kafka', 'JDBC', 'HTTP'] as const

export const FLOW_STEREOTYPES: Readonly<Record<string, FlowMeaning>> = {
  restful_http: { protocol: 'HTTP' },
  jdbc: { protocol: 'JDBC' },
  message_producer_rabbitmq: { protocol: 'AMQP', tag: 'message-producer' },
  message_consumer_rabbitmq: { protocol: 'AMQP', tag: 'message-consumer' },
  message_producer_kafka: { protocol: 'Kafka', tag: 'message-producer' },
  message_consumer_kafka: { protocol: 'Kafka', tag: 'message-consumer' },
  message_producer: { tag: 'message-producer' },
  message_consumer: { tag: 'message-consumer' },
  messaging: { tag: 'messaging' },
  encrypted: { encrypted: true },
  ssl_enabled: { encrypted: true },
  ssl_disabled: { encrypted: false },
  authenticated: { authenticated: true },
  authenticated_request: { authenticated: true },
  authentication_with_plaintext_credentials: { authenticated: true, credentials: true, tag: 'plaintext-credentials' },
  plaintext_credentials_link: { credentials: true, tag: 'plaintext-credentials' },
  authorized: { control: 'authorization' },
  circuit_breaker_link: { control: 'circuit-breaker' },
  load_balanced_link: { control: 'load-balancing' },
  feign_connection: { tag: 'feign-connection' },
  auth_provider: { tag: 'auth-provider' },
}

/** Tagged values that are secrets: never copied into the model. */
export const SECRET_VALUES = new Set(['Password', 'Encrypted String'])
