import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { InvalidArgumentError } from 'commander'
import { didYouMean } from '../../core/index.js'
import { EXTENSION, FORMATS, type DiagramFormat } from '../../render/formats.js'
import { analyseOrReport, EXIT, UserError, type Io } from '../context.js'
import { isDirectory, refuseOverwritingInput, writeFileAtomic } from '../../node/files.js'

export const DIAGRAM_FORMATS = FORMATS

export interface DiagramOptions {
  diagram?: string
  format?: DiagramFormat
  output?: string
  scale?: number
  threats?: boolean
  rules?: string[]
  disable?: string[]
}

/** `--scale`: a positive number, at most 10 (a bigger PNG is better made from the SVG). */
export function parseScale(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0 || n > 10) throw new InvalidArgumentError('use a number above 0 and at most 10, e.g. 2')
  return n
}

/**
 * `moat diagram FILE`: every diagram of the model, or the one named, drawn in the chosen format.
 * One diagram goes to the -o file (text formats: stdout by default); several go into the -o folder.
 */
export async function diagramCommand(file: string, options: DiagramOptions, io: Io): Promise<number> {
  const project = analyseOrReport(file, { rules: options.rules, disable: options.disable }, io)
  if (!project) return EXIT.findings
  // Loaded here, not at start-up: ELK is large, and only this command needs it.
  const render = await import('../../render/index.js')
  const format = options.format ?? 'svg'
  const { graph, threats } = project.analysis
  let scenes = render.scenesOf(graph, options.threats ? threats : undefined)
  if (options.diagram) {
    const chosen = scenes.find((s) => s.id === options.diagram)
    if (!chosen) {
      const ids = scenes.map((s) => s.id)
      throw new UserError(`${file}: there is no diagram "${options.diagram}"${didYouMean(options.diagram, ids)}`, `this model's diagrams: ${ids.join(', ')}`)
    }
    scenes = [chosen]
  }

  const draw = async (scene: (typeof scenes)[number]): Promise<string | Uint8Array> => {
    if (format !== 'png') return render.renderText(scene, format)
    const { svgToPng } = await import('../../render/png.js')
    return svgToPng(await render.renderSvg(scene), options.scale ?? 2)
  }

  if (scenes.length === 1) {
    const [scene] = scenes
    const content = await draw(scene!)
    if (!options.output && typeof content === 'string') {
      io.out(content)
      return EXIT.ok
    }
    const name = `${fileName(scene!.id)}.${EXTENSION[format]}`
    // -o may name a folder, as it does when a model has several diagrams: one that exists, or a
    // new one written with a trailing slash (`-o diagrams/`).
    const intoFolder = options.output !== undefined && (isDirectory(options.output) || /[\\/]$/.test(options.output))
    if (intoFolder) makeFolder(options.output!)
    const target = options.output ? (intoFolder ? join(options.output, name) : options.output) : name
    refuseOverwritingInput(target, [file])
    writeFileAtomic(target, content)
    io.err(`wrote ${target}`)
    return EXIT.ok
  }

  const folder = options.output ?? 'diagrams'
  makeFolder(folder)
  for (const scene of scenes) {
    const target = join(folder, `${fileName(scene.id)}.${EXTENSION[format]}`)
    refuseOverwritingInput(target, [file])
    writeFileAtomic(target, await draw(scene))
    io.err(`wrote ${target}`)
  }
  return EXIT.ok
}

function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true })
  } catch (cause) {
    throw new UserError(`${folder}: cannot create the folder (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, 'with several diagrams, -o names a folder; pick one diagram with --diagram ID to write a single file')
  }
}

/** Diagram ids may hold `:`, which some file systems refuse. */
const fileName = (id: string) => id.replace(/[^A-Za-z0-9._-]/g, '_')

