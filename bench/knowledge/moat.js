// What every knowledge scorer does with moat: import a corpus file as `moat import` does, analyse
// it with the built-in rules as `moat threats` does, and answer "which rules fired where". Plain JS
// over dist/ (npm run build first), like bench/run.js.
import { readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { analyze, checkModel } from '../../dist/core/index.js'
import { importAny, modelToYaml } from '../../dist/interop/index.js'
import { loadRules } from '../../dist/node/load-project.js'

const here = dirname(fileURLToPath(import.meta.url))

/** The built-in rules, loaded once. */
let builtin
export function builtinRules() {
  builtin ??= loadRules([]).rules
  return builtin
}

/**
 * Imports `file` and analyses the model, exactly as `moat import` then `moat threats` would.
 * @example
 * const { model, analysis } = importAndAnalyse('tm.json', 'pytm')
 */
export function importAndAnalyse(file, from) {
  const text = readFileSync(file, 'utf8')
  const imported = importAny(text, { fileName: basename(file), from })
  const yaml = modelToYaml(imported.model, { format: imported.format, source: basename(file), warnings: imported.warnings.length })
  const { model, diagnostics } = checkModel(yaml)
  if (!model) throw new Error(`${file}: the imported model does not validate: ${diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`)
  const analysis = analyze(model, { rules: builtinRules() })
  return { text, imported, model, analysis }
}

/** A mapping file of bench/knowledge/mappings, parsed (YAML anchors resolved). */
export function loadMapping(name) {
  return parse(readFileSync(join(here, 'mappings', `${name}.yaml`), 'utf8'), { maxAliasCount: -1 })
}

/**
 * Where moat may raise a threat "on the same element", as a mapping names the places: the element
 * itself, the flows into or out of it, the elements at their other ends, or a flow's two ends.
 */
export function placesOf(model, id, places) {
  const flows = Object.entries(model.flows ?? {})
  const out = new Set()
  for (const place of places ?? ['element']) {
    if (place === 'element') out.add(id)
    else if (place === 'inputs') for (const [f, flow] of flows) flow.to === id && out.add(f)
    else if (place === 'outputs') for (const [f, flow] of flows) flow.from === id && out.add(f)
    else if (place === 'callers') for (const [, flow] of flows) flow.to === id && out.add(flow.from)
    else if (place === 'callees') for (const [, flow] of flows) flow.from === id && out.add(flow.to)
    else if (place === 'source' && model.flows?.[id]) out.add(model.flows[id].from)
    else if (place === 'sink' && model.flows?.[id]) out.add(model.flows[id].to)
    else if (!['source', 'sink'].includes(place)) throw new Error(`unknown place "${place}" in a mapping: use element, inputs, outputs, callers, callees, source or sink`)
  }
  return out
}

/** Generated threats by element: element id → rule ids that fired there (mitigated or not). */
export function rulesByElement(analysis) {
  const by = new Map()
  for (const threat of analysis.threats) {
    if (threat.origin !== 'rule') continue
    for (const element of threat.elements) by.set(element, new Set([...(by.get(element) ?? []), threat.rule]))
  }
  return by
}

/** The first rule of `rules` that fired on one of `places`, as `rule@element`, or undefined. */
export function firstMatch(byElement, places, rules) {
  for (const place of places) {
    const fired = byElement.get(place)
    const rule = fired && rules.find((r) => fired.has(r))
    if (rule) return `${rule}@${place}`
  }
  return undefined
}

/** Rule ids a mapping names that the library does not have (a rule renamed, or not written yet). */
export function unknownRules(mappedRules) {
  const known = new Set(builtinRules().map((r) => r.id))
  return [...new Set(mappedRules)].filter((r) => !known.has(r)).sort()
}

export const percent = (part, whole) => (whole ? Math.round((part / whole) * 1000) / 10 : null)
