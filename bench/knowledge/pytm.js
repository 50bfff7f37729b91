// Scores moat against pytm's findings (`python3 tm.py --json out.json` writes them beside the
// model): imports the file with `moat import`, analyses it with the built-in rules, and for each
// finding pytm raised decides whether moat raises a threat of the same kind on the same element.
// The kinds are data: mappings/pytm.yaml maps every pytm threat id to moat rules, the places where
// moat raises them, and the findings that are noise (each with its reason). docs/knowledge.md
// explains how a match is decided.
import { evaluate } from '@marcbachmann/cel-js'
import { basename } from 'node:path'
import { firstMatch, importAndAnalyse, loadMapping, percent, placesOf, rulesByElement, unknownRules } from './moat.js'

/**
 * @example
 * const { findings, real, matched, recall, misses } = await scorePytm({ file: 'tm.json' })
 */
export async function scorePytm({ file }) {
  const { text, model, analysis } = importAndAnalyse(file, 'pytm')
  const root = JSON.parse(text)
  const threats = Object.fromEntries(Object.entries(loadMapping('pytm').threats).map(([id, t]) => [id, { ...t, rules: (t.rules ?? []).flat(Infinity) }]))
  const context = pytmContext(root)
  const byElement = rulesByElement(analysis)
  const idsByName = moatIdsByName(model)
  const notes = []
  const misses = []
  const matches = []
  const noiseFindings = []
  const kinds = new Map()
  let real = 0
  let matched = 0
  let noise = 0

  const findings = Array.isArray(root.findings) ? root.findings : []
  for (const finding of findings) {
    const id = String(finding.threat_id ?? '')
    const target = String(finding.target ?? '')
    const entry = threats[id]
    const kind = kinds.get(id) ?? { id, title: entry?.title ?? String(finding.description ?? ''), findings: 0, noise: 0, real: 0, matched: 0 }
    kinds.set(id, kind)
    kind.findings++
    if (!entry) notes.push(`${id} (${finding.description}) is not in mappings/pytm.yaml: counted as a miss; add it`)

    const noiseReason = entry && noiseOf(entry, context.of(target), (message) => notes.push(`${id} on "${target}": the noise condition failed (${message}); counted as real`))
    if (noiseReason) {
      noiseFindings.push(`${target}: ${id} ${kind.title}: ${noiseReason}`)
      noise++
      kind.noise++
      continue
    }
    real++
    kind.real++
    const ids = idsByName.get(target) ?? []
    if (!ids.length) notes.push(`${id}: target "${target}" is no element or flow of the imported model`)
    const places = [...new Set(ids.flatMap((moatId) => [...placesOf(model, moatId, entry?.on)]))]
    const hit = entry?.rules.length ? firstMatch(byElement, places, entry.rules) : undefined
    if (hit) {
      matches.push(`${target}: ${id} ${kind.title} → ${hit}`)
      matched++
      kind.matched++
    } else {
      misses.push(`${target}: ${id} ${kind.title} (${entry?.rules?.length ? `expected ${entry.rules.slice(0, 3).join(' / ')}${entry.rules.length > 3 ? ' / …' : ''}` : `no moat rule${entry?.needs ? `: ${entry.needs}` : ''}`})`)
    }
  }

  const missing = unknownRules(Object.values(threats).flatMap((t) => t.rules))
  if (missing.length) notes.push(`mappings/pytm.yaml names rules the library does not have: ${missing.join(', ')}`)
  if (!findings.length) notes.push('the file holds no findings: run pytm with --json on a model whose threats were computed (tm.process())')
  return {
    corpus: `pytm ${basename(file)}`,
    findings: findings.length,
    noise,
    real,
    matched,
    recall: percent(matched, real),
    misses,
    notes,
    matches,
    noiseFindings,
    kinds: [...kinds.values()].sort((a, b) => b.real - b.matched - (a.real - a.matched) || a.id.localeCompare(b.id)),
  }
}

/** Why a finding is noise, or undefined when it is real. A failing condition is reported and counts as real. */
function noiseOf(entry, target, fail) {
  const noise = entry.noise
  if (!noise) return undefined
  if (typeof noise === 'string') return noise
  if (!target) return undefined
  try {
    return evaluate(noise.when, { target }) === true ? noise.why : undefined
  } catch (error) {
    fail(String(error.message).split('\n')[0])
    return undefined
  }
}

/** moat ids of the imported elements and flows, by their pytm name (pytm refers to everything by name). */
function moatIdsByName(model) {
  const byName = new Map()
  for (const collection of ['externals', 'processes', 'stores', 'flows']) {
    for (const [id, entry] of Object.entries(model[collection] ?? {})) byName.set(entry.name ?? id, [...(byName.get(entry.name ?? id) ?? []), id])
  }
  return byName
}

const LEVELS = { UNKNOWN: 0, PUBLIC: 1, RESTRICTED: 2, SENSITIVE: 3, SECRET: 4, TOP_SECRET: 5 }
const levelOf = (classification) => LEVELS[String(classification ?? '').replace(/^Classification\./, '')] ?? 0

/**
 * What a noise condition sees as `target`: the pytm element or flow as the file states it (its
 * `controls` merged in), with `pytmClass` and `maxLevel` (classification 0 unknown … 5 top secret).
 * An element also has `inputFlows`, `outputFlows`, `callers`, `callees` and `inputData`; a flow
 * has `source`, `sink` and `data` (each Data with its `level`).
 */
function pytmContext(root) {
  const facts = (e) => {
    const { controls, findings, ...rest } = e
    return { ...rest, ...(controls ?? {}), pytmClass: String(e.__class__ ?? ''), maxLevel: levelOf(e.maxClassification) }
  }
  const list = (key) => (Array.isArray(root[key]) ? root[key].filter((v) => v && typeof v === 'object') : [])
  const elements = new Map()
  for (const e of [...list('elements'), ...list('actors'), ...list('assets')]) if (!elements.has(e.name)) elements.set(e.name, facts(e))
  const data = new Map(list('data').map((d) => [d.name, { ...d, level: levelOf(d.classification) }]))
  const flows = list('flows').map((f) => {
    const names = new Set([...(Array.isArray(f.data) ? f.data : []), ...[...data.values()].filter((d) => (d.carriedBy ?? []).includes(f.name)).map((d) => d.name)])
    return { ...facts(f), source: elements.get(f.source) ?? {}, sink: elements.get(f.sink) ?? {}, data: [...names].map((n) => data.get(n)).filter(Boolean) }
  })
  const contexts = new Map()
  for (const [name, e] of elements) {
    const inputFlows = flows.filter((f) => f.sink.name === name)
    const outputFlows = flows.filter((f) => f.source.name === name)
    contexts.set(name, { ...e, inputFlows, outputFlows, callers: inputFlows.map((f) => f.source), callees: outputFlows.map((f) => f.sink), inputData: inputFlows.flatMap((f) => f.data) })
  }
  for (const f of flows) if (!contexts.has(f.name)) contexts.set(f.name, f)
  return { of: (name) => contexts.get(name) }
}
