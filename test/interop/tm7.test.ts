/** What the Threat Modeling Tool import keeps: every threat property a template gives, and every field the format has. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseXml } from '../../src/interop/xml.js'
import { keyValues } from '../../src/interop/tm7/properties.js'
import { customHomes, propertyLabels, STANDARD } from '../../src/interop/tm7/threat-properties.js'
import { dict, list } from '../../src/interop/values.js'
import { conformance } from './conformance.js'
import { named, section } from './schema-fields.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'

const everyField = readFileSync(new URL('./every-field/every-field.tm7', import.meta.url), 'utf8')
const docs = readFileSync(new URL('../../docs/interop.md', import.meta.url), 'utf8')
const FIXTURE_FILES = ['MTMT_example.tm7', 'MTMT_nested_tz.tm7', 'SDL_all_components.tm7', 'missing_coordinates.tm7']

describe('threat properties of custom templates', () => {
  const labels = new Map([['g-mit', 'Mitigation(s)'], ['g-capec', 'CAPEC'], ['g-iso', 'Compliance'], ['g-issue', 'Issue Reference'], ['g-status', 'Issue Status'], ['g-impact', 'Impact'], ['g-actors', 'Actors']])
  it('each finds a home by its label: mitigations, references, the ticket, impact, or x-tmt', () => {
    const homes = customHomes(labels, new Map([
      ['Title', 'ignored: a standard property'],
      ['g-mit', 'Rotate the keys'], ['g-capec', 'CAPEC-66'], ['g-iso', 'ISO 27001 A.9.4'], ['g-issue', 'SEC-7'],
      ['g-status', 'Open'], ['g-impact', 'High'], ['g-actors', 'Insiders'], ['unlabelled-guid', 'kept by its key'],
    ]))
    expect(homes).toEqual({
      mitigations: ['Rotate the keys'],
      references: ['CAPEC-66', 'Compliance: ISO 27001 A.9.4'],
      ticket: 'SEC-7',
      impact: 'high',
      kept: { 'Issue Status': 'Open', Actors: 'Insiders', 'unlabelled-guid': 'kept by its key' },
    })
  })

  it('labels come from the template, by standard name or by the GUID of a custom definition', () => {
    const xml = parseXml(everyField.replace(/^\uFEFF/, ''), { stripNamespaces: true })
    const found = propertyLabels(dict(xml.ThreatModel).KnowledgeBase)
    expect(found.get('SDLPhase')).toBe('SDL Phase')
    expect(found.get('c0ffee00-0000-4000-8000-000000000001')).toBe('Mitigation(s)')
  })
})

/** The fields the format has, by where they sit. Each is mapped, kept under `x-tmt`, or named in a warning. */
type Fate = ['mapped' | 'kept' | 'warned', () => unknown]

