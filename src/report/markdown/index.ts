/**
 * `moat report --format md`: the HTML report's content as GitHub-flavoured Markdown for a
 * repository or wiki, with the diagrams as Mermaid so GitHub draws them. Every piece of model text
 * goes through escape.ts.
 */
import { QUESTION_TITLES, STRIDE_LETTER, type Analysis, type Question, type Threat } from '../../core/index.js'
import { reviewJson } from '../../cli/json.js'
import { renderText, scenesOf } from '../../render/index.js'
import { assetPlaces, nameOf, responseText, riskMatrix, type Named } from '../facts.js'
import { mdCode, mdFence, mdTable, mdText } from './escape.js'

export interface MarkdownReportOptions {
  file: string
  text: string
  toolVersion: string
}

const names = (list: Named[]) => list.map((n) => mdText(n.name)).join(', ') || '—'
const severity = (s: string) => (s === 'critical' || s === 'high' ? `**${s}**` : s)

/**
 * @example
 * const md = await markdownReport(analysis, { file: 'shop.yaml', text, toolVersion: '0.1.0' })
 */
export async function markdownReport(analysis: Analysis, options: MarkdownReportOptions): Promise<string> {
  const diagrams = await Promise.all(scenesOf(analysis.graph).map(async (s) => ({ title: s.title, mermaid: await renderText(s, 'mermaid') })))
  return [
    header(analysis, options.file),
    system(analysis, diagrams),
    threats(analysis),
    risk(analysis),
    review(analysis, options.file, options.text),
    `---\n\n_Made by moat ${mdText(options.toolVersion)} from ${mdCode(options.file)}: the model is the source; this report is generated from it._`,
  ].join('\n\n') + '\n'
}

function header(analysis: Analysis, file: string): string {
  const { system } = analysis.model
  const t = analysis.threats
  const meta = [mdCode(file), system.version !== undefined ? `version ${mdText(String(system.version))}` : '', system.owners?.length ? `owners: ${mdText(system.owners.join(', '))}` : '', ...(system.links ?? []).map(link)].filter(Boolean)
  const failing = analysis.review.checks.filter((c) => c.status === 'fail' && c.severity === 'error').length
  return [
    `# Threat model: ${mdText(system.name)}`,
    meta.join(' · '),
    mdTable(
      ['Threats', 'Without a response', 'Not done', 'High or critical residual', 'Review'],
      [[String(t.length), String(t.filter((x) => !x.response).length), String(t.filter((x) => x.status !== 'done').length), String(t.filter((x) => x.residual.severity === 'critical' || x.residual.severity === 'high').length), analysis.review.passed ? '✅ passes' : `❌ fails (${failing} check(s))`]],
    ),
    '1. [The system](#1-what-are-we-building)\n2. [Threats](#2-what-can-go-wrong-and-what-are-we-doing-about-it)\n3. [Risk and exposure](#3-where-is-the-risk)\n4. [Review](#4-did-we-do-a-good-enough-job)',
  ].join('\n\n')
}

/** A link only for http(s) URLs; anything else stays text. */
const link = (text: string) => (/^https?:\/\/[^\s<>()]+$/i.test(text.trim()) ? `<${text.trim()}>` : mdText(text))

function system(analysis: Analysis, diagrams: { title: string; mermaid: string }[]): string {
  const { model } = analysis
  const out = ['## 1. What are we building?']
  if (model.system.description) out.push(mdText(model.system.description))
  for (const d of diagrams) out.push(`### Diagram: ${mdText(d.title)}`, mdFence('mermaid', d.mermaid))
  out.push('### Assets')
  const assets = assetPlaces(analysis)
  out.push(assets.length ? mdTable(['Asset', 'Class', 'Stored in', 'Processed by', 'Carried by'], assets.map((a) => [`**${mdText(a.name)}**${a.description ? `<br>${mdText(a.description)}` : ''}`, a.classification, names(a.stored), names([...a.processed, ...a.provided]), names(a.carried)])) : '_The model names no assets._')
  out.push('### Actors')
  const actors = Object.entries(model.actors ?? {})
  out.push(actors.length ? mdTable(['Actor', 'Intent', 'Capability', 'Acts through'], actors.map(([id, a]) => [`**${mdText(a.name ?? id)}**${a.description ? `<br>${mdText(a.description)}` : ''}`, a.malicious ? 'malicious' : 'not malicious', a.capability ?? '—', names([...(a.via ?? []), ...(a.boundary ? [a.boundary] : [])].map((v) => nameOf(analysis, v)))])) : '_No actors are declared: the external entities in untrusted boundaries stand in for them._')
  out.push('### Controls')
  const controls = Object.entries(model.controls ?? {})
  out.push(controls.length ? mdTable(['Control', 'Kind', 'Status', 'Protects'], controls.map(([id, c]) => [`**${mdText(c.name ?? id)}**`, c.kind, c.status, names(c.on.map((x) => nameOf(analysis, x)))])) : '_No controls are declared._')
  out.push('### Assumptions')
  const assumptions = Object.entries(model.assumptions ?? {})
  out.push(assumptions.length ? mdTable(['Assumption', 'Status', 'Owner'], assumptions.map(([, a]) => [mdText(a.description), a.status, mdText(a.owner ?? '—')])) : '_No assumptions are written down._')
  return out.join('\n\n')
}

