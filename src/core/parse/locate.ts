/**
 * Adds line and column to diagnostics, from the source text. The `yaml` package builds a
 * document with the range of every node; it is only built when something needs locating.
 */
import { isMap, isSeq, isScalar, parseDocument, type Node as YamlNode, type Document, type Pair, type YAMLMap } from 'yaml'
import type { Diagnostic, Path, SourceRange } from '../diagnostics.js'
import { LineTable } from './line-table.js'

export interface Locator {
  /** The range of the value (or key) at `path`; the nearest existing ancestor when it is missing. */
  locate(path: Path, target?: 'key' | 'value'): SourceRange
}

/**
 * @example
 * const where = createLocator('a:\n  b: 1\n').locate(['a', 'b']) // { line: 2, column: 6, ... }
 */
export function createLocator(text: string): Locator {
  let doc: Document | undefined
  let lines: LineTable | undefined
  // Each map's pairs by key, built the first time the map is searched: a review locates thousands
  // of findings in maps of thousands of entries.
  const index = new WeakMap<YAMLMap, Map<string, Pair>>()
  const pairsOf = (map: YAMLMap): Map<string, Pair> => {
    let pairs = index.get(map)
    if (!pairs) {
      pairs = new Map()
      for (const pair of map.items) {
        const key = keyText(pair.key)
        if (key !== undefined && !pairs.has(key)) pairs.set(key, pair)
      }
      index.set(map, pairs)
    }
    return pairs
  }
  return {
    locate(path, target = 'value') {
      doc ??= parseDocument(text, { uniqueKeys: false, keepSourceTokens: false })
      lines ??= new LineTable(text)
      const [start, end] = findRange(doc.contents as YamlNode | null, path, target, pairsOf) ?? [0, 0]
      return lines.range(start, end)
    },
  }
}

function findRange(
  root: YamlNode | null,
  path: Path,
  target: 'key' | 'value',
  pairsOf: (map: YAMLMap) => Map<string, Pair>,
): [number, number] | undefined {
  let node: YamlNode | null = root
  let best: [number, number] | undefined = rangeOf(node)
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!
    const last = i === path.length - 1
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(step))
      if (!pair) return best
      const keyRange = rangeOf(pair.key as YamlNode | null)
      if (last && target === 'key') return keyRange ?? best
      node = pair.value as YamlNode | null
      best = rangeOf(node) ?? keyRange ?? best
    } else if (isSeq(node) && typeof step === 'number') {
      node = (node.items[step] as YamlNode | undefined) ?? null
      if (!node) return best
      best = rangeOf(node) ?? best
    } else {
      return best
    }
  }
  return best
}

const keyText = (key: unknown): string | undefined =>
  isScalar(key) ? String(key.value) : key === null || key === undefined ? undefined : String(key)

const rangeOf = (node: YamlNode | null | undefined): [number, number] | undefined =>
  node?.range ? [node.range[0], node.range[1]] : undefined

/** Returns the diagnostics with a range, each located once. */
export function locateAll(text: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (diagnostics.every((d) => d.range)) return [...diagnostics]
  const locator = createLocator(text)
  return diagnostics.map((d) => (d.range ? d : { ...d, range: locator.locate(d.path, d.target) }))
}
