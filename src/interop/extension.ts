/**
 * What moat writes into a foreign file beyond that format's own fields, so a round trip
 * (moat → Threat Dragon or OTM → moat) keeps what the format cannot say: response owner,
 * rationale, status and controls, and which entries answer generated threats. The tools keep
 * unknown properties (Threat Dragon in `data`, OTM in `attributes`), and ignore them.
 */
import { IMPACTS, LIKELIHOODS, RESPONSES, RESPONSE_STATUSES } from '../core/index.js'
import { dict, list, text } from './values.js'

export interface MoatThreatExtension {
  /** The entry answers a generated threat (RULE@ELEMENT): import it as a response, not a threat of its own. */
  generated?: boolean
  response?: string
  status?: string
  owner?: string
  rationale?: string
  ticket?: string
  controls?: string[]
  likelihood?: string
  impact?: string
}

const oneOf = (value: unknown, words: readonly string[]) => (typeof value === 'string' && words.includes(value) ? value : undefined)

/**
 * Reads the extension back, keeping only well-typed fields (the file is untrusted).
 * @example
 * readExtension({ response: 'accept', owner: 'ops', controls: 'x' }) // { response: 'accept', owner: 'ops' }
 */
export function readExtension(value: unknown): MoatThreatExtension | undefined {
  if (value === undefined) return undefined
  const v = dict(value)
  const controls = list(v.controls).filter((c): c is string => typeof c === 'string')
  const out: MoatThreatExtension = {
    ...(v.generated === true && { generated: true }),
    ...(oneOf(v.response, RESPONSES) && { response: v.response as string }),
    ...(oneOf(v.status, RESPONSE_STATUSES) && { status: v.status as string }),
    ...(text(v.owner) && { owner: text(v.owner) }),
    ...(text(v.rationale) && { rationale: text(v.rationale) }),
    ...(text(v.ticket) && { ticket: text(v.ticket) }),
    ...(Array.isArray(v.controls) && controls.length && { controls }),
    ...(oneOf(v.likelihood, LIKELIHOODS) && { likelihood: v.likelihood as string }),
    ...(oneOf(v.impact, IMPACTS) && { impact: v.impact as string }),
  }
  return Object.keys(out).length ? out : undefined
}

/** The response fields of a moat threat entry, as an extension. */
export function writeExtension(entry: Record<string, unknown>, generated: boolean): MoatThreatExtension {
  const pick = (k: string) => (entry[k] === undefined ? {} : { [k]: entry[k] })
  return {
    ...(generated && { generated: true }),
    ...pick('response'), ...pick('status'), ...pick('owner'), ...pick('rationale'), ...pick('ticket'), ...pick('controls'), ...pick('likelihood'), ...pick('impact'),
  } as MoatThreatExtension
}
