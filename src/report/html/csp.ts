/**
 * The report's Content-Security-Policy: nothing may load from anywhere, and only the exact inline
 * styles and script the report wrote may apply, each allowed by its SHA-256. Model text is
 * escaped anyway; this is the second wall, should an escape ever be missed.
 */

/**
 * Base64 SHA-256 of a text, with Web Crypto (in Node and browsers alike).
 * @example
 * await sha256('') // '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
 */
export async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  let binary = ''
  for (const byte of digest) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/**
 * The policy for a document body: every `<style>` and `<script>` element in it is hashed. Model
 * text cannot add one (it is escaped before it gets here), so the list is exactly the report's own.
 * @example
 * await contentSecurityPolicy('<style>p{}</style>') // "default-src 'none'; style-src 'sha256-…'; ..."
 */
export async function contentSecurityPolicy(body: string): Promise<string> {
  const hashes = async (tag: string) => {
    const contents = [...body.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!)
    const unique = [...new Set(contents)]
    return (await Promise.all(unique.map(sha256))).map((h) => `'sha256-${h}'`).join(' ')
  }
  const styles = await hashes('style')
  const scripts = await hashes('script')
  return [
    "default-src 'none'",
    `style-src ${styles || "'none'"}`,
    `script-src ${scripts || "'none'"}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}
