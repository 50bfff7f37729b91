/** What the README and the examples show must work as shown. */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkModel, loadRulePack } from '../src/core/index.js'
import { loadProject } from '../src/node/load-project.js'

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
const yamlBlocks = (markdown: string) => [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!)

describe('the README', () => {
  const blocks = yamlBlocks(read('README.md'))

  it('shows a model that validates', () => {
    const model = blocks.find((b) => b.includes('moat: 1'))!
    const { diagnostics } = checkModel(model)
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('shows a rule pack that loads', () => {
    const pack = blocks.find((b) => b.startsWith('rules:'))!
    expect(loadRulePack(pack, 'README').diagnostics).toEqual([])
  })

  it('names threat ids that the built-in rules really produce', () => {
    const model = blocks.find((b) => b.includes('moat: 1'))!
    const project = loadProject(new URL('../README.md', import.meta.url).pathname.replace('README.md', 'examples/shop.yaml'))
    expect(project.analysis).toBeDefined()
    const ids = [...model.matchAll(/^ {2}([a-z0-9-]+@[a-z0-9-]+):/gm)].map((m) => m[1]!)
    const rules = new Set(project.analysis!.threats.map((t) => t.rule))
    for (const id of ids) expect(rules.has(id.split('@')[0]), `${id} names a built-in rule`).toBe(true)
  })
})

describe('the examples', () => {
  const examples = readdirSync(new URL('../examples/', import.meta.url)).filter((f) => /\.ya?ml$/.test(f))

  it('include a product, a protocol and moat itself', () => {
    expect(examples).toEqual(expect.arrayContaining(['shop.yaml', 'login-protocol.yaml', 'moat.yaml']))
  })

  it.each(examples)('%s validates and is analysed without errors', (name) => {
    const project = loadProject(new URL(`../examples/${name}`, import.meta.url).pathname)
    const errors = project.reports.flatMap((r) => r.diagnostics).filter((d) => d.severity === 'error')
    expect(errors).toEqual([])
    expect(project.analysis!.threats.length).toBeGreaterThan(10)
  })
})
