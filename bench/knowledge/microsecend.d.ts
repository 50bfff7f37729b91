import type { CompiledRule } from '../../src/core/index.js'

export interface Counts {
  findings: number
  matched: number
  /** matched / findings; null when there is no finding. */
  recall: number | null
  followed: number
  silent: number
  /** silent / followed; null when there is no followed pair. */
  precision: number | null
}

export interface MicrosecendScore extends Counts {
  corpus: 'microSecEnD'
  /** "app R07 item: expected one of [rule ids]" */
  misses: string[]
  /** Skipped applications, items not in the DFD, rules not scored, mapping ids no rule has. */
  notes: string[]
  apps: (Counts & { app: string })[]
  rules: (Counts & { rule: string })[]
  /** "app R06 item: followed, yet moat raises [rule ids]" */
  noise: string[]
}

/** The path of the mapping the scorer reads by default (mappings/microsecend.yaml). */
export const MAPPING: string

export function scoreMicrosecend(options: { dir: string; mapping?: string; rules?: readonly CompiledRule[] }): Promise<MicrosecendScore>
