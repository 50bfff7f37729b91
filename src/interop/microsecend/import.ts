/**
 * microSecEnD DFD JSON → moat. The dataset's services become processes (a database, a cache or a
 * search engine becomes a store), its external entities externals, its information flows flows;
 * the stereotypes become moat's facts (stereotypes.ts): roles in `type`, controls of moat's
 * kinds, a flow's protocol, encryption, authentication and the credentials it carries, and tags for
 * facts moat has no field for (csrf-disabled, plaintext-credentials). Tagged values become the
 * technology and attributes; passwords are not copied. The DFD has no boundaries: externals go in
 * an untrusted internet boundary, the services the DFD marks as entry points in an entry-points
 * boundary, the other services and the databases in the application boundary.
 */
import { ModelBuilder } from '../builder.js'
import { keepsAsId, slug } from '../ids.js'
import { parseStructured } from '../structured.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { dict, entries, isDict, list, num, text, unique, type Dict } from '../values.js'
import { CONTROLS, EXTERNAL_STEREOTYPES, FLOW_STEREOTYPES, NODE_STEREOTYPES, PROTOCOLS, SECRET_VALUES, type ControlId, type NodeMeaning } from './stereotypes.js'

const TOP_LEVEL = ['services', 'external_entities', 'information_flows']
const BOUNDARIES = {
  internet: { name: 'Internet', trust: 'untrusted', description: 'Users and third-party services outside the application: the DFD\'s external entities.' },
  'entry-points': { name: 'Entry points', trust: 'medium', description: 'Services the DFD marks as entry points (stereotype entrypoint): reachable from outside the application.' },
  application: { name: 'Application', trust: 'high', description: 'The application\'s other services and its databases, reached only from inside.' },
} as const
// Secrets services use to reach each other and their databases (not people's passwords, which
// moat's password rules are about).
const CREDENTIALS = {
  name: 'Plaintext credentials',
  description: 'Usernames and passwords with which services reach each other and their databases, written in plaintext in the code or configuration (stereotypes plaintext_credentials_link, authentication_with_plaintext_credentials, or a Password tagged value).',
  classification: 'confidential',
  tags: ['credential', 'secret'],
} as const

interface ImportOptions {
  /** The file's name, for the system's name (the DFD itself has none). */
  fileName?: string
}

/**
 * @example
 * const { model } = importMicrosecend(readFileSync('sqshq_piggymetrics.json', 'utf8'), { fileName: 'sqshq_piggymetrics.json' })
 */
export function importMicrosecend(source: string, options: ImportOptions = {}): ImportResult {
  const parsed = parseStructured(source)
  const root = dict(parsed.data)
  refuseCompanionFiles(root)
  if (!Array.isArray(root.services) || !Array.isArray(root.information_flows)) {
    throw new InteropError('not a microSecEnD DFD: "services" or "information_flows" is missing', 'a microSecEnD DFD (<app>.json) holds the lists services, external_entities and information_flows')
  }
  const b = new ModelBuilder({
    name: options.fileName?.replace(/\.json$/i, '') || 'microSecEnD application',
    description: 'A microservice application\'s data-flow diagram from the microSecEnD dataset: its services, external entities and information flows, with the stereotypes found in its code.',
  })
  for (const [key] of entries(root)) if (!TOP_LEVEL.includes(key)) b.warn([key], `"${key}" is not part of a microSecEnD DFD; it is left out`)

  const controls = new Map<ControlId, string[]>()
  const protect = (control: ControlId, id: string) => controls.set(control, unique([...(controls.get(control) ?? []), id]))
  const boundaries = new Map<string, string>()
  const boundary = (key: keyof typeof BOUNDARIES) => {
    if (!boundaries.has(key)) boundaries.set(key, b.add('boundaries', undefined, BOUNDARIES[key].name, { ...BOUNDARIES[key] }, key))
    return boundaries.get(key)!
  }

  const watchers = new Set<string>()
  list(root.services).forEach((value, i) => addService(b, dict(value), ['services', i], { protect, boundary, watchers }))
  list(root.external_entities).forEach((value, i) => addExternal(b, dict(value), ['external_entities', i], boundary))
  let credentials: string | undefined
  const carriesCredentials = () => (credentials ??= b.add('assets', undefined, CREDENTIALS.name, { ...CREDENTIALS, tags: [...CREDENTIALS.tags] }, 'credentials'))
  list(root.information_flows).forEach((value, i) => addFlow(b, dict(value), ['information_flows', i], { protect, carriesCredentials, watchers }))

  for (const [id, on] of controls) {
    const { kind, name, description } = CONTROLS[id]
    b.add('controls', undefined, name, { name, kind, description, on }, id)
  }
  return { ...b.result('microsecend'), warnings: parsed.locate(b.warnings) }
}