function threats(analysis: Analysis): string {
  const list = analysis.threats
  const element = (t: Threat) => t.elements.map((e) => mdText(nameOf(analysis, e).name)).join(', ')
  const table = mdTable(
    ['ID', 'STRIDE', 'Element', 'Title', 'Severity', 'Residual', 'Response', 'Owner', 'Status'],
    list.map((t) => [mdCode(t.id), STRIDE_LETTER[t.category], element(t), `${t.possible ? '(possible) ' : ''}[${mdText(t.title)}](#${anchor(t)})`, severity(t.severity), severity(t.residual.severity), responseText(t), mdText(t.response?.owner ?? ''), t.status]),
  )
  const details = list.map((t) => {
    const lines = [`<a id="${anchor(t)}"></a>`, `#### ${t.possible ? '(possible) ' : ''}${mdText(t.title)}`, `${mdCode(t.id)} · ${STRIDE_LETTER[t.category]} ${t.category} · ${element(t)} · severity ${t.severity} (${t.likelihood} × ${t.impact}) → residual ${t.residual.severity} · ${t.response ? `${responseText(t)}, ${t.status}` : 'no response yet'}`]
    if (t.description) lines.push(mdText(t.description))
    if (t.response?.rationale) lines.push(`Rationale: ${mdText(t.response.rationale)}`)
    if (t.mitigations.length) lines.push(`Mitigations:\n\n${t.mitigations.map((m) => `- ${mdText(m)}`).join('\n')}`)
    if (t.references.length) lines.push(`References: ${t.references.map(link).join(', ')}`)
    return lines.join('\n\n')
  })
  return ['## 2. What can go wrong, and what are we doing about it?', `${list.length} threat(s), highest residual risk first; ${list.filter((t) => t.status !== 'done').length} not done.`, table, '### Threat details', ...details].join('\n\n')
}

/** Threat ids hold only `[A-Za-z0-9_.:@+-]`; an anchor keeps letters, digits and `-`. */
const anchor = (t: Threat) => `threat-${t.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`

function risk(analysis: Analysis): string {
  const matrix = riskMatrix(analysis.threats)
  const out = ['## 3. Where is the risk?', '### Residual risk matrix', 'Threats still carrying risk once their responses are done, by residual likelihood (rows) and impact (columns).']
  out.push(mdTable(['likelihood \\ impact', ...matrix[0]!.map((c) => c.impact)], matrix.map((row) => [`**${row[0]!.likelihood}**`, ...row.map((c) => (c.count ? `**${c.count}** (${c.severity})` : '·'))])))
  out.push('### Exposure')
  const { actors, rows } = analysis.exposure
  const name = (id: string) => mdText(nameOf(analysis, id).name)
  if (actors.length === 0) out.push('_No untrusted or malicious actor, and no external entity in an untrusted boundary: nothing to trace._')
  else if (rows.length === 0) out.push('_The untrusted actors reach no asset._')
  else {
    out.push(mdTable(['Actor', 'Asset', 'Class', 'Reached at', 'Guards', 'Crosses', 'Path'], rows.map((r) => [
      mdText(actors.find((a) => a.id === r.actor)?.name ?? r.actor), mdText(analysis.graph.assets.get(r.asset)?.name ?? r.asset), r.classification, name(r.at),
      r.guards.length ? r.guards.map((g) => mdText(analysis.model.controls?.[g]?.name ?? g)).join(', ') : '**none**', r.boundariesCrossed.map(name).join(', ') || '—', r.path.map(name).join(' → '),
    ])))
  }
  return out.join('\n\n')
}

function review(analysis: Analysis, file: string, text: string): string {
  const r = reviewJson(file, text, analysis.review)
  const mark = { pass: '✅ pass', fail: '❌ fail', waived: '〰️ waived', 'not-applicable': '➖ n/a' } as const
  const out = ['## 4. Did we do a good enough job?', r.passed ? `**The review passes**: ${r.summary.pass} check(s) pass, ${r.summary.fail} warning(s), ${r.summary.waived} waived.` : `**The review fails**: ${r.checks.filter((c) => c.status === 'fail' && c.severity === 'error').length} check(s) fail.`]
  for (const q of Object.keys(QUESTION_TITLES) as Question[]) {
    out.push(`### ${QUESTION_TITLES[q]}`)
    out.push(r.checks.filter((c) => c.question === q).map((c) => {
      const verdict = c.status === 'fail' && c.severity === 'warning' ? '⚠️ warning' : mark[c.status]
      const findings = c.status === 'fail' || c.status === 'waived' ? c.findings.map((f) => `\n  - ${mdText(f.message)}${f.line ? ` (line ${f.line})` : ''}`).join('') : ''
      return `- ${verdict}: **${mdText(c.title)}** ${mdCode(c.id)}${c.waiver ? ` — waived: ${mdText(c.waiver)}` : ''}${findings}`
    }).join('\n'))
  }
  return out.join('\n\n')
}
