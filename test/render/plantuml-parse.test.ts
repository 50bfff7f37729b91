/**
 * PlantUML output is checked by PlantUML itself (`plantuml -syntax`, Debian's plantuml package)
 * when it is installed; without it these tests are skipped, saying so.
 */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { toPlantUml } from '../../src/render/index.js'
import { everyScene } from './fixtures.js'

const hasPlantUml = spawnSync('plantuml', ['-version'], { encoding: 'utf8' }).status === 0
if (!hasPlantUml) console.warn('plantuml not found: the PlantUML syntax tests are skipped (apt-get install plantuml)')

/** PlantUML's verdict: the diagram type it recognised, or ERROR and the line. */
const syntax = (text: string) => spawnSync('plantuml', ['-syntax'], { input: text, encoding: 'utf8', timeout: 60_000 }).stdout.trim()

const scenes = everyScene().map(([label, scene]) => [label, toPlantUml(scene)] as const)

describe.skipIf(!hasPlantUml)('PlantUML output, checked by PlantUML', () => {
  it('refuses a broken diagram (the check can fail)', () => {
    expect(syntax('@startuml\na -[#red,bold]-> : "unclosed\n}\n@enduml\n')).toMatch(/^ERROR/)
  })

  it.each(scenes)('%s is a diagram PlantUML reads', (_, text) => {
    const verdict = syntax(text)
    expect(verdict).not.toMatch(/ERROR/)
    expect(verdict).toMatch(/^(DESCRIPTION|SEQUENCE)/)
  }, 60_000)
})
