/**
 * Microsoft Threat Modeling Tool (.tm7) → moat. Each drawing surface is a diagram; stencils are
 * externals (rectangle), processes (ellipse) or stores (parallel lines) by their generic type;
 * border boundaries hold what their geometry holds, line boundaries cannot; connectors are flows
 * with their properties; threat instances become threats on their flow, with every property
 * their template gives them. What moat has no field for is kept under `x-tmt`.
 */
import { ModelBuilder, type NodeKind } from '../builder.js'
import { innermost, nearest, parents, type Box } from '../geometry.js'
import { addThreat } from '../threats.js'
import { InteropError, type ImportResult, type SourcePath } from '../types.js'
import { bool, compact, dict, isDict, list, num, text, unique, type Dict } from '../values.js'
import { parseXml, plainText } from '../xml.js'
import { extraAttributes, keyValues, properties, propertyValue, xmlText } from './properties.js'
import { customHomes, propertyLabels } from './threat-properties.js'

type Kind = NodeKind | 'boundary' | 'line-boundary' | 'flow' | 'annotation'

const BY_GENERIC_TYPE: Record<string, Kind> = { 'GE.EI': 'externals', 'GE.P': 'processes', 'GE.DS': 'stores', 'GE.TB.B': 'boundary', 'GE.TB.L': 'line-boundary', 'GE.DF': 'flow', 'GE.A': 'annotation' }
const BY_STENCIL: Record<string, Kind> = { StencilRectangle: 'externals', StencilEllipse: 'processes', StencilParallelLines: 'stores', BorderBoundary: 'boundary', LineBoundary: 'line-boundary', Connector: 'flow', Annotation: 'annotation' }
const MAPPED = ['Name', 'Out Of Scope', 'Reason For Out Of Scope', 'Dataflow Order']
/** The date the tool writes when a threat was never changed. */
const NEVER = /^0001-01-01/

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
  const b = new ModelBuilder(systemOf(model))
  addAssumptions(b, dict(model.MetaInformation))
  warnTemplate(b, dict(model.KnowledgeBase))
  surfaces.forEach((surface, i) => addSurface(b, surface, i))
  addThreats(b, dict(model.ThreatInstances), propertyLabels(model.KnowledgeBase))
  return b.result('tm7')
}

/** A record of what is left, or undefined when nothing is. */
const keep = (fields: Record<string, unknown>): Dict | undefined => {
  const kept = compact(fields)
  return Object.keys(kept).length ? kept : undefined
}

/** An element with children (Validations, Profile), as plain data, or undefined when it is empty. */
const contentOf = (value: unknown): unknown => (isDict(value) ? keep(Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('@_')))) : text(value))

function systemOf(model: Dict): Record<string, unknown> {
  const meta = dict(model.MetaInformation)
  const manifest = dict(dict(model.KnowledgeBase).Manifest)
  const notes = list(dict(model.Notes).Note).map(dict).map((n) => keep({ id: xmlText(n.Id), addedBy: xmlText(n.AddedBy), date: xmlText(n.Date), message: xmlText(n.Message) && plainText(xmlText(n.Message)!) }))
  const dependencies = xmlText(meta.ExternalDependencies)
  return {
    name: xmlText(meta.ThreatModelName) ?? 'Imported Threat Modeling Tool model',
    description: [xmlText(meta.HighLevelSystemDescription), dependencies && `External dependencies: ${dependencies}`].filter(Boolean).join('\n\n') || undefined,
    owners: xmlText(meta.Owner) ? [xmlText(meta.Owner)] : undefined,
    'x-tmt': keep({
      reviewer: xmlText(meta.Reviewer),
      contributors: xmlText(meta.Contributors),
      notes: notes.filter(Boolean),
      template: keep({ name: xmlText(manifest.Name), id: xmlText(manifest.Id), version: xmlText(manifest.Version), author: xmlText(manifest.Author) }),
      version: xmlText(model.Version),
      threatGenerationEnabled: bool(xmlText(model.ThreatGenerationEnabled)),
      validations: contentOf(model.Validations),
      profile: contentOf(model.Profile),
    }),
  }
}

/** The model's Assumptions text, one assumption per line (unconfirmed: the review asks about them). */
function addAssumptions(b: ModelBuilder, meta: Dict): void {
  const lines = (xmlText(meta.Assumptions) ?? '').split(/\r?\n/).map((l) => l.replace(/^\s*[-*•]\s*/, '').trim()).filter(Boolean)
  lines.forEach((line, i) => b.add('assumptions', undefined, undefined, { description: line }, `tmt-assumption-${i + 1}`))
}

