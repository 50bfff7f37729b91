/**
 * OTM's fields, and what becomes of those moat has no field for: attributes with plain values
 * become moat `attributes`, the rest is kept under `x-otm` as the file has it.
 */
import { compact, dict, entries, list, num, text, type Dict } from '../values.js'
import { plainText } from '../xml.js'

/** The fields OTM 0.2.0 defines for each object; anything else is kept under `x-otm`. */
export const KNOWN = {
  root: ['otmVersion', 'project', 'representations', 'assets', 'trustZones', 'components', 'dataflows', 'threats', 'mitigations'],
  project: ['name', 'id', 'description', 'owner', 'ownerContact', 'tags', 'attributes'],
  zone: ['id', 'name', 'type', 'description', 'risk', 'parent', 'representations', 'attributes', 'properties'],
  component: ['id', 'name', 'type', 'description', 'parent', 'representations', 'assets', 'threats', 'tags', 'attributes', 'properties'],
  dataflow: ['id', 'name', 'description', 'bidirectional', 'source', 'destination', 'assets', 'threats', 'tags', 'attributes', 'properties'],
  asset: ['id', 'name', 'description', 'risk', 'attributes'],
  threat: ['id', 'name', 'description', 'categories', 'cwes', 'risk', 'tags', 'attributes'],
  mitigation: ['id', 'name', 'description', 'riskReduction', 'attributes'],
} as const

/** Attributes moat's export writes and this import reads back. */
export const OWN_ATTRIBUTES = ['moatKind', 'moatTrust', 'moat', 'moatStatus', 'technology', 'outOfScope', 'protocol', 'encrypted', 'authenticated']
/** Properties (StartLeft's Threat Modeling Tool converter) already mapped to fields. */
const MAPPED_PROPERTIES = ['Name', 'Out Of Scope', 'Reason For Out Of Scope', 'Dataflow Order']

/** A record of what is left, or undefined when nothing is. */
export const keep = (fields: Record<string, unknown>): Dict | undefined => {
  const kept = compact(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)))
  return Object.keys(kept).length ? kept : undefined
}

/** Fields the OTM specification does not define: kept as they are. */
export const extra = (value: Dict, known: readonly string[]): Dict =>
  Object.fromEntries(entries(value).filter(([k, v]) => !known.includes(k) && v !== null && v !== undefined))

/**
 * Attributes with a text, number or yes/no value become moat `attributes` (rules can read them);
 * others stay under `x-otm`. StartLeft's `properties` (copied from the Threat Modeling Tool) join
 * the attributes when they are set.
 */
export function attributesOf(value: Dict, consumed: readonly string[] = OWN_ATTRIBUTES): { attributes?: Record<string, string | number | boolean>; rest?: Dict } {
  const attributes: Record<string, string | number | boolean> = {}
  const rest: Record<string, unknown> = {}
  for (const [k, v] of entries(value.attributes)) {
    if (consumed.includes(k) || v === null || v === undefined) continue
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) attributes[k] = v
    else rest[k] = v
  }
  const order = num(dict(value.properties)['Dataflow Order'])
  if (order) attributes.dataflowOrder = order
  for (const [k, v] of entries(value.properties)) {
    if (MAPPED_PROPERTIES.includes(k) || k in attributes) continue
    if (typeof v === 'string' && v.trim() !== '' && v !== 'Select') attributes[k] = plainText(v).slice(0, 500)
    else if (typeof v === 'number' || typeof v === 'boolean') attributes[k] = v
  }
  return { ...(Object.keys(attributes).length && { attributes }), ...(Object.keys(rest).length && { rest }) }
}

/**
 * What a zone's or component's representations say beyond a position and size (those become the
 * diagram's layout): where it is in the code (file, line, snippet), and their attributes.
 */
export const unmappedDrawing = (owner: Dict) => {
  const kept = list(owner.representations).map(dict).map((r) => ({ representation: text(r.representation), rest: keep({ file: text(r.file), line: num(r.line), codeSnippet: text(r.codeSnippet), attributes: r.attributes }) }))
  const said = kept.filter((r) => r.rest).map((r) => ({ representation: r.representation, ...r.rest }))
  return said.length ? said : undefined
}

/** Code representations (a repository): the URL is one of the system's links; the rest is kept. */
export const codeRepresentations = (root: Dict) => {
  const code = list(root.representations).map(dict).filter((r) => text(r.type) === 'code').map((r) => keep({ id: text(r.id), name: text(r.name), description: text(r.description), attributes: r.attributes }))
  return code.length ? code : undefined
}
