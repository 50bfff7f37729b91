/** Which elements and flows each diagram of a model shows, for formats that draw them. */
import type { Model } from '../core/index.js'

export interface ShownDiagram {
  id: string
  name: string
  nodes: string[]
  flows: string[]
  layout: Record<string, { x: number; y: number; width?: number; height?: number }>
}

/**
 * Every diagram of the model (or one of everything): a diagram without `elements` shows all
 * elements outside refinements; one with `elements` shows those (a boundary stands for what it
 * holds), and the flows between shown elements.
 * @example
 * diagramsToDraw(model).map((d) => d.nodes)
 */
export function diagramsToDraw(model: Model): ShownDiagram[] {
  const nodes = [...Object.keys(model.externals ?? {}), ...Object.keys(model.processes ?? {}), ...Object.keys(model.stores ?? {})]
  const boundaryOf = (id: string) => model.externals?.[id]?.boundary ?? model.processes?.[id]?.boundary ?? model.stores?.[id]?.boundary
  const within = (id: string, boundary: string) => {
    for (let b = boundaryOf(id), i = 0; b && i < 64; b = model.boundaries?.[b]?.parent, i++) if (b === boundary) return true
    return false
  }
  const refinedInside = new Set(Object.values(model.diagrams ?? {}).filter((d) => d.refines).flatMap((d) => d.elements ?? []))
  const diagrams = Object.entries(model.diagrams ?? {})
  const list = diagrams.length ? diagrams : [['main', { name: model.system.name }] as const]
  const drawn = list.map(([id, d]) => {
    const diagram = d as NonNullable<Model['diagrams']>[string]
    let shown: string[]
    if (!diagram.elements) shown = nodes.filter((n) => !refinedInside.has(n))
    else {
      const listed = new Set<string>()
      for (const e of diagram.elements) {
        if (nodes.includes(e)) listed.add(e)
        else if (model.boundaries?.[e]) nodes.filter((n) => within(n, e)).forEach((n) => listed.add(n))
        else if (model.flows?.[e]) listed.add(model.flows[e]!.from).add(model.flows[e]!.to)
      }
      // A refinement shows the outside elements its inside talks to, as context.
      if (diagram.refines) {
        for (const f of Object.values(model.flows ?? {})) {
          if (listed.has(f.from) && f.to !== diagram.refines) listed.add(f.to)
          if (listed.has(f.to) && f.from !== diagram.refines) listed.add(f.from)
        }
      }
      shown = [...listed]
    }
    const flows = Object.entries(model.flows ?? {}).filter(([, f]) => shown.includes(f.from) && shown.includes(f.to)).map(([f]) => f)
    return { id, name: diagram.name ?? id, nodes: shown, flows, layout: (diagram.layout ?? {}) as ShownDiagram['layout'] }
  })
  // Nothing is left out of a file: what no diagram shows goes on the first one.
  const first = drawn[0]!
  const nodesShown = new Set(drawn.flatMap((d) => d.nodes))
  const flowsShown = new Set(drawn.flatMap((d) => d.flows))
  for (const n of nodes) if (!nodesShown.has(n)) first.nodes.push(n)
  for (const [id, f] of Object.entries(model.flows ?? {})) {
    if (flowsShown.has(id)) continue
    for (const end of [f.from, f.to]) if (!first.nodes.includes(end)) first.nodes.push(end)
    first.flows.push(id)
  }
  return drawn
}
