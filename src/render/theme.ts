/**
 * How diagrams look: colours and the stylesheet embedded in every SVG. Shapes carry classes, and
 * only this file says what a class looks like, so the editor can restyle a diagram with CSS.
 */
import type { ResidualSeverity } from '../core/index.js'

export const FONT_FAMILY = "'DejaVu Sans', 'Helvetica Neue', Helvetica, Arial, sans-serif"

/** Residual severity → badge colour, from calm to alarming. */
export const SEVERITY_COLOUR: Record<ResidualSeverity, string> = {
  none: '#6b7280',
  low: '#2f855a',
  medium: '#b7791f',
  elevated: '#dd6b20',
  high: '#c53030',
  critical: '#742a2a',
}

export const COLOUR = {
  ink: '#1f2937',
  muted: '#4b5563',
  flow: '#6b7280',
  crossing: '#1f2937',
  alert: '#c53030',
  boundary: '#d62f2f',
  context: '#9ca3af',
}

export const STYLESHEET = `
svg.moat-diagram { font-family: ${FONT_FAMILY}; }
.background { fill: #ffffff; }
.title { font-size: 18px; font-weight: bold; fill: ${COLOUR.ink}; }
.subtitle { font-size: 12px; fill: ${COLOUR.muted}; }
.shape { stroke: ${COLOUR.ink}; stroke-width: 1.5; }
.external .shape { fill: #eef2f7; }
.process .shape { fill: #e6f0fb; stroke: #2b6cb0; }
.store .fill { fill: #f3f0e6; stroke: none; }
.store .shape { fill: none; stroke: #7b6a3a; stroke-width: 1.8; }
.name { font-size: 14px; font-weight: bold; fill: ${COLOUR.ink}; }
.detail { font-size: 11px; fill: ${COLOUR.muted}; }
.assets { font-size: 10.5px; fill: #6b5b2e; font-style: italic; }
.context { opacity: 0.5; }
.context .shape { stroke-dasharray: 5 3; }
.out-of-scope .shape { stroke-dasharray: 2 3; fill: #f5f5f5; }
.boundary-box { fill: #d62f2f; fill-opacity: 0.035; stroke: ${COLOUR.boundary}; stroke-width: 1.6; stroke-dasharray: 9 5; }
.boundary-name { font-size: 13px; font-weight: bold; fill: ${COLOUR.boundary}; }
.boundary-trust { font-size: 11px; fill: ${COLOUR.boundary}; }
.boundary-curve { fill: none; stroke: ${COLOUR.boundary}; stroke-width: 1.8; stroke-dasharray: 9 5; }
.flow-line { fill: none; stroke: ${COLOUR.flow}; stroke-width: 1.3; }
.crossing .flow-line { stroke: ${COLOUR.crossing}; stroke-width: 2.2; }
.crossing-point { fill: ${COLOUR.alert}; stroke: #ffffff; stroke-width: 1.2; }
.context-flow .flow-line { stroke: ${COLOUR.context}; stroke-dasharray: 6 3; }
.label-bg { fill: #ffffff; fill-opacity: 0.94; stroke: none; }
.crossing .label-bg { stroke: ${COLOUR.alert}; stroke-width: 1; }
.flow-name { font-size: 12px; fill: ${COLOUR.ink}; }
.marker-dot { fill: #ffffff; stroke: ${COLOUR.flow}; stroke-width: 1.4; }
.crossing .marker-dot { stroke: ${COLOUR.alert}; }
.marker-number { font-size: 10.5px; font-weight: bold; fill: ${COLOUR.ink}; }
.protocol { font-size: 10.5px; fill: ${COLOUR.muted}; font-style: italic; }
.plaintext { fill: ${COLOUR.alert}; font-weight: bold; }
.badge-count { font-size: 10.5px; font-weight: bold; fill: #ffffff; }
.legend-text { font-size: 11px; fill: ${COLOUR.muted}; }
.message-bg { fill: #ffffff; fill-opacity: 0.94; }
.lifeline { stroke: #9ca3af; stroke-width: 1.2; stroke-dasharray: 6 4; }
.message-line { fill: none; stroke: ${COLOUR.flow}; stroke-width: 1.4; }
.crossing .message-line { stroke: ${COLOUR.crossing}; stroke-width: 2; }
.order { font-size: 11px; font-weight: bold; fill: #ffffff; }
.order-dot { fill: ${COLOUR.ink}; }
.tag { font-size: 10px; font-weight: bold; }
.tag-on { fill: #2f855a; }
.tag-on-bg { fill: #e6f4ea; }
.tag-off { fill: ${COLOUR.alert}; }
.tag-off-bg { fill: #fdecec; }
`.trim()
