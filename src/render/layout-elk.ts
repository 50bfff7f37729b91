/**
 * Automatic layout with ELK's layered algorithm: flows run left to right, trust boundaries are
 * compound nodes laid out with their contents in one pass (INCLUDE_CHILDREN), so edges between
 * boundaries are routed as a whole and no shape overlaps another or a boundary's border.
 * Pure: the bundled ELK runs in-process, in Node and in the browser, without workers.
 */
import elkModule from 'elkjs/lib/elk.bundled.js'
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js'
import { boundaryLabelWidth, flowLabel, nodeContent } from './content.js'
import { normalise, type Box, type Layout, type PlacedFlow } from './layout.js'
import { placeLabels } from './place-labels.js'
import { rankNodes } from './orient.js'
import type { Scene } from './scene.js'

/** Space inside a boundary; the top holds its name. */
export const BOUNDARY_PADDING = { top: 38, side: 22, bottom: 22 }

const ROOT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeNode': '18',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.labelNode': '8',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  // Keep the model's order where it does not cost crossings: the same model gives the same picture.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
  'elk.layered.thoroughness': '12',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
}

/**
 * Past this many nodes a diagram is for zooming, not for a slide: trade the last few crossings and
 * the straightest edges for time (network-simplex placement and thorough crossing minimisation grow
 * much faster than the graph, and so does keeping the model's order: 5x on 1,000 nodes).
 */
const LARGE = 120
const LARGE_OPTIONS: Record<string, string> = {
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.layered.considerModelOrder.strategy': 'NONE',
}

// On the line, not beside it: among parallel flows a label beside its line reads as the neighbour's.
const LABEL_OPTIONS = { 'elk.edgeLabels.inline': 'true', 'elk.edgeLabels.placement': 'CENTER' }

const boundaryOptions = (minWidth: number): Record<string, string> => ({
  'elk.padding': `[top=${BOUNDARY_PADDING.top},left=${BOUNDARY_PADDING.side},bottom=${BOUNDARY_PADDING.bottom},right=${BOUNDARY_PADDING.side}]`,
  'elk.nodeSize.constraints': 'MINIMUM_SIZE',
  'elk.nodeSize.minimum': `(${Math.ceil(minWidth)},60)`,
})

// A CommonJS module whose typings declare an ES default export: depending on the loader (Node,
// a bundler, the browser) the constructor is the module or its `default`.
const ElkConstructor = ((elkModule as unknown as { default?: unknown }).default ?? elkModule) as new () => ELK

let engine: ELK | undefined

/**
 * Lays a DFD scene out.
 * @example
 * const layout = await layoutElk(scene)
 * layout.nodes.get('web') // { x: 230, y: 80, width: 130, height: 54 }
 */
export async function layoutElk(scene: Scene): Promise<Layout> {
  engine ??= new ElkConstructor()
  const result = await engine.layout(toElk(scene))
  return normalise(placeLabels(scene, fromElk(scene, result)))
}

/** The ELK graph of a scene; exported for the benchmark and tests. */
export function toElk(scene: Scene): ElkNode {
  const root: ElkNode = { id: '\u0000root', layoutOptions: { ...ROOT_OPTIONS, ...(scene.nodes.length > LARGE && LARGE_OPTIONS) }, children: [], edges: [] }
  const containers = new Map<string | undefined, ElkNode>([[undefined, root]])
  // Boundaries come parents first, so each parent's node exists when a child is added.
  for (const boundary of scene.boundaries) {
    const minWidth = boundaryLabelWidth(boundary) + 2 * BOUNDARY_PADDING.side
    const node: ElkNode = { id: key('b', boundary.id), layoutOptions: boundaryOptions(minWidth), children: [] }
    containers.get(boundary.parent)!.children!.push(node)
    containers.set(boundary.id, node)
  }
  for (const node of scene.nodes) {
    const { width, height } = nodeContent(node, scene)
    containers.get(node.boundary)!.children!.push({ id: key('n', node.id), width, height })
  }
  const rank = rankNodes(scene)
  for (const flow of scene.flows) {
    const label = flowLabel(flow, scene)
    const [source, target] = rank.get(flow.from)! <= rank.get(flow.to)! ? [flow.from, flow.to] : [flow.to, flow.from]
    const edge: ElkExtendedEdge = {
      id: key('f', flow.id),
      sources: [key('n', source)],
      targets: [key('n', target)],
      ...(label.width && { labels: [{ id: key('l', flow.id), text: flow.name, width: label.width, height: label.height, layoutOptions: LABEL_OPTIONS }] }),
    }
    root.edges!.push(edge)
  }
  // An empty boundary would be laid out as a point; keep it visible with its minimum size.
  return root
}

function fromElk(scene: Scene, root: ElkNode): Layout {
  const nodes = new Map<string, Box>()
  const boundaries = new Map<string, Box>()
  const visit = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      const box = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 }
      const [kind, id] = unkey(child.id)
      ;(kind === 'b' ? boundaries : nodes).set(id, box)
      visit(child)
    }
  }
  visit(root)

  const flows = new Map<string, PlacedFlow>()
  const edges = collectEdges(root)
  for (const flow of scene.flows) {
    const edge = edges.get(key('f', flow.id))
    const section = edge?.sections?.[0]
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : []
    // Laid out against its direction (see orient.ts): draw it the way it goes.
    if (edge && edge.sources[0] !== key('n', flow.from)) points.reverse()
    const label = edge?.labels?.[0]
    flows.set(flow.id, {
      points: points.map((p) => ({ x: p.x, y: p.y })),
      ...(label && { label: { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } }),
    })
  }
  return { width: Math.ceil(root.width ?? 0), height: Math.ceil(root.height ?? 0), nodes, boundaries, flows }
}

function collectEdges(node: ElkNode, into = new Map<string, ElkExtendedEdge>()) {
  for (const edge of node.edges ?? []) into.set(edge.id, edge)
  for (const child of node.children ?? []) collectEdges(child, into)
  return into
}

// ELK ids share one namespace; model ids are unique across kinds, but prefixing keeps boundaries,
// nodes, flows and labels apart whatever the model says.
const key = (kind: string, id: string) => `${kind}:${id}`
const unkey = (k: string): [string, string] => [k.slice(0, 1), k.slice(2)]
