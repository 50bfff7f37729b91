/**
 * `moat report --format sarif`: SARIF 2.1.0, so GitHub code scanning (and any SARIF viewer) shows
 * each open threat on the line of the model file that declares its element. One run, one
 * reportingDescriptor per rule that has a result, results only for threats whose response is not
 * done: a finished threat is not something to act on.
 */
import { createLocator, STRIDE_LETTER, type Analysis, type ResidualSeverity, type Threat } from '../core/index.js'
import { mdText } from './markdown/escape.js'

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'

type Level = 'error' | 'warning' | 'note'
const LEVEL: Record<ResidualSeverity, Level> = { critical: 'error', high: 'error', elevated: 'warning', medium: 'warning', low: 'note', none: 'note' }
/** GitHub ranks code-scanning alerts by this score (0–10): ≥9 critical, ≥7 high, ≥4 medium. */
const SECURITY_SEVERITY: Record<ResidualSeverity, string> = { critical: '9.5', high: '8.0', elevated: '6.5', medium: '5.0', low: '2.0', none: '0.0' }

/** Hand-written threats have no rule: they share this one. */
const MANUAL_RULE = 'moat/manual-threat'
const COLLECTIONS = ['externals', 'processes', 'stores', 'flows'] as const

export interface SarifOptions {
  /** The model file as the repository sees it (relative, forward slashes), e.g. `threatmodel.yaml`. */
  uri: string
  toolVersion: string
}

/**
 * @example
 * const log = sarifReport(analysis, text, { uri: 'threatmodel.yaml', toolVersion: '0.1.0' })
 * log.runs[0].results[0].level // 'error'
 */
export function sarifReport(analysis: Analysis, text: string, options: SarifOptions) {
  const open = analysis.threats.filter((t) => t.status !== 'done')
  const ruleOf = (t: Threat) => t.rule ?? MANUAL_RULE
  const ruleIds = [...new Set(open.map(ruleOf))]
  const locator = createLocator(text)
  const where = (t: Threat) => {
    const element = t.elements[0]!
    const collection = COLLECTIONS.find((c) => Object.hasOwn(analysis.model[c] ?? {}, element))
    // A hand-written threat is shown where it is written; a generated one on its element.
    const path = t.origin === 'manual' || !collection ? ['threats', t.id] : [collection, element]
    return locator.locate(path, 'key')
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'moat',
            version: options.toolVersion,
            rules: ruleIds.map((id) => descriptor(id, open.find((t) => ruleOf(t) === id)!)),
          },
        },
        artifacts: [{ location: { uri: options.uri }, roles: ['analysisTarget'] }],
        results: open.map((t) => {
          const range = where(t)
          return {
            ruleId: ruleOf(t),
            ruleIndex: ruleIds.indexOf(ruleOf(t)),
            level: levelOf(t),
            message: { text: message(t) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: options.uri, index: 0 },
                  region: { startLine: range.line, startColumn: range.column },
                },
              },
            ],
            // Keeps an alert the same alert when lines move: the threat id is stable by design.
            partialFingerprints: { 'moatThreatId/v1': t.id },
            properties: {
              'moat-id': t.id, category: t.category, severity: t.severity, residual: t.residual.severity, status: t.status, possible: t.possible,
              ...(t.possible && { unstated: t.unstated.map((f) => ({ element: f.element, fact: f.fact, text: f.text })), settledBy: t.settledBy }),
            },
          }
        }),
      },
    ],
  }
}

/** A possible threat is shown one level lower: it may go away once the model says more. */
function levelOf(t: Threat): Level {
  const level = LEVEL[t.residual.severity]
  return t.possible ? (level === 'error' ? 'warning' : 'note') : level
}

function message(t: Threat): string {
  const response = t.response ? `response: ${t.response.kind}, ${t.response.status}` : 'no response yet'
  const possible = t.possible ? ` Possible: it assumes that ${t.unstated.map((f) => f.text).join(t.settledBy === 'all' ? ', and that ' : ', or that ')} (not stated in the model).` : ''
  return `${t.possible ? 'Possible: ' : ''}${t.title} (${STRIDE_LETTER[t.category]}, ${t.residual.severity} residual risk; ${response}).${possible} Threat id: ${t.id}`
}

/** The rule as SARIF describes a check: what it finds, what to do, where to read more. */
function descriptor(id: string, example: Threat) {
  const manual = id === MANUAL_RULE
  const description = manual ? 'A threat written by hand in the model.' : example.description
  const mitigations = manual ? [] : example.mitigations
  const references = manual ? [] : example.references
  const lines = [description, '', ...(mitigations.length ? ['Mitigations:', ...mitigations.map((m) => `- ${m}`), ''] : []), ...(references.length ? ['References:', ...references.map((r) => `- ${r}`)] : [])]
  // Rule packs are model-side input: their text is escaped as the Markdown report escapes it.
  const markdown = [mdText(description), '', ...(mitigations.length ? ['**Mitigations**', '', ...mitigations.map((m) => `- ${mdText(m)}`), ''] : []), ...(references.length ? ['**References**', '', ...references.map((r) => `- ${referenceLink(r)}`)] : [])]
  const helpUri = references.map(referenceUri).find((u) => u !== undefined)
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
    shortDescription: { text: manual ? 'Hand-written threat' : firstSentence(description) },
    fullDescription: { text: description },
    help: { text: lines.join('\n').trim(), markdown: markdown.join('\n').trim() },
    ...(helpUri && { helpUri }),
    defaultConfiguration: { level: LEVEL[example.severity] },
    properties: {
      tags: ['security', 'threat-model', manual ? 'manual' : example.category],
      'security-severity': SECURITY_SEVERITY[example.severity],
    },
  }
}

const firstSentence = (text: string) => (/^.*?[.!?](\s|$)/s.exec(text)?.[0] ?? text).trim()

/** CWE-79 → its MITRE page; a URL as itself; anything else has no link. */
function referenceUri(reference: string): string | undefined {
  const cwe = /^CWE-(\d+)$/i.exec(reference.trim())
  if (cwe) return `https://cwe.mitre.org/data/definitions/${cwe[1]}.html`
  return /^https?:\/\/\S+$/.test(reference.trim()) ? reference.trim() : undefined
}

/** A reference in Markdown: CWE ids link to MITRE; a URL is shown as text inside <>, escaped. */
const referenceLink = (reference: string) => {
  const uri = referenceUri(reference)
  if (uri && uri !== reference.trim()) return `[${mdText(reference)}](${uri})`
  return uri ? `<${uri.replace(/[<>\s]/g, encodeURIComponent)}>` : mdText(reference)
}
