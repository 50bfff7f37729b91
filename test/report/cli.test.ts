/** End-to-end: `moat report` and `moat diff` through the built binary (run `npm run build` first). */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CHROMIUM } from './browser.js'
import { SHOP } from './fixtures.js'

const BIN = new URL('../../bin/moat.js', import.meta.url).pathname
const havePdftotext = spawnSync('pdftotext', ['-v']).status === 0

function moat(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, encoding: 'utf8' })
  return { code: result.status, out: result.stdout, err: result.stderr }
}
const workdir = () => mkdtempSync(join(tmpdir(), 'moat-report-'))
const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' })

describe('moat report', () => {
  it.each(['html', 'md', 'json', 'csv', 'sarif'])('writes %s to stdout, exit 0', (format) => {
    const r = moat(['report', SHOP, '--format', format])
    expect(r.code, r.err).toBe(0)
    expect(r.out.length).toBeGreaterThan(1000)
    if (format === 'json' || format === 'sarif') expect(() => JSON.parse(r.out)).not.toThrow()
    if (format === 'html') expect(r.out).toMatch(/^<!doctype html>/)
  })

  it('writes to -o and says so on stderr', () => {
    const target = join(workdir(), 'report.html')
    const r = moat(['report', SHOP, '-o', target])
    expect(r.code).toBe(0)
    expect(r.err).toContain(`wrote ${target}`)
    expect(readFileSync(target, 'utf8')).toContain('Harbour Goods')
  })

  it('refuses an unknown format with exit 2', () => {
    expect(moat(['report', SHOP, '--format', 'docx']).code).toBe(2)
  })

  it('says how to install Chromium when the PDF has none', () => {
    const r = moat(['report', SHOP, '--format', 'pdf', '-o', join(workdir(), 'x.pdf'), '--chromium', '/nonexistent/chromium'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('/nonexistent/chromium: no Chromium there')
  })

  it.skipIf(!CHROMIUM)('prints a PDF with Chromium', () => {
    const target = join(workdir(), 'shop.pdf')
    const r = moat(['report', SHOP, '--format', 'pdf', '-o', target])
    expect(r.code, r.err).toBe(0)
    const pdf = readFileSync(target)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(5)
  }, 60_000)

  // The pages as text (poppler-utils' pdftotext): what a reader sees where.
  it.skipIf(!CHROMIUM || !havePdftotext)('prints the summary and the matrix first, a header on every page of the threat table, nothing to click', () => {
    const target = join(workdir(), 'shop.pdf')
    expect(moat(['report', SHOP, '--format', 'pdf', '-o', target]).code).toBe(0)
    const pages = spawnSync('pdftotext', ['-layout', target, '-'], { encoding: 'utf8' }).stdout.split('\f')
    expect(pages[0]).toContain('threats found')
    expect(pages[0]).toContain('Residual risk matrix')
    expect(pages.join('')).not.toContain('Select a cell')
    // The table runs from its section's heading to "Threat details"; every page it continues on starts with its header.
    const first = pages.findIndex((p) => p.includes('WHAT CAN GO WRONG'))
    const last = pages.findIndex((p) => p.includes('Threat details'))
    expect(last).toBeGreaterThan(first + 1)
    expect(pages[first]).toMatch(/^\s*ID\s+STRIDE\s+ELEMENT\s+TITLE/m)
    for (const page of pages.slice(first + 1, last + 1)) {
      const table = page.split('Threat details')[0]!.trim()
      if (table) expect(table.split('\n')[0]).toMatch(/^ID\s+STRIDE\s+ELEMENT\s+TITLE/)
    }
    // Each part of a split diagram on a page of its own.
    expect(pages.filter((p) => /\(part \d of \d/.test(p)).length).toBe(pages.join('').match(/\(part \d of \d/g)!.length)
  }, 60_000)
})

describe('moat diff', () => {
  it('compares two files, in text, Markdown and JSON', () => {
    const dir = workdir()
    const before = join(dir, 'old.yaml')
    const after = join(dir, 'new.yaml')
    copyFileSync(SHOP, before)
    writeFileSync(after, readFileSync(SHOP, 'utf8').replace(/protocol: postgres-tls/, 'protocol: postgres'))
    const text = moat(['diff', before, after])
    expect(text.code, text.err).toBe(0)
    expect(text.out).toMatch(/Threats: \d+ appeared/)
    expect(moat(['diff', before, after, '-f', 'md']).out).toContain('### Threat model changes: Harbour Goods online shop')
    const json = JSON.parse(moat(['diff', before, after, '-f', 'json']).out)
    expect(json.changed).toBe(true)
    expect(json.parts.flows.changed.length).toBeGreaterThan(0)
  })

  it('compares a file with its version at a git revision', () => {
    const dir = workdir()
    const file = join(dir, 'threatmodel.yaml')
    copyFileSync(SHOP, file)
    git(dir, 'init', '-q')
    git(dir, 'add', '.')
    git(dir, 'commit', '-qm', 'model')
    writeFileSync(file, readFileSync(SHOP, 'utf8').replace(/protocol: postgres-tls/, 'protocol: postgres'))
    const r = moat(['diff', 'threatmodel.yaml', '--since', 'HEAD'], { cwd: dir })
    expect(r.code, r.err).toBe(0)
    expect(r.out).toContain('threatmodel.yaml@HEAD → threatmodel.yaml')
    expect(r.out).toMatch(/Threats: \d+ appeared/)
    // The temporary copy is gone.
    expect(git(dir, 'status', '--porcelain').stdout.trim()).toBe('M threatmodel.yaml')
  })

  it('says clearly when --since is used outside a git repository', () => {
    const dir = workdir()
    copyFileSync(SHOP, join(dir, 'm.yaml'))
    const r = moat(['diff', 'm.yaml', '--since', 'HEAD'], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: dir } })
    expect(r.code).toBe(1)
    expect(r.err).toContain('is not in a git repository')
  })

  it('needs two files or --since: exit 2', () => {
    expect(moat(['diff', SHOP]).code).toBe(2)
  })
})
