/** Added, removed and changed entries of one model collection (elements, flows, assets, ...). */
import { fieldChanges, type FieldChange } from './fields.js'

export interface EntryRef {
  id: string
  /** external, process, store, flow, boundary, asset, control, actor, assumption. */
  kind: string
  name: string
}

export interface EntryChange extends EntryRef {
  fields: FieldChange[]
}

export interface CollectionDiff {
  added: EntryRef[]
  removed: EntryRef[]
  changed: EntryChange[]
}

/** An entry with the kind it has in its collection. */
export interface Entry {
  kind: string
  value: Record<string, unknown>
}

const nameOf = (id: string, value: Record<string, unknown>) => (typeof value.name === 'string' ? value.name : id)

/**
 * Compares two maps of entries by id. An entry that moved kind (a process that became a store)
 * is changed, with a `kind` field, not removed and added: its id, and so its responses, stay.
 * @example
 * diffEntries(new Map([['web', { kind: 'process', value: { name: 'Web' } }]]), new Map())
 * // { added: [], removed: [{ id: 'web', kind: 'process', name: 'Web' }], changed: [] }
 */
export function diffEntries(before: ReadonlyMap<string, Entry>, after: ReadonlyMap<string, Entry>): CollectionDiff {
  const ref = (id: string, e: Entry): EntryRef => ({ id, kind: e.kind, name: nameOf(id, e.value) })
  const result: CollectionDiff = { added: [], removed: [], changed: [] }
  for (const [id, b] of before) {
    const a = after.get(id)
    if (!a) {
      result.removed.push(ref(id, b))
      continue
    }
    const fields = fieldChanges(b.value, a.value)
    if (a.kind !== b.kind) fields.unshift({ field: 'kind', before: b.kind, after: a.kind })
    if (fields.length) result.changed.push({ ...ref(id, a), fields })
  }
  for (const [id, a] of after) if (!before.has(id)) result.added.push(ref(id, a))
  return result
}

/**
 * The entries of one or more collections of a model, each with its kind.
 * @example
 * entriesOf([['process', model.processes], ['store', model.stores]])
 */
export function entriesOf(collections: readonly (readonly [string, Record<string, object> | undefined])[]): Map<string, Entry> {
  const entries = new Map<string, Entry>()
  for (const [kind, records] of collections) {
    for (const [id, value] of Object.entries(records ?? {})) entries.set(id, { kind, value: value as Record<string, unknown> })
  }
  return entries
}
