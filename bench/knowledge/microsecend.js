// The microSecEnD knowledge benchmark: for each application of the dataset, moat imports its DFD,
// generates its threats, and is scored against the researchers' verdicts on 25 security rules.
// A violated rule's related model item is a finding: matched when moat raises a threat (or a review
// finding) of a mapped kind on that item. A followed rule's item is a pair where moat should stay
// silent. The mapping is data (mappings/microsecend.yaml); docs/knowledge.md explains it.
// Plain JS over dist/: run `npm run build` first.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { analyze, CHECKS, parseSource, validateModel } from '../../dist/core/index.js'
import { importAny, InteropError } from '../../dist/interop/index.js'
import { loadRules } from '../../dist/node/load-project.js'

export const MAPPING = fileURLToPath(new URL('./mappings/microsecend.yaml', import.meta.url))

const NODE_SIDES = ['element', 'flows', 'callees']
const FLOW_SIDES = ['flow', 'from', 'to']

/**
 * Scores moat's built-in rules (or `rules`, compiled) against every application folder in `dir`.
 * @example
 * const score = await scoreMicrosecend({ dir: '../shared/benchmarks/microsecend' })
 * console.log(score.recall, score.misses)
 */
export async function scoreMicrosecend({ dir, mapping = MAPPING, rules } = {}) {
  const notes = []
  const compiled = rules ?? loadRules([]).rules
  const entries = readMapping(mapping, notes, compiled)
  const apps = []
  const byRule = new Map()
  const excluded = new Map()
  const misses = []
  const noise = []
  for (const folder of appFolders(dir, notes)) {
    const scored = scoreApp(folder, entries, compiled, notes)
    if (!scored) continue
    apps.push(scored.row)
    misses.push(...scored.misses)
    noise.push(...scored.noise)
    for (const [rule, left] of scored.excluded) {
      const total = excluded.get(rule) ?? { findings: 0, followed: 0 }
      total.findings += left.findings
      total.followed += left.followed
      excluded.set(rule, total)
    }
    for (const [rule, counts] of scored.byRule) {
      const total = byRule.get(rule) ?? { findings: 0, matched: 0, followed: 0, silent: 0 }
      for (const k of Object.keys(total)) total[k] += counts[k]
      byRule.set(rule, total)
    }
  }
  for (const [rule, entry] of Object.entries(entries)) {
    const left = excluded.get(rule) ?? { findings: 0, followed: 0 }
    if (entry.uncovered) notes.push(`${rule} is not scored (${left.findings} violated and ${left.followed} followed items): ${oneLine(entry.uncovered)}`)
  }
  const sum = (key) => apps.reduce((n, a) => n + a[key], 0)
  const findings = sum('findings')
  const matched = sum('matched')
  const followed = sum('followed')
  const silent = sum('silent')
  return {
    corpus: 'microSecEnD',
    findings,
    matched,
    recall: ratio(matched, findings),
    followed,
    silent,
    precision: ratio(silent, followed),
    misses,
    notes,
    apps,
    rules: [...byRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, counts]) => ({ rule, ...counts, recall: ratio(counts.matched, counts.findings), precision: ratio(counts.silent, counts.followed) })),
    noise,
  }
}

const ratio = (part, whole) => (whole === 0 ? null : part / whole)
const oneLine = (text) => String(text).replace(/\s+/g, ' ').trim()

/** The mapping, checked: every moat rule and review check it names must exist, or it is said in the notes. */
function readMapping(file, notes, rules) {
  const data = parse(readFileSync(file, 'utf8'))
  const entries = data?.rules ?? {}
  const ruleIds = new Set(rules.map((r) => r.id))
  const checkIds = new Set(CHECKS.map((c) => c.id))
  for (const [id, entry] of Object.entries(entries)) {
    for (const rule of entry.moat ?? []) if (!ruleIds.has(rule)) notes.push(`mapping ${id} names moat rule "${rule}", which no loaded rule has`)
    for (const check of entry.review ?? []) if (!checkIds.has(check)) notes.push(`mapping ${id} names review check "${check}", which moat does not have`)
    for (const side of entry.node ?? []) if (!NODE_SIDES.includes(side)) notes.push(`mapping ${id}: node side "${side}" is not one of ${NODE_SIDES.join(', ')}`)
    for (const side of entry.flow ?? []) if (!FLOW_SIDES.includes(side)) notes.push(`mapping ${id}: flow side "${side}" is not one of ${FLOW_SIDES.join(', ')}`)
  }
  return entries
}

