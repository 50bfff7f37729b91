/**
 * The rule format: a rule is data, a CEL condition plus the threat it describes. Built-in packs
 * (rules/*.yaml) and users' packs share this one definition and its JSON Schema.
 */
import { z } from 'zod'
import { CONTROL_KINDS, ELEMENT_KINDS, IMPACTS, LIKELIHOODS, STRIDE, SYSTEM_KINDS } from '../model/vocabulary.js'

export const RULE_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/

export const RuleSchema = z.looseObject({
  id: z.string().regex(RULE_ID_PATTERN, { message: 'a rule id is lower-case words joined by "-", e.g. cleartext-sensitive-flow' }),
  title: z.string().describe('One line; {{element.name}}, {{source.name}}, {{target.name}} are filled in'),
  category: z.enum(STRIDE),
  targets: z.array(z.enum(ELEMENT_KINDS)).min(1).describe('The element kinds the rule is evaluated on'),
  systemKind: z.enum(SYSTEM_KINDS).optional().describe('Only for product or only for protocol models'),
  when: z.string().default('true').describe('A CEL condition over element, source, target and system'),
  likelihood: z.enum(LIKELIHOODS),
  impact: z.enum(IMPACTS),
  description: z.string(),
  mitigations: z.array(z.string()).default([]),
  controls: z.array(z.enum(CONTROL_KINDS)).default([]).describe('Control kinds that answer this threat'),
  references: z.array(z.string()).default([]).describe('CWE-…, CAPEC-…, ASVS …, or links'),
})

export const RulePackSchema = z.looseObject({
  pack: z.string().optional().describe('A name for the pack'),
  description: z.string().optional(),
  rules: z.array(RuleSchema),
})

export type Rule = z.output<typeof RuleSchema>
export type RulePack = z.output<typeof RulePackSchema>
