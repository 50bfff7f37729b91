import { describe, expect, it } from 'vitest'
import { diagnosticsOf, problems, syntheticModel, validModel } from '../../../test/helpers.js'

const MINIMAL = `moat: 1
system: {name: Synthetic, kind: product, description: Two groups of the benchmark shape}
boundaries:
  internet: {name: Internet}
  dmz: {name: DMZ}
  core: {name: Core}
externals:
  user: {name: User, boundary: internet}
processes:
  web-0: {name: Web 0, boundary: dmz}
  worker-0: {name: Worker 0, boundary: core}
  web-1: {name: Web 1, boundary: dmz}
  worker-1: {name: Worker 1, boundary: core}
stores:
  db-0: {name: DB 0, boundary: core}
  db-1: {name: DB 1, boundary: core}
flows:
  req-0: {name: req 0, from: user, to: web-0, protocol: HTTPS}
  job-0: {name: job 0, from: web-0, to: worker-0}
  store-0: {name: store 0, from: worker-0, to: db-0}
  load-0: {name: load 0, from: db-0, to: worker-0}
  req-1: {name: req 1, from: user, to: web-1, protocol: HTTPS}
  job-1: {name: job 1, from: web-1, to: worker-1}
  store-1: {name: store 1, from: worker-1, to: db-1}
  load-1: {name: load 1, from: db-1, to: worker-1}
`

describe('validateModel', () => {
  it('accepts the minimal two-group model as written, with defaults applied', () => {
    const model = validModel(MINIMAL)
    expect(Object.keys(model.flows!)).toHaveLength(8)
    expect(diagnosticsOf(MINIMAL)).toEqual([])
    expect(syntheticModel(2)).toContain('req-1')
  })

  it('accepts a model with only a system', () => {
    expect(validModel('moat: 1\nsystem: {name: Tiny}\n').system.kind).toBe('product')
  })

  // Each case: a model with one problem, and the code and position of what moat reports.
  const cases: [string, string, string[]][] = [
    ['an empty file', '', ['empty@1:1']],
    ['a missing format version', 'system: {name: X}\n', ['missing-field@1:1']],
    ['the wrong format version', 'moat: 2\nsystem: {name: X}\n', ['wrong-value@1:7']],
    ['a missing system name', 'moat: 1\nsystem: {kind: product}\n', ['missing-field@2:9']],
    ['a misspelt kind', 'moat: 1\nsystem: {name: X, kind: prodct}\n', ['unknown-value@2:25']],
    ['a list where a map is expected', 'moat: 1\nsystem: {name: X}\nprocesses: [web]\n', ['wrong-type@3:12']],
    ['text where a boolean is expected', 'moat: 1\nsystem: {name: X}\nstores:\n  db: {encrypted: "yes"}\n', ['wrong-type@4:19']],
    ['an id with a space', 'moat: 1\nsystem: {name: X}\nprocesses:\n  "web app": {}\n', ['invalid-id@4:3']],
    ['an unknown boundary', 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {boundary: dmz}\n', ['unknown-reference@4:19']],
    ['a flow to nothing', 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {}\nflows:\n  f: {from: web, to: db}\n', ['unknown-reference@6:22']],
    ['a flow to a boundary', 'moat: 1\nsystem: {name: X}\nboundaries:\n  dmz: {}\nprocesses:\n  web: {}\nflows:\n  f: {from: web, to: dmz}\n', ['wrong-reference@8:22']],
    ['a flow to itself', 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {}\nflows:\n  f: {from: web, to: web}\n', ['self-flow@6:22']],
    ['the same id in two collections', 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {}\nstores:\n  web: {}\n', ['duplicate-id@6:3']],
    ['an unknown asset', 'moat: 1\nsystem: {name: X}\nstores:\n  db: {data: [cards]}\n', ['unknown-reference@4:15']],
    ['a control on nothing', 'moat: 1\nsystem: {name: X}\ncontrols:\n  tls: {kind: encryption-in-transit, on: [nope]}\n', ['unknown-reference@4:43']],
    ['an unknown control kind', 'moat: 1\nsystem: {name: X}\ncontrols:\n  tls: {kind: encryption, on: []}\n', ['unknown-value@4:15']],
    ['a boundary inside itself', 'moat: 1\nsystem: {name: X}\nboundaries:\n  a: {parent: b}\n  b: {parent: a}\n', ['boundary-cycle@4:15', 'boundary-cycle@5:15']],
    ['a refinement of a store', 'moat: 1\nsystem: {name: X}\nstores:\n  db: {}\ndiagrams:\n  inside: {refines: db}\n', ['wrong-reference@6:21']],
    ['a response naming an unknown control', 'moat: 1\nsystem: {name: X}\nthreats:\n  r@web: {response: mitigate, controls: [waf]}\n', ['unknown-reference@4:42']],
    ['a hand-written threat without category', 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {}\nthreats:\n  mine: {title: Something bad, on: [web]}\n', ['missing-field@6:9']],
    ['a store as a protocol party', 'moat: 1\nsystem: {name: X, kind: protocol}\nexternals:\n  c: {}\nstores:\n  s: {}\nflows:\n  m: {from: c, to: s, order: 1}\n', ['protocol-party@8:20']],
  ]
  it.each(cases)('reports %s where it is', (_, yaml, expected) => {
    expect(problems(yaml)).toEqual(expected)
  })

  it('says how to fix it, and guesses what was meant', () => {
    const [d] = diagnosticsOf('moat: 1\nsystem: {name: X}\nprocesses:\n  web: {}\nflows:\n  f: {from: web, to: webb}\n')
    expect(d!.message).toContain('did you mean "web"?')
    expect(d!.hint).toMatch(/declare it/)
  })

  it('keeps an unknown field but warns, suggesting the right one', () => {
    const yaml = 'moat: 1\nsystem: {name: X}\nprocesses:\n  web: {boundry: dmz, x-team: payments}\n'
    const model = validModel(yaml)
    expect(model.processes!.web).toMatchObject({ boundry: 'dmz', 'x-team': 'payments' })
    const [d] = diagnosticsOf(yaml)
    expect(d).toMatchObject({ code: 'unknown-field', severity: 'warning', range: { line: 4, column: 9 } })
    expect(d!.message).toContain('did you mean "boundary"?')
  })

  it('takes ids that are names of JavaScript object members as plain ids', () => {
    const yaml = 'moat: 1\nsystem: {name: X, toString: 1}\nprocesses:\n  constructor: {}\n  toString: {}\nflows:\n  f: {from: constructor, to: toString}\n'
    expect(Object.keys(validModel(yaml).processes!)).toEqual(['constructor', 'toString'])
    expect(problems(yaml)).toEqual(['unknown-field@2:19'])
  })

  it('reports shape and reference errors in one run', () => {
    const codes = problems('moat: 1\nsystem: {name: X, kind: prodct}\nprocesses:\n  web: {boundary: dmz}\n').map((p) => p.split('@')[0])
    expect(codes).toEqual(['unknown-value', 'unknown-reference'])
  })

  it('warns about protocol messages without order', () => {
    expect(problems('moat: 1\nsystem: {name: X, kind: protocol}\nexternals:\n  c: {}\nprocesses:\n  s: {}\nflows:\n  m: {from: c, to: s}\n')).toEqual(['missing-order@8:6'])
  })
})
