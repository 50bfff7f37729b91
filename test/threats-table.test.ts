/** `moat threats` on a terminal: the table fits its width, and --wide gives everything on one line. */
import { describe, expect, it } from 'vitest'
import { threatsCommand } from '../src/cli/commands/threats.js'
import type { Io } from '../src/cli/context.js'
import { createStyle } from '../src/cli/style.js'
import { loadProject } from '../src/node/load-project.js'

const SHOP = new URL('../examples/shop.yaml', import.meta.url).pathname
const threats = loadProject(SHOP).analysis!.threats

function run(width: number, options: { wide?: boolean } = {}): string[] {
  const out: string[] = []
  const io: Io = { out: (t) => out.push(t), err: () => {}, style: createStyle(false), errStyle: createStyle(false), width }
  expect(threatsCommand(SHOP, options, io)).toBe(0)
  return out.join('\n').split('\n')
}

describe('moat threats on a terminal', () => {
  it.each([80, 100, 120])('fits %i columns, every title whole and every id found', (width) => {
    const lines = run(width)
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(width)
    const text = lines.join(' ').replace(/\s+/g, ' ')
    for (const t of threats) {
      // Wrapped titles read whole once the lines are joined; an id may be shortened in its middle.
      expect(text).toContain(t.title.replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' '))
      expect(text).toContain(t.id.includes('@') ? t.id.slice(t.id.lastIndexOf('@')) : t.id.slice(0, 10))
    }
  })

  it('gives a title at least a third of 80 columns', () => {
    const lines = run(80)
    const header = lines[1]!
    expect(80 - header.indexOf('TITLE')).toBeGreaterThanOrEqual(30)
  })

  it('prints one line per threat with --wide, ids whole', () => {
    const lines = run(80, { wide: true })
    expect(lines).toHaveLength(threats.length + 2)
    for (const t of threats) expect(lines.some((l) => l.includes(` ${t.id} `) && l.endsWith(t.title))).toBe(true)
  })
})
