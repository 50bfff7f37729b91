#!/usr/bin/env node
// `npm run bench`: times moat on synthetic models of the benchmark shape (N groups of web in a DMZ,
// worker and database in a core boundary, one user on the internet; 7 elements per group), phase by
// phase in this process, then as a whole `moat threats --format json` process, with its peak memory.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, statSync, writeFileSync, openSync, closeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { analyze, buildGraph, generateThreats, parseSource, validateModel, computeExposure, rankThreats } from '../dist/core/index.js'
import { loadRules } from '../dist/node/load-project.js'
import { syntheticModel } from './synthetic.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'bench', 'out')
mkdirSync(out, { recursive: true })
const sizes = (process.argv[2] ?? '100,1000,2000,5000,10000').split(',').map(Number)
const TARGETS = { 1000: 0.4, 10000: 4 }


const time = (fn) => {
  const start = performance.now()
  const value = fn()
  return [value, (performance.now() - start) / 1000]
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

const { rules } = loadRules([])
const rows = []
for (const groups of sizes) {
  const elements = groups * 7
  const file = join(out, `synthetic-${groups}.yaml`)
  const text = syntheticModel(groups)
  writeFileSync(file, text)

  // Phases, in this (warm) process.
  const [parsed, parse] = time(() => parseSource(text))
  const [validated, validate] = time(() => validateModel(parsed.data))
  const [graph, graphTime] = time(() => buildGraph(validated.model))
  const [generated, rulesTime] = time(() => generateThreats(graph, rules))
  const [ranked, rankTime] = time(() => rankThreats(graph, generated.threats))
  const [, exposureTime] = time(() => computeExposure(graph))
  const [analysis, analyzeTime] = time(() => analyze(validated.model, { rules }))
  const [, jsonTime] = time(() => JSON.stringify(analysis.threats))

  // The whole process, cold: start to JSON written, three runs, median; peak RSS from the child.
  const runs = []
  let rss = 0
  for (let run = 0; run < 3; run++) {
    const target = join(out, `threats-${groups}.json`)
    const fd = openSync(target, 'w')
    const started = performance.now()
    const child = spawnSync('/usr/bin/env', ['node', join(root, 'bench', 'measured-run.js'), 'threats', file, '--format', 'json'], { stdio: ['ignore', fd, 'pipe'] })
    runs.push((performance.now() - started) / 1000)
    closeSync(fd)
    if (child.status !== 0) throw new Error(`moat failed on ${file}: ${child.stderr}`)
    rss = Math.max(rss, Number(/maxrss=(\d+)/.exec(child.stderr.toString())?.[1] ?? 0))
    if (run === 0 && JSON.parse(readFileSync(target, 'utf8')).threats.length !== ranked.threats.length) throw new Error('threat count differs between phases and process')
  }
  rows.push({
    elements, groups, bytes: statSync(file).size, threats: ranked.threats.length,
    parse, validate, graph: graphTime, rules: rulesTime, rank: rankTime, exposure: exposureTime, analyze: analyzeTime, json: jsonTime,
    process: median(runs), rssMB: rss / 1024, target: TARGETS[groups],
  })
}

const f = (s) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`)
console.log(`moat benchmark: ${rules.length} rules, Node ${process.version}, ${new Date().toISOString()}`)
console.log('elements  threats  parse     validate  graph     rules     rank      exposure  analyze   process   peak RSS  target')
for (const r of rows) {
  console.log(
    [String(r.elements).padEnd(8), String(r.threats).padEnd(7), f(r.parse).padEnd(8), f(r.validate).padEnd(8), f(r.graph).padEnd(8), f(r.rules).padEnd(8), f(r.rank).padEnd(8), f(r.exposure).padEnd(8), f(r.analyze).padEnd(8), f(r.process).padEnd(8), `${r.rssMB.toFixed(0)} MB`.padEnd(8),
      r.target ? `${r.process <= r.target ? 'met' : 'MISSED'} (≤ ${r.target} s)` : ''].join('  '),
  )
}
const perElement = rows.map((r) => (r.process / r.elements) * 1e6)
console.log(`whole process per element: ${perElement.map((x) => `${x.toFixed(1)} µs`).join(', ')} (linear growth keeps these close)`)
writeFileSync(join(out, 'results.json'), JSON.stringify({ rules: rules.length, node: process.version, rows }, null, 2))
