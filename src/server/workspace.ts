/**
 * The model files `moat serve` may read and write: the one file it was given, or the models in the
 * folder it was given (and new ones it creates there). Every name from a request is checked here:
 * no other path on the machine is ever opened.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { updateSource } from '../core/edit/index.js'
import { parseSource } from '../core/index.js'
import { readText, removeStaleTemporaries, rulePackFiles, UserError, writeFileAtomic } from '../node/files.js'
import { modelPacks } from '../node/load-project.js'

export interface ModelFile {
  /** The name the API uses: the file's name inside the workspace folder. */
  name: string
  path: string
}

export class Forbidden extends Error {}
export class NotFound extends Error {}
/** A request whose content cannot be a model (the server answers 400). */
export class Invalid extends Error {}
export class Conflict extends Error {
  constructor(readonly current: { text: string; version: string }) {
    super('the file changed on disk')
  }
}

const MODEL_FILE = /^[A-Za-z0-9][A-Za-z0-9._ -]*\.(ya?ml|json)$/
/** A new file's name: plain, in the folder, a YAML file. */
const NEW_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/

export interface RulePackText {
  /** The pack's path relative to the model's folder, as messages name it. */
  name: string
  text: string
}

/**
 * The rule packs a model names under `rules.packs`, read under the same policy as the CLI's
 * (inside the model's folder only), so the editor finds the threats `moat threats` finds. A pack
 * that cannot be read (missing, or a link out of the model's folder) is left out: the CLI reports it.
 */
function rulePacksOf(modelPath: string, text: string): RulePackText[] {
  const { data } = parseSource(text, { format: formatOf(modelPath) })
  const packs = (data as { rules?: { packs?: unknown } } | undefined)?.rules?.packs
  if (!Array.isArray(packs) || !packs.every((p) => typeof p === 'string')) return []
  const folder = dirname(modelPath)
  return modelPacks(modelPath, packs).paths.flatMap(({ path, within }) =>
    orNone(() => rulePackFiles(path).flatMap((file) => orNone(() => [{ name: relative(folder, file), text: readText(file, 'rule pack', { within }) }]))),
  )
}

/** The list `read` returns, or none when it throws: one unreadable pack must not hide the others. */
function orNone<T>(read: () => T[]): T[] {
  try {
    return read()
  } catch {
    return []
  }
}

const formatOf = (name: string) => (/\.json$/i.test(name) ? 'json' : undefined)

/**
 * Whether a file is a moat model: a top-level `moat` key (YAML: at the start of a line, not
 * indented, so a file that merely mentions moat inside, like a package.json, is not one).
 */
function isModelText(name: string, text: string): boolean {
  if (formatOf(name) !== 'json') return /^["']?moat["']?[ \t]*:/m.test(text)
  try {
    const data: unknown = JSON.parse(text)
    return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'moat')
  } catch {
    return /^\s*\{\s*"moat"\s*:/.test(text)
  }
}

/** Nesting a model never needs; a deeper body is refused before anything walks it. */
const MAX_DEPTH = 64

/** The editor's data for a save: a map holding `moat`, of reasonable depth. */
function checkModelData(data: unknown): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Object.hasOwn(data, 'moat')) {
    throw new Invalid('"data" must be the model: a map with a "moat" key')
  }
  const stack: [unknown, number][] = [[data, 1]]
  while (stack.length) {
    const [value, depth] = stack.pop()!
    if (depth > MAX_DEPTH) throw new Invalid(`the model is nested more than ${MAX_DEPTH} levels deep`)
    if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) stack.push([child, depth + 1])
  }
}

export const versionOf = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32)

export class Workspace {
  readonly folder: string
  /** Set when serving one file: nothing else is listed or opened. */
  readonly single?: string

  constructor(target: string) {
    const absolute = resolve(target)
    if (!existsSync(absolute)) throw new UserError(`${target}: no such file or folder`, 'name a model file or a folder of models, or create one with `moat init`')
    const real = realpathSync(absolute)
    if (statSync(real).isDirectory()) this.folder = real
    else {
      this.folder = dirname(real)
      this.single = basename(real)
    }
    removeStaleTemporaries(this.folder)
  }

  get canCreate(): boolean {
    return this.single === undefined
  }

