/**
 * OWASP pytm JSON (`python3 tm.py --json model.json`) → moat. pytm's element classes become
 * externals, processes and stores with moat's role words as `type`; boundaries nest as pytm nests
 * them; dataflows keep their protocol, and pytm's encryption, authentication, nonce and integrity
 * flags become the flow's `encrypted`, `authenticated`, `nonce` and `signed`; pytm's Data become
 * assets. A control pytm says an element has (sanitizesInput, isHardened, ...) becomes a moat
 * control of the matching kind; every other fact pytm states, false ones included, stays in
 * `attributes` under pytm's own name, where rules can read it.
 *
 * pytm writes its findings into the same file. They are the output of pytm's rules, not the
 * modeller's decisions, so they are not imported as threats (moat raises its own); the import says
 * how many there were.
 */
import { protocolAuthenticates, protocolEncrypts, type ControlKind } from '../../core/index.js'
import { ModelBuilder, type NodeKind } from '../builder.js'
import { parseStructured } from '../structured.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { bool, dict, isDict, list, num, text, unique, type Dict } from '../values.js'

/** pytm's element classes → where they go in moat, and the role word pytm's class stands for. */
const CLASSES: Record<string, { kind: NodeKind; type?: string }> = {
  Actor: { kind: 'externals', type: 'person' },
  ExternalEntity: { kind: 'externals', type: 'service' },
  // pytm's Server is its web server: its attributes are HTTP ones (headers, CSRF tokens, sessions).
  Server: { kind: 'processes', type: 'web-server' },
  Process: { kind: 'processes' },
  SetOfProcesses: { kind: 'processes' },
  Lambda: { kind: 'processes', type: 'function' },
  ServerlessFunc: { kind: 'processes', type: 'function' },
  LLM: { kind: 'processes', type: 'llm' },
  Agent: { kind: 'processes', type: 'agent' },
  Datastore: { kind: 'stores' },
}

const DATASTORE_TYPES: Record<string, string | undefined> = { SQL: 'database', LDAP: 'ldap', FILE_SYSTEM: 'filesystem', AWS_S3: 's3', UNKNOWN: undefined }

/** pytm's classification, lowest first: UNKNOWN says nothing; SECRET and TOP_SECRET are both moat's highest. */
const CLASSIFICATIONS: Record<string, string | undefined> = {
  UNKNOWN: undefined, PUBLIC: 'public', RESTRICTED: 'internal', SENSITIVE: 'confidential', SECRET: 'restricted', TOP_SECRET: 'restricted',
}

/** pytm booleans that, when true, are a control of this kind. False ones stay attributes. */
const CONTROL_KINDS: Record<string, ControlKind> = {
  authenticatesSource: 'authentication',
  implementsAuthenticationScheme: 'authentication',
  authorizesSource: 'authorization',
  hasAccessControl: 'authorization',
  usesMFA: 'mfa',
  isEncrypted: 'encryption-in-transit',
  isEncryptedAtRest: 'encryption-at-rest',
  validatesInput: 'input-validation',
  sanitizesInput: 'input-validation',
  checksInputBounds: 'input-validation',
  implementsServerSideValidation: 'input-validation',
  validatesHeaders: 'input-validation',
  validatesContentType: 'input-validation',
  implementsStrictHTTPValidation: 'input-validation',
  invokesScriptFilters: 'input-validation',
  hasContentFiltering: 'input-validation',
  validatesToolLaunchConfig: 'input-validation',
  encodesOutput: 'output-encoding',
  encodesHeaders: 'output-encoding',
  usesParameterizedInput: 'output-encoding',
  providesIntegrity: 'integrity-check',
  implementsCSRFToken: 'csrf-protection',
  usesStrongSessionIdentifiers: 'session-management',
  verifySessionIdentifiers: 'session-management',
  encryptsCookies: 'session-management',
  encryptsSessionData: 'session-management',
  definesConnectionTimeout: 'session-management',
  implementsNonce: 'anti-replay',
  isHardened: 'hardening',
  disablesDTD: 'hardening',
  disablesiFrames: 'hardening',
  handlesResourceConsumption: 'rate-limiting',
  isResilient: 'redundancy',
  implementsPOLP: 'least-privilege',
  usesCodeSigning: 'signing',
  // On an element, a VPN keeps it off the open network; on a flow, it encrypts the traffic.
  usesVPN: 'network-segmentation',
}

