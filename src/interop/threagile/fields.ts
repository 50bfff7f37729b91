/**
 * Every field of Threagile's model format (1.0 and 2.x, pkg/input/*.go), level by level. A field
 * not listed here is not Threagile's: the importer names it in a warning instead of dropping it
 * silently.
 */
import type { ModelBuilder } from '../builder.js'
import type { SourcePath } from '../types.js'
import { entries } from '../values.js'

export const FIELDS = {
  model: [
    'threagile_version', 'includes', 'title', 'author', 'contributors', 'date', 'application_description', 'business_overview',
    'technical_overview', 'business_criticality', 'management_summary_comment', 'security_requirements', 'questions', 'abuse_cases',
    'tags_available', 'data_assets', 'technical_assets', 'trust_boundaries', 'shared_runtimes', 'individual_risk_categories',
    'custom_risk_categories', 'risk_tracking', 'diagram_tweak_nodesep', 'diagram_tweak_ranksep', 'diagram_tweak_edge_layout',
    'diagram_tweak_suppress_edge_labels', 'diagram_tweak_layout_left_to_right', 'diagram_tweak_invisible_connections_between_assets',
    'diagram_tweak_same_rank_assets',
  ],
  author: ['name', 'contact', 'homepage'],
  overview: ['description', 'images'],
  dataAsset: ['id', 'description', 'usage', 'tags', 'origin', 'owner', 'quantity', 'confidentiality', 'integrity', 'availability', 'justification_cia_rating'],
  technicalAsset: [
    'id', 'description', 'type', 'usage', 'used_as_client_by_human', 'out_of_scope', 'justification_out_of_scope', 'size', 'technology',
    'technologies', 'tags', 'internet', 'machine', 'encryption', 'owner', 'confidentiality', 'integrity', 'availability',
    'justification_cia_rating', 'multi_tenant', 'redundant', 'custom_developed_parts', 'data_assets_processed', 'data_assets_stored',
    'data_formats_accepted', 'diagram_tweak_order', 'communication_links',
  ],
  communicationLink: [
    'target', 'description', 'protocol', 'authentication', 'authorization', 'tags', 'vpn', 'ip_filtered', 'readonly', 'usage',
    'data_assets_sent', 'data_assets_received', 'diagram_tweak_weight', 'diagram_tweak_constraint',
  ],
  trustBoundary: ['id', 'description', 'type', 'tags', 'technical_assets_inside', 'trust_boundaries_nested', 'is_template'],
  sharedRuntime: ['id', 'description', 'tags', 'technical_assets_running', 'is_template'],
  riskCategory: [
    'id', 'title', 'description', 'impact', 'asvs', 'cheat_sheet', 'action', 'mitigation', 'check', 'function', 'stride', 'detection_logic',
    'risk_assessment', 'false_positives', 'model_failure_possible_reason', 'cwe', 'risks_identified',
  ],
  risk: [
    'severity', 'exploitation_likelihood', 'exploitation_impact', 'data_breach_probability', 'data_breach_technical_assets',
    'most_relevant_data_asset', 'most_relevant_technical_asset', 'most_relevant_communication_link', 'most_relevant_trust_boundary',
    'most_relevant_shared_runtime',
  ],
  riskTracking: ['status', 'justification', 'ticket', 'date', 'checked_by'],
} as const

export type Level = keyof typeof FIELDS

/** Warns about each field of `value` that Threagile does not define at this level. */
export function warnUnknownFields(b: ModelBuilder, path: SourcePath, value: unknown, level: Level, what: string): void {
  const known: readonly string[] = FIELDS[level]
  for (const [key] of entries(value)) {
    if (!known.includes(key)) b.warn([...path, key], `${what}: "${key}" is not a Threagile field; it is not imported`)
  }
}
