/**
 * The moat model, defined once. The TypeScript types, the runtime validation and the published
 * JSON Schema (schema/moat.schema.json) all come from these definitions.
 *
 * Objects are "loose": a field moat does not know is kept (never silently dropped) and reported
 * as a warning by the validator, which suggests the field the user probably meant.
 */
import { z } from 'zod'
import {
  CLASSIFICATIONS,
  CONTROL_KINDS,
  IMPACTS,
  LIKELIHOODS,
  RATINGS,
  RESPONSES,
  RESPONSE_STATUSES,
  SEVERITIES,
  STRIDE,
  SYSTEM_KINDS,
  TRUST_LEVELS,
} from './vocabulary.js'

/** Ids name things across the whole model; `@` and `+` are kept for threat ids. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/
const Id = z.string().regex(ID_PATTERN, {
  message: 'an id starts with a letter or digit and holds only letters, digits, "_", ".", ":" and "-"',
})
const IdList = z.array(Id)
const Text = z.string()
const Tags = z.array(z.string()).describe('Free labels, usable in rule conditions')
const Attributes = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .describe('Free attributes for your own rules: element.attributes.<name> in a condition')

const collection = <T extends z.ZodType>(entry: T) => z.record(Id, entry)

const NotApplicable = z
  .partialRecord(z.enum(STRIDE), Text)
  .describe('STRIDE categories that do not apply to this element, each with the reason')

const elementFields = {
  name: Text.optional().describe('Display name; defaults to the id'),
  description: Text.optional(),
  boundary: Id.optional().describe('The trust boundary this element sits in'),
  data: IdList.optional().describe('Assets held (store), processed (process) or provided (external)'),
  tags: Tags.optional(),
  attributes: Attributes.optional(),
  outOfScope: Text.optional().describe('Why this element is out of scope; no threats are generated for it'),
  notApplicable: NotApplicable.optional(),
}

export const SystemSchema = z.looseObject({
  name: Text,
  description: Text.optional(),
  kind: z.enum(SYSTEM_KINDS).default('product').describe('product: modelled as DFDs; protocol: also as ordered messages'),
  owners: z.array(Text).optional(),
  version: z.union([Text, z.number()]).optional(),
  links: z.array(Text).optional(),
})

export const AssetSchema = z.looseObject({
  name: Text.optional(),
  description: Text.optional(),
  classification: z.enum(CLASSIFICATIONS).default('internal'),
  confidentiality: z.enum(RATINGS).optional().describe('Defaults from the classification'),
  integrity: z.enum(RATINGS).default('medium'),
  availability: z.enum(RATINGS).default('medium'),
  owner: Text.optional(),
  tags: Tags.optional(),
})

export const ActorSchema = z.looseObject({
  name: Text.optional(),
  description: Text.optional(),
  malicious: z.boolean().default(false),
  trusted: z.boolean().optional().describe('Defaults to false for malicious actors and those entering from untrusted boundaries'),
  capability: z.enum(RATINGS).optional(),
  motivation: Text.optional(),
  via: IdList.optional().describe('The elements this actor acts through (usually externals)'),
  boundary: Id.optional().describe('The boundary the actor sits in; it can reach every element there'),
  tags: Tags.optional(),
})

export const BoundarySchema = z.looseObject({
  name: Text.optional(),
  description: Text.optional(),
  parent: Id.optional().describe('The enclosing boundary'),
  trust: z.enum(TRUST_LEVELS).optional().describe('Defaults: untrusted for a boundary holding only externals, otherwise one above its parent, or medium'),
  type: Text.optional().describe('network, cloud-account, host, container, ...'),
  tags: Tags.optional(),
  attributes: Attributes.optional(),
})

export const ExternalSchema = z.looseObject({
  ...elementFields,
  type: z.enum(['person', 'service', 'device']).optional(),
})

export const ProcessSchema = z.looseObject({
  ...elementFields,
  type: Text.optional().describe('web-app, api, service, worker, gateway, function, browser, mobile-app, cli, ...'),
  technology: Text.optional(),
  language: Text.optional().describe('Implementation language; memory-unsafe ones (c, c++, asm) raise their own threats'),
  privileged: z.boolean().optional().describe('Runs as root, administrator or with elevated cloud permissions'),
})

export const StoreSchema = z.looseObject({
  ...elementFields,
  type: Text.optional().describe('database, file, cache, queue, log, secrets, object-storage, ...'),
  technology: Text.optional(),
  encrypted: z.boolean().optional().describe('Encrypted at rest'),
})

export const FlowSchema = z.looseObject({
  name: Text.optional(),
  description: Text.optional(),
  from: Id,
  to: Id,
  protocol: Text.optional(),
  data: IdList.optional().describe('Assets carried'),
  encrypted: z.boolean().optional().describe('Defaults from the protocol (HTTPS, TLS, SSH, ... are encrypted)'),
  authenticated: z.boolean().optional().describe('The receiver authenticates the sender; defaults from the protocol (mTLS)'),
  signed: z.boolean().optional().describe('Messages carry a signature or MAC'),
  nonce: z.boolean().optional().describe('Messages carry a nonce, timestamp or counter (freshness)'),
  bidirectional: z.boolean().optional(),
  readonly: z
    .boolean()
    .optional()
    .describe('The requester (from) only reads through this flow: data comes back from "to", nothing there changes'),
  order: z.number().optional().describe('Protocol models: the position of this message in the exchange'),
  tags: Tags.optional(),
  attributes: Attributes.optional(),
  outOfScope: Text.optional(),
  notApplicable: NotApplicable.optional(),
})

export const ControlSchema = z.looseObject({
  name: Text.optional(),
  kind: z.enum(CONTROL_KINDS),
  description: Text.optional(),
  on: IdList.describe('Elements, flows or boundaries this control protects'),
  status: z.enum(['implemented', 'planned']).default('implemented'),
  owner: Text.optional(),
  references: z.array(Text).optional(),
})

const Point = z.object({ x: z.number(), y: z.number() })

const Position = z.looseObject({
  x: z.number(),
  y: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  points: z
    .array(Point)
    .min(2)
    .optional()
    .describe('A boundary drawn as a line through these points (a Threat Dragon curve) instead of a box; x, y, width and height are then the box around it'),
})

export const DiagramSchema = z.looseObject({
  name: Text.optional(),
  description: Text.optional(),
  kind: z.enum(['dfd', 'sequence']).default('dfd'),
  refines: Id.optional().describe('The process whose inside this diagram shows'),
  elements: IdList.optional().describe('What the diagram shows; defaults to every element outside refinements'),
  layout: z.record(Id, Position).optional().describe('Positions kept by the editor or an import'),
})

export const AssumptionSchema = z.looseObject({
  description: Text,
  status: z.enum(['unconfirmed', 'valid', 'invalid']).default('unconfirmed'),
  owner: Text.optional(),
  links: z.array(Text).optional(),
})

const ThreatKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:@+-]*$/, {
  message: 'a threat id is RULE@ELEMENT for a generated threat, or an id of your own',
})

export const ThreatSchema = z.looseObject({
  // A threat written by hand has these:
  title: Text.optional(),
  category: z.enum(STRIDE).optional(),
  on: IdList.optional().describe('Hand-written threats: the elements or flows it concerns'),
  description: Text.optional(),
  mitigations: z.array(Text).optional(),
  references: z.array(Text).optional(),
  // Ranking overrides:
  likelihood: z.enum(LIKELIHOODS).optional(),
  impact: z.enum(IMPACTS).optional(),
  severity: z.enum(SEVERITIES).optional().describe('Overrides the severity computed from likelihood and impact'),
  // The response:
  response: z.enum(RESPONSES).optional(),
  rationale: Text.optional(),
  owner: Text.optional(),
  controls: IdList.optional(),
  status: z.enum(RESPONSE_STATUSES).optional(),
  residual: z
    .looseObject({ likelihood: z.enum(LIKELIHOODS).optional(), impact: z.enum(IMPACTS).optional() })
    .optional()
    .describe('Likelihood and impact after the response, when the default reduction does not fit'),
  ticket: Text.optional(),
})

export const RulesConfigSchema = z.looseObject({
  packs: z.array(Text).optional().describe('Rule pack files or folders, relative to this model file'),
  disable: z.array(z.string()).optional().describe('Ids of rules to switch off'),
})

export const ModelSchema = z.looseObject({
  moat: z.literal(1).describe('The model format version'),
  system: SystemSchema,
  assets: collection(AssetSchema).optional(),
  actors: collection(ActorSchema).optional(),
  boundaries: collection(BoundarySchema).optional(),
  externals: collection(ExternalSchema).optional(),
  processes: collection(ProcessSchema).optional(),
  stores: collection(StoreSchema).optional(),
  flows: collection(FlowSchema).optional(),
  controls: collection(ControlSchema).optional(),
  diagrams: collection(DiagramSchema).optional(),
  assumptions: collection(AssumptionSchema).optional(),
  threats: z.record(ThreatKey, ThreatSchema).optional(),
  rules: RulesConfigSchema.optional(),
  waivers: z.record(z.string(), Text).optional().describe('Review checks waived, each with the reason'),
})

export type ModelInput = z.input<typeof ModelSchema>
export type Model = z.output<typeof ModelSchema>
export type SystemInfo = z.output<typeof SystemSchema>
export type Asset = z.output<typeof AssetSchema>
export type Actor = z.output<typeof ActorSchema>
export type Boundary = z.output<typeof BoundarySchema>
export type External = z.output<typeof ExternalSchema>
export type Process = z.output<typeof ProcessSchema>
export type Store = z.output<typeof StoreSchema>
export type Flow = z.output<typeof FlowSchema>
export type Control = z.output<typeof ControlSchema>
export type Diagram = z.output<typeof DiagramSchema>
export type Assumption = z.output<typeof AssumptionSchema>
export type ThreatEntry = z.output<typeof ThreatSchema>
