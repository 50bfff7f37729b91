/**
 * Section 3, "Where is the risk?": the residual risk matrix (each cell a filter on the threat
 * table) and the exposure table (which untrusted actors reach which assets, past which guards).
 */
import { SEVERITIES, type Analysis } from '../../core/index.js'
import { nameOf, riskMatrix } from '../facts.js'
import { html, type Markup } from './markup.js'

/**
 * @example
 * riskSection(analysis).text // '<section id="risk">…<table class="matrix">…'
 */
export function riskSection(analysis: Analysis, options: { print?: boolean } = {}): Markup {
  const matrix = riskMatrix(analysis.threats)
  const impacts = matrix[0]!.map((c) => c.impact)
  const live = matrix.flat().reduce((n, c) => n + c.count, 0)
  return html`<section id="risk">
<h2><span class="q">3 · Where is the risk?</span>Risk and exposure</h2>
<div class="risk">
<div>
<h3 id="matrix">Residual risk matrix</h3>
<table class="matrix" aria-label="Threats by residual likelihood and impact">
<thead><tr><td></td>${impacts.map((i) => html`<th scope="col">${i}</th>`)}</tr></thead>
<tbody>${matrix.map((cells) => html`<tr><th scope="row">${cells[0]!.likelihood}</th>${cells.map(
    (c) => html`<td><button type="button" class="heat-${c.severity}${c.count ? '' : ' zero'}" data-l="${c.likelihood}" data-i="${c.impact}" aria-pressed="false" title="${`${c.count} threat(s): likelihood ${c.likelihood}, impact ${c.impact} (${c.severity})`}">${c.count}</button></td>`,
  )}</tr>`)}</tbody>
</table>
<p class="axis">impact → · likelihood ↑</p>
<div class="legend">${SEVERITIES.map((s) => html`<span class="pill sev-${s}">${s}</span>`)}</div>
</div>
<div>
<p>${live} threat(s) still carry risk once their responses are done, placed by residual likelihood and impact; the colour is the severity a cell stands for.${options.print ? '' : html`<span class="screen-only"> Select a cell to list its threats.</span>`}</p>
<p class="muted">Eliminated and not-applicable threats leave no risk and are not counted. A mitigation lowers likelihood by two steps once it is done with an implemented control; a transfer lowers impact by one.</p>
</div>
</div>
${exposure(analysis)}
</section>`
}

function exposure(analysis: Analysis): Markup {
  const { actors, rows } = analysis.exposure
  const name = (id: string) => nameOf(analysis, id).name
  const actorName = (id: string) => actors.find((a) => a.id === id)?.name ?? id
  const assetName = (id: string) => analysis.graph.assets.get(id)?.name ?? id
  if (actors.length === 0) return html`<h3 id="exposure">Exposure</h3><p class="muted">No untrusted or malicious actor, and no external entity in an untrusted boundary: nothing to trace.</p>`
  return html`<h3 id="exposure">Exposure</h3>
<p>Which untrusted or malicious actors reach which assets, across which boundaries, and past which guarding controls (authentication, authorization, MFA, segmentation, WAF).</p>
${rows.length === 0 ? html`<p class="muted">They reach no asset.</p>` : html`<table>
<thead><tr><th>Actor</th><th>Asset</th><th>Class</th><th>Reached at</th><th>Guards</th><th>Crosses</th><th>Path</th></tr></thead>
<tbody>${rows.map((r) => html`<tr>
<td>${actorName(r.actor)}</td>
<td>${assetName(r.asset)}</td>
<td><span class="tag">${r.classification}</span></td>
<td>${name(r.at)}</td>
<td>${r.guards.length ? r.guards.map((g, i) => html`${i ? ', ' : ''}${analysis.model.controls?.[g]?.name ?? g}`) : html`<span class="tag bad">none</span>`}</td>
<td>${r.boundariesCrossed.map(name).join(', ') || '—'}</td>
<td class="muted">${r.path.map(name).join(' → ')}</td>
</tr>`)}</tbody></table>`}`
}
