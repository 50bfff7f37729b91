import { describe, expect, it } from 'vitest'
import { analysisOf, validModel } from '../../../test/helpers.js'
import { buildGraph } from '../model/graph.js'
import { createContexts, type ElementView } from './context.js'

/** What a condition sees of one element of a model. */
function seen(yaml: string, id: string): ElementView {
  const graph = buildGraph(validModel(yaml))
  return createContexts(graph).forNode(graph.nodes.get(id)!).element as ElementView
}
const ids = (list: { id: string }[]) => list.map((x) => x.id)

const UNTRUSTED_CALLERS = `
rules:
  - {id: untrusted-callers, title: "{{element.name}} takes untrusted input", category: tampering, targets: [process], when: element.untrustedInput, likelihood: likely, impact: medium, description: d}
  - {id: several-writers, title: "{{element.name}} has several writers", category: repudiation, targets: [store], when: 'element.inputs.exists(a, a.to == element.id && element.inputs.exists(b, b.to == element.id && b.from != a.from))', likelihood: possible, impact: medium, description: d}
`

describe('callers come from requests', () => {
  it('counts a both-way flow once, in the direction of the request: from its requester', () => {
    const yaml = `moat: 1
system: {name: Calls}
boundaries: {internet: {}, core: {}}
externals: {partner: {type: service, boundary: internet}}
processes: {job: {type: worker, boundary: core}}
flows:
  fetch: {from: job, to: partner, protocol: HTTPS, bidirectional: true}
`
    // The job calls the partner and reads the answer: the partner is not the job's caller.
    expect(ids(seen(yaml, 'job').callers)).toEqual([])
    expect(seen(yaml, 'job').untrustedInput).toBe(false)
    expect(ids(seen(yaml, 'partner').callers)).toEqual(['job'])
    expect(analysisOf(yaml, UNTRUSTED_CALLERS).threats.map((t) => t.id)).not.toContain('untrusted-callers@job')
  })

  it('does not count the answer to a call the element made, drawn as a flow back', () => {
    const yaml = `moat: 1
system: {name: Calls}
boundaries: {internet: {}, core: {}}
externals:
  user: {type: person, boundary: internet}
  partner: {type: service, boundary: internet}
processes: {api: {type: api, boundary: core}, job: {type: worker, boundary: core}}
stores: {db: {type: database, boundary: core}}
flows:
  page: {from: api, to: user}
  ask: {from: user, to: api}
  quote: {from: job, to: partner, protocol: HTTPS}
  price: {from: partner, to: job, protocol: HTTPS}
  read: {from: db, to: job}
  notify: {from: api, to: partner, protocol: HTTPS}
  hook: {from: partner, to: api, protocol: HTTPS, tags: [webhook]}
`
    // A person starts the exchange, whichever flow is written first; a store is read, never calls;
    // a flow back to an element that sent first is its answer; a webhook is a call of its own.
    expect(ids(seen(yaml, 'api').callers)).toEqual(['user', 'partner'])
    expect(ids(seen(yaml, 'user').callers)).toEqual([])
    expect(ids(seen(yaml, 'job').callers)).toEqual([])
    expect(ids(seen(yaml, 'partner').callers)).toEqual(['job', 'api'])
    expect(ids(seen(yaml, 'job').callees)).toEqual(['partner'])
    expect(analysisOf(yaml, UNTRUSTED_CALLERS).threats.map((t) => t.id)).toEqual(['untrusted-callers@api'])
  })

  it('still takes untrusted input from a store in an untrusted zone: a store answers with what others wrote', () => {
    const yaml = `moat: 1
system: {name: Files}
boundaries: {workspace: {trust: untrusted}, host: {}}
processes: {importer: {type: converter, boundary: host}}
stores: {files: {type: file, boundary: workspace}}
flows: {read: {from: files, to: importer}, write: {from: importer, to: files}}
`
    expect(ids(seen(yaml, 'importer').callers)).toEqual([])
    expect(seen(yaml, 'importer')).toMatchObject({ untrustedInput: true, exposed: true })
    expect(seen(yaml.replace('{trust: untrusted}', '{trust: high}'), 'importer')).toMatchObject({ untrustedInput: false, exposed: false })
  })

  it('lists each caller once, however many flows it sends', () => {
    const yaml = `moat: 1
system: {name: Calls}
externals: {user: {type: person}}
processes: {app: {type: api}}
flows: {a: {from: user, to: app}, b: {from: user, to: app}, c: {from: app, to: user}}
`
    expect(ids(seen(yaml, 'app').callers)).toEqual(['user'])
    expect(ids(seen(yaml, 'app').callees)).toEqual(['user'])
  })
})

