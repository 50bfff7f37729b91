/**
 * Threagile YAML → moat. Technical assets become externals, processes or stores by their type
 * (and technology), data assets keep their CIA ratings, trust boundaries nest as Threagile nests
 * them, and communication links become flows carrying the data sent and received. Threagile's
 * own risk rules are not moat's: risk_tracking entries become responses only for the individual
 * risks the model itself writes down; the others are reported.
 */
import { ModelBuilder, type NodeKind } from '../builder.js'
import { keepsAsId } from '../ids.js'
import { parseStructured } from '../structured.js'
import { addThreat } from '../threats.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { bool, dict, entries, isDict, list, text, unique, type Dict } from '../values.js'

const KIND: Record<string, NodeKind> = { 'external-entity': 'externals', process: 'processes', datastore: 'stores' }
const CIA: Record<string, 'low' | 'medium' | 'high'> = {
  public: 'low', internal: 'medium', restricted: 'high', confidential: 'high', 'strictly-confidential': 'high',
  archive: 'low', operational: 'medium', important: 'high', critical: 'high', 'mission-critical': 'high',
}
const CLASSIFICATION: Record<string, string> = { public: 'public', internal: 'internal', restricted: 'confidential', confidential: 'confidential', 'strictly-confidential': 'restricted' }
const ENCRYPTED = /^(transparent|data-with-symmetric-shared-key|data-with-asymmetric-shared-key|data-with-enduser-individual-key)$/
const LIKELIHOOD: Record<string, string> = { unlikely: 'unlikely', likely: 'likely', 'very-likely': 'very-likely', frequent: 'very-likely' }
const IMPACT: Record<string, string> = { low: 'low', medium: 'medium', high: 'high', 'very-high': 'very-high' }
const TRACKING: Record<string, { response?: string; status?: string }> = {
  unchecked: {}, 'in-discussion': {}, accepted: { response: 'accept', status: 'done' }, 'in-progress': { response: 'mitigate', status: 'in-progress' },
  mitigated: { response: 'mitigate', status: 'done' }, 'false-positive': { response: 'not-applicable', status: 'done' },
}

/**
 * @example
 * const { model } = importThreagile(readFileSync('threagile.yaml', 'utf8'))
 */
export function importThreagile(source: string): ImportResult {
  const parsed = parseStructured(source)
  const root = dict(parsed.data)
  if (!isDict(root.technical_assets) && !text(root.threagile_version)) {
    throw new InteropError('not a Threagile model: "technical_assets" is missing', 'a Threagile model has threagile_version, data_assets, technical_assets, trust_boundaries')
  }
  const b = new ModelBuilder({
    name: text(root.title),
    description: [text(root.business_overview) ?? text(dict(root.business_overview).description), text(dict(root.technical_overview).description)].filter(Boolean).join('\n\n') || undefined,
    owners: text(dict(root.author).name) ? [text(dict(root.author).name)] : undefined,
  })

  for (const [key, value] of entries(root.data_assets)) {
    const a = dict(value)
    const confidentiality = CIA[text(a.confidentiality) ?? '']
    b.add('assets', text(a.id) ?? key, key, {
      name: key,
      description: [text(a.description), text(a.justification_cia_rating)].filter(Boolean).join('\n\n') || undefined,
      classification: CLASSIFICATION[text(a.confidentiality) ?? ''],
      confidentiality,
      integrity: CIA[text(a.integrity) ?? ''],
      availability: CIA[text(a.availability) ?? ''],
      owner: text(a.owner),
      tags: list(a.tags).map(text).filter(Boolean),
    }, keepsAsId(a.id) ? (a.id as string) : undefined)
  }

  const assets = entries(root.technical_assets)
  for (const [key, value] of assets) addAsset(b, key, dict(value), ['technical_assets', key])
  addBoundaries(b, root)
  for (const [key, value] of assets) addLinks(b, key, dict(value), ['technical_assets', key])
  for (const [key, value] of entries(root.shared_runtimes)) {
    b.warn(['shared_runtimes', key], `shared runtime "${key}" has no counterpart in moat; its assets are imported without it`)
    void value
  }
  addRisks(b, root)
  return { ...b.result('threagile'), warnings: parsed.locate(b.warnings) }
}