/** Values pytm writes when nothing was said: not facts, so not kept. */
const UNSTATED = new Set(['', 'Classification.UNKNOWN', 'TLSVersion.NONE', 'Lifetime.NONE', 'DatastoreType.UNKNOWN'])

/** Fields every importer step reads itself, and pytm's own output (its findings and the severity it computed from them). */
const READ = new Set(['__class__', 'name', 'description', 'inBoundary', 'inScope', 'controls', 'data', 'inputs', 'outputs', 'assumptions', 'levels', 'overrides', 'findings', 'severity'])
const READ_ON_FLOWS = new Set([...READ, 'source', 'sink', 'protocol', 'note', 'order', 'isEncrypted', 'authenticatesSource', 'implementsAuthenticationScheme', 'implementsNonce', 'providesIntegrity', 'response', 'responseTo', 'isResponse'])
const READ_ON_STORES = new Set([...READ, 'type', 'isEncryptedAtRest'])

interface Sourced {
  value: Dict
  path: SourcePath
}

/**
 * @example
 * const { model, warnings } = importPytm(readFileSync('tm.json', 'utf8'))
 */
export function importPytm(source: string): ImportResult {
  const parsed = parseStructured(source)
  const root = dict(parsed.data)
  if (!['elements', 'flows', 'boundaries'].some((k) => Array.isArray(root[k]))) {
    throw new InteropError('not a pytm model: "elements", "flows" and "boundaries" are missing', 'pytm writes its model as JSON with `python3 tm.py --json model.json`')
  }
  const b = new ModelBuilder({ name: text(root.name), description: text(root.description) })
  const levels = new Map<string, number[]>()

  const boundaries = sourced(root, 'boundaries')
  for (const { value, path } of boundaries) {
    const name = text(value.name)
    if (!name) {
      b.warn(path, 'a boundary without a name cannot be referred to; it is left out')
      continue
    }
    if (b.ref(`boundary:${name}`)) {
      b.warn(path, `a second boundary is named "${name}"; pytm refers to boundaries by name, so it is left out`)
      continue
    }
    const id = b.add('boundaries', `boundary:${name}`, name, { name, description: text(value.description), attributes: attributesOf(b, value, READ, path, false) })
    levels.set(id, levelsOf(value))
  }
  for (const { value, path } of boundaries) {
    const id = b.ref(`boundary:${text(value.name)}`)
    const parentName = text(value.inBoundary)
    if (!id || !parentName) continue
    const parent = b.ref(`boundary:${parentName}`)
    if (!parent || parent === id) b.warn([...path, 'inBoundary'], `boundary "${parentName}" is not another boundary of the model; "${text(value.name)}" is not nested`)
    else b.update('boundaries', id, { parent })
  }

  const nodes = nodesOf(root)
  for (const node of nodes) addNode(b, node, levels)
  const flows = sourced(root, 'flows')
  for (const flow of flows) addFlow(b, flow, levels)
  for (const flow of flows) linkResponse(b, flow)
  addData(b, root)
  for (const { value, path } of [...boundaries, ...nodes, ...flows]) addControls(b, value, path)
  addAssumptions(b, root, nodes)
  addDiagrams(b, levels)
  reportFindings(b, root)
  return { ...b.result('pytm'), warnings: parsed.locate(b.warnings) }
}

function sourced(root: Dict, key: string): Sourced[] {
  return list(root[key]).flatMap((value, i) => (isDict(value) ? [{ value, path: [key, i] }] : []))
}

/** `elements` lists every element; older files list them as `actors` and `assets` instead. Each once, by name. */
function nodesOf(root: Dict): Sourced[] {
  const seen = new Set<string>()
  const out: Sourced[] = []
  for (const key of ['elements', 'actors', 'assets']) {
    for (const node of sourced(root, key)) {
      const name = text(node.value.name)
      const cls = text(node.value.__class__)
      if (cls === 'Boundary' || cls === 'Dataflow') continue
      if (name && seen.has(`${cls}:${name}`)) continue
      if (name) seen.add(`${cls}:${name}`)
      out.push(node)
    }
  }
  return out
}

/** An element's own fields and its `controls`, as one record: pytm moved flags between the two over its versions. */
const factsOf = (value: Dict): Dict => ({ ...value, ...dict(value.controls) })

