/**
 * PlantUML text: a DFD-like deployment diagram (rectangles, use cases for processes, databases,
 * dashed red rectangles for boundaries) or a sequence diagram for a sequence scene.
 */
import { oneLine, safeId } from './escape.js'
import { protectionOf } from './sequence.js'
import type { Scene, SceneBoundary, SceneNode } from './scene.js'

/**
 * Text for a PlantUML label. PlantUML renders labels as Creole, where `**`, `//`, `--` and tags
 * such as `<img:URL>` are markup: every character that could start markup is written as a
 * numeric character reference, which PlantUML shows as the character itself.
 * @example
 * plantText('<script>') // '&#60;script&#62;'
 */
export function plantText(text: string): string {
  return oneLine(text).replace(/[&<>"*/_~\-=\\[\]{}|#^$@`+%]/g, (c) => `&#${c.charCodeAt(0)};`)
}

const nodeId = (id: string) => safeId('n', id)
const boundaryId = (id: string) => safeId('b', id)

/**
 * @example
 * toPlantUml(scene) // '@startuml\ntitle ...'
 */
export function toPlantUml(scene: Scene): string {
  return scene.kind === 'sequence' ? sequence(scene) : dfd(scene)
}

function dfd(scene: Scene): string {
  const out = ['@startuml', `title ${plantText(scene.title)}`, 'left to right direction', 'skinparam shadowing false', 'skinparam defaultFontName sans-serif', 'skinparam roundCorner 4']
  const emit = (b: SceneBoundary | undefined, depth: number) => {
    const indent = '  '.repeat(depth)
    if (b) out.push(`${indent}rectangle "${plantText(`${b.name} (${b.trust})`)}" as ${boundaryId(b.id)} #line.dashed;line:D62F2F;text:D62F2F {`)
    for (const node of scene.nodes.filter((n) => n.boundary === b?.id)) out.push(`${indent}${b ? '  ' : ''}${element(node)}`)
    for (const child of scene.boundaries.filter((c) => c.parent === b?.id)) emit(child, depth + 1)
    if (b) out.push(`${indent}}`)
  }
  emit(undefined, 0)
  for (const flow of scene.flows) {
    const line = flow.crossesBoundary ? '-[#C53030,bold]-' : '--'
    const arrow = `${flow.bidirectional ? '<' : ''}${line}>`
    const label = [plantText(flow.name), flow.protocol && plantText(flow.protocol)].filter(Boolean).join('\\n')
    out.push(`${nodeId(flow.from)} ${arrow} ${nodeId(flow.to)}${label ? ` : ${label}` : ''}`)
  }
  out.push('@enduml')
  return `${out.join('\n')}\n`
}

function element(node: SceneNode): string {
  const label = `"${plantText(node.name)}${node.detail ? `\\n<size:10>${plantText(node.detail)}</size>` : ''}"`
  const keyword = node.kind === 'process' ? 'usecase' : node.kind === 'store' ? 'database' : 'rectangle'
  return `${keyword} ${label} as ${nodeId(node.id)}${node.context ? ' #line.dashed' : ''}`
}

function sequence(scene: Scene): string {
  const out = ['@startuml', `title ${plantText(scene.title)}`, 'skinparam shadowing false', 'skinparam defaultFontName sans-serif']
  let open: string | undefined
  for (const node of scene.nodes) {
    if (node.boundary !== open) {
      if (open) out.push('end box')
      const b = scene.boundaries.find((x) => x.id === node.boundary)
      if (b) out.push(`box "${plantText(b.name)}" #FFF5F5`)
      open = b?.id
    }
    out.push(`${open ? '  ' : ''}${node.kind === 'external' ? 'actor' : 'participant'} "${plantText(node.name)}" as ${nodeId(node.id)}`)
  }
  if (open) out.push('end box')
  for (const flow of scene.flows) {
    const arrow = flow.bidirectional ? '<->' : '->'
    const tags = protectionOf(flow).map((t) => t.label).join(', ')
    out.push(`${nodeId(flow.from)} ${arrow} ${nodeId(flow.to)} : ${plantText(flow.name)}\\n[${plantText([tags, flow.protocol].filter(Boolean).join(' · '))}]`)
  }
  out.push('@enduml')
  return `${out.join('\n')}\n`
}
