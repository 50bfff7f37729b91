/**
 * What an OTM component is, from its type. OTM's `type` is free text; the converters that write
 * OTM use IriusRisk's component catalogue (StartLeft's CloudFormation, Terraform, Visio, draw.io,
 * Lucidchart and Threat Modeling Tool mappings: `rds`, `dynamodb`, `s3`, `vpc`,
 * `CD-MICROSOFT-AZURE-DB-POSTGRESQL`, ...), and for resources without a catalogue entry they write
 * `empty-component` with the cloud resource type as a tag (`AWS::EC2::Subnet`, `aws_subnet`).
 *
 * Managed databases and storage are stores, networks and their subdivisions are boundaries,
 * clients and devices are externals; moat's `type` gets a word that names the role
 * (src/core/engine/roles.ts), so the rules for databases, caches, queues, ... apply.
 */
import type { NodeKind } from '../builder.js'

export interface ComponentReading {
  kind: NodeKind | 'boundaries'
  /** moat's `type`: a role word for stores and processes, person/service/device for externals, the kind of zone for boundaries. */
  type?: string
}

type Entry = [RegExp, ComponentReading]

const store = (type: string): ComponentReading => ({ kind: 'stores', type })
const process = (type: string): ComponentReading => ({ kind: 'processes', type })
const external = (type?: string): ComponentReading => ({ kind: 'externals', ...(type && { type }) })
const zone = (type: string): ComponentReading => ({ kind: 'boundaries', type })

// Words are matched in the type (or a resource-type tag) written in lower case, with "_" and "::"
// read as "-": "AWS::EC2::Subnet" → "aws-ec2-subnet". First match wins, so the narrow come first.
const TYPES: Entry[] = [
  // Networks and their subdivisions hold other components: boundaries.
  [/(^|-)vpc(-endpoint|endpoint)/, process('network-endpoint')],
  [/(^|-)(subnet|subnetwork)($|-)/, zone('subnet')],
  [/(^|-)(vpc|vnet|virtual-network|network-vpc)($|-)|^aws-ec2-vpc$/, zone('network')],
  [/security-?group|network-security-group|(^|-)nsg($|-)/, zone('security-group')],
  [/availability-?zone/, zone('availability-zone')],
  [/auto-?scaling-?group/, zone('auto-scaling-group')],
  [/^(aws-)?region$|^resource-group$/, zone('region')],

  // Clients and devices: externals.
  // Only a type that ends in the word counts: "user-service" is a process, "mobile-client" is not.
  [/android|ios-device|iot-(device|operating-system)|(^|-)(mobile|phone|device|sensor)$/, external('device')],
  [/^(user|users|person|people|actor|human)$/, external('person')],
  [/(^|-)(client|browser|web-ui)$|^(external|partner|third-party|saas)($|-)/, external()],

  // Managed databases and storage: stores.
  [/dynamo|documentdb|document-db|cosmos|mongo|nosql|keyspaces|cassandra|couch|firestore|bigtable|key-value/, store('nosql')],
  [/elasticache|redis|memcache|(^|-)cache($|-)/, store('cache')],
  [/redshift|warehouse|synapse|bigquery|snowflake|data-lake|lake-formation/, store('data-warehouse')],
  [/(^|-)(rds|aurora|neptune|qldb|timestream|database|db|sql|azure-sql|sql-server|mysql|mariadb|postgres|postgresql|oracle|dbinstance|dbcluster|db-instance|db-cluster|rds-cluster)($|-)/, store('database')],
  [/glacier|archive/, store('archive')],
  [/(^|-)(s3|bucket|blob|gcs|object-storage|azure-storage|storage-account)($|-)/, store('object-storage')],
  [/elastic-block-store|(^|-)(ebs|volume|disk)($|-)/, store('volume')],
  [/elastic-file-system|(^|-)(efs|fsx|file-system|filesystem|file-share|files)($|-)/, store('filesystem')],
  [/(^|-)(sqs|queue|mq|service-bus)($|-)|simple-queue/, store('queue')],
  [/(^|-)(sns|topic)($|-)|simple-notification/, store('topic')],
  [/kinesis-(data|video)-streams|(^|-)(msk|kafka|event-hub|eventhub|kinesis-stream|stream)($|-)/, store('stream')],
  [/eventbridge|event-bus/, store('bus')],
  [/secrets?-manager|key-vault|(^|-)(kms|cloudhsm|hsm|secret|secrets)($|-)|parameter-store/, store('secrets-manager')],
  [/cloudtrail|audit/, store('audit-log')],
  [/cloudwatch|log-analytics|(^|-)(log|logs|logging|log-group)($|-)/, store('log')],
  [/container-registry|(^|-)ecr($|-)|codeartifact|artifact-registry|artifactory|package-registry/, store('container-registry')],
  [/codecommit|source-code|git-repo|(^|-)(git|repository)($|-)/, store('source-repository')],
  [/ldap/, store('directory')],
  [/elasticsearch|opensearch|cloudsearch|search-index/, store('document-store')],
  [/(^|-)backup($|-)/, store('backup')],
  [/(^|-)(datastore|data-store|storage|store)($|-)/, store('storage')],

  // Processes whose role moat knows.
  [/api-gateway|apigateway|(^|-)apim($|-)/, process('api-gateway')],
  [/load-balancer|(^|-)(elb|alb|nlb|lb)($|-)|traffic-manager|front-door/, process('load-balancer')],
  [/(^|-)waf($|-)|web-application-firewall/, process('waf')],
  [/cloudfront|(^|-)cdn($|-)/, process('cdn')],
  [/kubernetes|(^|-)(eks|aks|gke|k8s)($|-)/, process('kubernetes')],
  [/container-service|(^|-)(ecs|fargate)($|-)|container-platform|app-service/, process('container-platform')],
  [/docker|(^|-)container($|-)|task-?definition/, process('container')],
  [/lambda|function/, process('function')],
  [/cognito|oauth|identity|(^|-)(iam|idp|sso|adfs)($|-)|active-directory|authorization-server/, process('identity-provider')],
  [/nat-gateway|internet-?gateway|transit-gw|transit-gateway|(^|-)gateway($|-)/, process('gateway')],
  [/web-application|web-app|webapp/, process('web-app')],
  [/web-service|web-api|(^|-)(api|rest|graphql|grpc)($|-)/, process('api')],
  [/(^|-)(ec2|instance|virtual-machine|vm|server|host)($|-)/, process('server')],
]

