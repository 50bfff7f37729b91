import type { Exposure } from '../../core/index.js'
import { analyseOrReport, EXIT, type AnalysisOptions, type Io } from '../context.js'
import { JSON_VERSION } from '../json.js'
import { reportsJson } from '../print-diagnostics.js'
import { clean } from '../style.js'
import { table } from '../table.js'

/** `moat exposure FILE`: which untrusted or malicious actors reach which assets, and how. */
export function exposureCommand(file: string, options: AnalysisOptions, io: Io): number {
  const project = analyseOrReport(file, options, io)
  if (!project) return EXIT.findings
  const { exposure } = project.analysis
  if (options.format === 'json') {
    io.out(JSON.stringify({ version: JSON_VERSION, file, actors: exposure.actors, exposure: exposure.rows, diagnostics: reportsJson(project.reports) }, null, 2))
    return EXIT.ok
  }
  const s = io.style
  if (exposure.actors.length === 0) {
    io.out('No untrusted or malicious actor, and no external in an untrusted boundary: nothing to trace. Declare actors with "malicious: true".')
    return EXIT.ok
  }
  io.out(s.bold(`Actors traced: ${exposure.actors.map((a) => `${clean(a.id)}${a.implicit ? ' (external)' : ''}`).join(', ')}`))
  if (exposure.rows.length === 0) {
    io.out('They reach no asset (name assets in stores\' and flows\' "data:").')
    return EXIT.ok
  }
  io.out(
    table<Exposure>(
      exposure.rows,
      [
        { header: 'ACTOR', value: (r) => r.actor, fit: { kind: 'wrap', min: 10 } },
        { header: 'ASSET', value: (r) => r.asset, fit: { kind: 'wrap', min: 10 } },
        { header: 'CLASS', value: (r) => r.classification },
        { header: 'AT', value: (r) => r.at, fit: { kind: 'wrap', min: 10 } },
        { header: 'GUARDS', value: (r) => (r.guards.length ? r.guards.join(', ') : 'none'), styled: (r, x) => (r.guards.length ? s.green(x) : s.red(x)), fit: { kind: 'wrap', min: 10 } },
        { header: 'CROSSES', value: (r) => r.boundariesCrossed.join(', ') || '-', fit: { kind: 'wrap', min: 9 } },
        { header: 'PATH', value: (r) => r.path.join(' → '), fit: { kind: 'wrap', min: 16, weight: 2 } },
      ],
      { width: io.width, header: s.bold },
    ),
  )
  return EXIT.ok
}
