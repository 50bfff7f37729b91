/**
 * Writes an edited model back into the user's own YAML text. The editor (and the server) hold the
 * model as plain data; saving must not turn the user's file into a machine dump: comments, key
 * order, quoting, folded text and blank lines all stay where they were.
 *
 * How: the old text is parsed into a `yaml` Document, whose nodes know their source ranges. The new
 * data is compared with it node by node, and only what changed is rewritten, as text splices at
 * those ranges (a changed value is replaced in place, a removed entry loses its lines, a new entry is
 * inserted after its last sibling, indented like them and in their style). Everything else is left
 * byte for byte. The result is parsed again and compared with the data; in the rare case a splice
 * cannot express the change, the Document itself is updated and printed (comments kept, formatting
 * normalised), and as the last resort the data is printed plainly. The data is always right.
 * Pure: no Node API; the browser editor can run it too.
 */
import { load, CORE_SCHEMA } from 'js-yaml'
import {
  Document, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, stringify,
  type Node as YamlNode, type Pair, type ToStringOptions, type YAMLMap, type YAMLSeq,
} from 'yaml'

export interface UpdateOptions {
  /** Inferred from the text when not given: JSON if it starts with `{`. */
  format?: 'yaml' | 'json'
}

export interface Updated {
  text: string
  /** `splice`: only the changed parts were rewritten; `document`: reprinted with comments; `plain`: printed afresh. */
  method: 'unchanged' | 'splice' | 'document' | 'plain'
}

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain }

interface Edit {
  start: number
  end: number
  text: string
}

/**
 * The text of `data`, written into `text` with as little change as possible.
 * @example
 * updateSource('a: 1 # one\nb: 2\n', { a: 5, b: 2 }).text // 'a: 5 # one\nb: 2\n'
 */
export function updateSource(text: string, data: unknown, options: UpdateOptions = {}): Updated {
  const wanted = toPlain(data)
  const format = options.format ?? (/^\s*\{/.test(text) ? 'json' : 'yaml')
  if (format === 'json') return updateJson(text, wanted)
  const current = readYaml(text)
  if (current.ok && deepEqual(current.value, wanted)) return { text, method: 'unchanged' }

  if (current.ok && text.trim() !== '') {
    try {
      const spliced = new Splicer(text).run(wanted)
      if (spliced !== undefined && matches(spliced, wanted)) return { text: spliced, method: 'splice' }
    } catch {
      // fall through to the Document
    }
    try {
      const doc = parseDocument(text)
      if (!doc.errors.length) {
        doc.contents = mergeNode(doc, doc.contents as YamlNode | null, wanted) as typeof doc.contents
        const printed = doc.toString(printOptions(text))
        if (matches(printed, wanted)) return { text: printed, method: 'document' }
      }
    } catch {
      // fall through to plain printing
    }
  }
  return { text: stringify(wanted, printOptions(text)), method: 'plain' }
}

function updateJson(text: string, wanted: Plain): Updated {
  try {
    if (deepEqual(JSON.parse(text), wanted)) return { text, method: 'unchanged' }
  } catch {
    // not JSON any more: rewrite it
  }
  const indent = /\n( +|\t)"/.exec(text)?.[1] ?? '  '
  return { text: `${JSON.stringify(wanted, null, indent)}\n`, method: 'plain' }
}

/** JSON-compatible data: undefined dropped (as JSON does), nothing else changed. */
function toPlain(value: unknown): Plain {
  return JSON.parse(JSON.stringify(value ?? null)) as Plain
}

function readYaml(text: string): { ok: true; value: Plain } | { ok: false } {
  try {
    return { ok: true, value: toPlain(load(text, { schema: CORE_SCHEMA })) }
  } catch {
    return { ok: false }
  }
}

const matches = (text: string, wanted: Plain) => {
  const read = readYaml(text)
  return read.ok && deepEqual(read.value, wanted)
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]))
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

const isObject = (v: Plain): v is { [key: string]: Plain } => v !== null && typeof v === 'object' && !Array.isArray(v)

