/// <reference lib="webworker" />
// Auto-layout off the main thread: the same ELK layout as `moat diagram`, so the editor and the
// CLI draw a model the same way.
import './zod-config'
import { layoutElk } from '../../src/render/layout-elk.js'
import type { Scene } from '../../src/render/scene.js'

self.onmessage = async (event: MessageEvent<{ id: number; scene: Scene }>) => {
  try {
    const layout = await layoutElk(event.data.scene)
    self.postMessage({ id: event.data.id, nodes: Object.fromEntries(layout.nodes), boundaries: Object.fromEntries(layout.boundaries) })
  } catch (cause) {
    self.postMessage({ id: event.data.id, error: String(cause) })
  }
}