const normalise = (word: string) => word.toLowerCase().replace(/::|_|\s+|\./g, '-').replace(/-+/g, '-')

/** IriusRisk's placeholder type: it says nothing, so the resource-type tags (or the name) decide. */
export const PLACEHOLDER_TYPE = 'empty-component'
/** Types moat writes itself (its export) and the OTM spec's plain words: no more than the kind. */
const PLAIN: Record<string, ComponentReading> = { process: { kind: 'processes' }, datastore: { kind: 'stores' }, 'external-entity': { kind: 'externals' } }

/**
 * How to read a component: the first of its type, then its tags, then (for a placeholder type
 * only) its name, that names something moat knows; undefined when none does (a process).
 * @example
 * readComponent('rds')                                  // { kind: 'stores', type: 'database' }
 * readComponent('empty-component', ['AWS::EC2::Subnet']) // { kind: 'boundaries', type: 'subnet' }
 * readComponent('step-functions')                       // undefined
 */
export function readComponent(type: string | undefined, tags: readonly string[] = [], name?: string): ComponentReading | undefined {
  const typed = type && type !== PLACEHOLDER_TYPE ? type : undefined
  if (typed && PLAIN[typed]) return PLAIN[typed]
  const words = [typed, ...tags, type === PLACEHOLDER_TYPE || !type ? name : undefined].filter((w): w is string => !!w).map(normalise)
  for (const word of words) {
    const found = TYPES.find(([pattern]) => pattern.test(word))
    if (found) return found[1]
  }
  return undefined
}