function addNode(b: ModelBuilder, { value, path }: Sourced, levels: Map<string, number[]>): void {
  const name = text(value.name)
  if (!name) return b.warn(path, 'an element without a name cannot be referred to; it is left out')
  if (b.ref(`node:${name}`)) return b.warn(path, `a second element is named "${name}"; pytm refers to elements by name, so flows go to the first`)
  const facts = factsOf(value)
  const cls = text(value.__class__) ?? 'Element'
  let mapped = CLASSES[cls]
  if (!mapped) {
    b.warn([...path, '__class__'], `"${name}" is a pytm ${cls}, which moat does not know; it is imported as a process`)
    mapped = { kind: 'processes' }
  }
  const kind = mapped.kind
  const boundaryName = text(value.inBoundary)
  const boundary = boundaryName ? b.ref(`boundary:${boundaryName}`) : undefined
  if (boundaryName && !boundary) b.warn([...path, 'inBoundary'], `"${name}" is in boundary "${boundaryName}", which the model does not define; it is imported outside every boundary`)
  const storeType = text(facts.type)?.replace(/^DatastoreType\./, '')
  const type =
    kind === 'stores' ? [DATASTORE_TYPES[storeType ?? 'UNKNOWN'], bool(facts.storesLogData) && 'log'].filter(Boolean).join('-') || undefined
    : kind === 'externals' ? (bool(facts.hasPhysicalAccess) ? 'device' : mapped.type)
    : processType(mapped.type, facts)
  if (kind === 'stores' && storeType && !(storeType in DATASTORE_TYPES)) b.warn([...path, 'type'], `datastore type "${storeType}" is not one pytm defines; "${name}" gets no type`)
  const id = b.add(kind, `node:${name}`, name, {
    name,
    description: text(value.description),
    type,
    boundary,
    outOfScope: bool(value.inScope) === false ? 'Out of scope in the pytm model' : undefined,
    ...(kind === 'stores' && bool(facts.isEncryptedAtRest) !== undefined && { encrypted: bool(facts.isEncryptedAtRest) }),
    attributes: { pytmClass: cls, ...attributesOf(b, value, kind === 'stores' ? READ_ON_STORES : READ, path, cls !== 'Actor') },
    ...overridesOf(b, value, path, name),
  })
  levels.set(id, levelsOf(value))
}

function processType(classType: string | undefined, facts: Dict): string | undefined {
  const api = bool(facts.implementsAPI) === true
  if (classType) return api && classType === 'function' ? 'api-function' : classType
  if (bool(facts.allowsClientSideScripting) === true) return api ? 'web-api' : 'web-app'
  return api ? 'api' : undefined
}

function addFlow(b: ModelBuilder, { value, path }: Sourced, levels: Map<string, number[]>): void {
  const name = text(value.name)
  const from = b.ref(`node:${text(value.source)}`)
  const to = b.ref(`node:${text(value.sink)}`)
  if (!name) return b.warn(path, 'a dataflow without a name is left out')
  if (!from || !to) return b.warn(path, `dataflow "${name}" goes from "${String(value.source)}" to "${String(value.sink)}", which are not both elements of the model; it is left out`)
  if (from === to) return b.warn(path, `dataflow "${name}" goes from "${String(value.source)}" to itself; moat has no flows from an element to itself, so it is left out`)
  const facts = factsOf(value)
  const protocol = text(value.protocol)
  const stated = (key: string) => bool(facts[key])
  const order = num(value.order)
  const id = b.add('flows', `flow:${name}`, name, {
    name,
    description: [text(value.description), text(value.note)].filter(Boolean).join('\n\n') || undefined,
    from,
    to,
    protocol,
    encrypted: flowFact(b, path, name, 'isEncrypted', stated('isEncrypted'), protocol && protocolEncrypts(protocol), 'encrypts'),
    authenticated: flowFact(b, path, name, 'authenticatesSource', anyOf(stated('authenticatesSource'), stated('implementsAuthenticationScheme')), protocol && protocolAuthenticates(protocol), 'authenticates the sender'),
    nonce: stated('implementsNonce'),
    signed: stated('providesIntegrity'),
    order: order !== undefined && order > 0 ? order : undefined,
    outOfScope: bool(value.inScope) === false ? 'Out of scope in the pytm model' : undefined,
    attributes: attributesOf(b, value, READ_ON_FLOWS, path),
    ...overridesOf(b, value, path, name),
  })
  if (text(value.inBoundary)) b.warn([...path, 'inBoundary'], `dataflow "${name}" is placed in boundary "${text(value.inBoundary)}"; moat places the ends of a flow, not the flow`)
  levels.set(id, levelsOf(value))
}