function addAsset(b: ModelBuilder, key: string, a: Dict, path: SourcePath): void {
  const type = text(a.type) ?? ''
  let kind = KIND[type]
  if (!kind) {
    b.warn([...path, 'type'], `technical asset "${key}" has type ${JSON.stringify(a.type)}; it is imported as a process`)
    kind = 'processes'
  }
  const technology = text(a.technology)
  const data = [...list(a.data_assets_processed), ...list(a.data_assets_stored)].map(text).filter((d): d is string => !!d)
  const known = unique(data.map((d) => b.ref(d)).filter((d): d is string => !!d))
  if (known.length < unique(data).length) b.warn(path, `technical asset "${key}" refers to data assets that are not defined; they are left out`)
  const outOfScope = bool(a.out_of_scope) === true ? text(a.justification_out_of_scope) ?? 'Out of scope in the Threagile model' : undefined
  b.add(kind, text(a.id) ?? key, key, {
    name: key,
    description: text(a.description),
    ...(kind === 'externals'
      ? { type: bool(a.used_as_client_by_human) ? 'person' : technology && /device|iot|mobile/.test(technology) ? 'device' : 'service' }
      : { type: technology, technology }),
    ...(kind === 'stores' && { encrypted: ENCRYPTED.test(text(a.encryption) ?? '') ? true : undefined }),
    data: known,
    tags: list(a.tags).map(text).filter(Boolean),
    outOfScope,
    attributes: Object.fromEntries(
      (['usage', 'size', 'machine', 'encryption', 'owner'] as const).flatMap((k) => (text(a[k]) ? [[k, text(a[k])!]] : [])).concat(
        (['internet', 'multi_tenant', 'redundant', 'custom_developed_parts'] as const).flatMap((k) => (bool(a[k]) === true ? [[k, true as never]] : [])),
      ),
    ),
  }, keepsAsId(a.id) ? (a.id as string) : undefined)
}

function addBoundaries(b: ModelBuilder, root: Dict): void {
  const boundaries = entries(root.trust_boundaries)
  for (const [key, value] of boundaries) {
    const t = dict(value)
    const type = text(t.type)
    b.add('boundaries', text(t.id) ?? key, key, {
      name: key,
      description: text(t.description),
      type,
      // Threagile's network types say how far the inside is trusted from outside: a cloud
      // security group or an execution environment is a tighter zone than a plain network.
      tags: list(t.tags).map(text).filter(Boolean),
    }, keepsAsId(t.id) ? (t.id as string) : undefined)
  }
  for (const [key, value] of boundaries) {
    const t = dict(value)
    const id = b.ref(text(t.id) ?? key)!
    list(t.technical_assets_inside).forEach((ref, i) => {
      const inside = b.ref(text(ref))
      if (!b.isNode(inside)) return b.warn(['trust_boundaries', key, 'technical_assets_inside', i], `"${String(ref)}" is not a technical asset; it is left out of "${key}"`)
      const kind = b.kindOf(inside) as NodeKind
      const current = b.get(kind, inside!)?.boundary
      if (current && current !== id) b.warn(['trust_boundaries', key, 'technical_assets_inside', i], `"${inside}" is inside two trust boundaries; it keeps "${String(current)}"`)
      else b.update(kind, inside!, { boundary: id })
    })
    list(t.trust_boundaries_nested).forEach((ref, i) => {
      const nested = b.ref(text(ref))
      if (b.kindOf(nested) !== 'boundaries' || nested === id) return b.warn(['trust_boundaries', key, 'trust_boundaries_nested', i], `"${String(ref)}" is not another trust boundary; it is not nested`)
      b.update('boundaries', nested!, { parent: id })
    })
  }
}

