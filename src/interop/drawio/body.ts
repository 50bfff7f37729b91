/**
 * draw.io page bodies. A page is either plain XML (<mxGraphModel>) or "compressed": base64 of raw
 * deflate of the URL-encoded XML. Inflation is bounded: a small body that inflates to gigabytes
 * (a zip bomb) stops at the limit with an error.
 */
import { Inflate } from 'fflate'
import { InteropError, LIMITS } from '../types.js'

/**
 * @example
 * inflatePage('7V1dd6M4Ev01PrP7kD4...') // '<mxGraphModel>...</mxGraphModel>'
 */
export function inflatePage(body: string, limit: number = LIMITS.inflated): string {
  let bytes: Uint8Array
  try {
    bytes = Uint8Array.from(atob(body.replace(/\s+/g, '')), (c) => c.charCodeAt(0))
  } catch {
    throw new InteropError('a compressed draw.io page is not valid base64', 'save the diagram again in draw.io (File > Properties > Compressed can be switched off)')
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const inflater = new Inflate((chunk) => {
    size += chunk.length
    if (size > limit) throw new InteropError(`a compressed draw.io page inflates to more than ${Math.round(limit / 1024 / 1024)} MB; moat stops there (a zip bomb?)`, 'no real diagram is this large; check where the file came from')
    chunks.push(chunk)
  })
  try {
    // Small pushes, so the limit is checked as the data grows, not after it all exists.
    for (let i = 0; i < bytes.length; i += 16_384) inflater.push(bytes.subarray(i, i + 16_384), i + 16_384 >= bytes.length)
  } catch (cause) {
    if (cause instanceof InteropError) throw cause
    throw new InteropError(`a compressed draw.io page cannot be inflated (${(cause as Error).message})`, 'save the diagram again in draw.io')
  }
  const all = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    all.set(c, at)
    at += c.length
  }
  const encoded = new TextDecoder().decode(all)
  try {
    return decodeURIComponent(encoded)
  } catch {
    // Older draw.io versions did not URL-encode the XML.
    return encoded
  }
}
