/**
 * Every diagram of every example and every real file from another tool (imported, then drawn) is
 * clean: nothing covers a label, a shape, an arrowhead or a boundary's name. Each is drawn twice,
 * at the source's positions (where it has them all) and laid out by ELK.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildGraph, checkModel } from '../../src/core/index.js'
import { importAny, modelToYaml } from '../../src/interop/index.js'
import { describeOverlap, diagramScenes, findOverlaps, hasFixedLayout, layoutElk, layoutFixed, type Scene } from '../../src/render/index.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname

/** The models from other tools' files: each one's DFD scenes. */
const FIXTURE_FILES = [
  'threat-dragon/v2-threat-model.json',
  'threat-dragon/three-tier-web-app.json',
  'threat-dragon/generic-cms.json',
  'threat-dragon/payment-online.json',
  'threat-dragon/v1-demo-threat-model.json',
  'otm/manual-threat-model.otm.yaml',
  'otm/mobile-cloud.otm.json',
  'otm/otm-example.json',
  'threagile/example-threagile.yaml',
  'threagile/stub-threagile.yaml',
  'drawio/dfd-example.drawio.xml',
  'tmt/MTMT_example.tm7',
  'tmt/MTMT_nested_tz.tm7',
  'tmt/SDL_all_components.tm7',
  'tmt/missing_coordinates.tm7',
  'threat-composer/ThreatComposer.tc.json',
]

/**
 * Drawings that are not clean yet, for a reason outside the renderer. The test expects them to
 * fail: once the reason is fixed it fails, and the entry goes.
 */
const KNOWN: Record<string, string> = {}

function scenesOfModel(yaml: string): Scene[] {
  const { model, diagnostics } = checkModel(yaml)
  if (!model) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  return diagramScenes(buildGraph(model)).filter((s) => s.kind === 'dfd')
}

function imported(file: string): string {
  const result = importAny(readFileSync(FIXTURES + file, 'utf8'), { fileName: file })
  return modelToYaml(result.model, { format: result.format, source: file, warnings: result.warnings.length })
}

type Case = [name: string, scene: Scene, how: 'source positions' | 'ELK']

function cases(label: string, yaml: string): Case[] {
  return scenesOfModel(yaml).flatMap((scene): Case[] => [
    ...(hasFixedLayout(scene) ? [[`${label}: ${scene.id} (source positions)`, scene, 'source positions'] as Case] : []),
    [`${label}: ${scene.id} (ELK)`, scene, 'ELK'],
  ])
}

const exampleCases = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => cases(`examples/${f}`, readFileSync(EXAMPLES + f, 'utf8')))
const fixtureCases = haveFixtures ? FIXTURE_FILES.flatMap((f) => cases(f, imported(f))) : []

async function overlapsOf(scene: Scene, how: Case[2]): Promise<string[]> {
  const layout = how === 'ELK' ? await layoutElk({ ...scene, positions: undefined }) : layoutFixed(scene)
  return findOverlaps(scene, layout).map(describeOverlap)
}

describe('drawings of the examples', () => {
  it.each(exampleCases)('%s has no overlaps', async (_, scene, how) => {
    expect(await overlapsOf(scene, how)).toEqual([])
  })
})

describe.skipIf(!haveFixtures)('drawings of files from other tools', () => {
  it('cover every fixture file and both layouts', () => {
    expect(fixtureCases.filter(([, , how]) => how === 'source positions').length).toBeGreaterThanOrEqual(10)
    expect(fixtureCases.length).toBeGreaterThanOrEqual(FIXTURE_FILES.length + 10)
  })

  for (const [name, scene, how] of fixtureCases) {
    if (KNOWN[name]) {
      it.fails(`${name} has overlaps, known: ${KNOWN[name]}`, async () => {
        expect(await overlapsOf(scene, how)).toEqual([])
      })
    } else {
      it(`${name} has no overlaps`, async () => {
        expect(await overlapsOf(scene, how)).toEqual([])
      })
    }
  }
})