/** The dataset's other JSON files sit beside the DFD; importing one by mistake deserves a clear word. */
function refuseCompanionFiles(root: Dict): void {
  if (isDict(root.rules) && Object.values(root.rules).some((r) => isDict(r) && 'related_model_items' in r)) {
    throw new InteropError('this is a microSecEnD rule-verdicts file (<app>_rules_model_items.json), not a DFD', 'import the DFD beside it, <app>.json')
  }
  if (isDict(root.nodes) && isDict(root.edges) && !('services' in root)) {
    throw new InteropError('this is a microSecEnD traceability file (<app>_traceability.json), not a DFD', 'import the DFD beside it, <app>.json')
  }
}

interface NodeContext {
  protect: (control: ControlId, id: string) => void
  boundary: (key: keyof typeof BOUNDARIES) => string
  /** Monitoring dashboards and servers: what sends to them is monitored. */
  watchers: Set<string>
}

function addService(b: ModelBuilder, service: Dict, path: SourcePath, context: NodeContext): void {
  const name = text(service.name)
  if (!name) return b.warn(path, 'a service without a name cannot be connected by flows; it is left out')
  warnUnknownFields(b, service, path, ['name', 'stereotypes', 'tagged_values'])
  const meanings = stereotypesOf(b, service, path, NODE_STEREOTYPES, 'a service')
  const { pairs: values, secret } = taggedValues(b, service.tagged_values, [...path, 'tagged_values'], name)
  const store = meanings.some(([, m]) => m.store)
  const roles = unique(meanings.flatMap(([, m]) => (m.role && (!store || m.store) ? [m.role] : [])))
  // A role of a store that is also drawn as a service (a database with a web console) stays a tag.
  const extraRoles = store ? unique(meanings.flatMap(([, m]) => (m.role && !m.store ? [m.role] : []))) : []
  const technologyKeys = new Set(meanings.flatMap(([, m]) => (m.technology ? [m.technology] : [])))
  const technology = unique(values.filter(([key]) => technologyKeys.has(key)).map(([, v]) => String(v))).join(', ')
  const entrypoint = meanings.some(([, m]) => m.entrypoint)
  warnDuplicate(b, name, path)
  const id = b.add(store ? 'stores' : 'processes', name, name, {
    name,
    type: roles.length ? roles.join(' ') : 'service',
    technology: technology || undefined,
    boundary: context.boundary(entrypoint ? 'entry-points' : 'application'),
    tags: unique([...tagsOf(meanings, secret), ...extraRoles]),
    attributes: attributesOf(values.filter(([key]) => !technologyKeys.has(key))),
  }, keepsAsId(name) ? name : undefined)
  for (const [, m] of meanings) if (m.control) context.protect(m.control, id)
  if (meanings.some(([, m]) => m.monitors)) context.watchers.add(id)
}