/** True when either says so, false when one says false and none says true. */
const anyOf = (...values: (boolean | undefined)[]) => (values.includes(true) ? true : values.includes(false) ? false : undefined)

/**
 * A flow fact pytm states: true is kept; false too, unless the protocol says otherwise (pytm
 * writes false for every flag nobody set), in which case the protocol's word stands and the
 * import says so.
 */
function flowFact(b: ModelBuilder, path: SourcePath, name: string, key: string, value: boolean | undefined, protocolSays: boolean | '' | undefined, what: string): boolean | undefined {
  if (value !== false) return value
  if (!protocolSays) return false
  b.warn([...path, 'controls', key], `dataflow "${name}": pytm says ${key} is false, but its protocol ${what}; moat follows the protocol`)
  return undefined
}

/** pytm pairs a response with its request by name; moat keeps the pair as attributes, by id. */
function linkResponse(b: ModelBuilder, { value, path }: Sourced): void {
  const id = b.ref(`flow:${text(value.name)}`)
  if (!id) return
  const attributes = { ...dict(b.get('flows', id)?.attributes) }
  for (const key of ['responseTo', 'response'] as const) {
    const other = text(value[key])
    if (!other) continue
    const otherId = b.ref(`flow:${other}`)
    if (otherId) attributes[key] = otherId
    else b.warn([...path, key], `dataflow "${text(value.name)}" names "${other}" as its ${key === 'response' ? 'response' : 'request'}, which is not a dataflow of the model`)
  }
  if (bool(value.isResponse) !== undefined) attributes.isResponse = bool(value.isResponse)!
  b.update('flows', id, { attributes })
}

/** pytm's Data → assets; the flows that carry them and the elements that process or store them hold them. */
function addData(b: ModelBuilder, root: Dict): void {
  const holders = new Map<string, string[]>()
  const hold = (holder: string, asset: string) => holders.set(holder, unique([...(holders.get(holder) ?? []), asset]))
  const processors = new Map<string, { names: readonly unknown[]; path: SourcePath }>()
  const data = sourced(root, 'data')
  for (const { value, path } of data) {
    const name = text(value.name)
    if (!name) {
      b.warn(path, 'a Data without a name cannot be referred to; it is left out')
      continue
    }
    const classification = text(value.classification)?.replace(/^Classification\./, '')
    if (classification && !(classification in CLASSIFICATIONS)) b.warn([...path, 'classification'], `classification "${classification}" is not one pytm defines; "${name}" keeps moat's default (internal)`)
    const life = text(value.credentialsLife)?.replace(/^Lifetime\./, '')
    const format = text(value.format)?.toLowerCase()
    // What a moat asset has no field for (false is pytm's default); rules cannot read x- fields, but nothing is lost.
    const extra: Record<string, string | boolean> = life && life !== 'NONE' ? { credentialsLife: life } : {}
    for (const k of ['isStored', 'isSourceEncryptedAtRest', 'isDestEncryptedAtRest']) if (bool(value[k]) === true) extra[k] = true
    const id = b.add('assets', `data:${name}`, name, {
      name,
      description: text(value.description),
      classification: CLASSIFICATIONS[classification ?? 'UNKNOWN'],
      tags: unique([bool(value.isCredentials) && 'credential', bool(value.isPII) && 'pii', life === 'HARDCODED' && 'hardcoded', format].filter((t): t is string => !!t)),
      'x-pytm': extra,
    })
    for (const [i, flowName] of list(value.carriedBy).entries()) {
      const flow = b.ref(`flow:${text(flowName)}`)
      if (!flow) {
        b.warn([...path, 'carriedBy', i], `"${name}" is carried by "${String(flowName)}", which is not a dataflow of the model`)
        continue
      }
      hold(flow, id)
      // pytm's isStored: the data is stored where the flow delivers it.
      const sink = b.get('flows', flow)?.to as string
      if (bool(value.isStored) === true && b.kindOf(sink) === 'stores') hold(sink, id)
    }
    processors.set(id, { names: list(value.processedBy), path: [...path, 'processedBy'] })
  }
  for (const [key, collection] of [['elements', 'node'], ['actors', 'node'], ['assets', 'node'], ['flows', 'flow']] as const) {
    for (const { value, path } of sourced(root, key)) {
      const holder = b.ref(`${collection}:${text(value.name)}`)
      if (!holder) continue
      for (const [i, dataName] of list(value.data).entries()) {
        const asset = b.ref(`data:${text(dataName) ?? text(dict(dataName).name)}`)
        if (asset) hold(holder, asset)
        else b.warn([...path, 'data', i], `"${text(value.name)}" names data "${String(text(dataName) ?? text(dict(dataName).name))}", which is not a Data of the model`)
      }
    }
  }
  // pytm fills processedBy from the flows too; only what no flow of the element carries says more.
  const carried = new Set([...holders].filter(([holder]) => b.kindOf(holder) === 'flows').flatMap(([flow, assets]) => {
    const f = b.get('flows', flow)!
    return assets.flatMap((a) => [`${String(f.from)} ${a}`, `${String(f.to)} ${a}`])
  }))
  for (const [asset, { names, path }] of processors) {
    for (const [i, elementName] of names.entries()) {
      const element = b.ref(`node:${text(elementName)}`)
      if (!element) b.warn([...path, i], `"${String(b.get('assets', asset)?.name)}" is processed by "${String(elementName)}", which is not an element of the model`)
      else if (!carried.has(`${element} ${asset}`)) hold(element, asset)
    }
  }
  for (const [holder, assets] of holders) {
    const collection = b.kindOf(holder)!
    b.update(collection, holder, { data: unique([...list(b.get(collection, holder)?.data).map(String), ...assets]) })
  }
}

