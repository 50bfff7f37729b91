/**
 * Section 2, "What can go wrong, and what are we doing about it?": the threat table (sorted and
 * filtered by script.ts when it runs) and one detail card per threat.
 */
import { RESPONSE_STATUSES, SEVERITIES, STRIDE, STRIDE_LETTER, severityRank, type Analysis, type Threat } from '../../core/index.js'
import { nameOf, responseText } from '../facts.js'
import { breakable, html, linkOrText, type Markup } from './markup.js'

export const anchor = (t: Threat) => `threat-${t.id}`

/** The table's columns, and whether each sorts by number; on screen each header is a sort button. */
const HEADERS: [string, boolean][] = [['ID', false], ['STRIDE', false], ['Element', false], ['Title', false], ['Severity', true], ['Residual', true], ['Response', false], ['Owner', false], ['Status', false]]

/** The status filter's "anything but done"; the statuses themselves filter one each. */
export const NOT_DONE = 'not-done'

const pill = (severity: string) => html`<span class="pill sev-${severity}">${severity}</span>`
const elementNames = (analysis: Analysis, t: Threat) => t.elements.map((e) => nameOf(analysis, e).name).join(', ')
/** A threat on many flows would make a row a page tall: the table names three, the detail all. */
const SHOWN_ELEMENTS = 3
const elementSummary = (analysis: Analysis, t: Threat) =>
  t.elements.length <= SHOWN_ELEMENTS
    ? elementNames(analysis, t)
    : `${t.elements.slice(0, SHOWN_ELEMENTS).map((e) => nameOf(analysis, e).name).join(', ')} and ${t.elements.length - SHOWN_ELEMENTS} more`

/**
 * @example
 * threatsSection(analysis).text // '<section id="threats">…<table id="threat-table">…'
 */
export function threatsSection(analysis: Analysis, options: { print?: boolean } = {}): Markup {
  const threats = analysis.threats
  const open = threats.filter((t) => t.status !== 'done').length
  return html`<section id="threats">
<h2><span class="q">2 · What can go wrong, and what are we doing about it?</span>Threats</h2>
<p>${threats.length} threat(s), highest residual risk first; ${open} not done. Residual severity is the risk left once the response is done.</p>
${options.print ? '' : html`<div class="filters" id="threat-filters" hidden>
<label>Search<input type="search" id="f-search" placeholder="id, title, element, owner…"></label>
<label>STRIDE<select id="f-category"><option value="">all</option>${STRIDE.map((c) => html`<option value="${c}">${STRIDE_LETTER[c]} · ${c}</option>`)}</select></label>
<label>Residual at least<select id="f-severity"><option value="0">any</option>${SEVERITIES.map((s) => html`<option value="${severityRank(s)}">${s}</option>`)}</select></label>
<label>Status<select id="f-status"><option value="">any</option><option value="${NOT_DONE}">not done</option>${RESPONSE_STATUSES.map((s) => html`<option value="${s}">${s}</option>`)}</select></label>
<button type="button" class="chip" id="f-cell" hidden>Matrix cell: <span id="f-cell-text"></span> ✕</button>
<span class="count" id="f-shown" aria-live="polite"></span>
</div>`}
<table id="threat-table">
<colgroup><col class="w-id"><col class="w-letter"><col class="w-element"><col class="w-title"><col class="w-sev"><col class="w-sev"><col class="w-response"><col class="w-owner"><col class="w-status"></colgroup>
<thead><tr>${HEADERS.map(([label, numeric]) => html`<th${numeric ? html` data-type="number"` : ''}>${options.print ? label : html`<button type="button">${label}</button>`}</th>`)}</tr></thead>
<tbody>${threats.map((t) => row(analysis, t))}</tbody>
</table>
<h3 id="threat-details">Threat details</h3>
${threats.map((t) => detail(analysis, t))}
</section>`
}

function row(analysis: Analysis, t: Threat): Markup {
  return html`<tr data-category="${t.category}" data-rank="${severityRank(t.residual.severity)}" data-status="${t.status}" data-l="${t.residual.likelihood}" data-i="${t.residual.impact}">
<td class="id mono" data-sort="${t.id}">${breakable(t.id)}</td>
<td data-sort="${t.category}"><span class="letter" title="${t.category}">${STRIDE_LETTER[t.category]}</span></td>
<td>${elementSummary(analysis, t)}</td>
<td>${t.possible ? html`<span class="possible" title="rests on facts the model does not state">possible</span> ` : ''}<a href="#${anchor(t)}">${t.title}</a></td>
<td data-sort="${severityRank(t.severity)}">${pill(t.severity)}</td>
<td data-sort="${severityRank(t.residual.severity)}">${pill(t.residual.severity)}</td>
<td>${t.response ? responseText(t) : html`<span class="status-open">none</span>`}</td>
<td>${t.response?.owner ?? ''}</td>
<td class="${t.status === 'done' ? 'status-done' : t.status === 'open' ? 'status-open' : ''}">${t.status}</td>
</tr>`
}

function detail(analysis: Analysis, t: Threat): Markup {
  const r = t.response
  return html`<article class="threat edge-${t.residual.severity}" id="${anchor(t)}">
<h3>${t.title}</h3>
<p class="meta"><span class="mono">${t.id}</span><span>${STRIDE_LETTER[t.category]} · ${t.category}</span><span>${elementNames(analysis, t)}</span><span>${t.origin === 'manual' ? 'written by hand' : `rule ${t.rule}`}</span>${t.possible ? html`<span class="possible">possible</span>` : ''}</p>
${t.description ? html`<p>${t.description}</p>` : ''}
<dl class="facts">
<dt>Risk</dt><dd>${pill(t.severity)} ${t.likelihood} × ${t.impact} → residual ${pill(t.residual.severity)} ${t.residual.likelihood} × ${t.residual.impact}</dd>
<dt>Response</dt><dd>${r ? html`${r.source === 'controls' ? 'mitigated by implemented controls' : r.kind}, ${r.status}${r.owner ? html` · owner ${r.owner}` : ''}${r.ticket ? html` · ticket ${linkOrText(r.ticket)}` : ''}` : html`<span class="status-open">none yet</span>`}</dd>
${r?.controls.length ? html`<dt>Controls</dt><dd>${r.controls.map((c, i) => html`${i ? ', ' : ''}<a href="#control-${c}">${analysis.model.controls?.[c]?.name ?? c}</a>`)}</dd>` : ''}
${r?.rationale ? html`<dt>Rationale</dt><dd>${r.rationale}</dd>` : ''}
${t.answeredBy.length ? html`<dt>Answered by</dt><dd>${t.answeredBy.map((k, i) => html`${i ? ', ' : ''}<span class="tag">${k}</span>`)}</dd>` : ''}
</dl>
${t.mitigations.length || t.references.length ? html`<div class="lists">
<div>${t.mitigations.length ? html`<h4>Mitigations</h4><ul>${t.mitigations.map((m) => html`<li>${m}</li>`)}</ul>` : ''}</div>
<div>${t.references.length ? html`<h4>References</h4><ul class="refs">${t.references.map((ref) => html`<li>${linkOrText(ref)}</li>`)}</ul>` : ''}</div>
</div>` : ''}
</article>`
}
