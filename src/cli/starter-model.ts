/**
 * The commented starter model `moat init` writes. Pure: answers in, YAML text out; the text is
 * checked by tests to be a valid model. A product is built from what a person knows of it: its
 * parts, what each is and who runs it, who talks to whom, and what data goes where. Nothing is
 * guessed beyond that but the trust boundaries those answers imply.
 */
import type { Classification } from '../core/index.js'
import { guessKind, partKind, soundsThirdParty, type PartKind } from './init/part-kinds.js'

export interface StarterPart {
  name: string
  /** One of PART_KINDS' ids. */
  kind: string
  /** Run by another company, as a service: an external entity in a boundary of its own. */
  thirdParty?: boolean
}

export interface StarterData {
  name: string
  classification: Classification
}

/** One part calling or sending to another; `data` goes there, `back` comes back (names of StarterData). */
export interface StarterConnection {
  from: number
  to: number
  data: string[]
  back: string[]
}

export interface StarterAnswers {
  name: string
  kind: 'product' | 'protocol'
  description?: string
  parts?: StarterPart[]
  data?: StarterData[]
  connections?: StarterConnection[]
  /** A `# yaml-language-server: $schema=` target, relative to the model file. */
  schema?: string
}

export const slug = (text: string) =>
  text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'part'

const quote = (text: string) => (/^[\w ().,/-]+$/.test(text) && !/^(true|false|null|yes|no|~|\d)/i.test(text) ? text : JSON.stringify(text))

export function starterModel(answers: StarterAnswers): string {
  return answers.kind === 'protocol' ? protocolStarter(answers) : productStarter(answers)
}

function header(answers: StarterAnswers): string {
  return [
    ...(answers.schema ? [`# yaml-language-server: $schema=${answers.schema}`] : []),
    `# Threat model of ${answers.name}, written for moat (threat modeling as code).`,
    '# Check it with `moat review FILE`; list its threats with `moat threats FILE`.',
    '# Every field is described in moat\'s docs/model.md.',
    'moat: 1',
    '',
    'system:',
    `  name: ${quote(answers.name)}`,
    `  kind: ${answers.kind}`,
    `  description: ${quote(answers.description || `What ${answers.name} does, for whom, and why it matters.`)}`,
    '',
  ].join('\n')
}

/**
 * How sensitive a kind of data sounds, to preselect.
 * @example
 * guessClassification('Card numbers') // 'restricted'
 */
export function guessClassification(name: string): Classification {
  const n = name.toLowerCase()
  if (/password|credential|secret|token|key|card|payment|health|medical|diagnos|ssn|passport|bank/.test(n)) return 'restricted'
  if (/personal|pii|customer|patient|address|e-?mail|phone|profile|account|order|message|location|reading|record|appointment/.test(n)) return 'confidential'
  if (/public|catalog|price|product|content|page|doc/.test(n)) return 'public'
  return 'internal'
}

const isCredential = (name: string) => /password|credential|secret|token|key/i.test(name)

/** What a part becomes in the model: its id, kind, and the boundary it runs in. */
interface Placed {
  id: string
  name: string
  kind: PartKind
  thirdParty: boolean
  element: 'external' | 'process' | 'store'
  boundary: string
}

const DEFAULT_PARTS: StarterPart[] = [
  { name: 'Customer', kind: 'person' },
  { name: 'Web app', kind: 'web' },
  { name: 'Database', kind: 'database' },
]
const DEFAULT_DATA: StarterData[] = [
  { name: 'Customer data', classification: 'confidential' },
  { name: 'Passwords', classification: 'restricted' },
]

/**
 * Parts named on the command line, each taken for what its name says.
 * @example
 * partsFromNames(['Customer', 'Orders database']) // [{ name: 'Customer', kind: 'person' }, { name: 'Orders database', kind: 'database' }]
 */
export function partsFromNames(names: readonly string[]): StarterPart[] {
  return names.map((n) => n.trim()).filter(Boolean).map((name) => {
    const kind = guessKind(name)
    return { name, kind, ...((kind === 'service' || (partKind(kind).canBeThirdParty && soundsThirdParty(name))) && { thirdParty: true }) }
  })
}

/**
 * Who talks to whom when nobody said: people use their apps (or the entry service), apps and
 * devices call the entry service (a gateway, else a web app, else an API), the entry calls the
 * other services, and the backend (an API, else the web app) keeps the data and calls the third
 * parties. Each carries the first kind of data, and the credentials on the way in.
 */