function addExternal(b: ModelBuilder, entity: Dict, path: SourcePath, boundary: NodeContext['boundary']): void {
  const name = text(entity.name)
  if (!name) return b.warn(path, 'an external entity without a name cannot be connected by flows; it is left out')
  warnUnknownFields(b, entity, path, ['name', 'stereotypes', 'tagged_values'])
  const meanings = stereotypesOf(b, entity, path, { ...asTags(NODE_STEREOTYPES), ...EXTERNAL_STEREOTYPES }, 'an external entity')
  const { pairs: values, secret } = taggedValues(b, entity.tagged_values, [...path, 'tagged_values'], name)
  warnDuplicate(b, name, path)
  b.add('externals', name, name, {
    name,
    // DFDS.md: external entities are software outside the application, and the user.
    type: meanings.find(([, m]) => m.external)?.[1].external ?? 'service',
    boundary: boundary('internet'),
    tags: tagsOf(meanings, secret),
    attributes: attributesOf(values),
  }, keepsAsId(name) ? name : undefined)
}

interface FlowContext {
  protect: (control: ControlId, id: string) => void
  carriesCredentials: () => string
  watchers: Set<string>
}

function addFlow(b: ModelBuilder, flow: Dict, path: SourcePath, context: FlowContext): void {
  warnUnknownFields(b, flow, path, ['sender', 'receiver', 'stereotypes', 'tagged_values'])
  const sender = text(flow.sender)
  const receiver = text(flow.receiver)
  const from = b.ref(sender)
  const to = b.ref(receiver)
  if (!from || !to || !b.isNode(from) || !b.isNode(to)) {
    const missing = !from || !b.isNode(from) ? ['sender', sender] : ['receiver', receiver]
    return b.warn([...path, missing[0]!], `the ${missing[0]} ${missing[1] ? `"${missing[1]}" is not a service or external entity of this DFD` : 'is missing'}; the flow is left out`)
  }
  if (from === to) return b.warn(path, `the flow from "${sender}" to itself is left out (a flow joins two elements)`)
  const meanings = stereotypesOf(b, flow, path, FLOW_STEREOTYPES, 'an information flow')
  const { pairs: values, secret } = taggedValues(b, flow.tagged_values, [...path, 'tagged_values'], `${sender} → ${receiver}`)
  const named = text(values.find(([key]) => key === 'Protocol')?.[1])
  const protocol = named ?? PROTOCOLS.find((p) => meanings.some(([, m]) => m.protocol === p))
  const encrypted = meanings.find(([, m]) => m.encrypted !== undefined)?.[1].encrypted
  const credentials = secret || meanings.some(([, m]) => m.credentials)
  const name = `${sender} → ${receiver}`
  const id = b.add('flows', undefined, name, {
    name,
    from,
    to,
    protocol,
    encrypted,
    authenticated: meanings.some(([, m]) => m.authenticated) || undefined,
    data: credentials ? [context.carriesCredentials()] : undefined,
    tags: tagsOf(meanings, secret),
    attributes: attributesOf(values.filter(([key]) => key !== 'Protocol')),
  }, slug(`${sender} to ${receiver}`) || undefined)
  for (const [, m] of meanings) if (m.control) context.protect(m.control, id)
  if (context.watchers.has(to)) context.protect('monitoring', from)
}

/** The stereotypes' tags; a password among the tagged values is a plaintext credential whatever the stereotypes say. */
const tagsOf = (meanings: [string, { tag?: string }][], secret: boolean) =>
  unique([...meanings.flatMap(([, m]) => (m.tag ? [m.tag] : [])), ...(secret ? ['plaintext-credentials'] : [])])

/**
 * The stereotypes of an item with their meanings; one the vocabulary does not know is kept as a
 * tag (its name with "-" for "_") and warned about.
 */
