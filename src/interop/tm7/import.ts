/**
 * Microsoft Threat Modeling Tool (.tm7) → moat. Each drawing surface is a diagram; stencils are
 * externals (rectangle), processes (ellipse) or stores (parallel lines) by their generic type;
 * border boundaries hold what their geometry holds, line boundaries cannot; connectors are flows
 * with their properties; threat instances become threats on their flow, with state and priority.
 */
import { ModelBuilder, type NodeKind } from '../builder.js'
import { innermost, nearest, parents, type Box } from '../geometry.js'
import { addThreat } from '../threats.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { bool, dict, list, num, text, unique, type Dict } from '../values.js'
import { parseXml, plainText } from '../xml.js'
import { extraAttributes, keyValues, properties, propertyValue, xmlText } from './properties.js'

type Kind = NodeKind | 'boundary' | 'line-boundary' | 'flow' | 'annotation'

const BY_GENERIC_TYPE: Record<string, Kind> = { 'GE.EI': 'externals', 'GE.P': 'processes', 'GE.DS': 'stores', 'GE.TB.B': 'boundary', 'GE.TB.L': 'line-boundary', 'GE.DF': 'flow', 'GE.A': 'annotation' }
const BY_STENCIL: Record<string, Kind> = { StencilRectangle: 'externals', StencilEllipse: 'processes', StencilParallelLines: 'stores', BorderBoundary: 'boundary', LineBoundary: 'line-boundary', Connector: 'flow' }
const MAPPED = ['Name', 'Out Of Scope', 'Reason For Out Of Scope', 'Dataflow Order']

interface Stencil {
  guid: string
  kind: Kind
  name?: string
  header?: string
  typeId?: string
  props: ReturnType<typeof properties>
  box?: Box
  value: Dict
  path: SourcePath
}

/**
 * @example
 * const { model } = importTm7(readFileSync('model.tm7', 'utf8'))
 */
export function importTm7(source: string): ImportResult {
  const xml = parseXml(source, { stripNamespaces: true })
  const model = dict(xml.ThreatModel)
  if (xml.ThreatModel === undefined) throw new InteropError('not a Threat Modeling Tool model: no <ThreatModel> element', 'save the model from the Threat Modeling Tool as a .tm7 file')
  const surfaces = list(dict(model.DrawingSurfaceList).DrawingSurfaceModel).map(dict)
  const meta = dict(model.MetaInformation)
  const b = new ModelBuilder({
    name: xmlText(meta.ThreatModelName) ?? 'Imported Threat Modeling Tool model',
    description: [xmlText(meta.HighLevelSystemDescription), xmlText(meta.Assumptions) && `Assumptions: ${xmlText(meta.Assumptions)}`].filter(Boolean).join('\n\n') || undefined,
    owners: xmlText(meta.Owner) ? [xmlText(meta.Owner)] : undefined,
  })
  surfaces.forEach((surface, i) => addSurface(b, surface, i))
  addThreats(b, dict(model.ThreatInstances))
  return b.result('tm7')
}

function stencilsOf(group: unknown, path: SourcePath): Stencil[] {
  return list(dict(group).KeyValueOfguidanyType).map((kv, i) => {
    const value = dict(dict(kv).Value)
    const props = properties(value.Properties)
    const generic = xmlText(value.GenericTypeId) ?? ''
    const left = num(xmlText(value.Left))
    const top = num(xmlText(value.Top))
    const width = num(xmlText(value.Width))
    const height = num(xmlText(value.Height))
    const name = propertyValue(props, 'Name')
    return {
      guid: xmlText(value.Guid) ?? xmlText(dict(kv).Key) ?? '',
      kind: BY_GENERIC_TYPE[generic] ?? BY_STENCIL[text(value['@_type']) ?? ''] ?? 'annotation',
      name: name && plainText(name),
      header: props.find((p) => p.header)?.name,
      typeId: xmlText(value.TypeId),
      props,
      box: left !== undefined && top !== undefined && width !== undefined && height !== undefined ? { x: left, y: top, width, height } : undefined,
      value,
      path: [...path, `${name ?? generic} (${i + 1})`],
    }
  })
}

