// The benchmark's model shape, shared by every benchmark: N groups, each a web server in a DMZ
// boundary, a worker and a database in a core boundary, and one user in the internet boundary,
// with flows user→web (HTTPS), web→worker, worker→db and db→worker (7 elements per group).

/** The YAML text of a model of `groups` groups. */
export function syntheticModel(groups) {
  const lines = ['moat: 1', 'system: {name: Synthetic, kind: product, description: Benchmark shape}', 'boundaries:', '  internet: {name: Internet}', '  dmz: {name: DMZ}', '  core: {name: Core}', 'externals:', '  user: {name: User, boundary: internet}', 'processes:']
  for (let i = 0; i < groups; i++) lines.push(`  web-${i}: {name: Web ${i}, boundary: dmz}`, `  worker-${i}: {name: Worker ${i}, boundary: core}`)
  lines.push('stores:')
  for (let i = 0; i < groups; i++) lines.push(`  db-${i}: {name: DB ${i}, boundary: core}`)
  lines.push('flows:')
  for (let i = 0; i < groups; i++) lines.push(`  req-${i}: {name: req ${i}, from: user, to: web-${i}, protocol: HTTPS}`, `  job-${i}: {name: job ${i}, from: web-${i}, to: worker-${i}}`, `  store-${i}: {name: store ${i}, from: worker-${i}, to: db-${i}}`, `  load-${i}: {name: load ${i}, from: db-${i}, to: worker-${i}}`)
  return `${lines.join('\n')}\n`
}
