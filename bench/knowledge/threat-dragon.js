// Scores moat against the threats people wrote in an OWASP Threat Dragon model: imports the file
// with `moat import` (which keeps those threats as threats of the model's own), analyses it with the
// built-in rules, and for each human threat decides whether moat raises a threat of the same kind on
// the same element. Kinds are recognised by words and STRIDE type, and mapped to moat rules, in
// mappings/threat-dragon.yaml; docs/knowledge.md explains how a match is decided.
import { basename } from 'node:path'
import { firstMatch, importAndAnalyse, loadMapping, percent, placesOf, rulesByElement, unknownRules } from './moat.js'

const KIND_OF_COLLECTION = { externals: 'external', processes: 'process', stores: 'store', flows: 'flow' }

/**
 * @example
 * const { findings, matched, recall, misses } = await scoreThreatDragon({ file: 'demo.json' })
 */
export async function scoreThreatDragon({ file }) {
  const { model, analysis } = importAndAnalyse(file, 'td')
  const { kinds, fallback } = mapping()
  const byElement = rulesByElement(analysis)
  const notes = []
  const misses = []
  const matches = []
  const tally = new Map()
  let findings = 0
  let matched = 0
  let byStrideOnly = 0

  for (const [key, threat] of Object.entries(model.threats ?? {})) {
    // A key with @ answers a generated threat; a threat written by a person has a title and elements.
    if (key.includes('@') || !threat.title || !threat.on?.length) continue
    findings++
    const elementKind = elementKindOf(model, threat.on[0])
    const recognised = recognise(kinds, fallback, threat, elementKind)
    const where = `${nameOf(model, threat.on[0])}: "${threat.title}"`
    const context = [threat.response === 'mitigate' && threat.status === 'done' ? 'mitigated in Threat Dragon' : '', isOutOfScope(model, threat.on[0]) ? 'its element is out of scope' : ''].filter(Boolean).join(', ')
    if (!recognised) {
      notes.push(`${where}: no kind recognised (${threat.category} on a ${elementKind}); add words to mappings/threat-dragon.yaml`)
      misses.push(`${where} (no kind recognised${context ? `; ${context}` : ''})`)
      continue
    }
    const { kind, how } = recognised
    if (how === 'stride') byStrideOnly++
    const count = tally.get(kind.id) ?? { id: kind.id, findings: 0, matched: 0 }
    tally.set(kind.id, count)
    count.findings++
    const places = [...new Set(threat.on.flatMap((id) => [...placesOf(model, id, kind.on)]))]
    const hit = firstMatch(byElement, places, kind.rules)
    if (hit) {
      matched++
      count.matched++
      matches.push(`${where} → ${kind.id} (${how}) → ${hit}`)
    } else {
      misses.push(`${where} (${kind.id}, by ${how}: expected ${kind.rules.slice(0, 3).join(' / ')}${kind.rules.length > 3 ? ' / …' : ''}${context ? `; ${context}` : ''})`)
    }
  }

  if (byStrideOnly) notes.push(`${byStrideOnly} threat(s) recognised by their STRIDE type alone (no words matched)`)
  const missing = unknownRules(kinds.flatMap((k) => k.rules))
  if (missing.length) notes.push(`mappings/threat-dragon.yaml names rules the library does not have: ${missing.join(', ')}`)
  if (!findings) notes.push('the file holds no threats written by people')
  return {
    corpus: `Threat Dragon ${basename(file)}`,
    findings,
    matched,
    recall: percent(matched, findings),
    misses,
    notes,
    matches,
    kinds: [...tally.values()].sort((a, b) => b.findings - b.matched - (a.findings - a.matched) || a.id.localeCompare(b.id)),
  }
}

/**
 * The kind of weakness a threat written in Threat Dragon is about, and how it was recognised
 * (title, description or stride), as the scorer decides it.
 * @example
 * recogniseThreat({ title: 'SQL injection', category: 'tampering' }, 'process').kind.id // 'sql-injection'
 */
export function recogniseThreat(threat, elementKind) {
  const { kinds, fallback } = mapping()
  return recognise(kinds, fallback, threat, elementKind)
}

let compiled
const mapping = () => (compiled ??= compileMapping(loadMapping('threat-dragon')))

function compileMapping(mapping) {
  const kinds = mapping.kinds.map((k) => ({ ...k, rules: (k.rules ?? []).flat(Infinity), patterns: k.words.map((w) => new RegExp(w, 'i')) }))
  const byId = new Map(kinds.map((k) => [k.id, k]))
  for (const [category, byElement] of Object.entries(mapping.fallback ?? {})) {
    for (const id of Object.values(byElement)) if (!byId.has(id)) throw new Error(`mappings/threat-dragon.yaml: fallback for ${category} names "${id}", which is not a kind`)
  }
  return { kinds, fallback: (category, elementKind) => byId.get(mapping.fallback?.[category]?.[elementKind]) }
}

/** The first kind whose words are in the title, else in the description, else the STRIDE fallback. */
function recognise(kinds, fallback, threat, elementKind) {
  const applies = (k) => (!k.stride || k.stride.includes(threat.category)) && (!k.elements || k.elements.includes(elementKind))
  for (const [how, text] of [['title', threat.title], ['description', threat.description ?? '']]) {
    const kind = kinds.find((k) => applies(k) && k.patterns.some((p) => p.test(text)))
    if (kind) return { kind, how }
  }
  const kind = fallback(threat.category, elementKind)
  return kind ? { kind, how: 'stride' } : undefined
}

function elementKindOf(model, id) {
  for (const [collection, kind] of Object.entries(KIND_OF_COLLECTION)) if (model[collection]?.[id]) return kind
  return 'process'
}

function nameOf(model, id) {
  for (const collection of Object.keys(KIND_OF_COLLECTION)) if (model[collection]?.[id]) return model[collection][id].name ?? id
  return id
}

const isOutOfScope = (model, id) => Object.keys(KIND_OF_COLLECTION).some((c) => model[c]?.[id]?.outOfScope !== undefined)