function addLinks(b: ModelBuilder, key: string, a: Dict, path: SourcePath): void {
  const from = b.ref(text(a.id) ?? key)
  for (const [name, value] of entries(a.communication_links)) {
    const link = dict(value)
    const to = b.ref(text(link.target))
    const where = [...path, 'communication_links', name]
    if (!from || !b.isNode(to) || from === to) {
      b.warn(where, `communication link "${name}" does not lead to another technical asset; it is left out`)
      continue
    }
    const assets = (k: string) => unique(list(link[k]).map((d) => b.ref(text(d))).filter((d): d is string => !!d && b.kindOf(d) === 'assets'))
    const sent = assets('data_assets_sent')
    const received = assets('data_assets_received')
    const authentication = text(link.authentication)
    const authorization = text(link.authorization)
    const protocol = text(link.protocol)
    b.add('flows', `${key}/${name}`, name, {
      name,
      description: text(link.description),
      from,
      to,
      protocol,
      data: unique([...sent, ...received]),
      authenticated: authentication ? authentication !== 'none' : undefined,
      // Threagile's protocol names say whether a link is encrypted (https, jdbc-encrypted, ...).
      encrypted: protocol ? /^(https|wss|ssh|sftp|ftps|ldaps|.*-encrypted|.*-tls|smtp-encrypted|mqtt-tls|nrpe|iiop-encrypted|binary-encrypted|text-encrypted|jdbc-encrypted|odbc-encrypted|sql-access-protocol-encrypted|nosql-access-protocol-encrypted|reverse-proxy-web-protocol-encrypted|in-process-library-call|in-memory|local-file-access|container-spawning)$/.test(protocol) : undefined,
      bidirectional: received.length > 0 ? true : undefined,
      tags: list(link.tags).map(text).filter(Boolean),
      attributes: Object.fromEntries([
        ...(authentication ? [['authentication', authentication]] : []),
        ...(authorization ? [['authorization', authorization]] : []),
        ...(text(link.usage) ? [['usage', text(link.usage)!]] : []),
        ...(sent.length ? [['dataSent', sent.join(' ')]] : []),
        ...(received.length ? [['dataReceived', received.join(' ')]] : []),
        ...(['vpn', 'ip_filtered', 'readonly'] as const).flatMap((k) => (bool(link[k]) === true ? [[k, true]] : [])),
      ]),
    })
  }
}

/** Individual risk categories are the model's own threats; risk_tracking answers them by risk id. */
function addRisks(b: ModelBuilder, root: Dict): void {
  const byRiskId = new Map<string, string>()
  for (const [categoryName, value] of entries(root.individual_risk_categories)) {
    const category = dict(value)
    const categoryId = text(category.id) ?? categoryName
    for (const [riskName, risk] of entries(category.risks_identified)) {
      const r = dict(risk)
      const path: SourcePath = ['individual_risk_categories', categoryName, 'risks_identified', riskName]
      const targets = [r.most_relevant_technical_asset, r.most_relevant_communication_link, ...list(r.data_breach_technical_assets)]
        .map((t) => b.ref(text(t)))
        .filter((t): t is string => !!t && (b.isNode(t) || b.kindOf(t) === 'flows'))
      const on = unique(targets)
      if (!on.length) {
        b.warn(path, `risk "${riskName}" is on no technical asset or link moat imported; it is left out`)
        continue
      }
      const title = riskName.replace(/<[^>]*>/g, '')
      const first = b.kindOf(on[0])
      const key = addThreat(b, path, {
        title,
        description: [text(category.description), text(category.impact)].filter(Boolean).join('\n\n') || undefined,
        mitigations: [text(category.mitigation), text(category.action)].filter((m): m is string => !!m),
        categories: [category.stride],
        severity: r.severity,
        likelihood: LIKELIHOOD[text(r.exploitation_likelihood) ?? ''],
        impact: IMPACT[text(r.exploitation_impact) ?? ''],
        on,
        kind: first === 'flows' ? 'flow' : first === 'externals' ? 'external' : first === 'stores' ? 'store' : 'process',
        extra: { references: [text(category.cwe) ? `CWE-${text(category.cwe)}` : undefined, text(category.cheat_sheet)].filter(Boolean) },
      })
      // Threagile names an individual risk CATEGORY@ASSET (and @LINK ...).
      byRiskId.set([categoryId, ...[r.most_relevant_technical_asset, r.most_relevant_communication_link].map(text).filter(Boolean)].join('@'), key)
    }
  }
  for (const [riskId, value] of entries(root.risk_tracking)) {
    const tracking = dict(value)
    const path: SourcePath = ['risk_tracking', riskId]
    const key = byRiskId.get(riskId)
    if (!key) {
      b.warn(path, `risk tracking "${riskId}" answers a risk found by Threagile's own rules; moat has its own rules, so this decision is not imported: answer the matching moat threat (moat threats) instead`)
      continue
    }
    const response = TRACKING[text(tracking.status) ?? '']
    if (!response) b.warn([...path, 'status'], `status ${JSON.stringify(tracking.status)} is not a Threagile tracking status; no response imported`)
    b.update('threats', key, { ...response, rationale: text(tracking.justification), ticket: text(tracking.ticket), owner: text(tracking.checked_by) })
  }
}
