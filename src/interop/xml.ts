/**
 * Reading XML from untrusted files (draw.io, TMT). A DOCTYPE is refused outright: no DTD, so no
 * external entity (XXE) and no entity expansion bomb; only the five predefined entities and
 * character references are decoded, by us.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { InteropError } from './types.js'

/**
 * @example
 * parseXml('<a x="1"><b>t</b></a>') // { a: { '@_x': '1', b: 't' } }
 */
export function parseXml(text: string, options: { stripNamespaces?: boolean } = {}): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new InteropError('the XML declares a DOCTYPE or entities; moat refuses them (they can read local files or expand without end)', 'neither draw.io nor the Threat Modeling Tool writes a DOCTYPE: remove it, or check where the file came from')
  }
  const valid = XMLValidator.validate(text)
  if (valid !== true) {
    throw new InteropError(`not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`, 'check that the file is complete and was saved by the tool')
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: options.stripNamespaces ?? false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    htmlEntities: false,
    trimValues: true,
  })
  try {
    return parser.parse(text) as Record<string, unknown>
  } catch (cause) {
    if (cause instanceof RangeError) throw new InteropError('the XML is nested too deeply', 'check that this is the file you meant')
    throw new InteropError(`not readable XML: ${(cause as Error).message}`)
  }
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/**
 * Decodes the predefined entities and character references, nothing else.
 * @example
 * decodeEntities('a &lt;b&gt; &#38; c') // 'a <b> & c'
 */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** Text of an HTML label (draw.io values are HTML): tags dropped, entities decoded, spaces collapsed. */
export const plainText = (html: string): string =>
  decodeEntities(decodeEntities(html).replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim()
