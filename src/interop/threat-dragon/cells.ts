/**
 * Threat Dragon v1 and v2 cells in one shape. v2 (JointJS → AntV X6) keeps properties in
 * `cell.data` and links by `source.cell`; v1 keeps them on the cell and links by `source.id`,
 * with cells under `diagramJson`.
 */
import type { Box } from '../geometry.js'
import type { SourcePath } from '../types.js'
import { dict, isDict, list, num, text, type Dict } from '../values.js'

export interface Point {
  x: number
  y: number
}

export interface TdCell {
  id: string
  type: string
  name?: string
  /** The properties: `data` in v2, the cell itself in v1. */
  props: Dict
  box?: Box
  source?: string | Point
  target?: string | Point
  vertices: Point[]
  threats: readonly unknown[]
  path: SourcePath
  /** The cell as the file has it. */
  raw: Dict
}

export interface TdDiagram {
  title?: string
  description?: string
  cells: TdCell[]
  path: SourcePath
  /** The diagram as the file has it. */
  raw: Dict
}

/** The diagrams of a Threat Dragon file (v1 or v2), or undefined when it has none in either shape. */
export function diagramsOf(detail: Dict): { version: 1 | 2; diagrams: TdDiagram[] } | undefined {
  if (!Array.isArray(detail.diagrams)) return undefined
  const raw = detail.diagrams
  const v1 = raw.some((d) => isDict(d) && isDict(d.diagramJson))
  const diagrams = raw.map((d, i): TdDiagram => {
    const diagram = dict(d)
    const cellsPath: SourcePath = v1 ? ['detail', 'diagrams', i, 'diagramJson', 'cells'] : ['detail', 'diagrams', i, 'cells']
    const cells = list(v1 ? dict(diagram.diagramJson).cells : diagram.cells)
    return {
      title: text(diagram.title),
      description: text(diagram.description),
      path: ['detail', 'diagrams', i],
      raw: diagram,
      cells: cells.flatMap((c, j) => (isDict(c) ? [cellOf(c, v1, [...cellsPath, j])] : [])),
    }
  })
  return { version: v1 ? 1 : 2, diagrams }
}

function cellOf(cell: Dict, v1: boolean, path: SourcePath): TdCell {
  const props = v1 ? cell : dict(cell.data)
  const type = text(props.type) ?? text(cell.type) ?? ''
  const link = (end: unknown): string | Point | undefined => {
    const e = dict(end)
    const ref = text(v1 ? e.id : e.cell)
    if (ref) return ref
    const x = num(e.x)
    const y = num(e.y)
    return x !== undefined && y !== undefined ? { x, y } : undefined
  }
  return {
    id: text(cell.id) ?? '',
    type,
    name: nameOf(cell, props),
    props,
    box: boxOf(cell),
    source: link(cell.source),
    target: link(cell.target),
    vertices: list(cell.vertices).flatMap((v) => {
      const x = num(dict(v).x)
      const y = num(dict(v).y)
      return x !== undefined && y !== undefined ? [{ x, y }] : []
    }),
    threats: list(props.threats),
    path,
    raw: cell,
  }
}

/** v2 has `data.name`; v1 only the drawn text (`attrs.text.text`, or the first label of a flow). */
function nameOf(cell: Dict, props: Dict): string | undefined {
  const label = dict(dict(dict(list(cell.labels)[0]).attrs))
  return (
    text(props.name) ??
    text(dict(dict(cell.attrs).text).text) ??
    text(dict(dict(cell.attrs).label).text) ??
    text(dict(label.text).text) ??
    text(dict(label.labelText).text)
  )?.replace(/\s*\n\s*/g, ' ')
}

function boxOf(cell: Dict): Box | undefined {
  const x = num(dict(cell.position).x)
  const y = num(dict(cell.position).y)
  const width = num(dict(cell.size).width)
  const height = num(dict(cell.size).height)
  return x !== undefined && y !== undefined && width !== undefined && height !== undefined && width >= 0 && height >= 0 ? { x, y, width, height } : undefined
}