/** One folder per application, laid out as the dataset is: <app>/<app>.json and <app>/<app>_rules_model_items.json. */
function appFolders(dir, notes) {
  if (!existsSync(dir)) {
    notes.push(`${dir}: no such folder`)
    return []
  }
  // DIR may also be one application's folder.
  const own = readdirSync(dir).some((f) => f.endsWith('_rules_model_items.json'))
  const paths = own ? [dir] : readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name)).sort()
  const folders = []
  for (const path of paths) {
    const app = basename(path)
    const files = readdirSync(path)
    const verdicts = files.find((f) => f.endsWith('_rules_model_items.json'))
    const dfd = files.includes(`${app}.json`) ? `${app}.json` : files.find((f) => f.endsWith('.json') && !/_(rules_model_items|traceability)\.json$/.test(f))
    if (!verdicts || !dfd) {
      notes.push(`${path}: skipped, it holds no ${!dfd ? 'DFD (<app>.json)' : 'verdicts (<app>_rules_model_items.json)'}`)
      continue
    }
    folders.push({ app, dfd: join(path, dfd), verdicts: join(path, verdicts) })
  }
  if (!paths.length) notes.push(`${dir}: no application folders (<app>/<app>.json and <app>/<app>_rules_model_items.json)`)
  return folders
}

function scoreApp({ app, dfd, verdicts }, entries, rules, notes) {
  const verdictData = readJson(verdicts, notes, app)
  if (!verdictData) return undefined
  let imported
  try {
    imported = importAny(readFileSync(dfd, 'utf8'), { fileName: basename(dfd), from: 'microsecend' })
  } catch (cause) {
    if (!(cause instanceof InteropError)) throw cause
    notes.push(`${dfd}${cause.at ? `:${cause.at.line}:${cause.at.column}` : ''}: ${cause.message}; ${app} skipped`)
    return undefined
  }
  const { model, diagnostics } = validateModel(imported.model)
  if (!model) {
    notes.push(`${app}: the imported model does not validate (${diagnostics.find((d) => d.severity === 'error')?.message}); skipped`)
    return undefined
  }
  const analysis = analyze(model, { rules })
  const raised = raisedOn(analysis)
  const items = itemIndex(model)

  const row = { app, findings: 0, matched: 0, followed: 0, silent: 0 }
  const byRule = new Map()
  const excluded = new Map()
  const misses = []
  const noise = []
  for (const [rule, verdict] of Object.entries(verdictData.rules ?? {})) {
    const entry = entries[rule]
    if (!entry) {
      notes.push(`${app}: ${rule} has no entry in the mapping; not scored`)
      continue
    }
    if (typeof verdict?.verdict !== 'boolean') {
      notes.push(`${app}: ${rule} has no true or false verdict; not scored`)
      continue
    }
    if (entry.uncovered) {
      const left = excluded.get(rule) ?? { findings: 0, followed: 0 }
      left[verdict.verdict ? 'followed' : 'findings'] += (verdict.related_model_items ?? []).length
      excluded.set(rule, left)
      continue
    }
    const kinds = { moat: entry.moat ?? [], review: entry.review ?? [] }
    const covered = kinds.moat.length + kinds.review.length > 0
    // Followed pairs of a rule moat has nothing for prove nothing: moat is silent by construction.
    if (verdict.verdict && !covered) continue
    const related = []
    for (const item of verdict.related_model_items ?? []) {
      const elements = items.resolve(item, entry)
      if (elements) related.push({ item, elements })
      else notes.push(`${app} ${rule}: "${item}" is not an element or flow of the DFD; not scored`)
    }
    const pairs = entry.scope === 'system'
      ? related.length ? [{ item: `(the application: ${related.length} related item${related.length === 1 ? '' : 's'})`, elements: related.flatMap((r) => r.elements) }] : []
      : related
    const counts = byRule.get(rule) ?? { findings: 0, matched: 0, followed: 0, silent: 0 }
    for (const { item, elements } of pairs) {
      const hits = elements.flatMap((id) => [...(raised.get(id) ?? [])]).filter((kind) => kinds.moat.includes(kind) || kinds.review.includes(kind))
      if (!verdict.verdict) {
        counts.findings++
        if (hits.length) counts.matched++
        else misses.push(`${app} ${rule} ${item}: ${covered ? `expected one of [${[...kinds.moat, ...kinds.review].join(', ')}]` : 'no moat rule maps to it yet'}`)
      } else {
        counts.followed++
        if (!hits.length) counts.silent++
        else noise.push(`${app} ${rule} ${item}: followed, yet moat raises [${[...new Set(hits)].join(', ')}]`)
      }
    }
    byRule.set(rule, counts)
  }
  for (const counts of byRule.values()) for (const k of ['findings', 'matched', 'followed', 'silent']) row[k] += counts[k]
  return { row: { ...row, recall: ratio(row.matched, row.findings), precision: ratio(row.silent, row.followed) }, byRule, excluded, misses, noise }
}

