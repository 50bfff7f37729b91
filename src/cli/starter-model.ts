/**
 * The commented starter model `moat init` writes. Pure: answers in, YAML text out; the text is
 * checked by a test to be a valid model.
 */

export interface StarterAnswers {
  name: string
  kind: 'product' | 'protocol'
  description?: string
  /** Main parts, e.g. ["Web app", "API", "Orders database"]; stores are recognised by name. */
  parts?: string[]
  /** A `# yaml-language-server: $schema=` target, relative to the model file. */
  schema?: string
}

const STORE_WORDS = /\b(db|database|store|storage|cache|bucket|queue|table|disk|file|files|redis|postgres|mysql|s3|vault|log|logs|index|warehouse)\b/i

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
    '# The reference for every field is docs/model.md.',
    'moat: 1',
    '',
    'system:',
    `  name: ${quote(answers.name)}`,
    `  kind: ${answers.kind}`,
    `  description: ${quote(answers.description || `What ${answers.name} does, for whom, and why it matters.`)}`,
    '  owners: [security-team]',
    '',
  ].join('\n')
}

function productStarter(answers: StarterAnswers): string {
  const parts = (answers.parts?.length ? answers.parts : ['Web app', 'Database']).map((p) => p.trim()).filter(Boolean)
  const used = new Set(['user', 'attacker', 'internet', 'app', 'customer-data', 'credentials'])
  const idFor = (name: string) => {
    let id = slug(name)
    for (let i = 2; used.has(id); i++) id = `${slug(name)}-${i}`
    used.add(id)
    return id
  }
  const stores = parts.filter((p) => STORE_WORDS.test(p)).map((name) => ({ id: idFor(name), name }))
  const processes = parts.filter((p) => !STORE_WORDS.test(p)).map((name) => ({ id: idFor(name), name }))
  if (processes.length === 0) processes.push({ id: idFor('App'), name: 'App' })
  const front = processes[0]!
  const flows: string[] = [
    `  login:\n    name: Sign in and use ${front.name}\n    from: user\n    to: ${front.id}\n    protocol: HTTPS\n    data: [credentials, customer-data]`,
    `  responses:\n    name: Pages and results\n    from: ${front.id}\n    to: user\n    protocol: HTTPS\n    data: [customer-data]`,
  ]
  for (const p of processes.slice(1)) {
    flows.push(`  ${front.id}-to-${p.id}:\n    from: ${front.id}\n    to: ${p.id}\n    protocol: HTTPS`)
    flows.push(`  ${p.id}-to-${front.id}:\n    from: ${p.id}\n    to: ${front.id}\n    protocol: HTTPS`)
  }
  for (const s of stores) {
    const owner = processes.at(-1)!
    flows.push(`  ${owner.id}-writes-${s.id}:\n    from: ${owner.id}\n    to: ${s.id}\n    data: [customer-data]`)
    flows.push(`  ${owner.id}-reads-${s.id}:\n    from: ${s.id}\n    to: ${owner.id}\n    data: [customer-data]`)
  }
  return `${header(answers)}
# What has value, and how much: classification is public, internal, confidential or restricted.
assets:
  customer-data:
    name: Customer data
    classification: confidential
    description: What customers tell us and what we keep about them.
  credentials:
    name: Passwords and session tokens
    classification: restricted
    tags: [credential]

# Who interacts with the system; malicious ones are who you defend against.
actors:
  attacker:
    name: Internet attacker
    malicious: true
    capability: medium
    via: [user]

# Trust boundaries: where the level of trust changes.
boundaries:
  internet:
    name: Internet
    trust: untrusted
  app:
    name: Our infrastructure
    trust: medium

# The data-flow diagram: external entities, processes, data stores, and the flows between them.
externals:
  user:
    name: User
    type: person
    boundary: internet

processes:
${processes.map((p) => `  ${p.id}:\n    name: ${quote(p.name)}\n    boundary: app`).join('\n')}
${stores.length ? `\nstores:\n${stores.map((s) => `  ${s.id}:\n    name: ${quote(s.name)}\n    boundary: app\n    data: [customer-data]`).join('\n')}\n` : ''}
flows:
${flows.join('\n')}

# Security controls in place, and what they protect ("on"). Kinds: docs/model.md#controls.
controls:
  tls:
    name: TLS on every connection from the internet
    kind: encryption-in-transit
    on: [login, responses]

# Responses to the threats \`moat threats\` lists, by threat id, and threats of your own:
threats: {}
#  some-rule@${front.id}:
#    response: mitigate          # or eliminate, transfer, accept
#    controls: [tls]
#    status: planned             # open, planned, in-progress, done
#    owner: alice
#    rationale: Why this response is right.

assumptions:
  managed-hosting:
    description: The hosting provider patches the operating systems.
`
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
