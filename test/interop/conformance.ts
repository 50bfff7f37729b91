/**
 * The conformance suite every importer passes: its model validates with moat's own validator,
 * every id is a valid moat id, every warning says where it is in the source, and the same file
 * gives the same text twice.
 */
import { expect } from 'vitest'
import { checkModel, ID_PATTERN, type Model } from '../../src/core/index.js'
import { importAny, modelToYaml, type ForeignFormat, type ImportResult } from '../../src/interop/index.js'

export interface Conformed {
  result: ImportResult
  model: Model
  yaml: string
}

/** Positions are expected for text formats (JSON, YAML); XML warnings name a path instead. */
const TEXT_FORMATS: ForeignFormat[] = ['td', 'otm', 'threagile', 'threat-composer', 'microsecend', 'pytm']

export function conformance(text: string, fileName: string, from?: ForeignFormat): Conformed {
  const result = importAny(text, { fileName, ...(from && { from }) })
  const yaml = modelToYaml(result.model, { format: result.format, source: fileName, warnings: result.warnings.length })
  const { model, diagnostics } = checkModel(yaml)
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([])
  expect(model).toBeDefined()
  const data = result.model as Record<string, Record<string, unknown> | undefined>
  for (const collection of ['assets', 'actors', 'boundaries', 'externals', 'processes', 'stores', 'flows', 'controls', 'diagrams', 'assumptions']) {
    for (const id of Object.keys(data[collection] ?? {})) expect(id, `${collection} id`).toMatch(ID_PATTERN)
  }
  for (const w of result.warnings) {
    expect(w.message.length).toBeGreaterThan(10)
    if (TEXT_FORMATS.includes(result.format)) {
      expect(w.line, w.message).toBeGreaterThan(0)
      expect(w.column, w.message).toBeGreaterThan(0)
    } else {
      expect(w.path.length, w.message).toBeGreaterThan(0)
    }
  }
  const again = importAny(text, { fileName, ...(from && { from }) })
  expect(modelToYaml(again.model, { format: again.format, source: fileName, warnings: again.warnings.length })).toBe(yaml)
  return { result, model: model!, yaml }
}

export const countsOf = (model: Model) => ({
  externals: Object.keys(model.externals ?? {}).length,
  processes: Object.keys(model.processes ?? {}).length,
  stores: Object.keys(model.stores ?? {}).length,
  flows: Object.keys(model.flows ?? {}).length,
  boundaries: Object.keys(model.boundaries ?? {}).length,
  threats: Object.keys(model.threats ?? {}).length,
})
