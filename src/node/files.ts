/** File-system edges of moat: reading models and rule packs, writing without ever losing a file. */
import {
  closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync,
} from 'node:fs'
import { basename, dirname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
  }
}

/** Larger files are refused before they are read: no real model comes near it. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024

export interface ReadOptions {
  /**
   * A folder the file must really lie in, after every link is resolved: files that a model names
   * (its rule packs) come from a repository, and must not make moat read, and quote in an
   * error, a file elsewhere on the machine.
   */
  within?: string
  /** How the refusal explains where the file must be; defaults to the model's folder. */
  withinWhat?: string
}

/**
 * Reads a text file, turning the usual failures into messages that say what to do. Only regular
 * files are read (never a device, pipe or socket, which can block or never end), never more than
 * MAX_FILE_BYTES, and a link is followed only where `allowedTarget` says it may lead.
 */
export function readText(path: string, what = 'model', options: ReadOptions = {}): string {
  try {
    const real = allowedTarget(path, what, options)
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the fstat below refuses it anyway.
    const fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK)
    try {
      const stat = fstatSync(fd)
      if (stat.isDirectory()) throw new UserError(`${path}: is a folder, not a ${what} file`, `name the file, e.g. ${join(path, 'threatmodel.yaml')}`)
      if (!stat.isFile()) throw new UserError(`${path}: is not a regular file (a device, pipe or socket); moat reads ${what} files only`, 'name the file itself')
      return readBounded(fd, path, what).toString('utf8')
    } finally {
      closeSync(fd)
    }
  } catch (cause) {
    if (cause instanceof UserError) throw cause
    const code = (cause as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new UserError(`${path}: no such file`, what === 'model' ? 'check the path, or create a model with `moat init`' : 'check the path')
    if (code === 'EACCES') throw new UserError(`${path}: permission denied`, 'check the file\'s permissions')
    if (code === 'ELOOP') throw new UserError(`${path}: is a loop of links`, 'name the file itself')
    throw new UserError(`${path}: cannot be read (${code ?? String(cause)})`)
  }
}

/**
 * Reads at most MAX_FILE_BYTES: a file's size can lie (procfs says 0, a file can grow while it is
 * read), so the limit holds on what is read, not on what stat says.
 */
function readBounded(fd: number, path: string, what: string): Buffer {
  const tooBig = () =>
    new UserError(`${path}: is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; moat reads ${what} files of up to that size`, 'split the model, or check that this is the file you meant')
  const size = fstatSync(fd).size
  if (size > MAX_FILE_BYTES) throw tooBig()
  const chunks: Buffer[] = []
  let total = 0
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(size + 1, 64 * 1024), 16 * 1024 * 1024))
    const n = readSync(fd, chunk, 0, chunk.length, null)
    if (n === 0) break
    total += n
    if (total > MAX_FILE_BYTES) throw tooBig()
    chunks.push(chunk.subarray(0, n))
  }
  return Buffer.concat(chunks, total)
}

/**
 * The real path to read for `path`, or a refusal. With `within`, the real path must lie inside
 * that folder's real path. Without it (a path the user typed), a file that is itself a link is
 * followed only to a file inside the current folder or the link's own folder: a repository could
 * otherwise hold `threatmodel.yaml -> ~/.ssh/id_ed25519` and have CI print the key in an error.
 */
function allowedTarget(path: string, what: string, options: ReadOptions): string {
  const absolute = resolve(path)
  const real = realpathSync(absolute)
  if (options.within !== undefined) {
    if (!isInside(real, realpathSync(options.within))) {
      throw new UserError(
        `${path}: the ${what} file lies outside ${options.withinWhat ?? "the model's folder"} (through a link); moat does not read it`,
        'keep rule packs beside the model as real files, or pass other packs with --rules on the command line',
      )
    }
    return real
  }
  const folder = realpathSync(dirname(absolute))
  const isLink = real !== join(folder, basename(absolute))
  if (isLink && !isInside(real, folder) && !isInside(real, realpathSync(process.cwd()))) {
    throw new UserError(
      `${path}: is a link to a file outside its folder and the current folder; moat does not follow it`,
      'a repository could use such a link to make moat print a private file: name the file itself, or copy it here',
    )
  }
  return real
}

/** Whether `path` is `folder` or lies below it (both real, absolute paths). */
export const isInside = (path: string, folder: string): boolean => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)

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

/**
 * Refuses to write an output over one of the command's inputs (`moat report m.yaml -o m.yaml`):
 * the user's model is never replaced by a report of it. Links and `./` spellings are seen through.
 */
export function refuseOverwritingInput(target: string, inputs: readonly string[]): void {
  const real = (path: string) => {
    try {
      return realpathSync(path)
    } catch {
      return resolve(path)
    }
  }
  const output = real(target)
  const input = inputs.find((path) => real(path) === output)
  if (input !== undefined) {
    throw new UserError(`${target}: is the input ${input}; moat does not write its output over its input`, 'name another output file with -o')
  }
}

/** The name writeFileAtomic gives its temporary file: `.NAME.PID.MILLISECONDS.tmp`. */
const TEMPORARY = /^\..+\.(\d+)\.\d+\.tmp$/

/**
 * Removes the temporary files a killed moat left in a folder (a process that is still running may
 * be writing its own, so those stay). Returns the names removed.
 */
export function removeStaleTemporaries(folder: string): string[] {
  const removed: string[] = []
  for (const name of readdirSync(folder)) {
    const pid = TEMPORARY.exec(name)?.[1]
    if (pid === undefined || isRunning(Number(pid))) continue
    try {
      unlinkSync(join(folder, name))
      removed.push(name)
    } catch {
      // gone already, or not ours to remove
    }
  }
  return removed
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM'
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
