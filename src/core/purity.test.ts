import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The core runs unchanged in the CLI, a server and the browser: it imports none of their worlds. */
const ALLOWED_PACKAGES = ['zod', 'yaml', 'js-yaml', '@marcbachmann/cel-js']
const coreDir = new URL('.', import.meta.url).pathname

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  )
}

describe('the core', () => {
  it.each(sourceFiles(coreDir).map((f) => [relative(coreDir, f), f]))('%s imports only the core and pure libraries', (_, file) => {
    const text = readFileSync(file, 'utf8')
    const imports = [
      ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]!)
    for (const specifier of imports) {
      if (specifier.startsWith('.')) {
        expect(join(file, '..', specifier).startsWith(coreDir), `${specifier} leaves src/core`).toBe(true)
      } else {
        expect(ALLOWED_PACKAGES, `${specifier} is not a pure dependency`).toContain(specifier)
      }
    }
    expect(text).not.toMatch(/\b(process\.(env|argv|exit|cwd|stdout|stderr)|window\.|globalThis\.document|Date\.now|new Date\(\)|Math\.random)/)
  })
})
