import { layoutElk } from '../../src/render/layout-elk.js'
import type { Scene } from '../../src/render/scene.js'
import type { Box } from './model-ops'

export interface AutoLayout {
  nodes: Record<string, Required<Box>>
  boundaries: Record<string, Required<Box>>
}

let worker: Worker | undefined
let next = 0
const pending = new Map<number, { resolve: (l: AutoLayout) => void; reject: (e: Error) => void }>()

/** ELK in a Web Worker; falls back to the main thread if workers are unavailable. */
export function autoLayout(scene: Scene): Promise<AutoLayout> {
  try {
    worker ??= createWorker()
  } catch {
    return layoutElk(scene).then((l) => ({ nodes: Object.fromEntries(l.nodes), boundaries: Object.fromEntries(l.boundaries) }) as AutoLayout)
  }
  const id = ++next
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    worker!.postMessage({ id, scene: JSON.parse(JSON.stringify(scene)) })
  })
}

function createWorker(): Worker {
  const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' })
  w.onmessage = (event: MessageEvent<{ id: number; error?: string } & AutoLayout>) => {
    const p = pending.get(event.data.id)
    if (!p) return
    pending.delete(event.data.id)
    if (event.data.error) p.reject(new Error(event.data.error))
    else p.resolve({ nodes: event.data.nodes, boundaries: event.data.boundaries })
  }
  return w
}
