/**
 * Safe HTML by construction: `html` is a tagged template that escapes every interpolated value
 * unless it is already markup (`Markup`, made only by `html` itself or `trusted`). Model text is
 * user input, so escaping is the default and forgetting it is impossible.
 */
import { xmlEscape } from '../../render/escape.js'

export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[]

/**
 * @example
 * html`<p>${'<script>'}</p>`.text // '<p>&lt;script&gt;</p>'
 * html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.text // '<ul><li>a</li><li>b</li></ul>'
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0]!
  values.forEach((value, i) => (out += render(value) + strings[i + 1]!))
  return new Markup(out)
}

function render(value: Value): string {
  if (value instanceof Markup) return value.text
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return xmlEscape(String(value))
}

/**
 * Markup this module made itself (an SVG from src/render, a constant stylesheet). Never model text.
 * @example
 * trusted('<svg>…</svg>')
 */
export const trusted = (text: string) => new Markup(text)

/**
 * An http(s) link when the text is one, else the text: a model's `javascript:` URL never becomes a link.
 * @example
 * linkOrText('https://example.com').text // '<a href="https://example.com">https://example.com</a>'
 */
export function linkOrText(text: string): Markup {
  const t = text.trim()
  const cwe = /^CWE-(\d+)$/i.exec(t)
  if (cwe) return html`<a href="${`https://cwe.mitre.org/data/definitions/${cwe[1]}.html`}" rel="noopener noreferrer">${t}</a>`
  return /^https?:\/\/[^\s"'<>]+$/i.test(t) ? html`<a href="${t}" rel="noopener noreferrer">${t}</a>` : html`${text}`
}

/** Long ids (`rule-name@element`) may break after `@`, `-` and `.` rather than overflow. */
export const breakable = (id: string) => html`${id.split(/(?<=[@.:-])/).map((part, i) => (i ? html`<wbr>${part}` : html`${part}`))}`
