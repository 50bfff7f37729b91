/** Small builders so tests read like examples: a model from YAML, rules from YAML, an analysis. */
import { analyze, checkModel, loadRulePack, locateAll, type Analysis, type CompiledRule, type Diagnostic, type Model } from '../src/core/index.js'

export function validModel(yaml: string): Model {
  const { model, diagnostics } = checkModel(yaml)
  if (!model) throw new Error(`expected a valid model, got:\n${diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}`)
  return model
}

/** Diagnostics with line and column, as `code@line:column` for compact assertions. */
export function problems(yaml: string): string[] {
  const { diagnostics } = checkModel(yaml)
  return locateAll(yaml, diagnostics).map((d) => `${d.code}@${d.range!.line}:${d.range!.column}`)
}

export function diagnosticsOf(yaml: string): Diagnostic[] {
  return locateAll(yaml, checkModel(yaml).diagnostics)
}

export function rules(yaml: string): CompiledRule[] {
  const pack = loadRulePack(yaml, 'test')
  if (pack.diagnostics.length) throw new Error(pack.diagnostics.map((d) => d.message).join('\n'))
  return pack.rules
}

export function analysisOf(modelYaml: string, rulesYaml = 'rules: []'): Analysis {
  return analyze(validModel(modelYaml), { rules: rules(rulesYaml) })
}

/** The benchmark's shape: N groups of web (dmz), worker and db (core), one user (internet). */
export { syntheticModel } from '../bench/synthetic.js'
