/**
 * One diagram as an editable canvas: DFD shapes like `moat diagram` draws them, flows by dragging
 * from one shape's handle to another's, trust boundaries as dashed red boxes that hold what is
 * dropped into them. Positions are absolute (the model's `layout` coordinates); boundaries carry
 * their contents when dragged.
 */
import {
  BaseEdge, ConnectionMode, EdgeLabelRenderer, Handle, MarkerType, NodeResizer, Position, ReactFlow, Background, Controls, MiniMap,
  applyNodeChanges, applyEdgeChanges, getStraightPath, useReactFlow,
  type Edge, type EdgeProps, type Node, type NodeChange, type NodeProps, type OnSelectionChangeParams, type Connection,
} from '@xyflow/react'
import { memo, useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { nodeContent } from '../../src/render/content.js'
import type { Scene } from '../../src/render/scene.js'
import type { ThreatBadge } from '../../src/render/overlays.js'
import { SEVERITY_COLOUR } from '../../src/render/theme.js'
import { addFlow, addNode, setLayout, type Box, type NodeKind, type Raw } from './model-ops'

export interface CanvasProps {
  raw: Raw
  diagram: string
  scene: Scene
  /** Boundaries to draw: the scene's and the model's empty ones. */
  boundaries: { id: string; name: string; parent?: string; trust: string }[]
  auto: Record<string, Box> | undefined
  badges: Record<string, ThreatBadge>
  problems: Record<string, number>
  selection: string[]
  onSelect: (ids: string[]) => void
  onCommit: (raw: Raw, select?: string[]) => void
}

type ElementData = { kind: NodeKind; name: string; detail?: string; badge?: ThreatBadge; problems: number; context: boolean; outOfScope: boolean }
type BoundaryData = { name: string; trust: string; onResized: (id: string, box: Required<Box>) => void }
type FlowData = { name: string; protocol: string; crossing: boolean; encrypted: boolean; badge?: ThreatBadge; problems: number; shift: number; onPick: (id: string) => void }

const SIDE = { t: Position.Top, r: Position.Right, b: Position.Bottom, l: Position.Left } as const

function Badge({ badge }: { badge?: ThreatBadge }) {
  if (!badge || badge.open === 0) return null
  return (
    <span className="badge" style={{ background: SEVERITY_COLOUR[badge.worst] }} title={`${badge.open} open threat(s), worst residual severity ${badge.worst}`}>
      {badge.open}
    </span>
  )
}

const ElementNode = memo(function ElementNode({ data, selected }: NodeProps<Node<ElementData>>) {
  return (
    <div className={`dfd-node ${data.kind}${selected ? ' selected' : ''}${data.context ? ' context' : ''}${data.outOfScope ? ' out-of-scope' : ''}`} data-kind={data.kind}>
      {(['t', 'r', 'b', 'l'] as const).map((s) => (
        <Handle key={s} id={s} type="source" position={SIDE[s]} className="port" />
      ))}
      <div className="dfd-name">{data.name}</div>
      {data.detail && <div className="dfd-detail">{data.detail}</div>}
      <Badge badge={data.badge} />
      {data.problems > 0 && <span className="problem-dot" title={`${data.problems} problem(s)`}>!</span>}
    </div>
  )
})

const BoundaryNode = memo(function BoundaryNode({ id, data, selected }: NodeProps<Node<BoundaryData>>) {
  return (
    <div className={`dfd-boundary${selected ? ' selected' : ''}`}>
      <NodeResizer
        isVisible={selected}
        minWidth={120}
        minHeight={60}
        color="#d62f2f"
        onResizeEnd={(_, p) => data.onResized(id, { x: p.x, y: p.y, width: p.width, height: p.height })}
      />
      <div className="boundary-label">
        <span className="boundary-name">{data.name}</span>
        <span className="boundary-trust"> · {data.trust}</span>
      </div>
    </div>
  )
})

const FlowEdge = memo(function FlowEdge(props: EdgeProps<Edge<FlowData>>) {
  const { id, sourceX, sourceY, targetX, targetY, data, selected, markerEnd } = props
  const dx = targetX - sourceX
  const dy = targetY - sourceY
  const length = Math.hypot(dx, dy) || 1
  const shift = data?.shift ?? 0
  const nx = (-dy / length) * shift
  const ny = (dx / length) * shift
  const [path, labelX, labelY] = getStraightPath({ sourceX: sourceX + nx, sourceY: sourceY + ny, targetX: targetX + nx, targetY: targetY + ny })
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={18}
        className={`flow-path${data?.crossing ? ' crossing' : ''}${data?.crossing && !data.encrypted ? ' cleartext' : ''}${selected ? ' selected' : ''}`}
      />
      <EdgeLabelRenderer>
        <div
          className={`flow-label nodrag nopan${selected ? ' selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX + nx * 1.6}px, ${labelY + ny * 1.6}px)` }}
          onClick={(e) => {
            e.stopPropagation()
            data?.onPick(id)
          }}
          data-flow={id}
        >
          <span className="flow-name">{data?.name}</span>
          {data?.protocol && <span className="flow-protocol">{data.protocol}</span>}
          <Badge badge={data?.badge} />
          {(data?.problems ?? 0) > 0 && <span className="problem-dot">!</span>}
        </div>
      </EdgeLabelRenderer>
    </>
  )
})