function stereotypesOf<M extends object>(b: ModelBuilder, item: Dict, path: SourcePath, vocabulary: Readonly<Record<string, M>>, what: string): [string, M & { tag?: string }][] {
  if (item.stereotypes !== undefined && !Array.isArray(item.stereotypes)) b.warn([...path, 'stereotypes'], `the stereotypes of ${what.replace(/^an? /, 'this ')} are not a list; they are left out`)
  const found: [string, M & { tag?: string }][] = []
  list(Array.isArray(item.stereotypes) ? item.stereotypes : []).forEach((value, i) => {
    const word = text(value)
    if (!word) return b.warn([...path, 'stereotypes', i], `a stereotype of ${what.replace(/^an? /, 'this ')} is not a word; it is left out`)
    const meaning = Object.hasOwn(vocabulary, word) ? vocabulary[word]! : undefined
    if (meaning) return found.push([word, meaning])
    const tag = word.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    b.warn([...path, 'stereotypes', i], `stereotype "${word}" is not one moat knows for ${what}; it is kept as the tag "${tag}"`)
    if (tag) found.push([word, { tag } as M & { tag?: string }])
  })
  return found
}

/** Service stereotypes on an external entity: what the external is, said as tags (its type is person or service). */
const asTags = (vocabulary: Readonly<Record<string, NodeMeaning>>): Record<string, NodeMeaning> =>
  Object.fromEntries(Object.keys(vocabulary).map((word) => [word, { tag: word.replace(/_/g, '-') }]))

/**
 * Tagged values as [key, value] pairs. Keys written as Python strings by the dataset's tooling
 * ("'Load Balancer'") are unquoted; secrets (passwords) are dropped with a warning.
 */
function taggedValues(b: ModelBuilder, value: unknown, path: SourcePath, owner: string): { pairs: [string, string | number][]; secret: boolean } {
  if (value !== undefined && value !== null && !isDict(value)) b.warn(path, `the tagged values of "${owner}" are not a map; they are left out`)
  const pairs: [string, string | number][] = []
  let secret = false
  for (const [rawKey, raw] of entries(value)) {
    const key = unquote(rawKey)
    if (SECRET_VALUES.has(key)) {
      b.warn([...path, rawKey], `the ${key.toLowerCase()} of "${owner}" is not copied into the model (a secret does not belong in a threat model); the tag plaintext-credentials says it is written in plaintext`)
      secret = true
      continue
    }
    const scalar = Array.isArray(raw) ? raw.map((v) => unquote(text(v) ?? '')).filter(Boolean).join(', ') : typeof raw === 'number' ? num(raw) : unquote(text(raw) ?? '')
    if (scalar === undefined || scalar === '') {
      if (raw !== null && raw !== '' && !(Array.isArray(raw) && raw.length === 0)) b.warn([...path, rawKey], `tagged value "${key}" of "${owner}" is not text or a number; it is left out`)
      continue
    }
    pairs.push([key, scalar])
  }
  return { pairs, secret }
}

const unquote = (s: string) => s.trim().replace(/^(['"])(.*)\1$/, '$2').trim()

/** "Pre-authorized Endpoints" → preAuthorizedEndpoints. */
function attributesOf(pairs: [string, string | number][]): Record<string, string | number> {
  const attributes: Record<string, string | number> = {}
  for (const [key, value] of pairs) {
    const words = key.split(/[^A-Za-z0-9]+/).filter(Boolean)
    if (!words.length) continue
    const name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('')
    attributes[name] = value
  }
  return attributes
}

/** Flows name their ends by name: with two elements of one name, they reach the first. */
function warnDuplicate(b: ModelBuilder, name: string, path: SourcePath): void {
  if (b.ref(name)) b.warn([...path, 'name'], `a second element is named "${name}"; it is imported, but flows naming "${name}" lead to the first`)
}

function warnUnknownFields(b: ModelBuilder, item: Dict, path: SourcePath, known: string[]): void {
  for (const [key] of entries(item)) if (!known.includes(key)) b.warn([...path, key], `field "${key}" is not part of a microSecEnD DFD; it is left out`)
}
