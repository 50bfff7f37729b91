/**
 * Reads a model file and its rules, and runs the core on them: the one place where the CLI (and
 * later the server) turns a path into an analysis.
 */
import { realpathSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import {
  analyze, checkModel, combineRules, error, hasErrors, loadRulePack, locateAll,
  type Analysis, type CompiledRule, type Diagnostic, type Model,
} from '../core/index.js'
import { builtinRulesDir, isDirectory, isInside, readText, rulePackFiles } from './files.js'

/** Diagnostics of one source file, located. */
export interface FileDiagnostics {
  file: string
  text: string
  diagnostics: Diagnostic[]
}

export interface LoadedModel {
  file: string
  text: string
  model?: Model
  /** Every diagnostic, grouped by the file it is about (the model, or a rule pack). */
  reports: FileDiagnostics[]
}

export const isValid = (loaded: LoadedModel): loaded is LoadedModel & { model: Model } =>
  loaded.model !== undefined && !loaded.reports.some((r) => hasErrors(r.diagnostics))

export function loadModel(file: string): LoadedModel {
  const text = readText(file)
  const { model, diagnostics } = checkModel(text, { format: /\.json$/i.test(file) ? 'json' : undefined })
  return { file, text, ...(model && { model }), reports: [{ file, text, diagnostics: byPosition(locateAll(text, diagnostics)) }] }
}

const byPosition = (diagnostics: Diagnostic[]) => diagnostics.sort((a, b) => (a.range?.offset ?? 0) - (b.range?.offset ?? 0))

export interface RuleOptions {
  /** Extra rule pack files or folders (from --rules). */
  extra?: readonly string[]
  /** Leave out the built-in packs. */
  noBuiltin?: boolean
}

export interface LoadedRules {
  rules: CompiledRule[]
  reports: FileDiagnostics[]
  /** Each pack's file and text by its origin, to point at a rule later. */
  packs: Map<string, { file: string; text: string }>
}

/**
 * A rule pack file or folder: a path typed on the command line, or one a model names, which must
 * really lie inside the model's folder (`within`) however its files are linked.
 */
export type PackSource = string | { path: string; within: string }

let builtinCache: LoadedRules | undefined

export function loadRules(packSources: readonly PackSource[], options: { noBuiltin?: boolean } = {}): LoadedRules {
  const builtin = options.noBuiltin ? { rules: [], reports: [], packs: new Map() } : (builtinCache ??= loadPacks(packFiles(builtinRulesDir()), true))
  const user = loadPacks(packSources.flatMap((source) => packFiles(typeof source === 'string' ? source : source.path, typeof source === 'string' ? undefined : source.within)), false)
  const combined = combineRules([builtin.rules, user.rules])
  const reports = [...builtin.reports, ...user.reports]
  if (combined.diagnostics.length) reports.push({ file: '(rules)', text: '', diagnostics: combined.diagnostics })
  return { rules: combined.rules, reports, packs: new Map([...builtin.packs, ...user.packs]) }
}

const packFiles = (path: string, within?: string) => rulePackFiles(path).map((file) => ({ file, within }))

function loadPacks(files: { file: string; within?: string | undefined }[], builtin: boolean): LoadedRules {
  const rules: CompiledRule[] = []
  const reports: FileDiagnostics[] = []
  const packs = new Map<string, { file: string; text: string }>()
  for (const { file, within } of files) {
    const text = readText(file, 'rule pack', within === undefined ? {} : { within })
    const origin = builtin ? `built-in ${relative(resolve(builtinRulesDir(), '..'), file)}` : file
    const pack = loadRulePack(text, origin)
    packs.set(origin, { file, text })
    rules.push(...pack.rules)
    if (pack.diagnostics.length) reports.push({ file, text, diagnostics: byPosition(locateAll(text, pack.diagnostics)) })
  }
  return { rules, reports, packs }
}

/**
 * Rule packs a model names are read from inside the model's folder only: a model comes from a
 * repository or a pull request, and must not make moat read (and echo in its errors) any other
 * file on the machine. Packs outside it are given on the command line with --rules.
 */
export function modelPacks(modelFile: string, packs: readonly string[]): { paths: { path: string; within: string }[]; problems: Diagnostic[] } {
  const base = realpathSync(dirname(resolve(modelFile)))
  const paths: { path: string; within: string }[] = []
  const problems: Diagnostic[] = []
  packs.forEach((pack, i) => {
    const where = ['rules', 'packs', i]
    const target = resolve(base, pack)
    let real = target
    try {
      real = realpathSync(target)
    } catch {
      // a missing pack is reported when it is read
    }
    if (isAbsolute(pack) || !isInside(target, base) || !isInside(real, base)) {
      problems.push(error('pack-outside-model', where, `rule pack "${pack}" is outside the model's folder`, 'keep packs beside the model (e.g. ./rules), or pass other packs with --rules on the command line'))
    } else if (!/\.(ya?ml|json)$/i.test(real) && !isDirectory(real)) {
      problems.push(error('pack-not-yaml', where, `rule pack "${pack}" is not a .yaml, .yml or .json file, nor a folder`, 'name a rule pack file or a folder of them'))
    } else paths.push({ path: target, within: base })
  })
  return { paths, problems }
}

export interface Project extends LoadedModel {
  analysis?: Analysis
}

/** Model + its rule packs (relative to the model file) + --rules, checked but not analysed. */
export function checkProject(file: string, options: RuleOptions = {}): LoadedModel & { rules?: LoadedRules } {
  const loaded = loadModel(file)
  if (!isValid(loaded)) return loaded
  const packs = modelPacks(file, loaded.model.rules?.packs ?? [])
  if (packs.problems.length) {
    return { ...loaded, reports: [{ ...loaded.reports[0]!, diagnostics: [...loaded.reports[0]!.diagnostics, ...locateAll(loaded.text, packs.problems)] }] }
  }
  const rules = loadRules([...packs.paths, ...(options.extra ?? [])], options)
  return { ...loaded, reports: [...loaded.reports, ...rules.reports], rules }
}

/** Model + its rule packs (relative to the model file) + --rules, analysed when all are valid. */
export function loadProject(file: string, options: RuleOptions & { disable?: readonly string[] } = {}): Project {
  const checked = checkProject(file, options)
  const { rules, reports: checkedReports, ...loaded } = checked
  if (!rules || !isValid(checked)) return { ...loaded, reports: checkedReports }
  const reports = [...checkedReports]
  const analysis = analyze(checked.model, { rules: rules.rules, ...(options.disable && { disable: options.disable }) })
  // Most are about the model; a rule that failed is shown in its own pack, at its condition.
  reports[0] = { ...reports[0]!, diagnostics: [...reports[0]!.diagnostics, ...locateAll(loaded.text, analysis.diagnostics.filter((d) => !d.source))] }
  for (const d of analysis.diagnostics.filter((x) => x.source)) {
    const pack = rules.packs.get(d.source!)
    if (pack) reports.push({ file: pack.file, text: pack.text, diagnostics: locateAll(pack.text, [d]) })
  }
  return { ...loaded, reports, analysis }
}
