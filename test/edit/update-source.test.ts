import { readFileSync } from 'node:fs'
import { load, CORE_SCHEMA } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { updateSource } from '../../src/core/edit/index.js'

const read = (text: string) => JSON.parse(JSON.stringify(load(text, { schema: CORE_SCHEMA }))) as Record<string, any>
const edit = (text: string, change: (data: Record<string, any>) => void) => {
  const data = read(text)
  change(data)
  const result = updateSource(text, data)
  expect(read(result.text)).toEqual(data)
  return result
}

const MODEL = `# Top comment
moat: 1
system:
  name: Shop   # the name
  description: >-
    A long folded description that
    goes over two lines.

# Elements ---------------------------------
processes:
  web: {name: Web app, boundary: dmz}   # front
  api:
    name: API
    x-team: payments        # unknown field, kept
    technology: go
stores:
  db: {name: DB, data: [cards, orders]}

flows:
  f1: {from: web, to: api, protocol: HTTPS}
threats: {}
`

describe('updateSource', () => {
  it('leaves the text alone when nothing changed', () => {
    expect(updateSource(MODEL, read(MODEL))).toEqual({ text: MODEL, method: 'unchanged' })
  })

  it('round-trips every example byte for byte', () => {
    for (const name of ['shop', 'login-protocol', 'moat']) {
      const text = readFileSync(`examples/${name}.yaml`, 'utf8')
      expect(updateSource(text, read(text)).text).toBe(text)
    }
  })

  it('changes a value in place, keeping comments and the rest of the line', () => {
    const { text, method } = edit(MODEL, (d) => (d.system.name = 'Book shop'))
    expect(method).toBe('splice')
    expect(text).toBe(MODEL.replace('name: Shop   # the name', 'name: Book shop   # the name'))
  })

  it('changes a value inside a flow map, quoting when needed', () => {
    const { text } = edit(MODEL, (d) => (d.processes.web.name = 'Web, app: v2'))
    expect(text).toContain('web: {name: "Web, app: v2", boundary: dmz}   # front')
    expect(text.replace('{name: "Web, app: v2", boundary: dmz}', '{name: Web app, boundary: dmz}')).toBe(MODEL)
  })

  it('adds fields to flow and block maps, after their siblings', () => {
    const { text } = edit(MODEL, (d) => {
      d.processes.web.technology = 'node'
      d.processes.api.language = 'go'
    })
    expect(text).toContain('web: {name: Web app, boundary: dmz, technology: node}   # front')
    expect(text).toContain('    technology: go\n    language: go\nstores:')
    expect(text).toContain('x-team: payments        # unknown field, kept')
  })

  it('adds entries in the style of their siblings', () => {
    const { text } = edit(MODEL, (d) => {
      d.stores.cache = { name: 'Cache', boundary: 'core' }
      d.flows.f2 = { from: 'api', to: 'db' }
    })
    expect(text).toContain('  db: {name: DB, data: [cards, orders]}\n  cache: {name: Cache, boundary: core}\n\nflows:')
    expect(text).toContain('  f1: {from: web, to: api, protocol: HTTPS}\n  f2: {from: api, to: db}\nthreats')
  })

  it('deletes fields and entries, keeping the comments of what stays', () => {
    const { text } = edit(MODEL, (d) => {
      delete d.processes.api.technology
      delete d.processes.web.boundary
      delete d.stores.db
      d.stores.other = { name: 'Other' }
    })
    expect(text).toContain('web: {name: Web app}   # front')
    expect(text).toContain('    x-team: payments        # unknown field, kept\nstores:\n  other: {name: Other}\n')
    expect(text).toContain('# Elements ---------------------------------')
    expect(text).not.toContain('db:')
  })

  it('turns an empty {} into a block when entries are added', () => {
    const { text } = edit(MODEL, (d) => {
      d.threats['xss@web'] = { response: 'mitigate', controls: ['csp'], status: 'done' }
    })
    expect(text).toMatch(/threats:\n  xss@web:\n    response: mitigate\n    controls: \[csp\]\n    status: done\n$/)
  })

  it('adds a new top-level section with positions written one per line', () => {
    const { text } = edit(MODEL, (d) => {
      d.diagrams = { main: { name: 'Main', layout: { web: { x: 10, y: 20 }, api: { x: 200, y: 20, width: 120, height: 60 } } } }
    })
    expect(text.startsWith(MODEL)).toBe(true)
    expect(text).toContain('      web: {x: 10, y: 20}\n')
    expect(text).toContain('      api: {x: 200, y: 20, width: 120, height: 60}\n')
  })

  it('updates positions already there', () => {
    const first = edit(MODEL, (d) => (d.diagrams = { main: { layout: { web: { x: 10, y: 20 } } } })).text
    const { text, method } = edit(first, (d) => (d.diagrams.main.layout.web.x = 15))
    expect(method).toBe('splice')
    expect(text).toContain('web: {x: 15, y: 20}')
  })

  it('replaces a folded text in place', () => {
    const { text } = edit(MODEL, (d) => (d.system.description = 'Short.'))
    expect(text).toContain('  name: Shop   # the name\n  description: Short.\n\n# Elements')
  })

  it('changes lists', () => {
    const { text } = edit(MODEL, (d) => d.stores.db.data.push('pii'))
    expect(text).toContain('db: {name: DB, data: [cards, orders, pii]}')
  })

  it('keeps unknown fields it is not told about', () => {
    const { text } = edit(MODEL, (d) => (d.processes.api.name = 'Payments API'))
    expect(text).toContain('x-team: payments')
    expect(read(text).processes.api['x-team']).toBe('payments')
  })

  it('edits a realistic model: shop.yaml keeps every comment', () => {
    const original = readFileSync('examples/shop.yaml', 'utf8')
    const { text, method } = edit(original, (d) => {
      d.processes.web.name = 'Storefront'
      d.threats['my-threat'] = { title: 'Hand-written', category: 'spoofing', on: ['web'] }
      d.diagrams.system.layout = { web: { x: 1, y: 2 } }
    })
    expect(method).toBe('splice')
    const comments = (t: string) => t.split('\n').filter((l) => l.trim().startsWith('#'))
    expect(comments(text)).toEqual(comments(original))
  })

  it('writes JSON models as JSON', () => {
    const json = '{\n  "moat": 1,\n  "system": {"name": "A"}\n}\n'
    const { text } = updateSource(json, { moat: 1, system: { name: 'B' } })
    expect(JSON.parse(text)).toEqual({ moat: 1, system: { name: 'B' } })
  })
})