export function defaultConnections(parts: readonly StarterPart[], data: readonly StarterData[]): StarterConnection[] {
  const kinds = parts.map((p) => partKind(p.kind))
  const ours = (i: number) => !parts[i]!.thirdParty
  const all = parts.map((_, i) => i)
  const find = (...ids: string[]) => ids.map((id) => all.find((i) => kinds[i]!.id === id && ours(i))).find((i) => i !== undefined)
  const entry = find('gateway', 'web', 'api', 'function', 'identity-provider', 'llm', 'agent', 'ci-cd')
  const backend = find('api', 'web', 'function', 'agent', 'llm', 'gateway')
  const main = data.find((d) => !isCredential(d.name))?.name
  const credentials = data.filter((d) => isCredential(d.name)).map((d) => d.name)
  const carry = (withCredentials: boolean) => [...(withCredentials ? credentials : []), ...(main ? [main] : [])]
  const out: StarterConnection[] = []
  const connect = (from: number | undefined, to: number | undefined, inbound = false) => {
    if (from === undefined || to === undefined || from === to || out.some((c) => c.from === from && c.to === to)) return
    out.push({ from, to, data: carry(inbound), back: main ? [main] : [] })
  }
  const clients = all.filter((i) => kinds[i]!.place === 'users' && kinds[i]!.element === 'process')
  for (const i of all.filter((j) => kinds[j]!.id === 'person')) connect(i, clients[0] ?? entry, true)
  for (const i of [...clients, ...all.filter((j) => kinds[j]!.id === 'device')]) connect(i, entry, true)
  for (const i of all.filter((j) => kinds[j]!.element === 'process' && kinds[j]!.place === 'ours' && ours(j))) connect(entry, i)
  for (const i of all.filter((j) => kinds[j]!.element === 'store' || parts[j]!.thirdParty)) connect(backend, i)
  return out
}

