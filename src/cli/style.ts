/** Terminal colour, only where it helps: on a TTY, without NO_COLOR, and when not turned off. */
import type { ResidualSeverity } from '../core/index.js'

export interface Style {
  enabled: boolean
  bold(s: string): string
  dim(s: string): string
  red(s: string): string
  yellow(s: string): string
  green(s: string): string
  cyan(s: string): string
  magenta(s: string): string
  severity(s: ResidualSeverity, text?: string): string
}

export function colourWanted(stream: NodeJS.WriteStream, flag: boolean | undefined): boolean {
  if (flag === false) return false
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false
  if (process.env.TERM === 'dumb') return false
  return stream.isTTY === true
}

export function createStyle(enabled: boolean): Style {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s)
  const style = {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    cyan: wrap(36, 39),
    magenta: wrap(35, 39),
  }
  const bySeverity: Record<ResidualSeverity, (s: string) => string> = {
    critical: (s) => style.bold(style.magenta(s)),
    high: style.red,
    elevated: style.yellow,
    medium: style.cyan,
    low: style.dim,
    none: style.dim,
  }
  return { ...style, severity: (s, text = s) => bySeverity[s](text) }
}

/** Visible width of a string, ignoring colour codes. */
export const visibleLength = (s: string) => s.replace(/\u001b\[\d+m/g, '').length