  list(): ModelFile[] {
    if (this.single) return [{ name: this.single, path: join(this.folder, this.single) }]
    return readdirSync(this.folder)
      .filter((name) => MODEL_FILE.test(name) && !name.startsWith('.'))
      .filter((name) => {
        try {
          return isModelText(name, readText(this.resolve(name).path))
        } catch {
          return false
        }
      })
      .sort()
      .map((name) => ({ name, path: join(this.folder, name) }))
  }

  /** The file a request names, after every check; throws Forbidden or NotFound. */
  resolve(name: unknown): ModelFile {
    if (typeof name !== 'string' || name === '' || name.length > 255) throw new NotFound('no such model')
    if (name.includes('/') || name.includes('\\') || name.includes('\0') || name.startsWith('.') || !MODEL_FILE.test(name)) throw new Forbidden('not a model file of this workspace')
    if (this.single && name !== this.single) throw new Forbidden('this server edits one file only')
    const path = resolve(this.folder, name)
    if (dirname(path) !== this.folder) throw new Forbidden('outside the workspace')
    if (!existsSync(path)) throw new NotFound('no such model')
    // A link that points elsewhere is not followed.
    const real = realpathSync(path)
    if (!(real === path || real.startsWith(this.folder + sep)) || dirname(real) !== this.folder) throw new Forbidden('outside the workspace')
    if (!statSync(real).isFile()) throw new NotFound('no such model')
    return { name, path }
  }

  read(name: unknown): { name: string; text: string; version: string; packs: RulePackText[] } {
    const file = this.resolve(name)
    const text = this.modelText(file)
    return { name: file.name, text, version: versionOf(text), packs: rulePacksOf(file.path, text) }
  }

  /**
   * Writes the edited model into the file, keeping its comments and order. `version` is what the
   * editor loaded: when the file has changed since, nothing is written (Conflict) unless `force`.
   */
  save(name: unknown, data: unknown, version: unknown, force: boolean): { text: string; version: string; method: string } {
    const file = this.resolve(name)
    checkModelData(data)
    const current = this.modelText(file)
    const currentVersion = versionOf(current)
    if (!force && version !== currentVersion) throw new Conflict({ text: current, version: currentVersion })
    // The edit is written into the text on disk: that text must be one readable model (not an
    // alias bomb, not several documents), or the save would expand it, or drop part of it.
    const problem = parseSource(current, { format: formatOf(file.name) }).diagnostics.find((d) => d.severity === 'error')
    if (problem) throw new UserError(`${file.name} cannot be saved into: ${problem.message}`, 'fix the file in a text editor (moat validate says where), then reload the editor')
    const updated = updateSource(current, data, { format: formatOf(file.name) })
    if (updated.method !== 'unchanged') writeFileAtomic(file.path, updated.text)
    return { text: updated.text, version: versionOf(updated.text), method: updated.method }
  }

  /** The text of a workspace file that is a moat model; other YAML and JSON files are not served. */
  private modelText(file: ModelFile): string {
    const text = readText(file.path)
    if (!isModelText(file.name, text)) throw new Forbidden('not a moat model (it has no top-level "moat:" key)')
    return text
  }

  create(name: unknown, systemName: string): ModelFile {
    if (!this.canCreate) throw new Forbidden('this server edits one file only; start it on a folder to create models')
    if (typeof name !== 'string' || !NEW_FILE.test(name) || name.length > 255) throw new Forbidden('a new model is a file name ending in .yaml, of letters, digits, ".", "_" and "-"')
    const path = resolve(this.folder, name)
    if (dirname(path) !== this.folder) throw new Forbidden('outside the workspace')
    if (existsSync(path)) throw new Conflict({ text: readText(path), version: versionOf(readText(path)) })
    writeFileAtomic(path, starter(systemName))
    return { name, path }
  }
}

function starter(name: string): string {
  const safe = name.trim() || 'My system'
  return `# A moat threat model: draw it in the editor, or write it here (see docs/model.md).
moat: 1

system:
  name: ${JSON.stringify(safe)}
  description: What it does, for whom.

assets: {}
boundaries: {}
externals: {}
processes: {}
stores: {}
flows: {}
controls: {}
threats: {}
`
}
