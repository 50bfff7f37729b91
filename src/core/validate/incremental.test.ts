import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseSource } from '../parse/parse-source.js'
import { createIncrementalValidator } from './incremental.js'
import { validateModel } from './validate-model.js'

type Data = Record<string, any>
const example = (name: string) => parseSource(readFileSync(new URL(`../../../examples/${name}.yaml`, import.meta.url), 'utf8')).data as Data

/** An edit as the editor makes it: new objects along the edited path only. */
const set = (data: Data, path: string[], value: unknown): Data => {
  const [head, ...rest] = path
  return { ...data, [head!]: rest.length ? set((data[head!] ?? {}) as Data, rest, value) : value }
}

const key = (d: { code: string; path: readonly unknown[]; message: string }) => `${d.code} ${JSON.stringify(d.path)} ${d.message}`
const same = (data: Data, validate: ReturnType<typeof createIncrementalValidator>) => {
  const full = validateModel(data)
  const fast = validate(data)
  expect(fast.model).toEqual(full.model)
  expect(fast.diagnostics.map(key).sort()).toEqual(full.diagnostics.map(key).sort())
}

describe('the incremental validator', () => {
  it.each(['shop', 'login-protocol', 'moat'])('gives what validateModel gives on %s, edit after edit', (name) => {
    const validate = createIncrementalValidator()
    let data = example(name)
    same(data, validate)
    const [process] = Object.keys(data.processes)
    const [flow] = Object.keys(data.flows)
    const edits: [string[], unknown][] = [
      [['processes', process!, 'technology'], 'rust'],
      [['processes', process!, 'boundry'], 'typo'], // an unknown field: a warning
      [['flows', flow!, 'to'], 'nowhere'], // a reference error
      [['flows', flow!, 'to'], data.flows[flow!].to],
      [['processes', process!, 'privileged'], 'yes'], // a shape error
      [['processes', process!, 'privileged'], true],
      [['stores', 'brand-new'], { name: 'New store', boundary: 'also-nowhere' }],
      [['system', 'description'], 'changed'],
      [['x-notes'], 'kept'],
    ]
    for (const [path, value] of edits) {
      data = set(data, path, value)
      same(data, validate)
    }
  })

  it('reuses the result for an entry object it has seen, and only for the same place', () => {
    const validate = createIncrementalValidator()
    const data = example('shop')
    const first = validate(data).model!
    const again = validate({ ...data, system: { ...data.system, name: 'Renamed' } }).model!
    const [id] = Object.keys(data.processes)
    expect(again.processes![id!]).toBe(first.processes![id!])
    expect(again.system.name).toBe('Renamed')
  })
})
