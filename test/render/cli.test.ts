/** End-to-end: `moat diagram` through the built binary (run `npm run build` first). */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { NESTED, PROTOCOL } from './fixtures.js'

const BIN = new URL('../../bin/moat.js', import.meta.url).pathname
const EXAMPLES = new URL('../../examples/', import.meta.url).pathname

function moat(args: string[], cwd?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' })
  return { code: result.status, out: result.stdout, err: result.stderr }
}
const workdir = () => mkdtempSync(join(tmpdir(), 'moat-diagram-'))
const write = (dir: string, name: string, text: string) => {
  writeFileSync(join(dir, name), text)
  return join(dir, name)
}

describe('moat diagram', () => {
  it('prints the one diagram of a model as SVG on stdout', () => {
    const file = write(workdir(), 'm.yaml', NESTED)
    const r = moat(['diagram', file])
    expect(r.code).toBe(0)
    expect(r.out.startsWith('<svg')).toBe(true)
    expect(XMLValidator.validate(r.out)).toBe(true)
  })

  it('writes one file per diagram into a folder, diagrams/ by default', () => {
    const dir = workdir()
    const file = write(dir, 'm.yaml', PROTOCOL)
    const r = moat(['diagram', file, '-f', 'mermaid'], dir)
    expect(r.code).toBe(0)
    expect(readdirSync(join(dir, 'diagrams')).sort()).toEqual(['sequence.mmd', 'system.mmd'])
    expect(readFileSync(join(dir, 'diagrams', 'sequence.mmd'), 'utf8')).toMatch(/^sequenceDiagram/)
    expect(r.err).toContain('wrote diagrams/system.mmd')
  })

  it('writes the one diagram of a model into a new folder named with a trailing slash', () => {
    const dir = workdir()
    const file = write(dir, 'm.yaml', NESTED)
    const r = moat(['diagram', file, '-o', 'out/drawings/'], dir)
    expect(r.code, r.err).toBe(0)
    expect(readdirSync(join(dir, 'out', 'drawings'))).toEqual(['system.svg'])
    expect(r.err).toContain('wrote out/drawings/system.svg')
  })

  it('picks one diagram with --diagram, and says which exist when it is unknown', () => {
    const dir = workdir()
    const file = write(dir, 'm.yaml', PROTOCOL)
    const one = moat(['diagram', file, '--diagram', 'sequence', '-f', 'plantuml'])
    expect(one.code).toBe(0)
    expect(one.out).toMatch(/^@startuml/)
    const bad = moat(['diagram', file, '--diagram', 'sequense'])
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('there is no diagram "sequense" (did you mean "sequence"?)')
    expect(bad.err).toContain('system, sequence')
  })

  it('writes a PNG at the asked scale', () => {
    const dir = workdir()
    const file = write(dir, 'm.yaml', NESTED)
    const out = join(dir, 'd.png')
    const r = moat(['diagram', file, '-f', 'png', '--scale', '1', '-o', out])
    expect(r.code).toBe(0)
    const png = readFileSync(out)
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    const width = png.readUInt32BE(16)
    const svgWidth = Number(moat(['diagram', file]).out.match(/width="(\d+)"/)![1])
    expect(width).toBe(svgWidth)
    moat(['diagram', file, '-f', 'png', '--scale', '2', '-o', out])
    expect(readFileSync(out).readUInt32BE(16)).toBe(2 * svgWidth)
    expect(moat(['diagram', file, '-f', 'png', '--scale', '0']).code).toBe(2)
  })

  it('draws every example', () => {
    const dir = workdir()
    for (const example of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'))) {
      // -o is the file for a model with one diagram, the folder for several.
      const out = join(dir, example.replace(/\.yaml$/, ''))
      const r = moat(['diagram', join(EXAMPLES, example), '-o', out, '--threats'])
      expect(r.code, `${example}: ${r.err}`).toBe(0)
      const files = statSync(out).isDirectory() ? readdirSync(out).map((f) => join(out, f)) : [out]
      for (const svg of files) expect(XMLValidator.validate(readFileSync(svg, 'utf8')), svg).toBe(true)
    }
  })

  it('reports an invalid model like every command, exit 1', () => {
    const file = write(workdir(), 'bad.yaml', 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {}\nflows:\n  f: {from: web, to: webb}\n')
    const r = moat(['diagram', file])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${file}:6:22: error: "webb" is not defined`)
    expect(r.out).toBe('')
  })
})
