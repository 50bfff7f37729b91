#!/usr/bin/env node
// `node bench/knowledge/microsecend-cli.js [--microsecend DIR]`: the microSecEnD score as a table
// (per application and in total, then per microSecEnD rule), the misses, what moat raised where the
// application follows the rule, and the notes. Needs dist/ (`npm run build`).
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scoreMicrosecend } from './microsecend.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const at = args.indexOf('--microsecend')
if (args.includes('--help') || (at >= 0 && !args[at + 1])) {
  console.log('usage: node bench/knowledge/microsecend-cli.js [--microsecend DIR]   (default: ../shared/benchmarks/microsecend)')
  process.exit(at >= 0 && !args[at + 1] ? 2 : 0)
}
const dir = resolve(at >= 0 ? args[at + 1] : join(root, '..', 'shared', 'benchmarks', 'microsecend'))

const score = await scoreMicrosecend({ dir })
const percent = (x) => (x === null ? '—' : `${(x * 100).toFixed(0)} %`)
const table = (head, rows) => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ')
  return [line(head), ...rows.map(line)].join('\n')
}
const counts = (r) => [r.findings, r.matched, percent(r.recall), r.followed, r.silent, percent(r.precision)]
const head = ['findings', 'matched', 'recall', 'followed', 'silent', 'precision']

console.log(`microSecEnD: ${dir}\n`)
console.log(table(['application', ...head], [...score.apps.map((a) => [a.app, ...counts(a)]), ['total', ...counts(score)]]))
console.log(`\n${table(['rule', ...head], score.rules.map((r) => [r.rule, ...counts(r)]))}`)
const list = (title, lines) => lines.length && console.log(`\n${title} (${lines.length}):\n${lines.map((l) => `  ${l}`).join('\n')}`)
list('misses', score.misses)
list('raised where the application follows the rule', score.noise)
list('notes', score.notes)