/** The template says which threats the tool generates and which stencils it offers: moat has its own rules. */
function warnTemplate(b: ModelBuilder, kb: Dict): void {
  const threatTypes = list(dict(kb.ThreatTypes).ThreatType).length
  const stencils = list(dict(kb.GenericElements).ElementType).length + list(dict(kb.StandardElements).ElementType).length
  if (!threatTypes && !stencils) return
  const name = xmlText(dict(kb.Manifest).Name)
  b.warn(['KnowledgeBase'], `the template${name ? ` "${name}"` : ''} (${threatTypes} threat types, ${stencils} stencil types) is not imported: moat finds threats with its own rules; the threats the file holds are imported`)
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

const point = (value: Dict, prefix: string) => {
  const x = num(xmlText(value[`${prefix}X`]))
  const y = num(xmlText(value[`${prefix}Y`]))
  return x === undefined || y === undefined ? undefined : { x, y }
}

/** A line's or shape's style, when it is not the tool's default (a thin solid line). */
const strokeOf = (value: Dict) => {
  const thickness = num(xmlText(value.StrokeThickness))
  const dashes = xmlText(value.StrokeDashArray)
  return thickness !== undefined && thickness !== 1 ? keep({ thickness, dashes }) : keep({ dashes })
}

function addSurface(b: ModelBuilder, surface: Dict, index: number): void {
  const title = propertyValue(properties(surface.Properties), 'Name') ?? xmlText(surface.Header) ?? `Diagram ${index + 1}`
  const path: SourcePath = [`drawing surface "${title}"`]
  const borders = stencilsOf(surface.Borders, [...path, 'Borders'])
  const lines = stencilsOf(surface.Lines, [...path, 'Lines'])
  const layout: Record<string, Box> = {}
  const boxes = new Map<string, Box>()
  const elements: string[] = []
  const notes: string[] = []
  for (const s of [...borders, ...lines.filter((l) => l.kind === 'line-boundary')]) {
    const attributes = { ...extraAttributes(s.props, MAPPED), ...(s.typeId && { tmtType: s.typeId }) }
    const stroke = strokeOf(s.value)
    if (s.kind === 'externals' || s.kind === 'processes' || s.kind === 'stores') {
      const outOfScope = bool(propertyValue(s.props, 'Out Of Scope')) === true ? propertyValue(s.props, 'Reason For Out Of Scope') ?? 'Out of scope in the Threat Modeling Tool' : undefined
      const id = b.add(s.kind, s.guid, s.name, {
        name: s.name,
        ...(s.kind !== 'externals' && s.header && !/^Generic/.test(s.header) && { technology: s.header }),
        outOfScope,
        attributes,
        'x-tmt': keep({ stroke }),
      })
      if (s.box) layout[id] = s.box
      else b.warn(s.path, `"${s.name ?? id}" has no position; its boundary cannot be found from the drawing`)
      elements.push(id)
    } else if (s.kind === 'boundary' || s.kind === 'line-boundary') {
      const line = s.kind === 'line-boundary' ? keep({ source: point(s.value, 'Source'), target: point(s.value, 'Target'), handle: point(s.value, 'Handle') }) : undefined
      const id = b.add('boundaries', s.guid, s.name ?? 'Trust boundary', { name: s.name, type: s.header, attributes, 'x-tmt': keep({ line, stroke }) })
      if (s.kind === 'line-boundary') b.warn(s.path, `trust boundary line "${s.name ?? id}" does not say which side elements are on: it is kept as an empty boundary (its line under "x-tmt")`)
      else if (s.box) {
        boxes.set(id, s.box)
        layout[id] = s.box
      } else b.warn(s.path, `trust boundary "${s.name ?? id}" has no position; what it holds cannot be found from the drawing`)
    } else {
      const words = s.name ?? propertyValue(s.props, 'Text') ?? s.props.map((p) => p.value).find((v) => v && v !== 'Select')
      if (words) {
        notes.push(plainText(words))
        b.warn(s.path, `the annotation "${plainText(words).slice(0, 60)}" is kept in the description of diagram "${title}"`)
      } else b.warn(s.path, `"${s.header ?? s.guid}" is an annotation without text or an unknown stencil; it is left out`)
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
    const ports = keep({ source: xmlText(line.value.PortSource), target: xmlText(line.value.PortTarget) })
    elements.push(b.add('flows', line.guid, line.name ?? `${from} to ${to}`, {
      name: line.name,
      from,
      to,
      protocol: line.header && !/^(Generic|Request|Response)/.test(line.header) ? line.header : undefined,
      outOfScope,
      attributes: { ...extraAttributes(line.props, MAPPED), ...(line.typeId && { tmtType: line.typeId }), ...(order && { dataflowOrder: order }) },
      // The bend of the drawn curve and the sides it leaves and enters by.
      'x-tmt': keep({ handle: point(line.value, 'Handle'), ports, stroke: strokeOf(line.value) }),
    }))
  }
  const zoom = num(xmlText(surface.Zoom))
  b.add('diagrams', xmlText(surface.Guid), title, {
    name: title,
    description: notes.join('\n\n') || undefined,
    elements: unique(elements),
    layout: Object.keys(layout).length ? layout : undefined,
    'x-tmt': keep({ zoom: zoom !== undefined && zoom !== 1 ? zoom : undefined }),
  })
}

/** A connector end: its stencil, or (when it is attached to none) the stencil under its end point. */
function endOf(b: ModelBuilder, line: Stencil, end: 'Source' | 'Target', shapes: Map<string, Box>): string | undefined {
  const attached = b.ref(xmlText(line.value[`${end}Guid`]))
  if (attached) return attached
  const at = point(line.value, end)
  const near = at ? nearest(shapes, at, 20) : undefined
  if (near) b.warn(line.path, `data flow "${line.name ?? line.guid}": its ${end.toLowerCase()} is attached to no stencil; it is connected to "${near}", the stencil at its end point`)
  return near
}

function addThreats(b: ModelBuilder, instances: Dict, labels: Map<string, string>): void {
  const key = Object.keys(instances).find((k) => k.startsWith('KeyValueOf'))
  if (!key) return
  list(instances[key]).forEach((kv, i) => {
    const t = dict(dict(kv).Value)
    const props = keyValues(t.Properties)
    // Older files keep some properties as elements of the instance instead.
    const prop = (name: string) => props.get(name) ?? xmlText(t[name])
    const title = plainText(prop('Title') ?? 'Untitled threat')
    const path: SourcePath = ['ThreatInstances', `threat ${xmlText(t.Id) ?? i + 1} "${title.slice(0, 60)}"`]
    const on = [b.ref(xmlText(t.FlowGuid)), b.ref(xmlText(t.TargetGuid)), b.ref(xmlText(t.SourceGuid))].find((id) => id && (b.isNode(id) || b.kindOf(id) === 'flows'))
    if (!on) return b.warn(path, `threat "${title}" is on an element that was not imported; it is left out`)
    const kind = b.kindOf(on)
    const custom = customHomes(labels, props)
    const long = prop('UserThreatDescription')
    const short = prop('UserThreatShortDescription')
    const label = (name: string) => labels.get(name) ?? name
    const rationale = xmlText(t.StateInformation) ?? props.get('StateInformation')
    const modified = xmlText(t.ModifiedAt)
    const threat = addThreat(b, path, {
      title,
      description: (long ?? short) && plainText((long ?? short)!),
      mitigations: unique([prop('PossibleMitigations') && plainText(prop('PossibleMitigations')!), ...custom.mitigations].filter((m): m is string => !!m)),
      categories: [prop('UserThreatCategory')],
      severity: xmlText(t.Priority) ?? props.get('Priority'),
      status: xmlText(t.State),
      rationale: rationale && plainText(rationale),
      on: [on],
      kind: kind === 'flows' ? 'flow' : kind === 'externals' ? 'external' : kind === 'stores' ? 'store' : 'process',
      likelihood: custom.likelihood,
      impact: custom.impact,
      extra: {
        references: [xmlText(t.TypeId) && `TMT ${xmlText(t.TypeId)}`, ...custom.references].filter(Boolean),
        ticket: custom.ticket,
        'x-tmt': keep({
          id: xmlText(t.Id),
          [label('UserThreatShortDescription')]: long && short ? plainText(short) : undefined,
          [label('InteractionString')]: prop('InteractionString'),
          [label('SDLPhase')]: props.get('SDLPhase'),
          changedBy: xmlText(t.ChangedBy),
          modifiedAt: modified && !NEVER.test(modified) ? modified : undefined,
          wide: bool(xmlText(t.Wide)) === true ? true : undefined,
          upgraded: bool(xmlText(t.Upgraded)) === true ? true : undefined,
          ...custom.kept,
        }),
      },
    })
    // The justification of any state is kept, not only of a decision (accept, not applicable).
    if (rationale && !b.get('threats', threat)?.rationale) b.update('threats', threat, { rationale: plainText(rationale) })
  })
}
