/**
 * Renaming an id everywhere it is used: the entry's key, every reference to it, the layout of
 * every diagram, and the responses to its generated threats (`RULE@old` becomes `RULE@new`, so a
 * response written for the element still applies). Works on plain model data, before validation,
 * so the editor can rename in a model that has other errors. Key order is kept.
 */
import { ID_PATTERN } from '../model/schema.js'
import { ID_COLLECTIONS } from '../validate/validate-model.js'

type Data = Record<string, unknown>

export type RenameResult = { data: Data } | { error: string }

const isMap = (v: unknown): v is Data => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Fields that hold one id, and fields that hold a list of ids, per collection. */
const ONE: Record<string, readonly string[]> = {
  externals: ['boundary'], processes: ['boundary'], stores: ['boundary'], boundaries: ['parent'],
  flows: ['from', 'to'], actors: ['boundary'], diagrams: ['refines'],
}
const MANY: Record<string, readonly string[]> = {
  externals: ['data'], processes: ['data'], stores: ['data'], flows: ['data'], actors: ['via'],
  controls: ['on'], diagrams: ['elements'], threats: ['on', 'controls'],
}

/**
 * @example
 * renameId(data, 'web', 'storefront') // { data: ... } with every "web" reference renamed
 */
export function renameId(data: Data, from: string, to: string): RenameResult {
  if (from === to) return { data }
  if (!ID_PATTERN.test(to)) return { error: `"${to}" is not a valid id: start with a letter or digit; use letters, digits, "_", ".", ":" and "-"` }
  const owner = ID_COLLECTIONS.find((c) => isMap(data[c]) && Object.hasOwn(data[c] as Data, from))
  if (!owner) return { error: `there is no "${from}" to rename` }
  const taken = ID_COLLECTIONS.find((c) => isMap(data[c]) && Object.hasOwn(data[c] as Data, to))
  if (taken) return { error: `"${to}" is already used in ${taken}` }

  const renamed: Data = {}
  for (const [key, value] of Object.entries(data)) {
    if (!isMap(value)) {
      renamed[key] = value
      continue
    }
    const entries = Object.entries(value).map(([id, entry]): [string, unknown] => {
      const newKey = key === owner && id === from ? to : key === 'threats' ? renameThreatKey(id, from, to) : id
      return [newKey, renameInEntry(key, entry, from, to)]
    })
    renamed[key] = Object.fromEntries(entries)
  }
  return { data: renamed }
}

/** `RULE@old` → `RULE@new`; ids of a pair (`RULE@a+b`) are renamed on each side. */
function renameThreatKey(key: string, from: string, to: string): string {
  const at = key.indexOf('@')
  if (at < 0) return key
  const subjects = key.slice(at + 1).split('+').map((s) => (s === from ? to : s))
  return `${key.slice(0, at + 1)}${subjects.join('+')}`
}

function renameInEntry(collection: string, entry: unknown, from: string, to: string): unknown {
  if (!isMap(entry)) return entry
  let out: Data | undefined
  const set = (field: string, value: unknown) => {
    out ??= { ...entry }
    out[field] = value
  }
  for (const field of ONE[collection] ?? []) if (entry[field] === from) set(field, to)
  for (const field of MANY[collection] ?? []) {
    const list = entry[field]
    if (Array.isArray(list) && list.includes(from)) set(field, list.map((x) => (x === from ? to : x)))
  }
  if (collection === 'diagrams' && isMap(entry.layout) && Object.hasOwn(entry.layout, from)) {
    set('layout', Object.fromEntries(Object.entries(entry.layout).map(([id, box]) => [id === from ? to : id, box])))
  }
  return out ?? entry
}