/** Every control pytm says an element, boundary or flow has: one moat control per kind, naming pytm's flags. */
function addControls(b: ModelBuilder, value: Dict, path: SourcePath): void {
  const name = text(value.name)
  const isFlow = path[0] === 'flows'
  const id = b.ref(`${path[0] === 'boundaries' ? 'boundary' : isFlow ? 'flow' : 'node'}:${name}`)
  if (!id || !name) return
  const facts = factsOf(value)
  const byKind = new Map<ControlKind, string[]>()
  for (const [flag, kind] of Object.entries(CONTROL_KINDS)) {
    if (bool(facts[flag]) !== true) continue
    // A flow's own fields say these; a store's encryption at rest is its `encrypted`.
    if (isFlow && ['isEncrypted', 'authenticatesSource', 'implementsAuthenticationScheme', 'implementsNonce', 'providesIntegrity'].includes(flag)) continue
    if (b.kindOf(id) === 'stores' && flag === 'isEncryptedAtRest') continue
    const actual = isFlow && flag === 'usesVPN' ? 'encryption-in-transit' : kind
    byKind.set(actual, [...(byKind.get(actual) ?? []), flag])
  }
  for (const [kind, flags] of byKind) {
    b.add('controls', undefined, `${id} ${kind}`, { name: `${name}: ${flags.join(', ')}`, kind, on: [id], description: `pytm: ${flags.map((f) => `${f} = true`).join(', ')}` })
  }
}

/**
 * Every other fact, under pytm's name: booleans both ways, text and numbers unless they are
 * pytm's "not set" values, enum values without their class, lists of names joined. pytm's threat
 * rules never read the flags of boundaries and actors, so there a false flag (pytm's default) is
 * no fact anyone acted on, and is not kept.
 */
function attributesOf(b: ModelBuilder, value: Dict, read: ReadonlySet<string>, path: SourcePath, keepFalse = true): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {}
  const controls = dict(value.controls)
  for (const [key, raw] of Object.entries({ ...value, ...controls }).sort(([a], [c]) => a.localeCompare(c))) {
    if (read.has(key) || (bool(raw) === true && key in CONTROL_KINDS)) continue
    const where = key in controls ? [...path, 'controls', key] : [...path, key]
    if (typeof raw === 'boolean') {
      if (raw || keepFalse) out[key] = raw
    }
    else if (typeof raw === 'number') {
      if (Number.isFinite(raw) && !(raw === -1 && /port$/i.test(key))) out[key] = raw
    } else if (typeof raw === 'string') {
      if (!UNSTATED.has(raw.trim())) out[key] = raw.trim().replace(/^(Classification|TLSVersion|Lifetime|DatastoreType)\./, '')
    } else if (Array.isArray(raw) && raw.every((v) => typeof v === 'string' || typeof v === 'number')) {
      if (raw.length) out[key] = raw.join(', ')
    } else if (raw !== null && raw !== undefined) {
      b.warn(where, `"${text(value.name)}": field "${key}" has no moat counterpart; it is left out`)
    }
  }
  return out
}

