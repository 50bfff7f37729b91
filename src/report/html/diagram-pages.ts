/**
 * A diagram on printed pages, drawn large enough to read: on a page of its own, enlarged up to
 * MAX_SCALE when it is small; when it would have to shrink below its laid-out size to fit, split into
 * tiles, each drawn on a page of its own at a readable size, overlapping a little so nothing cut
 * at an edge is lost. Only the root <svg>'s viewBox, width and height change: the drawing is the
 * same, each tile a window onto it.
 */

/** Never smaller than laid out: a flow label keeps its 12 px (the PDF's own scale aside). */
export const MIN_SCALE = 1
export const MAX_SCALE = 1.6
const OVERLAP = 40

export interface DiagramPage {
  svg: string
  /** Where the tile is, when the diagram is split: "part 2 of 4, top right". */
  part?: string
}

/**
 * @example
 * diagramPages('<svg viewBox="0 0 2400 900" width="2400" height="900">…</svg>', { width: 1412, height: 860 }).length // 4 (2 × 2)
 */
export function diagramPages(svg: string, area: { width: number; height: number }): DiagramPage[] {
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg.slice(0, svg.indexOf('>')))
  if (!box) return [{ svg }]
  const [width, height] = [Number(box[1]), Number(box[2])]
  const fit = Math.min(area.width / width, area.height / height)
  if (fit >= MIN_SCALE) return [{ svg: framed(svg, 0, 0, width, height, Math.min(fit, MAX_SCALE)) }]
  const columns = Math.ceil((width * MIN_SCALE) / area.width)
  const rows = Math.ceil((height * MIN_SCALE) / area.height)
  const [tileWidth, tileHeight] = [width / columns, height / rows]
  const pages: DiagramPage[] = []
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x = Math.max(0, column * tileWidth - OVERLAP)
      const y = Math.max(0, row * tileHeight - OVERLAP)
      const w = Math.min(width, (column + 1) * tileWidth + OVERLAP) - x
      const h = Math.min(height, (row + 1) * tileHeight + OVERLAP) - y
      const scale = Math.min(area.width / w, area.height / h, MAX_SCALE)
      pages.push({ svg: framed(svg, x, y, w, h, scale), part: `part ${pages.length + 1} of ${rows * columns}, ${where(row, rows, column, columns)}` })
    }
  }
  return pages
}

function framed(svg: string, x: number, y: number, w: number, h: number, scale: number): string {
  const end = svg.indexOf('>')
  const root = svg
    .slice(0, end)
    .replace(/viewBox="[^"]*"/, `viewBox="${round(x)} ${round(y)} ${round(w)} ${round(h)}"`)
    .replace(/ width="[^"]*"/, ` width="${round(w * scale)}"`)
    .replace(/ height="[^"]*"/, ` height="${round(h * scale)}"`)
  return root + svg.slice(end)
}

const round = (n: number) => Math.round(n * 10) / 10

function where(row: number, rows: number, column: number, columns: number): string {
  const vertical = rows === 1 ? '' : rows === 2 ? ['top', 'bottom'][row]! : `row ${row + 1}`
  const horizontal = columns === 1 ? '' : columns === 2 ? ['left', 'right'][column]! : `column ${column + 1}`
  return [vertical, horizontal].filter(Boolean).join(' ')
}
