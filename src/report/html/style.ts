/**
 * The report's stylesheet: quiet typography for reading, severity colours that match the
 * diagrams' badges (render/theme.ts), and print rules so a table never breaks mid-row.
 * Class names avoid those the inline SVGs style (title, name, detail, assets, ...): both
 * stylesheets share the one document.
 */
import { SEVERITY_COLOUR } from '../../render/theme.js'

const severityRules = Object.entries(SEVERITY_COLOUR)
  .map(([s, c]) => `.sev-${s} { background: ${c}; border-color: ${c}; color: #fff; }\n.heat-${s} { --heat: ${c}; }\narticle.threat.edge-${s} { border-left-color: ${c}; }`)
  .join('\n')

export const REPORT_CSS = `
:root {
  --ink: #1f2937; --muted: #5b6472; --line: #e3e6ea; --soft: #f6f7f9; --accent: #2b6cb0;
  --pass: #2f855a; --fail: #c53030; --warn: #b7791f;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  font-size: 15px; line-height: 1.5; color: var(--ink); background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
* { box-sizing: border-box; }
body { margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 32px 40px 64px; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; letter-spacing: -0.01em; }
h2 { font-size: 22px; margin: 48px 0 4px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); break-after: avoid; }
h2 .q { display: block; font-size: 13px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; }
h3 { font-size: 17px; margin: 28px 0 8px; break-after: avoid; }
h4 { font-size: 15px; margin: 16px 0 4px; break-after: avoid; }
p { margin: 6px 0 10px; max-width: 80ch; }
a { color: var(--accent); }
code, .mono { font-family: "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 0.86em; }
.muted { color: var(--muted); }
.lede { font-size: 17px; color: #374151; max-width: 75ch; }
.meta { color: var(--muted); font-size: 13.5px; margin: 4px 0 0; max-width: none; }
.meta span + span::before { content: "·"; margin: 0 8px; color: #b0b6bf; }
header.top { border-bottom: 1px solid var(--line); padding-bottom: 20px; }
.kicker { font-size: 12px; font-weight: 700; letter-spacing: 0.12em; text-transform: uppercase; color: var(--accent); margin: 0 0 6px; }
nav.toc { margin: 16px 0 0; font-size: 14px; }
nav.toc a { margin-right: 18px; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }

.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin: 22px 0 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); break-inside: avoid; }
.card b { display: block; font-size: 26px; line-height: 1.15; }
.card small { color: var(--muted); font-size: 13px; }
.card.bad b { color: var(--fail); }
.card.good b { color: var(--pass); }

table { width: 100%; border-collapse: collapse; margin: 8px 0 16px; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 7px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 700; border-bottom: 2px solid #cfd4da; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.id { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
#threat-table { table-layout: fixed; }
#threat-table th { white-space: normal; }
.w-id { width: 20%; } .w-letter { width: 6%; } .w-element { width: 11%; } .w-title { width: 23%; }
.w-sev { width: 8.5%; } .w-response { width: 9.5%; } .w-owner { width: 7.5%; } .w-status { width: 6%; }
#threat-table th { font-size: 11px; letter-spacing: 0.02em; }
#threat-table td a { color: var(--ink); text-decoration: none; font-weight: 600; }
#threat-table td a:hover { color: var(--accent); text-decoration: underline; }
.list { margin: 0; padding: 0; list-style: none; }
.list li { margin: 0 0 2px; }

.possible { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 11px; font-weight: 600; color: #5b5b5b; border: 1px dashed #8a8a8a; }
.pill { display: inline-block; min-width: 58px; text-align: center; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 700; border: 1px solid transparent; white-space: nowrap; }
${severityRules}
.sev-none { background: #fff; color: var(--muted); border-color: #c9ced6; }
.letter { display: inline-block; width: 22px; height: 22px; line-height: 22px; text-align: center; border-radius: 4px; background: #e8eef6; color: #1e4e8c; font-weight: 700; font-size: 12px; }
.tag { display: inline-block; padding: 0 7px; border-radius: 4px; background: var(--soft); border: 1px solid var(--line); font-size: 12px; white-space: nowrap; }
.tag.bad { color: var(--fail); border-color: #f1c4c4; background: #fdf1f1; }
.tag.good { color: var(--pass); border-color: #c4e3d0; background: #f0f9f3; }
.status-done { color: var(--pass); font-weight: 600; }
.status-open { color: var(--fail); font-weight: 600; }

figure.diagram { margin: 16px 0 24px; border: 1px solid var(--line); border-radius: 8px; padding: 12px; break-inside: avoid; overflow-x: auto; }
figure.diagram svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figure.diagram figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; }

.filters { display: flex; flex-wrap: wrap; gap: 10px 14px; align-items: end; margin: 14px 0 4px; padding: 12px 14px; background: var(--soft); border: 1px solid var(--line); border-radius: 8px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); font-weight: 600; gap: 3px; }
.filters input, .filters select { font: inherit; font-size: 14px; height: 32px; padding: 0 8px; border: 1px solid #cbd2da; border-radius: 6px; background: #fff; color: var(--ink); }
.filters input[type=search] { width: 240px; }
.filters .count { margin-left: auto; font-size: 13px; color: var(--muted); }
.filters button, .chip { font: inherit; font-size: 13px; padding: 5px 10px; border-radius: 6px; border: 1px solid #cbd2da; background: #fff; cursor: pointer; }
th button { all: unset; cursor: pointer; }
th button { white-space: nowrap; }
th button::after { content: " ↕"; color: #b3bac4; }
th[aria-sort=ascending] button::after { content: " ▲"; color: var(--ink); }
th[aria-sort=descending] button::after { content: " ▼"; color: var(--ink); }
th button:focus-visible, .matrix button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }

.risk { display: grid; grid-template-columns: minmax(0, 430px) minmax(0, 1fr); gap: 28px; align-items: start; }
.matrix { border-collapse: separate; border-spacing: 4px; width: auto; font-size: 12px; margin: 0; }
.matrix tr { background: none !important; }
.matrix th, .matrix td { border: 0; padding: 0; text-transform: none; letter-spacing: 0; }
.matrix th[scope=row] { padding-right: 8px; text-align: right; vertical-align: middle; white-space: nowrap; }
.matrix thead th { text-align: center; padding-bottom: 2px; }
.matrix button { width: 72px; height: 56px; border: 0; border-radius: 6px; font: inherit; font-size: 20px; font-weight: 700; cursor: pointer;
  color: #fff; background: var(--heat); }
.matrix button.zero { background: color-mix(in srgb, var(--heat) 14%, #fff); color: color-mix(in srgb, var(--heat) 55%, #fff); font-weight: 400; }
.matrix button[aria-pressed=true] { outline: 3px solid var(--ink); outline-offset: 1px; }
.axis { font-size: 12px; color: var(--muted); text-align: center; margin: 4px 0 0; }
.legend { display: flex; flex-wrap: wrap; gap: 6px; margin: 10px 0 0; }

article.threat { border: 1px solid var(--line); border-left: 5px solid var(--sev, #c9ced6); border-radius: 6px; padding: 10px 16px 8px; margin: 0 0 12px; break-inside: avoid; }
article.threat h3 { margin: 0 0 4px; font-size: 16px; }
/* Inside a card that is never split, "keep with next" only confuses Chromium's pagination. */
article.threat h3, article.threat h4 { break-after: auto; }
article.threat .meta { margin-bottom: 6px; }
article.threat p { margin: 4px 0 8px; }
article.threat .lists { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 1fr); gap: 0 24px; font-size: 13.5px; }
article.threat h4 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 6px 0 2px; }
article.threat ul { margin: 0 0 6px; padding-left: 18px; }
article.threat ul.refs { list-style: none; padding: 0; }
article.threat:target { box-shadow: 0 0 0 3px #bfd6f2; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; font-size: 13.5px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }

.check { display: grid; grid-template-columns: 88px 1fr; gap: 4px 12px; padding: 8px 0; border-bottom: 1px solid var(--line); break-inside: avoid; }
.verdict { font-weight: 700; font-size: 13px; }
.verdict.pass { color: var(--pass); } .verdict.fail { color: var(--fail); } .verdict.warn { color: var(--warn); } .verdict.waived, .verdict.na { color: var(--muted); }
.findings .mono { white-space: nowrap; }
.findings { grid-column: 2; margin: 2px 0 0; padding-left: 18px; font-size: 13px; color: #374151; }
.banner { padding: 12px 16px; border-radius: 8px; font-weight: 700; margin: 12px 0; }
.banner.pass { background: #eef8f1; color: var(--pass); border: 1px solid #c4e3d0; }
.banner.fail { background: #fdf1f1; color: var(--fail); border: 1px solid #f1c4c4; }
footer { margin-top: 48px; font-size: 12.5px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 12px; }

@media (max-width: 760px) { main { padding: 20px 16px; } .risk { grid-template-columns: 1fr; } }
@media print {
  main { max-width: none; padding: 0; }
  nav.toc, .filters, th button::after { display: none !important; }
  h2 { margin-top: 0; break-before: page; }
  header.top + section h2 { break-before: auto; margin-top: 28px; }
  a { color: inherit; text-decoration: none; }
  figure.diagram { border: 0; padding: 0; overflow: visible; }
  /* A wide diagram scaled to the page keeps a modest height; capping it lets the first one share
     the page with the system's description instead of leaving that page half empty. */
  figure.diagram svg { max-height: 120mm; width: auto; }
  tbody tr:nth-child(even) { background: #f7f8fa; }
  .matrix button { width: 64px; height: 48px; }
  .screen-only { display: none; }
  /* Each diagram, or each part of a large one, on a page of its own, at the size it was laid out for. */
  figure.diagram-page { break-before: page; break-after: page; break-inside: avoid; margin: 0; }
  figure.diagram-page svg { display: block; margin: 0 auto; }
  figure.diagram-page figcaption { font-size: 13px; color: var(--muted); margin-top: 8px; text-align: center; }
}
`.trim()
