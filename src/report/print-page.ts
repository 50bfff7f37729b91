/**
 * The PDF's page, in one place: pdf.ts prints on it, and the print layout of the HTML report sizes
 * each diagram for it. Landscape A4: the threat table has nine columns and DFDs are wider than
 * tall; the page is laid out wide (at `scale`) and fitted to the paper.
 */
export const PRINT_PAGE = {
  format: 'A4',
  landscape: true,
  /** The paper, landscape, in millimetres. */
  paper: { width: 297, height: 210 },
  margin: { top: 16, bottom: 18, left: 14, right: 14 },
  scale: 0.72,
} as const

const CSS_PX_PER_MM = 96 / 25.4

/**
 * The printable area in CSS pixels of the page as Chromium lays it out (before `scale`).
 * @example
 * printableArea() // { width: 1412, height: 924 }
 */
export function printableArea(): { width: number; height: number } {
  const { paper, margin, scale } = PRINT_PAGE
  return {
    width: Math.floor(((paper.width - margin.left - margin.right) * CSS_PX_PER_MM) / scale),
    height: Math.floor(((paper.height - margin.top - margin.bottom) * CSS_PX_PER_MM) / scale),
  }
}
