/**
 * moat's bridges to other threat-modeling tools. Importers turn a foreign file's text into a moat
 * model and warnings; exporters turn a moat model into a foreign file's text. All are pure: the
 * CLI reads and writes the files.
 */
import { detectFormat } from './detect.js'
import { importDrawio } from './drawio/import.js'
import { importMicrosecend } from './microsecend/import.js'
import { importOtm } from './otm/import.js'
import { importPytm } from './pytm/import.js'
import { importThreagile } from './threagile/import.js'
import { importThreatComposer } from './threat-composer/import.js'
import { importThreatDragon } from './threat-dragon/import.js'
import { importTm7 } from './tm7/import.js'
import type { ForeignFormat, ImportResult } from './types.js'

export * from './types.js'
export { detectFormat } from './detect.js'
export { modelToYaml } from './write-yaml.js'
export { exportThreatDragon } from './threat-dragon/export.js'
export { exportOtm } from './otm/export.js'

const IMPORTERS: Record<ForeignFormat, (text: string, fileName?: string) => ImportResult> = {
  td: importThreatDragon,
  otm: importOtm,
  threagile: importThreagile,
  drawio: importDrawio,
  tm7: importTm7,
  'threat-composer': importThreatComposer,
  microsecend: (text, fileName) => importMicrosecend(text, { fileName }),
  pytm: importPytm,
}

/**
 * Imports a file of any supported format; `from` is detected when not given.
 * @example
 * const { format, model, warnings } = importAny(text, { fileName: 'model.json' })
 */
export function importAny(text: string, options: { from?: ForeignFormat; fileName?: string } = {}): ImportResult {
  const format = options.from ?? detectFormat(text, options.fileName)
  // A BOM is not part of any format; the TMT writes one.
  return IMPORTERS[format](text.replace(/^\uFEFF/, ''), options.fileName)
}
