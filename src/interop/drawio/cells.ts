/** draw.io cells: what each one is, read from its style string (cells carry no type). */
import { plainText } from '../xml.js'
import type { Box } from '../geometry.js'
import { dict, list, num, text, type Dict } from '../values.js'

export type CellKind = 'external' | 'process' | 'store' | 'boundary' | 'line-boundary' | 'flow' | 'text' | 'layer' | 'other'

export interface DrawioCell {
  id: string
  parent?: string
  label: string
  style: Map<string, string>
  kind: CellKind
  box?: Box
  source?: string
  target?: string
}

/** `rounded=0;ellipse;shape=partialRectangle` → {rounded: '0', ellipse: '', shape: 'partialRectangle'} */
export function parseStyle(style: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const part of style.split(';')) {
    const [key, ...value] = part.split('=')
    if (key?.trim()) map.set(key.trim(), value.join('=').trim())
  }
  return map
}

const RED = /^#(f{2}[0-3][0-9a-f]{3}|ff0000|cc0000|b85450|e51400|ff3333)$/i

/**
 * The element kind a style draws, as the drawio-threatmodeling library uses them.
 * @example
 * kindOf(parseStyle('ellipse;whiteSpace=wrap;html=1;'), false) // 'process'
 */
export function kindOf(style: Map<string, string>, edge: boolean): CellKind {
  if (edge) return 'flow'
  const shape = style.get('shape') ?? ''
  if (style.has('text') || shape === 'note') return 'text'
  if (shape === 'requiredInterface' && style.get('dashed') === '1') return 'line-boundary'
  if (style.get('dashed') === '1' && (RED.test(style.get('strokeColor') ?? '') || style.get('fillColor') === 'none')) return 'boundary'
  if (/^(partialRectangle|cylinder\d?|datastore|dataStorage)$/.test(shape)) return 'store'
  if (style.has('ellipse') || /^(ellipse|doubleEllipse)$/.test(shape)) return 'process'
  if (shape === '' || shape === 'rectangle' || shape === 'rect') return 'external'
  return 'other'
}

/** Cells of a page's <root>: plain mxCells and those wrapped in <UserObject>/<object> (label on the wrapper). */
export function cellsOf(root: Dict): DrawioCell[] {
  const raw: { cell: Dict; wrapper?: Dict }[] = [
    ...list(root.mxCell).map((c) => ({ cell: dict(c) })),
    ...[...list(root.UserObject), ...list(root.object)].map((w) => ({ cell: dict(dict(w).mxCell), wrapper: dict(w) })),
  ]
  return raw.map(({ cell, wrapper }) => {
    const id = text(wrapper?.['@_id']) ?? text(cell['@_id']) ?? ''
    const style = parseStyle(text(cell['@_style']) ?? '')
    const g = dict(cell.mxGeometry)
    const x = num(g['@_x']) ?? 0
    const y = num(g['@_y']) ?? 0
    const width = num(g['@_width'])
    const height = num(g['@_height'])
    return {
      id,
      parent: text(cell['@_parent']),
      label: plainText(text(wrapper?.['@_label']) ?? text(cell['@_value']) ?? ''),
      style,
      // Cells that are neither vertex nor edge are the page's layers.
      kind: cell['@_edge'] === '1' || cell['@_vertex'] === '1' ? kindOf(style, cell['@_edge'] === '1') : 'layer',
      box: width !== undefined && height !== undefined && g['@_relative'] !== '1' ? { x, y, width, height } : undefined,
      source: text(cell['@_source']),
      target: text(cell['@_target']),
    }
  }).filter((c) => c.id)
}
