#!/usr/bin/env node
// `node bench/editor.js`: what the editor does after one edit, on a 1,000-element model, with the
// code the browser runs (dist/core, from the same sources Vite bundles): validate the edited data
// and analyse it (threats, exposure, review) with the built-in rules, compiled once at start-up.
// Prints the median of 50 edits (after 20 warm-up edits); the target is 16 ms (one frame).
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { load, CORE_SCHEMA } from 'js-yaml'
import { z } from 'zod'
import { syntheticModel } from './synthetic.js'
// As in the editor (web/src/zod-config.ts): its CSP forbids eval, so zod validates without its
// compiler. Set before the core's schemas are built, hence the dynamic import below.
z.config({ jitless: true })
const { analyze, combineRules, createIncrementalValidator, loadRulePack } = await import('../dist/core/index.js')
// As in the editor (web/src/engine.ts): entries untouched by an edit are not validated again.
const validateModel = createIncrementalValidator()

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const rulesDir = join(root, 'rules')
const packs = readdirSync(rulesDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => loadRulePack(readFileSync(join(rulesDir, f), 'utf8'), f).rules)
const { rules } = combineRules(packs)


const groups = Number(process.argv[2] ?? 143) // 143 groups × 7 = 1,001 elements
let data = load(syntheticModel(groups), { schema: CORE_SCHEMA })
const elements = ['externals', 'processes', 'stores', 'flows'].reduce((n, c) => n + Object.keys(data[c] ?? {}).length, 0)

const times = { validate: [], analyze: [], total: [] }
for (let i = 0; i < 70; i++) {
  // One field changed, as the editor changes it: a new object along the edited path only.
  const id = `web-${i % groups}`
  data = { ...data, processes: { ...data.processes, [id]: { ...data.processes[id], technology: i % 2 ? 'node' : 'go' } } }
  const t0 = performance.now()
  const { model } = validateModel(data)
  const t1 = performance.now()
  analyze(model, { rules })
  const t2 = performance.now()
  if (i >= 20) {
    times.validate.push(t1 - t0)
    times.analyze.push(t2 - t1)
    times.total.push(t2 - t0)
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]
console.log(`editor re-analysis after one edit, ${elements} elements, ${rules.length} rules (median of ${times.total.length} edits)`)
console.log(`  validate ${median(times.validate).toFixed(1)} ms · analyze ${median(times.analyze).toFixed(1)} ms · total ${median(times.total).toFixed(1)} ms (p90 ${p90(times.total).toFixed(1)} ms; target 16 ms)`)
