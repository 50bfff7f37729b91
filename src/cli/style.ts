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

/**
 * Model text made safe for a terminal: control characters (escape sequences could recolour the
 * screen, move the cursor or retitle the window) are shown as \u{…} instead of being sent.
 */
export const clean = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
