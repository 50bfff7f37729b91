/** Which tool wrote a file, from its name and its first bytes, so `moat import` needs no --from. */
import { FORMAT_NAMES, InteropError, type ForeignFormat } from './types.js'

/**
 * @example
 * detectFormat('{"otmVersion": "0.2.0", ...}', 'model.json') // 'otm'
 */
export function detectFormat(text: string, fileName = ''): ForeignFormat {
  const head = text.slice(0, 65_536)
  if (/\.tm7$/i.test(fileName) || /<ThreatModel[\s>]/.test(head)) return 'tm7'
  if (/\.drawio$/i.test(fileName) || /<(mxfile|mxGraphModel|mxlibrary)[\s>]/.test(head)) return 'drawio'
  if (/\botmVersion\b/.test(head)) return 'otm'
  if (/\.tc\.json$/i.test(fileName) || (/^\s*\{/.test(head) && /"threats"\s*:/.test(text) && /"(mitigationLinks|assumptionLinks|applicationInfo)"\s*:/.test(text))) return 'threat-composer'
  if (/\b(threagile_version|technical_assets)\s*:/.test(head)) return 'threagile'
  // A microSecEnD DFD, or one of the files beside it (its importer says which one to import).
  if (/^\s*\{/.test(head) && (/"information_flows"\s*:/.test(text) || /"related_model_items"\s*:/.test(head) || /"sub_items"\s*:/.test(head))) return 'microsecend'
  if (/^\s*\{/.test(head) && /"(elements|flows|boundaries)"\s*:/.test(text) && /"(__class__|threatsFile|onDuplicates|mergeResponses)"\s*:/.test(text)) return 'pytm'
  if (/"summary"\s*:/.test(head) && /"detail"\s*:/.test(text)) return 'td'
  if (/"summary"\s*:/.test(head)) return 'td' // a broken Threat Dragon file: its importer says what is missing
  throw new InteropError('cannot tell which tool wrote this file', `name the format with --from: ${Object.entries(FORMAT_NAMES).map(([k, v]) => `${k} (${v})`).join(', ')}`)
}
