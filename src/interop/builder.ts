/**
 * Builds a moat model while an importer walks a foreign file: allocates readable unique ids,
 * remembers which foreign key became which id, collects warnings, and bounds the size.
 */
import type { ModelInput } from '../core/index.js'
import { IdAllocator } from './ids.js'
import { InteropError, LIMITS, type ForeignFormat, type ImportResult, type ImportWarning, type SourcePath } from './types.js'
import { compact } from './values.js'

export const COLLECTIONS = ['assets', 'actors', 'boundaries', 'externals', 'processes', 'stores', 'flows', 'controls', 'diagrams', 'assumptions'] as const
export type Collection = (typeof COLLECTIONS)[number]
export type NodeKind = 'externals' | 'processes' | 'stores'

const THREAT_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:@+-]*$/
type Entry = Record<string, unknown>

export class ModelBuilder {
  readonly warnings: ImportWarning[] = []
  private readonly ids = new IdAllocator()
  private readonly threatIds = new IdAllocator(THREAT_KEY)
  private readonly byForeignKey = new Map<string, string>()
  private readonly kinds = new Map<string, Collection>()
  private readonly collections = new Map<Collection | 'threats', Map<string, Entry>>()
  private items = 0

  constructor(private system: Entry) {}

  /** Something not mapped, or mapped with a loss: always said, never silent. */
  warn(path: SourcePath, message: string): void {
    this.warnings.push({ message, path: [...path] })
  }

  /**
   * Adds an entry; returns its new id. `foreignKey` is how the source refers to it (a UUID, an id,
   * a name), looked up later with `ref`.
   * @example
   * const id = builder.add('processes', 'uuid-1', 'Web App', { name: 'Web App' }) // 'web-app'
   */
  add(collection: Collection, foreignKey: string | undefined, name: string | undefined, entry: Entry, preferredId?: string): string {
    this.count()
    const id = this.ids.take(name, singular(collection), preferredId)
    this.entries(collection).set(id, compact(entry))
    this.kinds.set(id, collection)
    if (foreignKey !== undefined && !this.byForeignKey.has(foreignKey)) this.byForeignKey.set(foreignKey, id)
    return id
  }

  /** A hand-written threat or a response; threat keys have their own space (they may hold `@`). */
  addThreat(title: string | undefined, entry: Entry, preferredKey?: string): string {
    this.count()
    const key = this.threatIds.take(title, 'threat', preferredKey)
    this.entries('threats').set(key, compact(entry))
    return key
  }

  /** Another foreign name for an id already added (a cell drawn on a second diagram). */
  alias(foreignKey: string, id: string): void {
    if (!this.byForeignKey.has(foreignKey)) this.byForeignKey.set(foreignKey, id)
  }

  ref(foreignKey: unknown): string | undefined {
    return typeof foreignKey === 'string' ? this.byForeignKey.get(foreignKey) : undefined
  }

  kindOf(id: string | undefined): Collection | undefined {
    return id === undefined ? undefined : this.kinds.get(id)
  }

  isNode(id: string | undefined): boolean {
    const kind = this.kindOf(id)
    return kind === 'externals' || kind === 'processes' || kind === 'stores'
  }

  get(collection: Collection | 'threats', id: string): Entry | undefined {
    return this.collections.get(collection)?.get(id)
  }

  /** Changes fields of an entry already added (compacting again). */
  update(collection: Collection | 'threats', id: string, fields: Entry): void {
    const map = this.entries(collection)
    const entry = map.get(id)
    if (entry) map.set(id, compact({ ...entry, ...fields }))
  }

  idsOf(collection: Collection | 'threats'): string[] {
    return [...(this.collections.get(collection)?.keys() ?? [])]
  }

  setSystem(fields: Entry): void {
    this.system = { ...this.system, ...fields }
  }

  result(format: ForeignFormat): ImportResult {
    const model: Record<string, unknown> = { moat: 1, system: compact({ ...this.system, name: this.system.name ?? 'Imported model' }) }
    for (const collection of [...COLLECTIONS, 'threats'] as const) {
      const map = this.collections.get(collection)
      if (!map?.size) continue
      // "on" is required on a control, even when it protects nothing yet.
      model[collection] = Object.fromEntries([...map].map(([id, e]) => [id, lastKept(collection === 'controls' && !e.on ? { ...e, on: [] } : e)]))
    }
    return { format, model: model as ModelInput, warnings: this.warnings }
  }

  private entries(collection: Collection | 'threats'): Map<string, Entry> {
    let map = this.collections.get(collection)
    if (!map) this.collections.set(collection, (map = new Map()))
    return map
  }

  private count(): void {
    if (++this.items > LIMITS.items) throw new InteropError(`the file holds more than ${LIMITS.items} items`, 'no real threat model is this large; check that this is the file you meant')
  }
}

/** What the source said that moat keeps but does not use (`x-` fields) comes after moat's own fields. */
const lastKept = (entry: Entry): Entry => {
  const kept = Object.keys(entry).filter((k) => k.startsWith('x-'))
  return kept.length ? { ...Object.fromEntries(Object.entries(entry).filter(([k]) => !k.startsWith('x-'))), ...Object.fromEntries(kept.map((k) => [k, entry[k]])) } : entry
}

const singular = (collection: Collection): string =>
  ({ assets: 'asset', actors: 'actor', boundaries: 'boundary', externals: 'external', processes: 'process', stores: 'store', flows: 'flow', controls: 'control', diagrams: 'diagram', assumptions: 'assumption' })[collection]