/** How the user's file is printed when a part has to be printed afresh. */
function printOptions(text: string): ToStringOptions {
  // `key:\n- item` (sequences not indented under their key) versus `key:\n  - item`.
  const flat = /^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(text)
  const padded = (text.match(/\{ \S/g)?.length ?? 0) > (text.match(/\{[^\s}]/g)?.length ?? 0)
  return { lineWidth: 0, indentSeq: !flat, flowCollectionPadding: padded }
}

class Splicer {
  private readonly doc: Document
  private readonly edits: Edit[] = []
  private readonly options: ToStringOptions

  constructor(private readonly text: string) {
    this.doc = parseDocument(text, { keepSourceTokens: false })
    if (this.doc.errors.length) throw new Error('unparsable')
    this.options = printOptions(text)
  }

  run(wanted: Plain): string | undefined {
    const root = this.doc.contents as YamlNode | null
    if (!isMap(root) || root.flow || !isObject(wanted)) return undefined
    this.updateMap(root, wanted)
    return this.apply()
  }

  private apply(): string {
    const edits = [...this.edits].sort((a, b) => b.start - a.start || b.end - a.end)
    let out = this.text
    let limit = Number.POSITIVE_INFINITY
    for (const e of edits) {
      if (e.end > limit) throw new Error('overlapping edits')
      out = out.slice(0, e.start) + e.text + out.slice(e.end)
      limit = e.start
    }
    return out
  }

  private valueOf(node: YamlNode | null | undefined): Plain {
    if (!node) return null
    return toPlain(node.toJS(this.doc, { maxAliasCount: -1 }))
  }

  /** Both are maps: remove, change and add entries. */
  private updateMap(map: YAMLMap, wanted: { [key: string]: Plain }): void {
    const pairs = map.items as Pair<YamlNode, YamlNode | null>[]
    const seen = new Set<string>()
    const removed: Pair<YamlNode, YamlNode | null>[] = []
    for (const pair of pairs) {
      const key = keyOf(pair)
      if (key === undefined) throw new Error('complex key')
      seen.add(key)
      if (!Object.prototype.hasOwnProperty.call(wanted, key)) removed.push(pair)
      else this.updateValue(map, pair, wanted[key]!)
    }
    const added = Object.keys(wanted).filter((k) => !seen.has(k))
    if (map.flow) this.flowMapChanges(map, removed, added.map((k) => [k, wanted[k]!]))
    else {
      for (const pair of removed) this.removeBlockPair(map, pair)
      if (added.length) this.addBlockPairs(map, added.map((k) => [k, wanted[k]!]), removed)
    }
  }

  private updateValue(map: YAMLMap, pair: Pair<YamlNode, YamlNode | null>, wanted: Plain): void {
    const node = pair.value
    if (deepEqual(this.valueOf(node), wanted)) return
    if (node && !isAlias(node) && !node.anchor) {
      if (isMap(node) && isObject(wanted) && !(node.flow && !node.items.length && !map.flow)) return this.updateMap(node, wanted)
      if (isScalar(node) && node.range && (wanted === null || typeof wanted !== 'object') && !isBlockScalar(node)) {
        this.edits.push({ start: node.range[0], end: node.range[1], text: this.scalarText(wanted, node, map.flow === true) })
        return
      }
    }
    this.replacePairValue(map, pair, wanted)
  }

  /** The value of an entry, printed afresh: after `key:` on its line, or as an indented block. */
  private replacePairValue(map: YAMLMap, pair: Pair<YamlNode, YamlNode | null>, wanted: Plain): void {
    const key = pair.key
    if (!key.range) throw new Error('no range')
    const start = key.range[1]
    let end = pair.value?.range ? pair.value.range[1] : key.range[1]
    // From the end of the key through `:` to the end of the value.
    if (!pair.value?.range) {
      const colon = this.text.indexOf(':', start)
      end = colon + 1
    }
    const endsLine = this.text[end - 1] === '\n'
    let rendered: string
    if (map.flow) rendered = `: ${this.flowText(wanted)}`
    else {
      const indent = this.columnOf(key.range[0])
      const block = this.blockEntry('k', wanted, indent, this.siblingsFlow(map))
      rendered = block.slice(block.indexOf(':'))
      rendered = rendered.replace(/\n$/, '')
    }
    this.edits.push({ start, end, text: endsLine ? `${rendered}\n` : rendered })
  }

  private flowMapChanges(map: YAMLMap, removed: Pair<YamlNode, YamlNode | null>[], added: [string, Plain][]): void {
    if (!map.range) throw new Error('no range')
    const pairs = map.items as Pair<YamlNode, YamlNode | null>[]
    const kept = pairs.filter((p) => !removed.includes(p))
    if (!kept.length) {
      // Replace the whole `{...}`: nothing of it is left but what is added.
      this.edits.push({ start: map.range[0], end: map.range[1], text: this.flowText(Object.fromEntries(added)) })
      return
    }
    for (const pair of removed) {
      const i = pairs.indexOf(pair)
      const start = pair.key.range![0]
      const end = pair.value?.range ? pair.value.range[1] : pair.key.range![1]
      // Remove the entry and the separator after it, or before it when it is the last one.
      const next = pairs[i + 1]
      if (next) this.edits.push({ start, end: next.key.range![0], text: '' })
      else {
        const previous = pairs[i - 1]!
        const previousEnd = previous.value?.range ? previous.value.range[1] : previous.key.range![1]
        this.edits.push({ start: previousEnd, end, text: '' })
      }
    }
    if (added.length) {
      const last = kept[kept.length - 1]!
      const at = last.value?.range ? last.value.range[1] : last.key.range![1]
      const body = this.flowText(Object.fromEntries(added))
      this.edits.push({ start: at, end: at, text: `, ${body.replace(/^\{\s?/, '').replace(/\s?\}$/, '')}` })
    }
  }

  private removeBlockPair(map: YAMLMap, pair: Pair<YamlNode, YamlNode | null>): void {
    const start = this.lineStart(pair.key.range![0])
    const end = this.lineEndAfter(pair.value?.range ? pair.value.range[1] : pair.key.range![1])
    if (this.text.slice(start, pair.key.range![0]).trim() !== '') throw new Error('pair not at line start')
    this.edits.push({ start, end, text: '' })
    void map
  }

  private addBlockPairs(map: YAMLMap, added: [string, Plain][], removed: Pair<YamlNode, YamlNode | null>[]): void {
    const pairs = (map.items as Pair<YamlNode, YamlNode | null>[]).filter((p) => !removed.includes(p))
    const anchor = pairs[pairs.length - 1] ?? (map.items[map.items.length - 1] as Pair<YamlNode, YamlNode | null> | undefined)
    if (!anchor?.key.range) throw new Error('empty block map')
    const indent = this.columnOf(anchor.key.range[0])
    let at = this.lineEndAfter(anchor.value?.range ? anchor.value.range[1] : anchor.key.range[1])
    // A removed last entry is cut up to its end: insert after it, so the two edits do not overlap.
    const lastRemoved = removed.includes(map.items[map.items.length - 1] as Pair<YamlNode, YamlNode | null>)
    if (lastRemoved) {
      const last = map.items[map.items.length - 1] as Pair<YamlNode, YamlNode | null>
      at = this.lineEndAfter(last.value?.range ? last.value.range[1] : last.key.range![1])
    }
    const flow = this.siblingsFlow(map)
    let insert = added.map(([k, v]) => this.blockEntry(k, v, indent, flow)).join('')
    if (at === this.text.length && !this.text.endsWith('\n')) insert = `\n${insert.replace(/\n$/, '')}`
    this.edits.push({ start: at, end: at, text: insert })
  }

  /** Whether the entries of this map are mostly written `{...}` on one line. */
  private siblingsFlow(map: YAMLMap): boolean {
    const values = map.items.map((p) => (isPair(p) ? (p.value as YamlNode | null) : null)).filter((v) => isMap(v))
    return values.length > 0 && values.filter((v) => (v as YAMLMap).flow).length * 2 >= values.length
  }

  /** `key: value` lines at `indent`, ending in a newline. */
  private blockEntry(key: string, value: Plain, indent: number, preferFlow: boolean): string {
    const doc = new Document({ [key]: value })
    const pair = (doc.contents as YAMLMap).items[0] as Pair<YamlNode, YamlNode>
    const flowWhole = isObject(value) && (preferFlow || isPosition(value)) && Object.values(value).every((v) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')))
    if (flowWhole && isCollection(pair.value)) pair.value.flow = true
    flowLeaves(pair.value)
    let printed = doc.toString(this.options)
    if (flowWhole && printed.length + indent > 120 && isCollection(pair.value)) {
      pair.value.flow = false
      printed = doc.toString(this.options)
    }
    const pad = ' '.repeat(indent)
    return printed.replace(/\n$/, '').split('\n').map((line) => (line ? pad + line : line)).join('\n') + '\n'
  }

  /** A value as flow YAML: `{a: 1}`, `[x, y]`, `"text, quoted"`. */
  private flowText(value: Plain): string {
    const doc = new Document([value])
    ;(doc.contents as YAMLSeq).flow = true
    const printed = doc.toString({ ...this.options, lineWidth: 0 }).trim()
    return printed.slice(1, -1).trim()
  }

  private scalarText(value: Plain, old: Scalar, inFlow: boolean): string {
    if (typeof value === 'string' && !value.includes('\n')) {
      if (old.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value)
      if (old.type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`
    }
    if (typeof value === 'string' && value.includes('\n')) return JSON.stringify(value)
    if (inFlow) return this.flowText(value)
    return stringify(value, this.options).replace(/\n$/, '')
  }

  private columnOf(offset: number): number {
    return offset - this.lineStart(offset)
  }

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1
  }

  private lineEndAfter(offset: number): number {
    if (offset > 0 && this.text[offset - 1] === '\n') return offset
    const i = this.text.indexOf('\n', offset)
    return i < 0 ? this.text.length : i + 1
  }
}

const isBlockScalar = (node: Scalar) => node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL

const isPosition = (value: { [key: string]: Plain }) => typeof value.x === 'number' && typeof value.y === 'number'

/** Small maps of scalars (and lists) print as one line `{a: 1, b: [x]}`, like positions and short entries. */
function flowLeaves(node: unknown): void {
  if (isSeq(node)) {
    if (node.items.every((i) => isScalar(i))) node.flow = true
    else node.items.forEach(flowLeaves)
  } else if (isMap(node)) {
    for (const p of node.items) {
      const v = p.value
      if (isMap(v) && v.items.length <= 4 && v.items.every((q) => isScalar(q.value))) v.flow = true
      else flowLeaves(v)
    }
  }
}

const keyOf = (pair: Pair<unknown, unknown>): string | undefined => {
  const key = pair.key
  if (isScalar(key)) return String(key.value)
  if (key === null || key === undefined) return ''
  return undefined
}

/** The Document route: the new data merged into the old nodes (comments on kept nodes survive). */
function mergeNode(doc: Document, node: YamlNode | null, wanted: Plain): unknown {
  if (isMap(node) && isObject(wanted)) {
    const pairs = node.items as Pair<YamlNode, YamlNode | null>[]
    node.items = pairs.filter((p) => {
      const k = keyOf(p)
      return k !== undefined && Object.prototype.hasOwnProperty.call(wanted, k)
    })
    for (const [k, v] of Object.entries(wanted)) {
      const pair = (node.items as Pair<YamlNode, YamlNode | null>[]).find((p) => keyOf(p) === k)
      if (pair) pair.value = mergeNode(doc, pair.value, v) as YamlNode
      else node.items.push(doc.createPair(k, v) as Pair<YamlNode, YamlNode>)
    }
    return node
  }
  if (isSeq(node) && Array.isArray(wanted)) {
    node.items = wanted.map((v, i) => mergeNode(doc, (node.items[i] as YamlNode | undefined) ?? null, v)) as YamlNode[]
    return node
  }
  if (isScalar(node) && (wanted === null || typeof wanted !== 'object')) {
    if (node.value !== wanted) {
      node.value = wanted
      if (typeof wanted !== 'string' && node.type !== Scalar.PLAIN) node.type = Scalar.PLAIN
    }
    return node
  }
  return doc.createNode(wanted)
}
