/**
 * The drawings themselves, as files under __snapshots__/: a change in the output shows as a diff
 * in review. Update them on purpose (`npx vitest run test/render/snapshots.test.ts -u`), after
 * looking at the pictures.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildGraph, checkModel } from '../../src/core/index.js'
import { importAny, modelToYaml } from '../../src/interop/index.js'
import { diagramScenes, renderText, type Scene } from '../../src/render/index.js'
import { FIXTURES, haveFixtures } from '../fixtures.js'

const scenesOf = (yaml: string): Scene[] => diagramScenes(buildGraph(checkModel(yaml).model!))
const example = (name: string) => scenesOf(readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8'))
const fixture = (file: string) => {
  const result = importAny(readFileSync(FIXTURES + file, 'utf8'), { fileName: file })
  return scenesOf(modelToYaml(result.model, { format: result.format, source: file, warnings: 0 }))
}

describe('drawings of the examples', () => {
  it.each(example('shop').map((s) => [s.id, s] as const))('shop: %s', async (id, scene) => {
    await expect(await renderText(scene, 'svg')).toMatchFileSnapshot(`__snapshots__/shop-${id}.svg`)
  })

  it.each(example('login-protocol').map((s) => [s.id, s] as const))('login-protocol: %s', async (id, scene) => {
    await expect(await renderText(scene, 'svg')).toMatchFileSnapshot(`__snapshots__/login-protocol-${id}.svg`)
  })

  it.each(['mermaid', 'dot', 'plantuml'] as const)('shop: system as %s', async (format) => {
    await expect(await renderText(example('shop')[0]!, format)).toMatchFileSnapshot(`__snapshots__/shop-system.${format === 'mermaid' ? 'mmd' : format === 'dot' ? 'dot' : 'puml'}`)
  })
})

describe.skipIf(!haveFixtures)('drawings of files from other tools, at their positions', () => {
  it.each([
    ['tmt/MTMT_example.tm7', 'tmt-example'],
    ['threat-dragon/v2-threat-model.json', 'td-v2-demo'],
    ['threat-dragon/payment-online.json', 'td-payment'],
    ['drawio/dfd-example.drawio.xml', 'drawio-example'],
  ])('%s', async (file, name) => {
    const [scene] = fixture(file)
    await expect(await renderText(scene!, 'svg')).toMatchFileSnapshot(`__snapshots__/${name}.svg`)
  })
})
