/**
 * Graphviz DOT: clusters for trust boundaries (dashed red), DFD shapes, crossing flows bold.
 * For teams that already render with `dot`, and to compare layouts.
 */
import { oneLine, safeId, xmlEscape } from './escape.js'
import type { Scene, SceneBoundary, SceneFlow, SceneNode } from './scene.js'

/**
 * A DOT double-quoted string of one or more lines: backslash and quote escaped, so `\N`, `\G` or
 * a stray quote in a name stays text.
 * @example
 * dotString('say "hi"') // '"say \\"hi\\""'
 */
export function dotString(...lines: string[]): string {
  return `"${lines.map((line) => oneLine(line).replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`
}

const FONT = 'fontname="Helvetica,Arial,sans-serif"'

/**
 * @example
 * execFileSync('dot', ['-Tsvg'], { input: toDot(scene) })
 */
export function toDot(scene: Scene): string {
  const out = [
    `digraph ${dotString(scene.id)} {`,
    `  graph [rankdir=LR, ${FONT}, fontsize=16, label=${dotString(scene.title)}, labelloc=t, labeljust=l, nodesep=0.5, ranksep=0.9, newrank=true];`,
    `  node [${FONT}, fontsize=11, color="#1f2937", penwidth=1.3];`,
    `  edge [${FONT}, fontsize=9, color="#6b7280", arrowsize=0.7];`,
  ]
  const emit = (b: SceneBoundary | undefined, depth: number) => {
    const indent = '  '.repeat(depth + 1)
    if (b) {
      out.push(`${indent}subgraph ${dotString(safeId('cluster', b.id))} {`)
      out.push(`${indent}  label=${dotString(`${b.name} (${b.trust})`)}; style="dashed,rounded"; color="#d62f2f"; fontcolor="#d62f2f"; penwidth=1.5;`)
    }
    for (const node of scene.nodes.filter((n) => n.boundary === b?.id)) out.push(`${indent}${b ? '  ' : ''}${nodeLine(node)}`)
    for (const child of scene.boundaries.filter((c) => c.parent === b?.id)) emit(child, depth + 1)
    if (b) out.push(`${indent}}`)
  }
  emit(undefined, 0)
  for (const flow of scene.flows) out.push(`  ${edgeLine(flow, scene.kind === 'sequence')}`)
  out.push('}')
  return `${out.join('\n')}\n`
}

function nodeLine(node: SceneNode): string {
  const id = dotString(node.id)
  const context = node.context ? ', style="dashed", fontcolor="#6b7280", color="#9ca3af"' : ''
  if (node.kind === 'store') {
    // Open at both ends: an HTML-like table cell with only its top and bottom borders.
    const detail = node.detail ? `<BR/><FONT POINT-SIZE="9">${xmlEscape(oneLine(node.detail))}</FONT>` : ''
    return `${id} [shape=plain, label=<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="8" BGCOLOR="#f3f0e6"><TR><TD SIDES="TB"><B>${xmlEscape(oneLine(node.name))}</B>${detail}</TD></TR></TABLE>>${context}];`
  }
  const label = node.detail ? dotString(node.name, node.detail) : dotString(node.name)
  const shape = node.kind === 'process' ? 'shape=box, style="rounded,filled", fillcolor="#e6f0fb"' : 'shape=box, style=filled, fillcolor="#eef2f7"'
  return `${id} [${shape}, label=${label}${context}];`
}

function edgeLine(flow: SceneFlow, numbered: boolean): string {
  const name = numbered && flow.order !== undefined ? `${flow.order}. ${flow.name}` : flow.name
  const lines = [name, flow.protocol].filter(Boolean)
  const attrs = lines.length ? [`label=${dotString(...lines)}`] : []
  if (flow.bidirectional) attrs.push('dir=both')
  if (flow.crossesBoundary) attrs.push('color="#1f2937"', 'penwidth=2.2', 'fontcolor="#c53030"')
  if (flow.context) attrs.push('style=dashed')
  return `${dotString(flow.from)} -> ${dotString(flow.to)} [${attrs.join(', ')}];`
}
