/**
 * Threagile's risks → moat threats and responses. Individual risk categories (custom risk
 * categories in Threagile 2) are risks the model's authors wrote by hand: each identified risk
 * becomes a threat of moat's own. risk_tracking answers risks by Threagile's synthetic risk id
 * (category@asset@link@boundary@runtime@data, "*" for any part): an entry that names one of those
 * threats becomes its response. Entries that answer risks of Threagile's built-in rules are kept
 * (moat has its own rules: the same decision has to be taken again on moat's threat) and warned.
 */
import type { ModelBuilder } from '../builder.js'
import { addThreat } from '../threats.js'
import type { SourcePath } from '../types.js'
import { bool, compact, dict, entries, list, text, unique, type Dict } from '../values.js'
import { warnUnknownFields } from './fields.js'
import { IMPACT, LIKELIHOOD, TRACKING } from './vocabulary.js'

/** Adds the individual risks as threats; returns the risk_tracking entries that answer none of them. */
export function addRisks(b: ModelBuilder, root: Dict): Record<string, unknown> {
  const threats = new Map<string, string>()
  const categories: [Dict, string, SourcePath][] = [
    ...entries(root.individual_risk_categories).map(([name, c]): [Dict, string, SourcePath] => [dict(c), name, ['individual_risk_categories', name]]),
    ...list(root.custom_risk_categories).map((c, i): [Dict, string, SourcePath] => [dict(c), text(dict(c).title) ?? text(dict(c).id) ?? `category ${i + 1}`, ['custom_risk_categories', i]]),
  ]
  for (const [category, name, path] of categories) {
    warnUnknownFields(b, path, category, 'riskCategory', `risk category "${name}"`)
    for (const [riskName, risk] of entries(category.risks_identified)) {
      const key = addRisk(b, category, name, dict(risk), riskName, [...path, 'risks_identified', riskName])
      if (key) threats.set(syntheticId(text(category.id) ?? name, dict(risk)), key)
    }
  }

  const unanswered: Record<string, unknown> = {}
  for (const [riskId, value] of entries(root.risk_tracking)) {
    const tracking = dict(value)
    const path: SourcePath = ['risk_tracking', riskId]
    warnUnknownFields(b, path, tracking, 'riskTracking', `risk tracking "${riskId}"`)
    const answered = [...threats].filter(([id]) => matches(riskId, id)).map(([, key]) => key)
    if (!answered.length) {
      unanswered[riskId] = value
      b.warn(path, `risk tracking "${riskId}" answers a risk of Threagile's own rules; it is kept in x-threagile.risk_tracking, but moat has its own rules: take the decision again on the matching moat threat (moat threats)`)
      continue
    }
    const response = TRACKING[text(tracking.status) ?? '']
    if (!response) b.warn([...path, 'status'], `status ${JSON.stringify(tracking.status)} is not a Threagile tracking status; no response imported`)
    for (const key of answered) {
      b.update('threats', key, {
        ...response,
        rationale: text(tracking.justification),
        ticket: text(tracking.ticket),
        owner: text(tracking.checked_by),
        ...(text(tracking.date) && { 'x-threagile': { ...dict(b.get('threats', key)?.['x-threagile']), tracked_on: text(tracking.date) } }),
      })
    }
  }
  return unanswered
}

function addRisk(b: ModelBuilder, category: Dict, categoryName: string, r: Dict, riskName: string, path: SourcePath): string | undefined {
  warnUnknownFields(b, path, r, 'risk', `risk "${riskName}"`)
  const targets = [r.most_relevant_technical_asset, r.most_relevant_communication_link, ...list(r.data_breach_technical_assets)]
    .map((t) => b.ref(text(t)))
    .filter((t): t is string => !!t && (b.isNode(t) || b.kindOf(t) === 'flows'))
  const on = unique(targets)
  if (!on.length) {
    b.warn(path, `risk "${riskName}" is on no technical asset or link moat imported; it is left out`)
    return undefined
  }
  const title = riskName.replace(/<[^>]*>/g, '')
  const first = b.kindOf(on[0])
  const cwe = text(category.cwe)
  return addThreat(b, path, {
    title,
    description: [text(category.description), text(category.impact)].filter(Boolean).join('\n\n') || undefined,
    mitigations: [text(category.mitigation), text(category.action)].filter((m): m is string => !!m),
    categories: [category.stride],
    severity: r.severity,
    likelihood: LIKELIHOOD[text(r.exploitation_likelihood) ?? ''],
    impact: IMPACT[text(r.exploitation_impact) ?? ''],
    on,
    kind: first === 'flows' ? 'flow' : first === 'externals' ? 'external' : first === 'stores' ? 'store' : 'process',
    extra: {
      references: [cwe && cwe !== '0' ? `CWE-${cwe}` : undefined, text(category.asvs) && `ASVS ${text(category.asvs)}`, text(category.cheat_sheet)].filter(Boolean),
      // What Threagile says about the category and the risk that moat's threat has no field for.
      'x-threagile': compact({
        category: text(category.id),
        category_title: categoryName,
        check: text(category.check),
        function: text(category.function),
        detection_logic: text(category.detection_logic),
        risk_assessment: text(category.risk_assessment),
        false_positives: text(category.false_positives),
        model_failure_possible_reason: bool(category.model_failure_possible_reason) === true ? true : undefined,
        data_breach_probability: text(r.data_breach_probability),
        most_relevant_data_asset: text(r.most_relevant_data_asset),
        most_relevant_trust_boundary: text(r.most_relevant_trust_boundary),
        most_relevant_shared_runtime: text(r.most_relevant_shared_runtime),
      }),
    },
  })
}

/** Threagile's synthetic id of an individual risk (createSyntheticId): the category, then each part that is set. */
const syntheticId = (categoryId: string, r: Dict) =>
  [categoryId, r.most_relevant_technical_asset, r.most_relevant_communication_link, r.most_relevant_trust_boundary, r.most_relevant_shared_runtime, r.most_relevant_data_asset]
    .map(text)
    .filter(Boolean)
    .join('@')

/** A tracking key matches a risk id part by part; "*" matches any one part. */
const matches = (pattern: string, id: string) => {
  const want = pattern.split('@')
  const have = id.split('@')
  return want.length === have.length && want.every((part, i) => part === '*' || part === have[i])
}
