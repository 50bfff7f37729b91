import { describe, expect, it } from 'vitest'
import { parseSource } from '../parse/parse-source.js'
import { validateModel } from '../validate/validate-model.js'
import { renameId } from './rename-id.js'

const MODEL = `moat: 1
system: {name: Shop}
boundaries:
  dmz: {}
  inner: {parent: dmz}
processes:
  web: {boundary: dmz}
  api: {boundary: inner}
stores:
  db: {boundary: inner}
flows:
  call: {from: web, to: api}
  save: {from: api, to: db}
actors:
  attacker: {malicious: true, via: [web]}
controls:
  waf: {kind: waf, on: [web, call]}
diagrams:
  main: {elements: [web, api, db, call, save], layout: {web: {x: 1, y: 2}, api: {x: 3, y: 4}}}
  inside: {refines: web, elements: [api]}
threats:
  sql-injection@web: {response: accept, owner: a, rationale: b}
  mine: {title: T, category: tampering, on: [web, db]}
`
const data = () => parseSource(MODEL).data as Record<string, any>

describe('renameId', () => {
  it('renames the entry and every reference, keeping key order', () => {
    const result = renameId(data(), 'web', 'storefront')
    if ('error' in result) throw new Error(result.error)
    const d = result.data as Record<string, any>
    expect(Object.keys(d.processes)).toEqual(['storefront', 'api'])
    expect(d.flows.call.from).toBe('storefront')
    expect(d.actors.attacker.via).toEqual(['storefront'])
    expect(d.controls.waf.on).toEqual(['storefront', 'call'])
    expect(d.diagrams.main.elements[0]).toBe('storefront')
    expect(Object.keys(d.diagrams.main.layout)).toEqual(['storefront', 'api'])
    expect(d.diagrams.inside.refines).toBe('storefront')
    expect(Object.keys(d.threats)).toEqual(['sql-injection@storefront', 'mine'])
    expect(d.threats.mine.on).toEqual(['storefront', 'db'])
    expect(validateModel(d).model).toBeDefined()
  })

  it('renames a boundary in the elements and boundaries inside it', () => {
    const result = renameId(data(), 'dmz', 'edge') as { data: Record<string, any> }
    expect(result.data.processes.web.boundary).toBe('edge')
    expect(result.data.boundaries.inner.parent).toBe('edge')
  })

  it('leaves the model untouched when the new id is taken or invalid', () => {
    expect(renameId(data(), 'web', 'api')).toEqual({ error: '"api" is already used in processes' })
    expect(renameId(data(), 'web', 'web app')).toMatchObject({ error: expect.stringContaining('not a valid id') })
    expect(renameId(data(), 'nothing', 'x')).toMatchObject({ error: expect.stringContaining('no "nothing"') })
  })
})
