import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/** Layout and SVG run in the browser editor too: only png.ts may reach for Node. */
const dir = new URL('../../src/render/', import.meta.url).pathname
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'png.ts')

describe('the renderer', () => {
  it.each(files)('%s imports no Node API', (file) => {
    const text = readFileSync(dir + file, 'utf8')
    const imports = [...text.matchAll(/from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!)
    for (const specifier of imports) expect(specifier.startsWith('.') || specifier === 'elkjs/lib/elk.bundled.js' || specifier === 'elkjs/lib/elk-api.js', `${file}: ${specifier}`).toBe(true)
    expect(text).not.toMatch(/\bprocess\.(env|argv|exit|cwd|stdout|stderr|platform)\b|\brequire\(/)
  })
})
