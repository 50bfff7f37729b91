/**
 * Threagile communication links → moat flows. A link is a connection its source opens to its
 * target: data goes out (data_assets_sent) and comes back (data_assets_received). A moat flow is
 * one direction of data, so a link becomes up to two flows:
 *
 * - a link: source → target with the data sent, named as the link; the data received comes back
 *   on a second flow, target → source, named "<link> (response)";
 * - a read-only link (`readonly: true`: the source reads, the target is not changed): the data
 *   flows target → source, named as the link; when the request carries data of its own (the
 *   credentials a login check sends), that is a second flow source → target, "<link> (request)".
 *   Both carry `attributes.readonly: true`, so neither counts as a write.
 *
 * A flow whose `from` did not open the connection names the element that did in
 * `attributes.initiator`: its `from` is not a caller of its `to`. Both flows of a link carry the
 * link's protocol, authentication, authorization, usage and tags: they are halves of one
 * connection.
 */
import type { ModelBuilder } from '../builder.js'
import type { SourcePath } from '../types.js'
import { bool, dict, entries, list, text, unique, type Dict } from '../values.js'
import { warnUnknownFields } from './fields.js'
import { protocolEncrypted } from './vocabulary.js'

const AUTHENTICATIONS = ['none', 'credentials', 'session-id', 'token', 'client-certificate', 'two-factor', 'externalized']
const AUTHORIZATIONS = ['none', 'technical-user', 'end-user-identity-propagation']
const USAGES = ['business', 'devops']

/** Flows that share a control the link states: a VPN, IP filtering, a second factor. */
export interface LinkControls {
  vpn: string[]
  ipFiltered: string[]
  twoFactor: string[]
}

/** Threagile's id of a link: its source's id, ">", and its title in lower case with "-" for anything else. */
export const linkId = (sourceId: string, title: string) => `${sourceId}>${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`

/** Adds the flows of one technical asset's links; returns nothing, records controls in `controls`. */
export function addLinks(b: ModelBuilder, sourceId: string, asset: Dict, path: SourcePath, controls: LinkControls): void {
  const from = b.ref(sourceId)
  for (const [name, value] of entries(asset.communication_links)) {
    const link = dict(value)
    const where = [...path, 'communication_links', name]
    warnUnknownFields(b, where, link, 'communicationLink', `communication link "${name}"`)
    const to = b.ref(text(link.target))
    if (!from || !b.isNode(to) || from === to) {
      b.warn(where, `communication link "${name}" does not lead to another technical asset; it is left out`)
      continue
    }
    const assets = (k: string) => {
      const refs = list(link[k]).map(text).filter((d): d is string => !!d)
      const found = unique(refs.map((d) => b.ref(d)).filter((d): d is string => !!d && b.kindOf(d) === 'assets'))
      if (found.length < unique(refs).length) b.warn([...where, k], `communication link "${name}" names data assets that are not defined; they are left out`)
      return found
    }
    const sent = assets('data_assets_sent')
    const received = assets('data_assets_received')
    const readonly = bool(link.readonly) === true
    const common = connectionOf(b, link, where, name)
    const both = (attributes: Record<string, unknown>) => ({ ...common, attributes: { ...common.attributes, ...attributes } })
    const keys = [`${sourceId}/${name}`, linkId(sourceId, name)]
    const flows: string[] = []
    if (readonly) {
      flows.push(addFlow(b, keys, name, { ...both({ readonly: true, initiator: from }), from: to, to: from, data: received }))
      if (sent.length) flows.push(addFlow(b, [`${keys[0]}#request`], `${name} (request)`, { ...both({ readonly: true }), from, to, data: sent }))
    } else {
      flows.push(addFlow(b, keys, name, { ...both({}), from, to, data: sent }))
      if (received.length) flows.push(addFlow(b, [`${keys[0]}#response`], `${name} (response)`, { ...both({ initiator: from }), from: to, to: from, data: received }))
    }
    if (bool(link.vpn) === true) controls.vpn.push(...flows)
    if (bool(link.ip_filtered) === true) controls.ipFiltered.push(...flows)
    if (text(link.authentication) === 'two-factor') controls.twoFactor.push(...flows)
  }
}

/** What both flows of a link share. */
function connectionOf(b: ModelBuilder, link: Dict, where: SourcePath, name: string) {
  const word = (k: string, words: string[]) => {
    const value = text(link[k])
    if (value !== undefined && !words.includes(value)) b.warn([...where, k], `communication link "${name}": ${k} ${JSON.stringify(value)} is not one of ${words.join(', ')}; it is kept as it is`)
    return value
  }
  const protocol = text(link.protocol)
  const authentication = word('authentication', AUTHENTICATIONS)
  const authorization = word('authorization', AUTHORIZATIONS)
  const usage = word('usage', USAGES)
  const encrypted = protocol === undefined ? undefined : protocolEncrypted(protocol)
  if (protocol !== undefined && encrypted === undefined && protocol !== 'unknown-protocol') {
    b.warn([...where, 'protocol'], `communication link "${name}": protocol "${protocol}" is not one Threagile defines; moat decides from its name whether it is encrypted`)
  }
  return {
    description: text(link.description),
    protocol: protocol === 'unknown-protocol' ? undefined : protocol,
    encrypted,
    authenticated: authentication === undefined ? undefined : authentication !== 'none',
    tags: list(link.tags).map(text).filter((t): t is string => !!t),
    attributes: {
      ...(authentication && { authentication }),
      ...(authorization && { authorization }),
      ...(usage && { usage }),
      ...(bool(link.vpn) === true && { vpn: true }),
      ...(bool(link.ip_filtered) === true && { ip_filtered: true }),
    } as Record<string, unknown>,
  }
}

function addFlow(b: ModelBuilder, keys: string[], name: string, flow: Record<string, unknown>): string {
  const id = b.add('flows', keys[0], name, { name, ...flow })
  for (const key of keys.slice(1)) b.alias(key, id)
  return id
}