describe('every field of a .tm7 file is mapped, kept or warned', () => {
  const { result } = conformance(everyField, 'every-field.tm7')
  const m = result.model as Record<string, any>
  const messages = result.warnings.map((w) => w.message)
  const mapped = (check: () => unknown): Fate => ['mapped', check]
  const kept = (check: () => unknown): Fate => ['kept', check]
  const warned = (pattern: RegExp): Fate => ['warned', () => messages.some((w) => pattern.test(w))]
  const sys = () => m.system['x-tmt']
  const card = () => m.threats['card-numbers-are-read-on-the-way']
  const rows = () => m.threats['rows-are-changed-by-hand']
  const layout = () => m.diagrams.payments.layout

  const FIELDS: Record<string, Fate> = {
    'ThreatModel.DrawingSurfaceList': mapped(() => m.diagrams.payments),
    'ThreatModel.MetaInformation': mapped(() => m.system.name === 'Card payments'),
    'ThreatModel.Notes': kept(() => sys().notes[0].message.startsWith('Ask the platform team')),
    'ThreatModel.ThreatInstances': mapped(() => Object.keys(m.threats).length === 2),
    'ThreatModel.ThreatGenerationEnabled': kept(() => sys().threatGenerationEnabled === false),
    'ThreatModel.Validations': kept(() => sys().validations.Validation.Message),
    'ThreatModel.Version': kept(() => sys().version === '4.3'),
    'ThreatModel.KnowledgeBase': warned(/the template "Payments Template" \(1 threat types, 2 stencil types\) is not imported/),
    'ThreatModel.Profile': kept(() => sys().profile.PromptedKb),
    'MetaInformation.Assumptions': mapped(() => m.assumptions['tmt-assumption-2'].description === 'Staff laptops are managed.'),
    'MetaInformation.Contributors': kept(() => sys().contributors === 'Grace Hopper, Alan Turing'),
    'MetaInformation.ExternalDependencies': mapped(() => m.system.description.includes('External dependencies: The card network')),
    'MetaInformation.HighLevelSystemDescription': mapped(() => m.system.description.startsWith('Takes card payments')),
    'MetaInformation.Owner': mapped(() => m.system.owners[0] === 'Ada Lovelace'),
    'MetaInformation.Reviewer': kept(() => sys().reviewer === 'Barbara Liskov'),
    'MetaInformation.ThreatModelName': mapped(() => m.system.name === 'Card payments'),
    'Note.AddedBy': kept(() => sys().notes[0].addedBy === 'Ada Lovelace'),
    'Note.Date': kept(() => sys().notes[0].date),
    'Note.Id': kept(() => sys().notes[0].id === '1'),
    'Note.Message': kept(() => sys().notes[0].message),
    'KnowledgeBase.Manifest': kept(() => sys().template.name === 'Payments Template' && sys().template.version === '1.2.0'),
    'KnowledgeBase.GenericElements': warned(/2 stencil types/),
    'KnowledgeBase.StandardElements': warned(/2 stencil types/),
    'KnowledgeBase.ThreatCategories': warned(/the template .* is not imported/),
    'KnowledgeBase.ThreatTypes': warned(/1 threat types/),
    'KnowledgeBase.ThreatMetaData': mapped(() => card()['x-tmt']['SDL Phase'] === 'Design' && card()['x-tmt']['Risk owner']),
    'DrawingSurfaceModel.GenericTypeId': mapped(() => m.diagrams.payments),
    'DrawingSurfaceModel.Guid': mapped(() => m.diagrams.payments),
    'DrawingSurfaceModel.Properties': mapped(() => m.diagrams.payments.name === 'Payments'),
    'DrawingSurfaceModel.TypeId': mapped(() => m.diagrams.payments),
    'DrawingSurfaceModel.Borders': mapped(() => m.processes['payment-api'] && m.boundaries.cloud),
    'DrawingSurfaceModel.Header': mapped(() => m.diagrams.payments.name === 'Payments'),
    'DrawingSurfaceModel.Lines': mapped(() => m.flows.checkout && m.boundaries['internet-edge']),
    'DrawingSurfaceModel.Zoom': kept(() => m.diagrams.payments['x-tmt'].zoom === 1.5),
    'Stencil.GenericTypeId': mapped(() => m.externals.customer && m.processes['payment-api'] && m.stores['card-db']),
    'Stencil.Guid': mapped(() => m.flows.checkout.from === 'customer'),
    'Stencil.Properties': mapped(() => m.processes['payment-api'].attributes['Web API Technologies'] === 'Node.js' && m.stores['card-db'].outOfScope === 'Run by the platform team'),
    'Stencil.TypeId': mapped(() => m.processes['payment-api'].attributes.tmtType === 'SE.P.TMCore.WebAPI'),
    'Stencil.Left': mapped(() => layout()['payment-api'].x === 400),
    'Stencil.Top': mapped(() => layout()['payment-api'].y === 100),
    'Stencil.Width': mapped(() => layout().cloud.width === 300),
    'Stencil.Height': mapped(() => layout().cloud.height === 400),
    'Stencil.StrokeThickness': kept(() => m.stores['card-db']['x-tmt'].stroke.thickness === 2),
    'Stencil.StrokeDashArray': kept(() => m.stores['card-db']['x-tmt'].stroke.dashes === '4 2'),
    'Annotation.Properties': warned(/the annotation "Reviewed with the payments team in March" is kept in the description/),
    'Line.GenericTypeId': mapped(() => m.flows.checkout && m.boundaries['internet-edge']),
    'Line.Guid': mapped(() => card().on[0] === 'checkout'),
    'Line.Properties': mapped(() => m.flows.checkout.protocol === 'HTTPS' && m.flows.checkout.attributes.dataflowOrder === 1 && m.flows['save-card'].outOfScope),
    'Line.TypeId': mapped(() => m.flows.checkout.attributes.tmtType === 'SE.DF.TMCore.HTTPS'),
    'Line.SourceGuid': mapped(() => m.flows.checkout.from === 'customer'),
    'Line.TargetGuid': mapped(() => m.flows.checkout.to === 'payment-api'),
    'Line.SourceX': kept(() => m.boundaries['internet-edge']['x-tmt'].line.source.x === 250),
    'Line.SourceY': kept(() => m.boundaries['internet-edge']['x-tmt'].line.source.y === 20),
    'Line.TargetX': kept(() => m.boundaries['internet-edge']['x-tmt'].line.target.x === 250),
    'Line.TargetY': kept(() => m.boundaries['internet-edge']['x-tmt'].line.target.y === 480),
    'Line.HandleX': kept(() => m.flows.checkout['x-tmt'].handle.x === 270),
    'Line.HandleY': kept(() => m.flows.checkout['x-tmt'].handle.y === 120),
    'Line.PortSource': kept(() => m.flows.checkout['x-tmt'].ports.source === 'East'),
    'Line.PortTarget': kept(() => m.flows.checkout['x-tmt'].ports.target === 'West'),
    'Line.StrokeThickness': kept(() => m.flows['save-card']['x-tmt'].stroke.thickness === 2),
    'Line.StrokeDashArray': kept(() => m.flows['save-card']['x-tmt'].stroke.dashes === '1 1'),
    'LineBoundary.Properties': warned(/trust boundary line "Internet edge" does not say which side/),
    'ThreatInstance.ChangedBy': kept(() => card()['x-tmt'].changedBy === 'Ada Lovelace'),
    'ThreatInstance.DrawingSurfaceGuid': mapped(() => m.diagrams.payments.elements.includes(card().on[0])),
    'ThreatInstance.FlowGuid': mapped(() => card().on[0] === 'checkout'),
    'ThreatInstance.Id': kept(() => card()['x-tmt'].id === '7'),
    'ThreatInstance.InteractionKey': mapped(() => card().on[0] === 'checkout'),
    'ThreatInstance.InteractionString': kept(() => rows()['x-tmt'].Interaction === 'Save card'),
    'ThreatInstance.ModifiedAt': kept(() => card()['x-tmt'].modifiedAt === '2024-05-01T09:30:00' && !rows()['x-tmt'].modifiedAt),
    'ThreatInstance.Priority': mapped(() => card().severity === 'high' && rows().severity === 'low'),
    'ThreatInstance.Properties': mapped(() => card().title === 'Card numbers are read on the way'),
    'ThreatInstance.SourceGuid': mapped(() => m.flows[card().on[0]].from === 'customer'),
    'ThreatInstance.State': mapped(() => card().response === 'mitigate' && rows().response === 'not-applicable'),
    'ThreatInstance.StateInformation': mapped(() => card().rationale === 'TLS 1.3 is enforced at the edge.' && rows().rationale === 'The database is out of scope.'),
    'ThreatInstance.TargetGuid': mapped(() => m.flows[card().on[0]].to === 'payment-api'),
    'ThreatInstance.Title': mapped(() => rows().title === 'Rows are changed by hand'),
    'ThreatInstance.TypeId': mapped(() => card().references[0] === 'TMT TH42'),
    'ThreatInstance.Upgraded': kept(() => card()['x-tmt'].upgraded === true),
    'ThreatInstance.UserThreatCategory': mapped(() => rows().category === 'tampering'),
    'ThreatInstance.UserThreatDescription': mapped(() => rows().description === 'An administrator edits rows directly.'),
    'ThreatInstance.UserThreatShortDescription': kept(() => rows()['x-tmt']['Short Description'] === 'Tampering is the act of altering data.'),
    'ThreatInstance.Wide': kept(() => card()['x-tmt'].wide === true),
    'ThreatProperty.Title': mapped(() => card().title === 'Card numbers are read on the way'),
    'ThreatProperty.UserThreatCategory': mapped(() => card().category === 'information-disclosure'),
    'ThreatProperty.UserThreatShortDescription': kept(() => card()['x-tmt']['Short Description'].startsWith('Information disclosure happens')),
    'ThreatProperty.UserThreatDescription': mapped(() => card().description === 'Someone on the network path reads the card form.'),
    'ThreatProperty.StateInformation': mapped(() => card().rationale),
    'ThreatProperty.InteractionString': kept(() => card()['x-tmt'].Interaction === 'Checkout'),
    'ThreatProperty.PossibleMitigations': mapped(() => card().mitigations[0] === 'Use TLS 1.2 or later. Refer: https://aka.ms/tls'),
    'ThreatProperty.Priority': mapped(() => card().severity === 'high'),
    'ThreatProperty.SDLPhase': kept(() => card()['x-tmt']['SDL Phase'] === 'Design'),
    'ThreatProperty.Mitigation(s)': mapped(() => card().mitigations[1] === 'Pin the certificate in the mobile app.'),
    'ThreatProperty.CAPEC': mapped(() => card().references.includes('CAPEC-157')),
    'ThreatProperty.Issue Reference': mapped(() => card().ticket === 'SEC-42'),
    'ThreatProperty.Impact': mapped(() => card().impact === 'high'),
    'ThreatProperty.Risk owner': kept(() => card()['x-tmt']['Risk owner'] === 'Payments team'),
  }

  it.each(Object.entries(FIELDS).map(([field, [fate, check]]) => [field, fate, check] as const))('%s is %s', (_, __, check) => {
    expect(check()).toBeTruthy()
  })

  it('the file holds every field of the table', () => {
    const xml = dict(parseXml(everyField.replace(/^\uFEFF/, ''), { stripNamespaces: true }).ThreatModel)
    expect(fieldsOf(xml).filter((f) => !FIELDS[f])).toEqual([])
    expect(Object.keys(FIELDS).filter((f) => !fieldsOf(xml).includes(f) && !f.startsWith('Annotation.') && !f.startsWith('LineBoundary.'))).toEqual([])
  })

  it.skipIf(!haveFixtures).each(FIXTURE_FILES)('%s holds no field the table does not account for', (file) => {
    const xml = dict(parseXml(readFileSync(`${FIXTURES}tmt/${file}`, 'utf8').replace(/^\uFEFF/, ''), { stripNamespaces: true }).ThreatModel)
    expect(fieldsOf(xml).filter((f) => !FIELDS[f])).toEqual([])
  })

  it('docs/interop.md lists each field in the Threat Modeling Tool table', () => {
    const tmt = section(docs, 'Microsoft Threat Modeling Tool')
    expect(Object.keys(FIELDS).filter((f) => !named(tmt, f))).toEqual([])
  })
})

