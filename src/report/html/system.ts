/** Section 1, "What are we building?": the description, the diagrams, assets, actors, controls, assumptions. */
import type { Analysis } from '../../core/index.js'
import { assetPlaces, nameOf, type Named } from '../facts.js'
import { html, linkOrText, type Markup } from './markup.js'

export interface Figure {
  title: string
  description?: string
  /** SVG markup from src/render, with its ids made unique in the page. */
  svg: Markup
  /** For print: the diagram on pages of its own, split into parts when it is large. */
  pages?: { svg: Markup; part?: string }[]
}

const figure = (f: Figure) =>
  f.pages
    ? f.pages.map((p) => html`<figure class="diagram-page">${p.svg}<figcaption>${f.title}${p.part ? ` (${p.part})` : ''}${f.description ? html` — ${f.description}` : ''}</figcaption></figure>`)
    : html`<figure class="diagram">${f.svg}<figcaption>${f.title}${f.description ? html` — ${f.description}` : ''}</figcaption></figure>`

const names = (list: Named[]) => (list.length ? html`${list.map((n, i) => html`${i ? ', ' : ''}<span title="${n.id}">${n.name}</span>`)}` : html`<span class="muted">—</span>`)

/**
 * @example
 * systemSection(analysis, figures).text // '<section id="system">…'
 */
export function systemSection(analysis: Analysis, figures: readonly Figure[]): Markup {
  // Printed, each diagram takes pages of its own: they follow the tables, so the description
  // does not stand alone on a page.
  const { model } = analysis
  const assets = assetPlaces(analysis)
  const actors = Object.entries(model.actors ?? {})
  const controls = Object.entries(model.controls ?? {})
  const assumptions = Object.entries(model.assumptions ?? {})
  return html`<section id="system">
<h2><span class="q">1 · What are we building?</span>The system</h2>
${model.system.description ? html`<p class="lede">${model.system.description}</p>` : ''}
${figures.some((f) => f.pages) ? '' : figures.map(figure)}

<h3 id="assets">Assets</h3>
${assets.length === 0 ? html`<p class="muted">The model names no assets.</p>` : html`<table>
<thead><tr><th>Asset</th><th>Class</th><th>Stored in</th><th>Processed by</th><th>Carried by</th></tr></thead>
<tbody>${assets.map((a) => html`<tr id="asset-${a.id}">
<td><strong>${a.name}</strong>${a.description ? html`<br><span class="muted">${a.description}</span>` : ''}${a.owner ? html`<br><span class="muted">Owner: ${a.owner}</span>` : ''}</td>
<td><span class="tag">${a.classification}</span></td>
<td>${names(a.stored)}</td>
<td>${names([...a.processed, ...a.provided])}</td>
<td>${names(a.carried)}</td>
</tr>`)}</tbody></table>`}

<h3 id="actors">Actors</h3>
${actors.length === 0 ? html`<p class="muted">No actors are declared: the external entities in untrusted boundaries stand in for them.</p>` : html`<table>
<thead><tr><th>Actor</th><th>Intent</th><th>Capability</th><th>Acts through</th></tr></thead>
<tbody>${actors.map(([id, a]) => html`<tr>
<td><strong>${a.name ?? id}</strong>${a.description ? html`<br><span class="muted">${a.description}</span>` : ''}</td>
<td>${a.malicious ? html`<span class="tag bad">malicious</span>` : html`<span class="tag">not malicious</span>`}${a.motivation ? html`<br><span class="muted">${a.motivation}</span>` : ''}</td>
<td>${a.capability ?? '—'}</td>
<td>${names([...(a.via ?? []).map((v) => nameOf(analysis, v)), ...(a.boundary ? [nameOf(analysis, a.boundary)] : [])])}</td>
</tr>`)}</tbody></table>`}

<h3 id="controls">Controls</h3>
${controls.length === 0 ? html`<p class="muted">No controls are declared.</p>` : html`<table>
<thead><tr><th>Control</th><th>Kind</th><th>Status</th><th>Protects</th></tr></thead>
<tbody>${controls.map(([id, c]) => html`<tr id="control-${id}">
<td><strong>${c.name ?? id}</strong>${c.description ? html`<br><span class="muted">${c.description}</span>` : ''}</td>
<td><span class="tag">${c.kind}</span></td>
<td>${c.status === 'implemented' ? html`<span class="tag good">implemented</span>` : html`<span class="tag">planned</span>`}</td>
<td>${names(c.on.map((target) => nameOf(analysis, target)))}</td>
</tr>`)}</tbody></table>`}

<h3 id="assumptions">Assumptions</h3>
${assumptions.length === 0 ? html`<p class="muted">No assumptions are written down.</p>` : html`<table>
<thead><tr><th>Assumption</th><th>Status</th><th>Owner</th></tr></thead>
<tbody>${assumptions.map(([, a]) => html`<tr>
<td>${a.description}${a.links?.length ? html`<br>${a.links.map((l, i) => html`${i ? ' · ' : ''}${linkOrText(l)}`)}` : ''}</td>
<td><span class="tag${a.status === 'invalid' ? ' bad' : a.status === 'valid' ? ' good' : ''}">${a.status}</span></td>
<td>${a.owner ?? '—'}</td>
</tr>`)}</tbody></table>`}
${figures.some((f) => f.pages) ? figures.map(figure) : ''}
</section>`
}
