/**
 * What every importer and exporter shares: the result, the warnings, and the one error they throw.
 * Importers are pure functions (text → model + warnings): no file system, no clock, no randomness,
 * so the same file always gives the same model.
 */
import type { ModelInput } from '../core/index.js'

export const FORMATS = ['td', 'otm', 'threagile', 'drawio', 'tm7', 'threat-composer', 'microsecend', 'pytm'] as const
export type ForeignFormat = (typeof FORMATS)[number]

export const FORMAT_NAMES: Record<ForeignFormat, string> = {
  td: 'OWASP Threat Dragon',
  otm: 'Open Threat Model (OTM)',
  threagile: 'Threagile',
  drawio: 'draw.io',
  tm7: 'Microsoft Threat Modeling Tool (.tm7)',
  'threat-composer': 'AWS threat-composer',
  microsecend: 'microSecEnD DFD',
  pytm: 'OWASP pytm (JSON)',
}

/** A path into JSON/YAML data (keys and indexes), or a description of a place in XML. */
export type SourcePath = readonly (string | number)[]

/** Something in the source that moat could not map, or mapped with a loss. */
export interface ImportWarning {
  message: string
  /** Where in the source data (JSON/YAML: keys and indexes; XML: element names with indexes). */
  path: SourcePath
  /** 1-based line and column, when the source is text with positions (JSON and YAML). */
  line?: number
  column?: number
}

export interface ImportResult {
  format: ForeignFormat
  /** A moat model as plain data, ready to be written as YAML. */
  model: ModelInput
  warnings: ImportWarning[]
}

export interface ExportResult {
  /** The file's text. */
  text: string
  /** What the target format cannot hold. */
  warnings: ImportWarning[]
}

/**
 * A file moat cannot import: wrong format, malformed, hostile or too large. The message says what
 * is wrong in the user's terms; the CLI prints it with the file name.
 */
export class InteropError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** Where in the file, when the file is text and the place is known (a syntax error). */
    readonly at?: { line: number; column: number },
  ) {
    super(message)
    this.name = 'InteropError'
  }
}

/** Upper bounds on what one imported file may hold: a real model is far below each. */
export const LIMITS = {
  /** Elements, flows, boundaries, threats, ... in total. */
  items: 50_000,
  /** Nesting of JSON/YAML values. */
  depth: 64,
  /** Bytes a compressed draw.io page may inflate to. */
  inflated: 16 * 1024 * 1024,
  /** YAML aliases (*name) in one document. */
  aliases: 100,
} as const
