/**
 * AWS threat-composer (.tc.json) → moat. threat-composer writes threats in its grammar (source,
 * prerequisites, action, impact, goal, assets), mitigations linked to threats, and assumptions;
 * its architecture and data flow are a description and a picture, not elements. So the import
 * creates one process for the application, with the impacted assets as its data, and puts every
 * threat on it: move them to the right elements once the DFD is drawn.
 */
import { ModelBuilder } from '../builder.js'
import { parseStructured } from '../structured.js'
import { addThreat } from '../threats.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { dict, list, text, unique, type Dict } from '../values.js'
import { guessControlKind } from '../vocabulary.js'

const STATUS: Record<string, string> = { threatIdentified: 'Open', threatResolved: 'Mitigated', threatResolvedNotUseful: 'NotApplicable' }

/**
 * @example
 * const { model } = importThreatComposer(readFileSync('model.tc.json', 'utf8'))
 */
export function importThreatComposer(source: string): ImportResult {
  const parsed = parseStructured(source)
  const root = dict(parsed.data)
  if (!Array.isArray(root.threats)) throw new InteropError('not a threat-composer export: "threats" is missing', 'export the workspace from threat-composer (Export as JSON)')
  const app = dict(root.applicationInfo)
  const b = new ModelBuilder({ name: text(app.name) ?? 'Imported threat-composer workspace', description: text(app.description) })

  // The application first, so it gets the plainest id; it holds every impacted asset.
  const processId = b.add('processes', 'application', text(app.name) ?? 'Application', {
    name: text(app.name) ?? 'Application',
    description: [text(dict(root.architecture).description), text(dict(root.dataflow).description)].filter(Boolean).join('\n\n') || undefined,
  })
  const assetNames = unique(root.threats.flatMap((t) => list(dict(t).impactedAssets).map(text).filter((a): a is string => !!a)))
  const assetIds = new Map(assetNames.map((name) => [name, b.add('assets', `asset:${name}`, name, { name })]))
  b.update('processes', processId, { data: [...assetIds.values()] })
  b.warn(['applicationInfo'], `threat-composer has no data-flow elements: one process "${processId}" stands for the application, and every threat is on it; draw the DFD and move the threats`)

  const threatKeys = new Map<string, string>()
  root.threats.forEach((raw, i) => {
    const t = dict(raw)
    const meta = metadata(t)
    const title = text(t.statement) ?? ([text(t.threatSource), text(t.threatAction)].filter(Boolean).join(' ') || `Threat ${i + 1}`)
    const key = addThreat(b, ['threats', i], {
      title,
      description: grammar(t),
      categories: list(meta.get('STRIDE')),
      severity: meta.get('Priority'),
      status: STATUS[text(t.status) ?? ''] ?? t.status,
      rationale: text(meta.get('Comments')),
      on: [processId],
      kind: 'process',
      extra: { 'x-threat-composer': { id: text(t.id), numericId: t.numericId, tags: list(t.tags).map(text).filter(Boolean), impactedGoal: list(t.impactedGoal).map(text).filter(Boolean), impactedAssets: list(t.impactedAssets).map(text).filter(Boolean) } },
    }, text(t.numericId) ? `T-${String(t.numericId).padStart(3, '0')}` : undefined)
    if (text(t.id)) threatKeys.set(text(t.id)!, key)
  })

  addMitigations(b, root, threatKeys, processId)
  addAssumptions(b, root, threatKeys)
  return { ...b.result('threat-composer'), warnings: parsed.locate(b.warnings) }
}

const metadata = (item: Dict) => new Map(list(item.metadata).map((m) => [text(dict(m).key) ?? '', dict(m).value]))

/** The threat grammar, written out so nothing of it is lost. */
function grammar(t: Dict): string | undefined {
  const parts: [string, unknown][] = [['Threat source', t.threatSource], ['Prerequisites', t.prerequisites], ['Threat action', t.threatAction], ['Threat impact', t.threatImpact], ['Impacted goal', list(t.impactedGoal).map(text).filter(Boolean).join(', ')], ['Impacted assets', list(t.impactedAssets).map(text).filter(Boolean).join(', ')]]
  const lines = parts.filter(([, v]) => text(v)).map(([k, v]) => `${k}: ${text(v)}`)
  const comments = text(metadata(t).get('Comments'))
  return [...lines, ...(comments ? ['', comments] : [])].join('\n') || undefined
}

function addMitigations(b: ModelBuilder, root: Dict, threatKeys: Map<string, string>, processId: string): void {
  const links = list(root.mitigationLinks).map(dict)
  list(root.mitigations).forEach((raw, i) => {
    const m = dict(raw)
    const path: SourcePath = ['mitigations', i]
    const name = text(m.content) ?? `Mitigation ${i + 1}`
    const kind = guessControlKind(name)
    if (!kind) b.warn(path, `mitigation "${name.slice(0, 80)}": no control kind fits its text; it is imported as "hardening": review it`)
    const id = b.add('controls', text(m.id), name.slice(0, 60), {
      name,
      kind: kind ?? 'hardening',
      description: text(metadata(m).get('Comments')),
      on: [processId],
      status: text(m.status) === 'mitigationResolved' ? 'implemented' : 'planned',
    }, text(m.numericId) ? `M-${String(m.numericId).padStart(3, '0')}` : undefined)
    for (const link of links.filter((l) => text(l.mitigationId) === text(m.id))) {
      const key = threatKeys.get(text(link.linkedId) ?? '')
      if (!key) {
        b.warn(['mitigationLinks'], `mitigation "${name.slice(0, 60)}" is linked to "${String(link.linkedId)}", which is not a threat; the link is left out`)
        continue
      }
      const threat = b.get('threats', key)!
      b.update('threats', key, { controls: unique([...list(threat.controls).map(String), id]), ...(!threat.response && { response: 'mitigate', status: 'open' }) })
    }
  })
  // A threat marked resolved is done only when every mitigation linked to it is in place.
  for (const key of threatKeys.values()) {
    const threat = b.get('threats', key)!
    if (threat.response !== 'mitigate') continue
    const planned = list(threat.controls).some((c) => b.get('controls', String(c))?.status === 'planned')
    if (planned && threat.status === 'done') b.update('threats', key, { status: 'in-progress' })
  }
}

function addAssumptions(b: ModelBuilder, root: Dict, threatKeys: Map<string, string>): void {
  const links = list(root.assumptionLinks).map(dict)
  list(root.assumptions).forEach((raw, i) => {
    const a = dict(raw)
    const description = text(a.content)
    if (!description) return b.warn(['assumptions', i], 'an assumption without content is left out')
    const id = b.add('assumptions', text(a.id), description.slice(0, 40), {
      description,
      'x-comments': text(metadata(a).get('Comments')),
    }, text(a.numericId) ? `A-${String(a.numericId).padStart(3, '0')}` : undefined)
    for (const link of links.filter((l) => text(l.assumptionId) === text(a.id))) {
      const key = threatKeys.get(text(link.linkedId) ?? '')
      if (!key) {
        b.warn(['assumptionLinks'], `assumption "${id}" is linked to "${String(link.linkedId)}" (a ${String(link.type)}), which moat cannot link to; the link is left out`)
        continue
      }
      const threat = b.get('threats', key)!
      b.update('threats', key, { 'x-assumptions': unique([...list(threat['x-assumptions']).map(String), id]) })
    }
  })
}
