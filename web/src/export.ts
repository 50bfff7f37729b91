/** Exports: the diagram as moat draws it (SVG, PNG) at the editor's positions, and the HTML report. */
import type { Analysis } from '../../src/core/index.js'
import { layoutFixed } from '../../src/render/layout-fixed.js'
import { overlaysOf } from '../../src/render/overlays.js'
import type { Scene } from '../../src/render/scene.js'
import { dfdSvg } from '../../src/render/svg.js'
import type { Raw } from './model-ops'

/** The scene with the positions the canvas shows (stored ones; the rest as the canvas placed them). */
function placedScene(scene: Scene, raw: Raw, analysis?: Analysis): Scene {
  const positions = { ...(raw.diagrams?.[scene.id]?.layout ?? {}) }
  for (const n of scene.nodes) {
    if (positions[n.id]) continue
    const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(n.id)}"]`) as HTMLElement | null
    const m = el?.style.transform.match(/translate\(([-\d.]+)px, ?([-\d.]+)px\)/)
    positions[n.id] = m ? { x: Number(m[1]), y: Number(m[2]) } : { x: 0, y: 0 }
  }
  return { ...scene, positions, ...(analysis && { overlays: overlaysOf(analysis.graph, analysis.threats) }) }
}

/** The SVG of moat's renderer: every model text in it is XML-escaped by src/render. */
export function diagramSvg(scene: Scene, _boundaries: unknown, raw: Raw, analysis?: Analysis): string {
  const placed = placedScene(scene, raw, analysis)
  return dfdSvg(placed, layoutFixed(placed))
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 5000)
}

const fileName = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_')

export function exportSvg(scene: Scene, boundaries: unknown, raw: Raw, analysis?: Analysis) {
  download(`${fileName(scene.id)}.svg`, new Blob([diagramSvg(scene, boundaries, raw, analysis)], { type: 'image/svg+xml' }))
}

export async function exportPng(scene: Scene, boundaries: unknown, raw: Raw, analysis?: Analysis, scale = 2) {
  const svg = diagramSvg(scene, boundaries, raw, analysis)
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve()
      image.onerror = () => reject(new Error('the SVG could not be drawn'))
      image.src = url
    })
    const canvas = document.createElement('canvas')
    canvas.width = Math.ceil(image.width * scale)
    canvas.height = Math.ceil(image.height * scale)
    const context = canvas.getContext('2d')!
    context.fillStyle = '#ffffff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'))
    if (blob) download(`${fileName(scene.id)}.png`, blob)
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** The report `moat report --format html` writes, made here by the same code. */
export async function exportHtmlReport(analysis: Analysis, file: string, text: string) {
  const { htmlReport } = await import('../../src/report/html/index.js')
  const page = await htmlReport(analysis, { file, text, toolVersion: '0.1.0' })
  download(`${file.replace(/\.(ya?ml|json)$/i, '')}-report.html`, new Blob([page], { type: 'text/html' }))
}
