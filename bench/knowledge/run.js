#!/usr/bin/env node
// `npm run bench:knowledge`: how much of what experts and other tools find moat finds too. Scores
// the built-in rules against each corpus (microSecEnD's verdicts, pytm's findings, threats people
// wrote in Threat Dragon) and prints per corpus the findings, how many moat matched, recall,
// precision where the corpus says what is not a problem, and the misses. docs/knowledge.md.
//
//   node bench/knowledge/run.js [--microsecend DIR]... [--pytm FILE]... [--threat-dragon FILE]... [--json]
//
// With no corpus named, the corpora beside the project (../shared) are scored.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { builtinRules } from './moat.js'
import { scorePytm } from './pytm.js'
import { scoreThreatDragon } from './threat-dragon.js'

const here = dirname(fileURLToPath(import.meta.url))
const shared = resolve(here, '..', '..', '..', 'shared')
const TARGET = 90

const DEFAULTS = {
  microsecend: [join(shared, 'benchmarks', 'microsecend')],
  pytm: [join(shared, 'benchmarks', 'pytm', 'tm.json')],
  'threat-dragon': [join(shared, 'fixtures', 'threat-dragon', 'v2-threat-model.json')],
}

const { values } = parseArgs({
  options: {
    microsecend: { type: 'string', multiple: true },
    pytm: { type: 'string', multiple: true },
    'threat-dragon': { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})
if (values.help) {
  console.log('usage: node bench/knowledge/run.js [--microsecend DIR]... [--pytm FILE]... [--threat-dragon FILE]... [--json]\nWith no corpus named, the corpora under ../shared are scored.')
  process.exit(0)
}
const named = Object.keys(DEFAULTS).some((k) => values[k])
const corpora = Object.fromEntries(Object.entries(DEFAULTS).map(([k, defaults]) => [k, named ? (values[k] ?? []).map((p) => resolve(p)) : defaults]))

/** microsecend.js comes with the microSecEnD importer; until it is there, say so instead of failing. */
async function microsecendScorer() {
  const file = join(here, 'microsecend.js')
  if (!existsSync(file)) return undefined
  return (await import(file)).scoreMicrosecend
}

const results = []
async function score(label, path, run) {
  // A default corpus may be absent (a checkout without ../shared); one the user named may not.
  if (!existsSync(path)) return results.push({ corpus: `${label} ${path}`, error: named ? 'not found' : 'not found: skipped', skipped: !named })
  try {
    results.push(await run())
  } catch (error) {
    results.push({ corpus: `${label} ${path}`, error: String(error?.message ?? error).split('\n')[0] })
  }
}

const scoreMicrosecend = await microsecendScorer()
for (const dir of corpora.microsecend) {
  if (!scoreMicrosecend) results.push({ corpus: `microSecEnD ${dir}`, error: 'scorer missing: bench/knowledge/microsecend.js comes with the microSecEnD importer', skipped: true })
  else await score('microSecEnD', dir, () => scoreMicrosecend({ dir }))
}
for (const file of corpora.pytm) await score('pytm', file, () => scorePytm({ file }))
for (const file of corpora['threat-dragon']) await score('Threat Dragon', file, () => scoreThreatDragon({ file }))

// Every scorer reports counts; recall and precision are computed here, once, as percentages, so
// the corpora's rows are alike whatever scale a scorer uses for its own ratios.
for (const r of results) {
  if (r.error) continue
  const real = r.real ?? r.findings
  r.recall = real ? (100 * r.matched) / real : null
  if (r.followed !== undefined) r.precision = r.followed ? (100 * r.silent) / r.followed : null
}

if (values.json) {
  console.log(JSON.stringify({ rules: builtinRules().length, target: TARGET, corpora: results }, null, 2))
} else {
  printTable()
}
process.exitCode = results.some((r) => r.error && !r.skipped) ? 1 : 0

function printTable() {
  const pct = (x) => (x === null || x === undefined ? '–' : `${x.toFixed(1)}%`)
  const rows = results.map((r) =>
    r.error
      ? [r.corpus, '', '', '', '', '', r.error]
      : [
          r.corpus,
          String(r.findings),
          String(r.real ?? r.findings),
          String(r.matched),
          pct(r.recall),
          r.precision === undefined ? '–' : `${pct(r.precision)} (${r.silent}/${r.followed} silent)`,
          r.recall === null ? '' : r.recall >= TARGET ? 'met' : `missed by ${(TARGET - r.recall).toFixed(1)} points`,
        ],
  )
  const header = ['corpus', 'findings', 'real', 'matched', 'recall', 'precision', `target (≥ ${TARGET}%)`]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells) => cells.map((c, i) => (i === 0 || i >= 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd()
  console.log(`moat knowledge benchmark: ${builtinRules().length} built-in rules, Node ${process.version}`)
  console.log(line(header))
  for (const row of rows) console.log(line(row))
  console.log('real: the findings that are not noise (pytm); precision: where the corpus says what is not a problem (microSecEnD)')

  for (const r of results.filter((x) => x.kinds?.length)) {
    const missed = r.kinds.filter((k) => (k.real ?? k.findings) > k.matched)
    if (!missed.length) continue
    console.log(`\nMost missed kinds, ${r.corpus}:`)
    for (const k of missed) console.log(`  ${String((k.real ?? k.findings) - k.matched).padStart(3)} of ${String(k.real ?? k.findings).padStart(3)}  ${k.id}${k.title ? ` ${k.title}` : ''}`)
  }
  for (const r of results.filter((x) => x.misses?.length)) {
    console.log(`\nMisses, ${r.corpus} (${r.misses.length}):`)
    for (const miss of r.misses) console.log(`  - ${miss}`)
  }
  for (const r of results.filter((x) => x.notes?.length)) {
    console.log(`\nNotes, ${r.corpus}:`)
    for (const note of r.notes) console.log(`  - ${note}`)
  }
}
