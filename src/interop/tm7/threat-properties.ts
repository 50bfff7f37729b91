/**
 * A threat instance's properties. The Threat Modeling Tool keys them by the names its template
 * defines in `KnowledgeBase › ThreatMetaData`: the standard ones by name (Title,
 * UserThreatDescription, PossibleMitigations, Priority, ...), a custom template's own by the GUID
 * of their definition, whose `Label` says what they are ("Mitigation(s)", "CAPEC", "Issue
 * Reference", "Compliance", ...). Each is given a home: mitigations, references, the ticket,
 * likelihood or impact where the label says so, and `x-tmt` (under its label) otherwise.
 */
import { IMPACTS, LIKELIHOODS } from '../../core/index.js'
import { dict, list } from '../values.js'
import { plainText } from '../xml.js'
import { xmlText } from './properties.js'

/** The template's property labels, by the key an instance uses (a standard name or a custom GUID). */
export function propertyLabels(knowledgeBase: unknown): Map<string, string> {
  const labels = new Map<string, string>()
  const data = dict(dict(dict(knowledgeBase).ThreatMetaData).PropertiesMetaData)
  for (const raw of list(data.ThreatMetaDatum)) {
    const datum = dict(raw)
    const label = xmlText(datum.Label)
    if (!label) continue
    for (const key of [xmlText(datum.Name), xmlText(datum.Id)]) if (key && !labels.has(key)) labels.set(key, label)
  }
  return labels
}

/** Standard property names: read into moat's fields by the importer itself. */
export const STANDARD = ['Title', 'UserThreatCategory', 'UserThreatShortDescription', 'UserThreatDescription', 'StateInformation', 'InteractionString', 'PossibleMitigations', 'Priority', 'SDLPhase'] as const

export interface CustomHomes {
  mitigations: string[]
  references: string[]
  ticket?: string
  likelihood?: string
  impact?: string
  /** Label → value, for `x-tmt`. */
  kept: Record<string, string>
}

const MITIGATION = /mitigation|countermeasure|remediation|recommendation/i
const REFERENCE = /capec|cwe|cve|owasp|asvs|nist|iso ?27|pci|hipaa|gdpr|sox|soc ?2|fisma|finra|compliance|standard|reference|attack pattern|mitre|att&ck/i
const TICKET = /issue|ticket|work ?item|bug|jira/i

/**
 * Where the properties a template adds go (standard names are not among `properties`).
 * @example
 * customHomes(new Map([['g1', 'CAPEC']]), new Map([['g1', 'CAPEC-66']])).references // ['CAPEC-66']
 */
export function customHomes(labels: Map<string, string>, properties: Map<string, string>): CustomHomes {
  const homes: CustomHomes = { mitigations: [], references: [], kept: {} }
  for (const [key, raw] of properties) {
    if ((STANDARD as readonly string[]).includes(key)) continue
    const label = labels.get(key) ?? key
    const value = plainText(raw)
    if (!value) continue
    const word = value.toLowerCase()
    if (MITIGATION.test(label)) homes.mitigations.push(value)
    else if (TICKET.test(label) && !/status|state/i.test(label) && !homes.ticket) homes.ticket = value
    else if (REFERENCE.test(label)) homes.references.push(value.toLowerCase().includes(label.toLowerCase().split(/\W/)[0]!) ? value : `${label}: ${value}`)
    else if (/^likelihood$/i.test(label) && (LIKELIHOODS as readonly string[]).includes(word)) homes.likelihood = word
    else if (/^impact$/i.test(label) && (IMPACTS as readonly string[]).includes(word)) homes.impact = word
    else homes.kept[label] = value
  }
  return homes
}