/** The fields a parsed .tm7 holds, named as in the table (custom threat properties by their label). */
function fieldsOf(model: Record<string, unknown>): string[] {
  const fields = new Set<string>()
  const own = (value: unknown) => Object.keys(dict(value)).filter((k) => !k.startsWith('@_') && k !== '#text')
  for (const k of own(model)) fields.add(`ThreatModel.${k}`)
  for (const k of own(model.MetaInformation)) fields.add(`MetaInformation.${k}`)
  for (const note of list(dict(model.Notes).Note)) for (const k of own(note)) fields.add(`Note.${k}`)
  for (const k of own(model.KnowledgeBase)) fields.add(`KnowledgeBase.${k}`)
  for (const surface of list(dict(model.DrawingSurfaceList).DrawingSurfaceModel)) {
    for (const k of own(surface)) fields.add(`DrawingSurfaceModel.${k}`)
    for (const kv of list(dict(dict(surface).Borders).KeyValueOfguidanyType)) for (const k of own(dict(kv).Value)) fields.add(`Stencil.${k}`)
    for (const kv of list(dict(dict(surface).Lines).KeyValueOfguidanyType)) for (const k of own(dict(kv).Value)) fields.add(`Line.${k}`)
  }
  const labels = propertyLabels(model.KnowledgeBase)
  const instances = dict(model.ThreatInstances)
  for (const key of Object.keys(instances).filter((k) => k.startsWith('KeyValueOf'))) {
    for (const kv of list(instances[key])) {
      const t = dict(dict(kv).Value)
      for (const k of own(t)) fields.add(`ThreatInstance.${k}`)
      for (const name of keyValues(t.Properties).keys()) fields.add(`ThreatProperty.${(STANDARD as readonly string[]).includes(name) ? name : labels.get(name) ?? name}`)
    }
  }
  return [...fields]
}