/** pytm's overrides are the modeller's answers to pytm's findings: kept for reference, and said. */
function overridesOf(b: ModelBuilder, value: Dict, path: SourcePath, name: string): Record<string, unknown> {
  const overrides = list(value.overrides).filter(isDict)
  if (!overrides.length) return {}
  b.warn([...path, 'overrides'], `"${name}" answers ${overrides.length} pytm finding(s) (overrides); they are kept in x-pytm.overrides: answer the matching moat threats (moat threats) instead`)
  return { 'x-pytm': { overrides: overrides.map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'string' && v !== ''))) } }
}

/** The model's assumptions, and those of single elements (naming the element and the pytm threats they rule out). */
function addAssumptions(b: ModelBuilder, root: Dict, nodes: Sourced[]): void {
  for (const [i, assumption] of list(root.assumptions).entries()) {
    const description = text(assumption) ?? text(dict(assumption).name)
    if (description) b.add('assumptions', undefined, description, { description: [description, text(dict(assumption).description)].filter(Boolean).join('\n\n') })
    else b.warn(['assumptions', i], 'an assumption without text is left out')
  }
  // An element names its assumptions; their text and what they exclude are written with the findings they excluded.
  const details = new Map<string, Dict>()
  for (const excluded of list(root.excluded_findings)) {
    const assumption = dict(dict(excluded).assumption)
    const name = text(assumption.name)
    if (name && !details.has(name)) details.set(name, assumption)
  }
  for (const { value } of nodes) {
    const element = text(value.name)
    for (const assumption of list(value.assumptions)) {
      const name = text(assumption) ?? text(dict(assumption).name)
      if (!name || !element) continue
      const detail = isDict(assumption) ? assumption : (details.get(name) ?? {})
      const excluded = unique(String(detail.exclude ?? '').match(/[A-Z]+\d+/g) ?? []).join(', ')
      b.add('assumptions', undefined, `${element} ${name}`, {
        description: [`${element}: ${name}`, text(detail.description), excluded && `pytm leaves out ${excluded} on ${element} because of it.`].filter(Boolean).join('\n\n'),
      })
    }
  }
}

const levelsOf = (value: Dict): number[] => unique(list(value.levels).map(num).filter((n): n is number => n !== undefined))

/** pytm draws a DFD per level (`--levels`): one diagram for everything, and one per level when several are used. */
function addDiagrams(b: ModelBuilder, levels: Map<string, number[]>): void {
  const used = unique([...levels.values()].flat()).sort((x, y) => x - y)
  if (used.length < 2) return
  b.add('diagrams', undefined, 'dfd', { name: 'Data-flow diagram' })
  for (const level of used) {
    const elements = [...levels].filter(([, ls]) => ls.includes(level)).map(([id]) => id)
    b.add('diagrams', undefined, `level ${level}`, { name: `Level ${level}`, description: `pytm's level-${level} DFD (tm.py --dfd --levels ${level})`, elements })
  }
}

function reportFindings(b: ModelBuilder, root: Dict): void {
  const findings = list(root.findings).length
  const excluded = list(root.excluded_findings).length
  if (findings || excluded) {
    b.warn([root.findings !== undefined ? 'findings' : 'excluded_findings'], `${findings} finding(s) of pytm's rules${excluded ? ` (and ${excluded} an assumption excluded)` : ''} are not imported: they are pytm's output, not decisions; moat raises its own threats from the model (moat threats)`)
  }
  for (const [i, finding] of list(root.findings).entries()) {
    const f = dict(finding)
    if (text(f.response)) b.warn(['findings', i, 'response'], `pytm finding ${text(f.threat_id)} on "${text(f.target)}" has the response "${text(f.response)}"; answer the matching moat threat instead`)
  }
  const excludedThreats = list(root.threatsExcluded).map(text).filter(Boolean)
  if (excludedThreats.length) b.warn(['threatsExcluded'], `pytm was told to skip ${excludedThreats.join(', ')}; moat's rules are its own: switch off the matching ones with rules.disable`)
}
