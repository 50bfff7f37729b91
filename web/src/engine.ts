/**
 * The same core the CLI runs, in the browser: validate the edited data, analyse it with the
 * built-in rules (compiled once, at start-up), and keep the last valid graph for drawing.
 */
import { analyze, combineRules, createIncrementalValidator, parseSource, type Analysis, type CompiledRule, type Diagnostic, type Model } from '../../src/core/index.js'
import { loadRulePack } from '../../src/core/index.js'

const packTexts = import.meta.glob('../../rules/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

let compiled: { rules: CompiledRule[]; diagnostics: Diagnostic[] } | undefined

/** The built-in rules, compiled once: CEL parsing is the costly part, and it never changes. */
export function builtinRules(): CompiledRule[] {
  if (!compiled) {
    const packs = Object.entries(packTexts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, text]) => loadRulePack(text, `built-in rules/${path.split('/').pop()}`))
    const combined = combineRules(packs.map((p) => p.rules))
    compiled = { rules: combined.rules, diagnostics: [...packs.flatMap((p) => p.diagnostics), ...combined.diagnostics] }
  }
  return compiled.rules
}

const packCache = new Map<string, CompiledRule[]>()

/**
 * The built-in rules plus the model's own packs, as the CLI combines them. A pack is compiled once
 * per text; a pack with errors adds nothing here (the CLI prints its errors).
 */
export function rulesWith(packs: readonly { name: string; text: string }[] = []): CompiledRule[] {
  if (packs.length === 0) return builtinRules()
  const key = packs.map((p) => `${p.name}\u0000${p.text}`).join('\u0001')
  let rules = packCache.get(key)
  if (!rules) {
    const own = packs.map((p) => loadRulePack(p.text, p.name)).filter((p) => !p.diagnostics.some((d) => d.severity === 'error'))
    rules = combineRules([builtinRules(), ...own.map((p) => p.rules)]).rules
    packCache.set(key, rules)
  }
  return rules
}

export interface Checked {
  model?: Model
  analysis?: Analysis
  /** Validation and analysis diagnostics, by path in the data. */
  diagnostics: Diagnostic[]
  ms: number
}

/** Entries the user did not touch since the last edit are not validated again. */
const validate = createIncrementalValidator()

export function check(data: unknown, rules: readonly CompiledRule[] = builtinRules()): Checked {
  const started = performance.now()
  const validated = validate(data)
  if (!validated.model) return { diagnostics: validated.diagnostics, ms: performance.now() - started }
  const analysis = analyze(validated.model, { rules })
  return { model: validated.model, analysis, diagnostics: [...validated.diagnostics, ...analysis.diagnostics], ms: performance.now() - started }
}

export function parseText(text: string, name: string): { data?: unknown; diagnostics: Diagnostic[] } {
  const parsed = parseSource(text, { format: /\.json$/i.test(name) ? 'json' : undefined })
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics }
  return { data: parsed.data, diagnostics: [] }
}
