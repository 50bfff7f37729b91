/** File-system edges of moat: reading models and rule packs, writing without ever losing a file. */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** Reads a text file, turning the usual failures into messages that say what to do. */
/** Larger files are refused before they are read: no real model comes near it. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024

export function readText(path: string, what = 'model'): string {
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) throw new UserError(`${path}: is a folder, not a ${what} file`, `name the file, e.g. ${join(path, 'threatmodel.yaml')}`)
    if (stat.size > MAX_FILE_BYTES) {
      throw new UserError(`${path}: is ${(stat.size / 1024 / 1024).toFixed(0)} MB; moat reads ${what} files of up to ${MAX_FILE_BYTES / 1024 / 1024} MB`, 'split the model, or check that this is the file you meant')
    }
    return readFileSync(path, 'utf8')
  } catch (cause) {
    if (cause instanceof UserError) throw cause
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError(`${path}: no such file`, what === 'model' ? 'check the path, or create a model with `moat init`' : 'check the path')
    if (code === 'EACCES') throw new UserError(`${path}: permission denied`, 'check the file\'s permissions')
    throw new UserError(`${path}: cannot be read (${code ?? String(cause)})`)
  }
}

/**
 * Writes through a temporary file in the same folder, then renames it over the target, so a
 * crash or a full disk never leaves a half-written file where the user's was.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  try {
    writeFileSync(temp, content, { flag: 'wx' })
    renameSync(temp, path)
  } catch (cause) {
    try {
      unlinkSync(temp)
    } catch {
      // the temporary file was never made
    }
    throw new UserError(`${path}: cannot be written (${(cause as NodeJS.ErrnoException).code ?? String(cause)})`, 'check that the folder exists and is writable')
  }
}

/** Whether a path is an existing folder (false when it does not exist). */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

const RULE_FILE = /\.(ya?ml|json)$/i

/** Rule pack files: the file itself, or the .yaml/.yml/.json files of a folder, sorted by name. */
export function rulePackFiles(path: string): string[] {
  if (!existsSync(path)) throw new UserError(`${path}: no such rule pack file or folder`, 'check the path in "rules.packs" or --rules')
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .filter((f) => RULE_FILE.test(f))
    .sort()
    .map((f) => join(path, f))
}

/** The folder of moat's built-in rule packs, found from this module whether run from src or dist. */
export function builtinRulesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'rules')
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate
    dir = resolve(dir, '..')
  }
  throw new Error('moat is installed without its rules/ folder')
}
