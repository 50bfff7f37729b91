/** Section 4, "Did we do a good enough job?": the review, check by check, grouped by question. */
import { QUESTION_TITLES, type Analysis, type Question } from '../../core/index.js'
import { reviewJson } from '../../cli/json.js'
import { html, type Markup } from './markup.js'

const VERDICT = { pass: ['pass', '✓ pass'], fail: ['fail', '✗ fail'], warn: ['warn', '! warning'], waived: ['waived', '~ waived'], 'not-applicable': ['na', '– n/a'] } as const

/**
 * @example
 * reviewSection('shop.yaml', text, analysis).text // '<section id="review">…'
 */
export function reviewSection(file: string, text: string, analysis: Analysis): Markup {
  const review = reviewJson(file, text, analysis.review)
  const failing = review.checks.filter((c) => c.status === 'fail' && c.severity === 'error').length
  return html`<section id="review">
<h2><span class="q">4 · Did we do a good enough job?</span>Review</h2>
${review.passed ? html`<div class="banner pass">The review passes: ${review.summary.pass} check(s) pass, ${review.summary.fail} warning(s), ${review.summary.waived} waived.</div>` : html`<div class="banner fail">The review fails: ${failing} check(s) fail.</div>`}
${(Object.keys(QUESTION_TITLES) as Question[]).map((q) => html`<h3>${QUESTION_TITLES[q]}</h3>
${review.checks.filter((c) => c.question === q).map((c) => {
  const [cls, label] = VERDICT[c.status === 'fail' && c.severity === 'warning' ? 'warn' : c.status]
  return html`<div class="check"><span class="verdict ${cls}">${label}</span><div><strong>${c.title}</strong> <code class="muted">${c.id}</code>${c.waiver ? html`<br><span class="muted">Waived: ${c.waiver}</span>` : ''}</div>
${c.status === 'fail' || c.status === 'waived' ? html`<ul class="findings">${c.findings.map((f) => html`<li>${f.message}${f.line ? html` <span class="muted mono">line ${f.line}</span>` : ''}</li>`)}</ul>` : ''}</div>`
})}`)}
</section>`
}
