/**
 * An imported model as YAML a person reads and edits: top-level sections in moat's order, a blank
 * line between them, and a header saying where it came from. No date: the same file gives the
 * same text (tests and diffs depend on it).
 */
import { stringify } from 'yaml'
import type { ModelInput } from '../core/index.js'
import { FORMAT_NAMES, type ForeignFormat } from './types.js'

const ORDER = ['moat', 'system', 'assets', 'actors', 'boundaries', 'externals', 'processes', 'stores', 'flows', 'controls', 'diagrams', 'assumptions', 'threats']

/**
 * @example
 * modelToYaml(model, { format: 'td', source: 'demo.json', warnings: 2 })
 */
export function modelToYaml(model: ModelInput, origin: { format: ForeignFormat; source: string; warnings: number }): string {
  const data = model as Record<string, unknown>
  const ordered = Object.fromEntries([...ORDER.filter((k) => k in data), ...Object.keys(data).filter((k) => !ORDER.includes(k))].map((k) => [k, data[k]]))
  const body = stringify(ordered, { lineWidth: 0, aliasDuplicateObjects: false }).replace(/\n(?=[a-z])/g, '\n\n')
  const header = [
    `# Imported by \`moat import\` from ${origin.source} (${FORMAT_NAMES[origin.format]}).`,
    origin.warnings
      ? `# ${origin.warnings} thing(s) could not be mapped exactly; \`moat import\` printed them as warnings.`
      : keepsForeignFields(model) ? '# Everything in the source was mapped, or kept in `x-` fields.' : '# Everything in the source was mapped.',
    '# Check it with `moat validate`, then `moat review`.',
  ]
  return `${header.join('\n')}\n${body}`
}

/** Whether the model keeps fields moat does not use (`x-` keys) anywhere. */
function keepsForeignFields(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(keepsForeignFields)
  if (value === null || typeof value !== 'object') return false
  return Object.entries(value).some(([k, v]) => k.startsWith('x-') || keepsForeignFields(v))
}
