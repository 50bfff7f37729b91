import { describe, expect, it } from 'vitest'
import { buildGraph, checkModel } from '../core/index.js'
import { partsFromNames, starterModel } from './starter-model.js'

const graphOf = (text: string) => {
  const { model, diagnostics } = checkModel(text)
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return buildGraph(model!)
}

describe('the starter model from part names alone (moat init --yes --parts)', () => {
  const graph = graphOf(starterModel({ name: 'Shop', kind: 'product', parts: partsFromNames('Customer, Mobile app, API, Orders database, Stripe, Push service'.split(',')) }))
  const node = (id: string) => graph.nodes.get(id)!

  it('takes each part for what its name says, with a type from the vocabulary', () => {
    expect(node('customer')).toMatchObject({ kind: 'external', def: { type: 'person' } })
    expect(node('mobile-app')).toMatchObject({ kind: 'process', def: { type: 'mobile-app' } })
    expect(node('api')).toMatchObject({ kind: 'process', def: { type: 'api' } })
    expect(node('orders-database')).toMatchObject({ kind: 'store', def: { type: 'database' } })
  })

  it('makes other companies\' services externals in boundaries of their own', () => {
    for (const id of ['stripe', 'push-service']) {
      expect(node(id)).toMatchObject({ kind: 'external', def: { type: 'service' } })
      expect(graph.model.boundaries![node(id).boundary!]!.trust).toBe('low')
    }
  })

  it('wires people to their app, the app to the service, the service to the data and the third parties', () => {
    const pairs = [...graph.flows.values()].map((f) => `${f.from.id}>${f.to.id}`)
    expect(pairs).toEqual(expect.arrayContaining(['customer>mobile-app', 'mobile-app>api', 'api>orders-database', 'api>stripe', 'api>push-service']))
    expect(pairs).not.toContain('customer>api')
  })
})