const MULTI_KEYS = ['Meta', 'Control', 'Shift']
const FIT = { padding: 0.15 }
const nodeTypes = { element: ElementNode, boundary: BoundaryNode }
const edgeTypes = { flow: FlowEdge }

const centre = (b: Required<Box>) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 })
const inside = (p: { x: number; y: number }, b: Required<Box>) => p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height
const side = (a: Required<Box>, b: Required<Box>): 't' | 'r' | 'b' | 'l' => {
  const ca = centre(a)
  const cb = centre(b)
  const dx = cb.x - ca.x
  const dy = cb.y - ca.y
  return Math.abs(dx) / (a.width + b.width) >= Math.abs(dy) / (a.height + b.height) ? (dx >= 0 ? 'r' : 'l') : dy >= 0 ? 'b' : 't'
}
const PAD = { top: 38, side: 22, bottom: 22 }

export function Canvas(props: CanvasProps) {
  const { raw, diagram, scene, boundaries, auto, badges, problems, selection, onSelect, onCommit } = props
  const flow = useReactFlow()
  const stored = useMemo(() => (raw.diagrams?.[diagram]?.layout ?? {}) as Record<string, Box>, [raw, diagram])

  // Where everything is: stored positions, else the auto-layout, else a grid until it arrives.
  const boxes = useMemo(() => {
    const result = new Map<string, Required<Box>>()
    scene.nodes.forEach((n, i) => {
      const size = nodeContent(n, scene)
      const p = stored[n.id] ?? auto?.[n.id] ?? { x: 40 + (i % 6) * 200, y: 60 + Math.floor(i / 6) * 140 }
      result.set(n.id, { x: p.x, y: p.y, width: p.width ?? size.width, height: p.height ?? size.height })
    })
    // Children before parents: a boundary grows around what it holds.
    for (const b of [...boundaries].reverse()) {
      const members = [
        ...scene.nodes.filter((n) => n.boundary === b.id).map((n) => result.get(n.id)!),
        ...boundaries.filter((c) => c.parent === b.id).map((c) => result.get(c.id)).filter((x): x is Required<Box> => !!x),
      ]
      const given = stored[b.id] ?? auto?.[b.id]
      let box: Required<Box> | undefined = given?.width && given.height ? { x: given.x, y: given.y, width: given.width, height: given.height } : undefined
      if (members.length) {
        const x = Math.min(...members.map((m) => m.x)) - PAD.side
        const y = Math.min(...members.map((m) => m.y)) - PAD.top
        const right = Math.max(...members.map((m) => m.x + m.width)) + PAD.side
        const bottom = Math.max(...members.map((m) => m.y + m.height)) + PAD.bottom
        const around = { x, y, width: right - x, height: bottom - y }
        box = box ? union(box, around) : around
      }
      result.set(b.id, box ?? { x: given?.x ?? 40, y: given?.y ?? 40, width: 240, height: 160 })
    }
    return result
  }, [scene, boundaries, stored, auto])

  const depth = useMemo(() => {
    const parentOf = new Map(boundaries.map((b) => [b.id, b.parent]))
    const d = (id: string | undefined): number => (id && parentOf.has(id) ? 1 + d(parentOf.get(id)) : 0)
    return d
  }, [boundaries])

  const onResized = useCallback(
    (id: string, box: Required<Box>) => onCommit(setLayout(raw, diagram, { [id]: box })),
    [raw, diagram, onCommit],
  )

  const selectionRef = useRef(selection)
  selectionRef.current = selection
  const derivedNodes = useMemo<Node[]>(() => {
    const chosen = new Set(selectionRef.current)
    const list: Node[] = boundaries.map((b) => {
      const box = boxes.get(b.id)!
      return {
        id: b.id,
        type: 'boundary',
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        style: { width: box.width, height: box.height },
        zIndex: -100 + depth(b.id),
        selected: chosen.has(b.id),
        data: { name: b.name, trust: b.trust, onResized },
      }
    })
    for (const n of scene.nodes) {
      const box = boxes.get(n.id)!
      list.push({
        id: n.id,
        type: 'element',
        position: { x: box.x, y: box.y },
        width: box.width,
        height: box.height,
        style: { width: box.width, height: box.height },
        zIndex: 10,
        selected: chosen.has(n.id),
        data: { kind: n.kind, name: n.name, ...(n.detail && { detail: n.detail }), badge: badges[n.id], problems: problems[n.id] ?? 0, context: n.context, outOfScope: n.outOfScope },
      })
    }
    return list
  }, [boundaries, boxes, scene, badges, problems, depth, onResized])

  const [nodes, setNodes] = useState<Node[]>(derivedNodes)
  useEffect(() => setNodes(derivedNodes), [derivedNodes])
  const nodesRef = useRef(nodes)
  nodesRef.current = nodes

  const pick = useCallback((id: string) => onSelect([id]), [onSelect])
  const derivedEdges = useMemo<Edge[]>(() => {
    const chosen = new Set(selectionRef.current)
    const pairs = new Set(scene.flows.map((f) => `${f.from}\u0000${f.to}`))
    return scene.flows.map((f) => {
      const a = boxes.get(f.from)
      const b = boxes.get(f.to)
      const paired = pairs.has(`${f.to}\u0000${f.from}`)
      return {
        id: f.id,
        source: f.from,
        target: f.to,
        ...(a && b && { sourceHandle: side(a, b), targetHandle: side(b, a) }),
        type: 'flow',
        selected: chosen.has(f.id),
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: f.crossesBoundary ? '#1f2937' : '#6b7280' },
        data: { name: f.name, protocol: f.protocol, crossing: f.crossesBoundary, encrypted: f.encrypted, badge: badges[f.id], problems: problems[f.id] ?? 0, shift: paired ? 8 : 0, onPick: pick },
      }
    })
  }, [scene, boxes, badges, problems, pick])
  const [edges, setEdges] = useState<Edge[]>(derivedEdges)
  useEffect(() => setEdges(derivedEdges), [derivedEdges])

  // Selection made outside the canvas (panels, undo): mark it here, without echoing it back.
  useEffect(() => {
    const chosen = new Set(selection)
    setNodes((ns) => (ns.some((n) => !!n.selected !== chosen.has(n.id)) ? ns.map((n) => (!!n.selected !== chosen.has(n.id) ? { ...n, selected: chosen.has(n.id) } : n)) : ns))
    setEdges((es) => (es.some((e) => !!e.selected !== chosen.has(e.id)) ? es.map((e) => (!!e.selected !== chosen.has(e.id) ? { ...e, selected: chosen.has(e.id) } : e)) : es))
  }, [selection])

  // Members of each boundary, to carry them along when it is dragged.
  const members = useMemo(() => {
    const map = new Map<string, string[]>()
    const childrenOf = (id: string): string[] => [
      ...scene.nodes.filter((n) => n.boundary === id).map((n) => n.id),
      ...boundaries.filter((b) => b.parent === id).flatMap((b) => [b.id, ...childrenOf(b.id)]),
    ]
    for (const b of boundaries) map.set(b.id, childrenOf(b.id))
    return map
  }, [scene, boundaries])

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const extra: NodeChange[] = []
      const moved = new Set(changes.filter((c) => c.type === 'position').map((c) => (c as { id: string }).id))
      for (const c of changes) {
        if (c.type !== 'position' || !c.position || !members.has(c.id)) continue
        const before = nodesRef.current.find((n) => n.id === c.id)
        if (!before) continue
        const dx = c.position.x - before.position.x
        const dy = c.position.y - before.position.y
        if (!dx && !dy) continue
        for (const m of members.get(c.id)!) {
          if (moved.has(m)) continue
          const node = nodesRef.current.find((n) => n.id === m)
          if (node) {
            extra.push({ type: 'position', id: m, position: { x: node.position.x + dx, y: node.position.y + dy }, dragging: c.dragging })
            moved.add(m)
          }
        }
      }
      // Selection is the editor's state (it follows clicks here and links in the panels).
      setNodes((ns) => applyNodeChanges([...changes.filter((c) => c.type !== 'remove'), ...extra], ns))
    },
    [members],
  )

  // Fit the drawing once its positions are known (the auto-layout arrives after the first paint).
  useEffect(() => {
    const timer = window.setTimeout(() => void flow.fitView(FIT), 80)
    return () => window.clearTimeout(timer)
  }, [auto, diagram, flow])

  const onNodeDragStop = useCallback(
    (_: unknown, __: Node, dragged: Node[]) => {
      const current = new Map(nodesRef.current.map((n) => [n.id, n]))
      const boxOf = (id: string): Required<Box> | undefined => {
        const n = current.get(id)
        return n ? { x: n.position.x, y: n.position.y, width: n.width ?? 0, height: n.height ?? 0 } : undefined
      }
      const draggedIds = new Set(dragged.map((n) => n.id))
      const carried = new Set([...draggedIds].filter((id) => members.has(id)).flatMap((id) => members.get(id)!))
      const layout: Record<string, Box> = {}
      for (const [id, n] of current) {
        if (n.type === 'boundary') layout[id] = boxOf(id)!
        else layout[id] = { x: n.position.x, y: n.position.y, ...(stored[id]?.width && { width: stored[id]!.width, height: stored[id]!.height }) }
      }
      const moves: Record<string, string | undefined> = {}
      const sceneBoundary = new Map(scene.nodes.map((n) => [n.id, n.boundary]))
      const parentOf = new Map(boundaries.map((b) => [b.id, b.parent]))
      for (const id of draggedIds) {
        if (carried.has(id)) continue
        const box = boxOf(id)!
        const excluded = new Set([id, ...(members.get(id) ?? [])])
        const candidates = boundaries.filter((b) => !excluded.has(b.id)).map((b) => ({ id: b.id, box: boxOf(b.id)! })).filter((b) => b.box && inside(centre(box), b.box))
        candidates.sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height)
        const target = candidates[0]?.id
        const isBoundary = members.has(id)
        const was = isBoundary ? parentOf.get(id) : sceneBoundary.get(id)
        if (target !== was) moves[id] = target
      }
      onCommit(setLayout(raw, diagram, layout, moves))
    },
    [members, stored, scene, boundaries, raw, diagram, onCommit],
  )

  const onConnect = useCallback(
    (c: Connection) => {
      if (!c.source || !c.target || c.source === c.target) return
      const result = addFlow(raw, c.source, c.target, diagram)
      onCommit(result.raw, [result.id])
    },
    [raw, diagram, onCommit],
  )

  const onSelectionChange = useCallback(
    ({ nodes: ns, edges: es }: OnSelectionChangeParams) => {
      const ids = [...ns.map((n) => n.id), ...es.map((e) => e.id)]
      const current = selectionRef.current
      if (ids.length === current.length && ids.every((id) => current.includes(id))) return
      onSelect(ids)
    },
    [onSelect],
  )

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault()
      const kind = event.dataTransfer.getData('application/x-moat-kind') as NodeKind | 'boundary'
      if (!kind) return
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })
      const boundary = boundaries
        .map((b) => ({ id: b.id, box: boxes.get(b.id)! }))
        .filter((b) => inside(p, b.box))
        .sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height)[0]?.id
      const box = kind === 'boundary' ? { x: p.x - 130, y: p.y - 90, width: 260, height: 180 } : { x: p.x - 65, y: p.y - 27 }
      const result = addNode(raw, kind, diagram, box, boundary)
      onCommit(result.raw, [result.id])
    },
    [flow, boundaries, boxes, raw, diagram, onCommit],
  )

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={(changes) => setEdges((es) => applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), es))}
      onNodeDragStop={onNodeDragStop}
      onConnect={onConnect}
      onSelectionChange={onSelectionChange}
      onDrop={onDrop}
      onDragOver={(e) => {
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
      }}
      connectionMode={ConnectionMode.Loose}
      connectionRadius={30}
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={MULTI_KEYS}
      onlyRenderVisibleElements
      elevateEdgesOnSelect
      minZoom={0.1}
      maxZoom={3}
      fitView
      fitViewOptions={FIT}
    >
      <Background gap={20} size={1} color="#e5e7eb" />
      <Controls showInteractive={false} />
      <MiniMap pannable zoomable nodeStrokeWidth={2} nodeColor={(n) => (n.type === 'boundary' ? 'rgba(214,47,47,0.08)' : '#cbd5e1')} />
    </ReactFlow>
  )
}

const union = (a: Required<Box>, b: Required<Box>): Required<Box> => {
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y }
}