describe('read-only flows', () => {
  const yaml = `moat: 1
system: {name: Reads}
processes: {orders: {type: service}, reports: {type: service}}
stores: {db: {type: database}}
flows:
  write: {from: orders, to: db}
  pull: {from: reports, to: db, bidirectional: true, readonly: true}
  back: {from: db, to: orders}
`
  it('are no writes: the store has one writer, and gives data to the reader', () => {
    expect(analysisOf(yaml, UNTRUSTED_CALLERS).threats.map((t) => t.id)).not.toContain('several-writers@db')
    expect(analysisOf(yaml.replace(', readonly: true', ''), UNTRUSTED_CALLERS).threats.map((t) => t.id)).toContain('several-writers@db')
    const db = seen(yaml, 'db')
    expect(ids(db.inputs)).toEqual(['write'])
    expect(ids(db.outputs)).toEqual(['pull', 'back'])
    expect(ids(seen(yaml, 'reports').inputs)).toEqual(['pull'])
  })

  it('say so to conditions, as a flow out of a store does', () => {
    const flows = Object.fromEntries(seen(yaml, 'db').outputs.map((f) => [f.id, f.readonly]))
    expect(flows).toEqual({ pull: true, back: true })
    expect(seen(yaml, 'db').inputs[0]!.readonly).toBe(false)
  })
})

describe('roles without a type', () => {
  const RULES = `
rules:
  - {id: injection, title: "{{target.name}} takes queries", category: tampering, targets: [flow], when: "'database' in target.roles && element.fromKind == 'process'", likelihood: likely, impact: high, description: d}
`
  const yaml = `moat: 1
system: {name: Roles}
processes: {app: {type: api}}
stores: {orders: {name: Orders DB}}
flows: {save: {from: app, to: orders}}
`
  it('are inferred from the name, said so, and make the threats that need them possible', () => {
    expect(seen(yaml, 'orders')).toMatchObject({ type: '', roles: ['database'], rolesInferred: true, rolesFrom: 'name' })
    expect(analysisOf(yaml, RULES).threats[0]).toMatchObject({
      id: 'injection@save',
      possible: true,
      unstated: [{ element: 'orders', fact: 'type', assumed: ['database'], text: 'store "Orders DB" is a database (inferred from its name "Orders DB"; no type is stated)' }],
    })
  })

  it('give way to a stated type, always', () => {
    expect(seen(yaml.replace('{name: Orders DB}', '{name: Orders DB, type: queue}'), 'orders')).toMatchObject({ roles: ['queue'], rolesInferred: false, rolesFrom: 'type' })
    expect(analysisOf(yaml.replace('{name: Orders DB}', '{name: Orders DB, type: queue}'), RULES).threats).toEqual([])
    expect(analysisOf(yaml.replace('{name: Orders DB}', '{name: Orders DB, type: database}'), RULES).threats[0]!.possible).toBe(false)
  })

  it('come from the technology before the name', () => {
    expect(seen(yaml.replace('{name: Orders DB}', '{name: Orders DB, technology: Redis 7}'), 'orders')).toMatchObject({ roles: ['cache'], rolesFrom: 'technology' })
  })
})
