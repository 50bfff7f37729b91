#!/usr/bin/env node
// Diagram benchmark (run after `npm run build`): layout + SVG of synthetic DFDs of about 200 and
// 1,000 nodes (the benchmark shape: groups of web in a DMZ, worker and database in a core boundary,
// one user on the internet), against the targets of 1 s and 8 s, and Graphviz `dot -Tsvg` on the
// same graph when it is installed.
import { spawnSync } from 'node:child_process'
import { buildGraph, checkModel } from '../dist/core/index.js'
import { renderSvg, scenesOf, toDot } from '../dist/render/index.js'
import { syntheticModel } from './synthetic.js'

const sizes = (process.argv[2] ?? '200,1000').split(',').map(Number)
const TARGETS = { 200: 1, 1000: 8 }

/** About `nodes` DFD nodes: three per group, plus the user. */
const synthetic = (nodes) => syntheticModel(Math.max(1, Math.round((nodes - 1) / 3)))

const hasDot = spawnSync('dot', ['-V']).status === 0
const rows = []
// A first small run warms ELK up (class initialisation), as the editor would be.
await renderSvg(scenesOf(buildGraph(checkModel(synthetic(10)).model))[0])
for (const size of sizes) {
  const [scene] = scenesOf(buildGraph(checkModel(synthetic(size)).model))
  const started = performance.now()
  const svg = await renderSvg(scene)
  const seconds = (performance.now() - started) / 1000
  let dot = '-'
  if (hasDot) {
    const text = toDot(scene)
    const t = performance.now()
    const result = spawnSync('dot', ['-Tsvg'], { input: text, maxBuffer: 1 << 28 })
    dot = result.status === 0 ? `${((performance.now() - t) / 1000).toFixed(2)} s` : 'failed'
  }
  const target = TARGETS[size]
  rows.push({ nodes: scene.nodes.length, flows: scene.flows.length, 'layout + SVG': `${seconds.toFixed(2)} s`, target: target ? `≤ ${target} s` : '-', ok: target ? (seconds <= target ? 'yes' : 'NO') : '-', 'SVG size': `${Math.round(svg.length / 1024)} KiB`, 'dot -Tsvg': hasDot ? dot : 'not installed' })
}
console.table(rows)
if (rows.some((r) => r.ok === 'NO')) process.exitCode = 1