function addSurface(b: ModelBuilder, surface: Dict, index: number): void {
  const title = propertyValue(properties(surface.Properties), 'Name') ?? `Diagram ${index + 1}`
  const path: SourcePath = [`drawing surface "${title}"`]
  const borders = stencilsOf(surface.Borders, [...path, 'Borders'])
  const lines = stencilsOf(surface.Lines, [...path, 'Lines'])
  const layout: Record<string, Box> = {}
  const boxes = new Map<string, Box>()
  const elements: string[] = []
  for (const s of [...borders, ...lines.filter((l) => l.kind === 'line-boundary')]) {
    const attributes = { ...extraAttributes(s.props, MAPPED), ...(s.typeId && { tmtType: s.typeId }) }
    if (s.kind === 'externals' || s.kind === 'processes' || s.kind === 'stores') {
      const outOfScope = bool(propertyValue(s.props, 'Out Of Scope')) === true ? propertyValue(s.props, 'Reason For Out Of Scope') ?? 'Out of scope in the Threat Modeling Tool' : undefined
      const id = b.add(s.kind, s.guid, s.name, {
        name: s.name,
        ...(s.kind !== 'externals' && s.header && !/^Generic/.test(s.header) && { technology: s.header }),
        outOfScope,
        attributes,
      })
      if (s.box) layout[id] = s.box
      else b.warn(s.path, `"${s.name ?? id}" has no position; its boundary cannot be found from the drawing`)
      elements.push(id)
    } else if (s.kind === 'boundary' || s.kind === 'line-boundary') {
      const id = b.add('boundaries', s.guid, s.name ?? 'Trust boundary', { name: s.name, type: s.header, attributes })
      if (s.kind === 'line-boundary') b.warn(s.path, `trust boundary line "${s.name ?? id}" does not say which side elements are on: it is kept as an empty boundary`)
      else if (s.box) {
        boxes.set(id, s.box)
        layout[id] = s.box
      } else b.warn(s.path, `trust boundary "${s.name ?? id}" has no position; what it holds cannot be found from the drawing`)
    } else {
      b.warn(s.path, `"${s.name ?? s.header ?? s.guid}" is an annotation or an unknown stencil; it is left out`)
    }
  }
  for (const [child, parent] of parents(boxes)) b.update('boundaries', child, { parent })
  for (const id of elements) {
    const inside = layout[id] && innermost(boxes, layout[id])
    if (inside) b.update(b.kindOf(id) as NodeKind, id, { boundary: inside })
  }
  const shapes = new Map(elements.filter((id) => layout[id]).map((id) => [id, layout[id]!]))
  for (const line of lines.filter((l) => l.kind === 'flow')) {
    const from = endOf(b, line, 'Source', shapes)
    const to = endOf(b, line, 'Target', shapes)
    if (!b.isNode(from) || !b.isNode(to) || from === to) {
      b.warn(line.path, `data flow "${line.name ?? line.guid}" does not connect two stencils; it is left out`)
      continue
    }
    const outOfScope = bool(propertyValue(line.props, 'Out Of Scope')) === true ? propertyValue(line.props, 'Reason For Out Of Scope') ?? 'Out of scope in the Threat Modeling Tool' : undefined
    const order = num(propertyValue(line.props, 'Dataflow Order'))
    elements.push(b.add('flows', line.guid, line.name ?? `${from} to ${to}`, {
      name: line.name,
      from,
      to,
      protocol: line.header && !/^(Generic|Request|Response)/.test(line.header) ? line.header : undefined,
      outOfScope,
      attributes: { ...extraAttributes(line.props, MAPPED), ...(line.typeId && { tmtType: line.typeId }), ...(order && { dataflowOrder: order }) },
    }))
  }
  b.add('diagrams', xmlText(surface.Guid), title, { name: title, elements: unique(elements), layout: Object.keys(layout).length ? layout : undefined })
}

/** A connector end: its stencil, or (when it is attached to none) the stencil under its end point. */
function endOf(b: ModelBuilder, line: Stencil, end: 'Source' | 'Target', shapes: Map<string, Box>): string | undefined {
  const attached = b.ref(xmlText(line.value[`${end}Guid`]))
  if (attached) return attached
  const x = num(xmlText(line.value[`${end}X`]))
  const y = num(xmlText(line.value[`${end}Y`]))
  const near = x === undefined || y === undefined ? undefined : nearest(shapes, { x, y }, 20)
  if (near) b.warn(line.path, `data flow "${line.name ?? line.guid}": its ${end.toLowerCase()} is attached to no stencil; it is connected to "${near}", the stencil at its end point`)
  return near
}

function addThreats(b: ModelBuilder, instances: Dict): void {
  const key = Object.keys(instances).find((k) => k.startsWith('KeyValueOf'))
  if (!key) return
  list(instances[key]).forEach((kv, i) => {
    const t = dict(dict(kv).Value)
    const props = keyValues(t.Properties)
    const title = props.get('Title') ?? xmlText(t.Title) ?? 'Untitled threat'
    const path: SourcePath = ['ThreatInstances', `threat ${xmlText(t.Id) ?? i + 1} "${title.slice(0, 60)}"`]
    const on = [b.ref(xmlText(t.FlowGuid)), b.ref(xmlText(t.TargetGuid)), b.ref(xmlText(t.SourceGuid))].find((id) => id && (b.isNode(id) || b.kindOf(id) === 'flows'))
    if (!on) return b.warn(path, `threat "${title}" is on an element that was not imported; it is left out`)
    const kind = b.kindOf(on)
    addThreat(b, path, {
      title: plainText(title),
      description: props.get('UserThreatDescription') && plainText(props.get('UserThreatDescription')!),
      mitigations: props.get('PossibleMitigations') ? [plainText(props.get('PossibleMitigations')!)] : undefined,
      categories: [props.get('UserThreatCategory') ?? xmlText(t.UserThreatCategory)],
      severity: xmlText(t.Priority) ?? props.get('Priority'),
      status: xmlText(t.State),
      rationale: xmlText(t.StateInformation) ?? props.get('Justification'),
      on: [on],
      kind: kind === 'flows' ? 'flow' : kind === 'externals' ? 'external' : kind === 'stores' ? 'store' : 'process',
      extra: { references: xmlText(t.TypeId) ? [`TMT ${xmlText(t.TypeId)}`] : undefined },
    })
  })
}