/** JSON, or a note naming file:line:column of the syntax error. */
function readJson(file, notes, app) {
  const text = readFileSync(file, 'utf8')
  try {
    return JSON.parse(text)
  } catch {
    const syntax = parseSource(text, { format: 'json' }).diagnostics[0]
    const at = syntax?.range ? `:${syntax.range.line}:${syntax.range.column}` : ''
    const found = syntax?.range ? text[syntax.range.offset] : undefined
    notes.push(`${file}${at}: not valid JSON${found ? ` (unexpected ${JSON.stringify(found)})` : ''}; ${app} skipped`)
    return undefined
  }
}

/**
 * Per element or flow id: the moat rules whose threat is raised there (not mitigated by a control
 * the model states; a "possible" threat counts), and the review checks with a finding there.
 */
function raisedOn(analysis) {
  const raised = new Map()
  const add = (id, kind) => {
    if (!raised.has(id)) raised.set(id, new Set())
    raised.get(id).add(kind)
  }
  for (const threat of analysis.threats) {
    if (threat.origin !== 'rule') continue
    if (threat.response?.source === 'controls' && threat.status === 'done') continue
    add(threat.elements[0], threat.rule)
  }
  for (const check of analysis.review.checks) {
    for (const finding of check.findings) if (finding.subject) add(finding.subject, check.id)
  }
  return raised
}

/** The dataset names items by the DFD's names ("config", "config -> registry"); the importer keeps them as `name`. */
function itemIndex(model) {
  const byName = new Map()
  for (const collection of ['externals', 'processes', 'stores']) {
    for (const [id, element] of Object.entries(model[collection] ?? {})) if (!byName.has(element.name ?? id)) byName.set(element.name ?? id, id)
  }
  const flows = Object.entries(model.flows ?? {})
  return {
    resolve(item, entry) {
      const arrow = /^(.*?)\s*->\s*(.*)$/.exec(item)
      if (!arrow) {
        const id = byName.get(item.trim())
        if (!id) return undefined
        const sides = entry.node ?? ['element']
        const own = flows.filter(([, f]) => f.from === id || f.to === id)
        return [
          ...(sides.includes('element') ? [id] : []),
          ...(sides.includes('flows') ? own.map(([fid]) => fid) : []),
          ...(sides.includes('callees') ? own.filter(([, f]) => f.from === id).map(([, f]) => f.to) : []),
        ]
      }
      const from = byName.get(arrow[1].trim())
      const to = byName.get(arrow[2].trim())
      const matching = flows.filter(([, f]) => f.from === from && f.to === to)
      if (!from || !to || !matching.length) return undefined
      const sides = entry.flow ?? ['flow']
      return [...(sides.includes('flow') ? matching.map(([fid]) => fid) : []), ...(sides.includes('from') ? [from] : []), ...(sides.includes('to') ? [to] : [])]
    },
  }
}