function productStarter(answers: StarterAnswers): string {
  const parts = answers.parts?.length ? answers.parts : DEFAULT_PARTS
  const data = answers.data ?? (answers.parts?.length ? DEFAULT_DATA.slice(0, 1) : DEFAULT_DATA)
  const connections = answers.connections ?? defaultConnections(parts, data)
  const used = new Set(['attacker', 'users', 'ours', 'data'])
  const idFor = (name: string) => {
    let id = slug(name)
    for (let i = 2; used.has(id); i++) id = `${slug(name)}-${i}`
    used.add(id)
    return id
  }
  const dataIds = new Map(data.map((d) => [d.name, idFor(d.name)]))
  const boundaries: string[] = []
  const placed: Placed[] = parts.map((part) => {
    const kind = partKind(part.kind)
    const thirdParty = part.thirdParty === true || kind.id === 'service'
    const id = idFor(part.name)
    if (thirdParty) {
      const boundary = idFor(`${part.name} side`)
      boundaries.push(`  ${boundary}:\n    name: ${quote(`${part.name} (third party)`)}\n    trust: low`)
      return { id, name: part.name, kind, thirdParty, element: 'external', boundary }
    }
    return { id, name: part.name, kind, thirdParty, element: kind.element, boundary: kind.place }
  })
  const has = (place: string) => placed.some((p) => p.boundary === place)
  const implied = [
    ...(has('users') ? ['  users:\n    name: Users and their devices\n    trust: untrusted'] : []),
    ...(has('ours') ? [`  ours:\n    name: ${quote(`${answers.name} (ours)`)}\n    trust: medium`] : []),
    ...(has('data') ? [`  data:\n    name: Our data stores\n    trust: high${has('ours') ? '\n    parent: ours' : ''}`] : []),
  ]

  const flows: string[] = []
  const storeData = new Map<string, Set<string>>()
  const flowIds = new Set<string>()
  const flow = (from: Placed, to: Placed, carried: readonly string[], fallback: string) => {
    const ids = carried.map((name) => dataIds.get(name)).filter((id): id is string => id !== undefined)
    for (const end of [from, to]) if (end.element === 'store') for (const id of ids) (storeData.get(end.id) ?? storeData.set(end.id, new Set()).get(end.id)!).add(id)
    let id = `${from.id}-to-${to.id}`
    for (let i = 2; flowIds.has(id) || used.has(id); i++) id = `${from.id}-to-${to.id}-${i}`
    flowIds.add(id)
    const name = carried.length ? carried.join(', ') : fallback
    flows.push(`  ${id}:\n    name: ${quote(name)}\n    from: ${from.id}\n    to: ${to.id}\n    protocol: ${protocolOf(from, to)}${ids.length ? `\n    data: [${ids.join(', ')}]` : ''}`)
  }
  for (const c of connections) {
    const from = placed[c.from]
    const to = placed[c.to]
    if (!from || !to || from === to) continue
    flow(from, to, c.data, to.element === 'store' ? 'Writes' : 'Requests')
    if (c.back.length) flow(to, from, c.back, 'Replies')
  }

  const entry = (p: Placed, extra: string[]) => [`  ${p.id}:`, `    name: ${quote(p.name)}`, ...extra, `    boundary: ${p.boundary}`].join('\n')
  const externals = placed.filter((p) => p.element === 'external').map((p) =>
    entry(p, [`    type: ${p.thirdParty ? 'service' : p.kind.type}`, ...(p.thirdParty ? [`    description: ${quote(`A third party's ${p.kind.id === 'service' ? 'service' : p.kind.label.replace(/^an? /, '')}, run by them`)}`] : [])]))
  const processes = placed.filter((p) => p.element === 'process').map((p) => entry(p, [`    type: ${p.kind.type}`]))
  const stores = placed.filter((p) => p.element === 'store').map((p) => entry(p, [`    type: ${p.kind.type}`, ...(storeData.get(p.id)?.size ? [`    data: [${[...storeData.get(p.id)!].join(', ')}]`] : [])]))
  const people = placed.filter((p) => p.kind.id === 'person' || p.kind.id === 'device')
  const section = (name: string, lines: string[]) => (lines.length ? `\n${name}:\n${lines.join('\n')}\n` : '')
  const firstThreatTarget = placed.find((p) => p.element === 'process')?.id ?? placed[0]?.id ?? 'app'

  return `${header(answers)}
# What has value, and how much: classification is public, internal, confidential or restricted.
assets:
${data.length ? data.map((d) => `  ${dataIds.get(d.name)}:\n    name: ${quote(d.name)}\n    classification: ${d.classification}${isCredential(d.name) ? '\n    tags: [credential]' : ''}`).join('\n') : '  {}'}

# Who you defend against: they act through the parts named in "via".
actors:
  attacker:
    name: Internet attacker
    malicious: true
    capability: medium
${people.length ? `    via: [${people.map((p) => p.id).join(', ')}]` : has('users') ? '    boundary: users' : '    description: Reaches the system from the internet'}

# Trust boundaries: where the level of trust changes (untrusted, low, medium, high, full).
boundaries:
${[...implied, ...boundaries].join('\n')}

# The data-flow diagram: external entities, processes (ours), data stores (ours), and the flows between them.${section('externals', externals)}${section('processes', processes)}${section('stores', stores)}${section('flows', flows)}
# Security controls in place, and what they protect ("on"). Kinds: docs/model.md#controls.
controls: {}
#  tls:
#    kind: encryption-in-transit
#    on: [${flows.length ? (/^ {2}([^:]+):/.exec(flows[0]!)?.[1] ?? 'a-flow') : 'a-flow'}]

# Responses to the threats \`moat threats\` lists, by threat id, and threats of your own:
threats: {}
#  some-rule@${firstThreatTarget}:
#    response: mitigate          # or eliminate, transfer, accept
#    controls: [tls]
#    status: planned             # open, planned, in-progress, done
#    owner: alice
#    rationale: Why this response is right.
`
}

const STORE_PROTOCOL: Record<string, string> = { database: 'SQL', warehouse: 'SQL', cache: 'Redis', queue: 'AMQP', files: 'file', log: 'syslog', 'source-repository': 'SSH', secrets: 'HTTPS' }

/** A person uses an app on their own device through its screen; everything else goes over a network. */
function protocolOf(from: Placed, to: Placed): string {
  const app = from.kind.id === 'person' ? to : to.kind.id === 'person' ? from : undefined
  if (app && app.boundary === 'users' && app.element === 'process') return 'UI'
  const store = from.element === 'store' ? from : to.element === 'store' ? to : undefined
  if (store && !store.thirdParty) return STORE_PROTOCOL[store.kind.id] ?? 'HTTPS'
  return 'HTTPS'
}

function protocolStarter(answers: StarterAnswers): string {
  return `${header(answers)}
# What the protocol protects.
assets:
  session-key:
    name: Session key
    classification: restricted
    tags: [key]
  credentials:
    name: Client credentials
    classification: restricted
    tags: [credential]

actors:
  network-attacker:
    name: Network attacker (reads, drops, replays and forges messages)
    malicious: true
    capability: high
    boundary: network

boundaries:
  network:
    name: Network
    trust: untrusted
  client-device:
    name: Client device
    trust: medium
  server-side:
    name: Server
    trust: high

# The parties of the protocol.
externals:
  client:
    name: Client
    type: device
    boundary: client-device

processes:
  server:
    name: Server
    boundary: server-side
    data: [session-key, credentials]

# The messages, in order. Say how each is protected: encrypted, signed, authenticated, nonce.
flows:
  hello:
    name: ClientHello (client nonce, offered versions)
    from: client
    to: server
    order: 1
    nonce: true
  challenge:
    name: ServerHello (server nonce, signed key share)
    from: server
    to: client
    order: 2
    nonce: true
    signed: true
  finish:
    name: Finished (credentials under the session key)
    from: client
    to: server
    order: 3
    encrypted: true
    data: [credentials]

controls: {}

threats: {}

assumptions:
  random:
    description: Both parties have a good source of randomness for nonces and keys.
`
}
