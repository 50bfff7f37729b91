/**
 * `moat report --format html`: one self-contained page that answers the four questions in order
 * (the system, the threats and responses, the risk, the review). No request leaves it: styles,
 * the script and the diagrams are inline, under a Content-Security-Policy that forbids the rest.
 */
import type { Analysis } from '../../core/index.js'
import { printableArea } from '../print-page.js'
import { contentSecurityPolicy } from './csp.js'
import { diagramFigures } from './diagrams.js'
import { html, linkOrText, trusted, type Markup } from './markup.js'
import { reviewSection } from './review.js'
import { riskSection } from './risk.js'
import { REPORT_SCRIPT } from './script.js'
import { REPORT_CSS } from './style.js'
import { systemSection } from './system.js'
import { threatsSection } from './threats.js'

export interface HtmlReportOptions {
  /** The model file, as the user named it: shown in the header and the review's findings. */
  file: string
  /** The model's text, to give each review finding its line. */
  text: string
  toolVersion: string
  /**
   * `print`: the page the PDF is printed from. The summary and the risk matrix come first, each
   * diagram gets pages of its own at a readable size (split when large), and what only works on
   * a screen (filters, sort buttons, the script, "select a cell") is left out.
   */
  layout?: 'screen' | 'print'
}

/** Room a diagram's caption takes on its page, in CSS pixels. */
const CAPTION = 48

/**
 * @example
 * const page = await htmlReport(analysis, { file: 'shop.yaml', text, toolVersion: '0.1.0' })
 */
export async function htmlReport(analysis: Analysis, options: HtmlReportOptions): Promise<string> {
  const print = options.layout === 'print'
  const area = printableArea()
  const figures = await diagramFigures(analysis, print ? { page: { width: area.width, height: area.height - CAPTION } } : {})
  const sections = print
    ? [riskSection(analysis, { print }), systemSection(analysis, figures), threatsSection(analysis, { print }), reviewSection(options.file, options.text, analysis)]
    : [systemSection(analysis, figures), threatsSection(analysis), riskSection(analysis), reviewSection(options.file, options.text, analysis)]
  const body = html`<body${print ? html` class="print"` : ''}>
<main>
${header(analysis, options.file, print)}
${sections}
<footer>Made by moat ${options.toolVersion} from <code>${options.file}</code>. Threat modeling as code: the model is the source; this report is generated from it.</footer>
</main>
${print ? '' : html`<script>${trusted(REPORT_SCRIPT)}</script>`}
</body>`.text
  const head = html`<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${await contentSecurityPolicy(`<style>${REPORT_CSS}</style>${body}`)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="${`moat ${options.toolVersion}`}">
<title>${`Threat model: ${analysis.model.system.name}`}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>`.text
  return `<!doctype html>\n<html lang="en">\n${head}\n${body}\n</html>\n`
}

function header(analysis: Analysis, file: string, print: boolean): Markup {
  const { system } = analysis.model
  const threats = analysis.threats
  const open = threats.filter((t) => t.status !== 'done')
  const serious = threats.filter((t) => t.residual.severity === 'critical' || t.residual.severity === 'high')
  const unanswered = threats.filter((t) => !t.response)
  const failing = analysis.review.checks.filter((c) => c.status === 'fail' && c.severity === 'error').length
  const card = (value: string | number, label: string, tone = '') => html`<div class="card ${tone}"><b>${value}</b><small>${label}</small></div>`
  return html`<header class="top">
<p class="kicker">Threat model${system.kind === 'protocol' ? ' · protocol' : ''}</p>
<h1>${system.name}</h1>
<p class="meta"><span><code>${file}</code></span>${system.version !== undefined ? html`<span>version ${String(system.version)}</span>` : ''}${system.owners?.length ? html`<span>owners: ${system.owners.join(', ')}</span>` : ''}${(system.links ?? []).map((l) => html`<span>${linkOrText(l)}</span>`)}</p>
<div class="cards">
${card(threats.length, 'threats found')}
${card(unanswered.length, 'without a response', unanswered.length ? 'bad' : 'good')}
${card(open.length, 'responses not done', open.length ? 'bad' : 'good')}
${card(serious.length, 'high or critical residual risk', serious.length ? 'bad' : 'good')}
${card(analysis.review.passed ? 'passes' : 'fails', analysis.review.passed ? 'review' : `review: ${failing} check(s) fail`, analysis.review.passed ? 'good' : 'bad')}
</div>
${print ? '' : html`<nav class="toc" aria-label="Contents"><a href="#system">1 · The system</a><a href="#threats">2 · Threats</a><a href="#risk">3 · Risk and exposure</a><a href="#review">4 · Review</a></nav>`}
</header>`
}
