/** The Threat Modeling Tool's property lists: `<Properties><anyType i:type="…DisplayAttribute">` with a DisplayName and a Value. */
import { dict, list, text, type Dict } from '../values.js'
import { plainText } from '../xml.js'

/** An XML text node as fast-xml-parser gives it: a string, or an object with #text (when it has attributes). */
export const xmlText = (value: unknown): string | undefined => text(typeof value === 'object' && value !== null ? dict(value)['#text'] : value)

export interface Property {
  name: string
  value?: string
  /** HeaderDisplayAttribute: the stencil's type name, not a value. */
  header: boolean
}

/**
 * @example
 * properties(surface.Properties).find((p) => p.name === 'Name')?.value
 */
export function properties(node: unknown): Property[] {
  return list(dict(node).anyType).map((raw) => {
    const p = dict(raw)
    const type = text(p['@_type']) ?? ''
    const name = xmlText(p.DisplayName) ?? ''
    const value = dict(p.Value)
    if (/List/.test(type)) {
      const options = list(value.string).map(xmlText)
      const selected = Number(xmlText(p.SelectedIndex) ?? 0)
      return { name, value: options[selected], header: false }
    }
    return { name, value: xmlText(p.Value), header: /Header/.test(type) }
  })
}

export const propertyValue = (props: Property[], name: string): string | undefined => props.find((p) => p.name === name && !p.header)?.value

/** Values worth keeping as attributes: set (not "Select"), and not the ones mapped to fields. */
export function extraAttributes(props: Property[], mapped: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of props) {
    if (p.header || !p.value || p.value === 'Select' || mapped.includes(p.name) || !p.name) continue
    out[p.name] = plainText(p.value).slice(0, 500)
  }
  return out
}

/** `<a:KeyValueOfstringstring><a:Key>Title</a:Key><a:Value>…` pairs as a map. */
export function keyValues(node: unknown): Map<string, string> {
  const map = new Map<string, string>()
  const d: Dict = dict(node)
  for (const key of Object.keys(d).filter((k) => k.startsWith('KeyValueOf'))) {
    for (const kv of list(d[key])) {
      const k = xmlText(dict(kv).Key)
      const v = xmlText(dict(kv).Value)
      if (k && v) map.set(k, v)
    }
  }
  return map
}
