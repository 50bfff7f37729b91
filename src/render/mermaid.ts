/**
 * Mermaid text, which GitHub and GitLab render in Markdown: a `flowchart` with a `subgraph` per
 * trust boundary, or a `sequenceDiagram` for a sequence scene.
 */
import { oneLine, safeId } from './escape.js'
import { protectionOf } from './sequence.js'
import type { Scene, SceneBoundary, SceneFlow, SceneNode } from './scene.js'

/**
 * Text for a double-quoted Mermaid label. Entity codes, not backslashes: Mermaid has no escape
 * character, and `<`, `>`, `"` and `#` inside a label would otherwise be markup or syntax.
 * @example
 * mermaidText('<script>') // '#lt;script#gt;'
 */
export function mermaidText(text: string): string {
  // One pass, so the `#` and `;` of the codes written are never escaped again.
  return oneLine(text).replace(/[#&<>"`|;{}[\]\\]/g, (c) => NAMED[c] ?? `#${c.charCodeAt(0)};`)
}

const NAMED: Record<string, string> = { '&': '#amp;', '<': '#lt;', '>': '#gt;', '"': '#quot;' }

const nodeId = (id: string) => safeId('n', id)
const boundaryId = (id: string) => safeId('b', id)

/**
 * @example
 * toMermaid(scene) // 'flowchart LR\n  subgraph b_internet["Internet · untrusted"]\n ...'
 */
export function toMermaid(scene: Scene): string {
  return scene.kind === 'sequence' ? sequence(scene) : flowchart(scene)
}

function flowchart(scene: Scene): string {
  const out = [`---\ntitle: "${mermaidText(scene.title)}"\n---`, 'flowchart LR']
  const emitBoundary = (b: SceneBoundary | undefined, depth: number) => {
    const indent = '  '.repeat(depth)
    if (b) out.push(`${indent}subgraph ${boundaryId(b.id)}["${mermaidText(`${b.name} · ${b.trust}`)}"]`)
    for (const node of scene.nodes.filter((n) => n.boundary === b?.id)) out.push(`${indent}  ${shape(node)}`)
    for (const child of scene.boundaries.filter((c) => c.parent === b?.id)) emitBoundary(child, depth + 1)
    if (b) out.push(`${indent}end`)
  }
  emitBoundary(undefined, 0)
  scene.flows.forEach((flow) => out.push(`  ${link(flow)}`))

  out.push(
    '  classDef external fill:#eef2f7,stroke:#1f2937,color:#1f2937',
    '  classDef process fill:#e6f0fb,stroke:#2b6cb0,color:#1f2937',
    '  classDef store fill:#f3f0e6,stroke:#7b6a3a,color:#1f2937',
    '  classDef context opacity:0.5,stroke-dasharray:5 3',
  )
  for (const kind of ['external', 'process', 'store'] as const) {
    const ids = scene.nodes.filter((n) => n.kind === kind).map((n) => nodeId(n.id))
    if (ids.length) out.push(`  class ${ids.join(',')} ${kind}`)
  }
  const context = scene.nodes.filter((n) => n.context).map((n) => nodeId(n.id))
  if (context.length) out.push(`  class ${context.join(',')} context`)
  for (const b of scene.boundaries) out.push(`  style ${boundaryId(b.id)} fill:#fff8f8,stroke:#d62f2f,stroke-width:1.5px,stroke-dasharray:6 4,color:#d62f2f`)
  // Crossing flows are drawn thick (==>) and coloured; links are styled by their index.
  const crossing = scene.flows.flatMap((f, i) => (f.crossesBoundary ? [i] : []))
  if (crossing.length) out.push(`  linkStyle ${crossing.join(',')} stroke:#c53030,stroke-width:2.5px`)
  return `${out.join('\n')}\n`
}

function shape(node: SceneNode): string {
  const label = `"${mermaidText(node.name)}${node.detail ? `<br/><small>${mermaidText(node.detail)}</small>` : ''}"`
  const id = nodeId(node.id)
  if (node.kind === 'process') return `${id}([${label}])`
  if (node.kind === 'store') return `${id}[(${label})]`
  return `${id}[${label}]`
}

function link(flow: SceneFlow): string {
  const text = [flow.name && mermaidText(flow.name), flow.protocol && `<i>${mermaidText(flow.protocol)}</i>`].filter(Boolean).join('<br/>')
  const arrow = flow.crossesBoundary ? (flow.bidirectional ? '<==>' : '==>') : flow.bidirectional ? '<-->' : '-->'
  return `${nodeId(flow.from)} ${arrow}${text ? `|"${text}"|` : ''} ${nodeId(flow.to)}`
}

function sequence(scene: Scene): string {
  const out = ['sequenceDiagram', `  title ${mermaidText(scene.title)}`]
  // Mermaid boxes group adjacent participants; one box per run of parties in the same boundary.
  let open: string | undefined
  for (const node of scene.nodes) {
    if (node.boundary !== open) {
      if (open) out.push('  end')
      const b = scene.boundaries.find((x) => x.id === node.boundary)
      if (b) out.push(`  box rgba(214,47,47,0.06) ${mermaidText(b.name)}`)
      open = b?.id
    }
    out.push(`  ${open ? '  ' : ''}${node.kind === 'external' ? 'actor' : 'participant'} ${nodeId(node.id)} as ${mermaidText(node.name)}`)
  }
  if (open) out.push('  end')
  for (const flow of scene.flows) {
    const arrow = flow.bidirectional ? '<<->>' : '->>'
    const tags = protectionOf(flow).map((t) => t.label).join(', ')
    out.push(`  ${nodeId(flow.from)}${arrow}${nodeId(flow.to)}: ${mermaidText(flow.name)} [${mermaidText([tags, flow.protocol].filter(Boolean).join(' · '))}]`)
  }
  return `${out.join('\n')}\n`
}
