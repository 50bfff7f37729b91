import { existsSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { CLASSIFICATIONS, type Classification } from '../../core/index.js'
import { builtinRulesDir, writeFileAtomic } from '../../node/files.js'
import { EXIT, UserError, type Io } from '../context.js'
import { guessKind, partKind, PART_KINDS, soundsThirdParty } from '../init/part-kinds.js'
import { guessClassification, partsFromNames, starterModel, type StarterAnswers, type StarterConnection, type StarterData, type StarterPart } from '../starter-model.js'

export interface InitOptions {
  kind?: 'product' | 'protocol'
  name?: string
  parts?: string
  force?: boolean
  yes?: boolean
}

/** `moat init [FILE]`: asks what a person knows of the system on a terminal, then writes a starter model that validates. */
export async function initCommand(file: string | undefined, options: InitOptions, io: Io): Promise<number> {
  const target = file ?? 'threatmodel.yaml'
  if (existsSync(target) && !options.force) {
    throw new UserError(`${target} already exists; moat never overwrites a model`, 'pick another file name, or pass --force to replace it')
  }
  const interactive = !options.yes && process.stdin.isTTY === true && process.stdout.isTTY === true
  const answers = interactive ? await ask(options) : fromFlags(options)
  if (!answers) {
    io.err('Cancelled; nothing written.')
    return EXIT.findings
  }
  const schemaFile = resolve(builtinRulesDir(), '..', 'schema', 'moat.schema.json')
  const schema = relative(dirname(resolve(target)), schemaFile)
  writeFileAtomic(target, starterModel({ ...answers, schema }))
  const s = io.style
  io.out(`${s.green('✓')} wrote ${target}`)
  io.out(`Next: \`moat threats ${target}\` lists what can go wrong; \`moat review ${target}\` says what is left to do.`)
  return EXIT.ok
}

function fromFlags(options: InitOptions): StarterAnswers {
  return {
    name: options.name ?? 'My system',
    kind: options.kind ?? 'product',
    ...(options.parts && { parts: partsFromNames(options.parts.split(',')) }),
  }
}

const CLASSIFICATION_HINTS: Record<Classification, string> = {
  public: 'anyone may see it',
  internal: 'our staff only',
  confidential: 'personal or business data: harm if it leaks',
  restricted: 'passwords, keys, card or health data: serious harm if it leaks',
}

const list = (text: unknown) => String(text ?? '').split(',').map((p) => p.trim()).filter(Boolean)

/** The questions, in the order a person knows the answers: the system, its parts, its data, who talks to whom. */
async function ask(options: InitOptions): Promise<StarterAnswers | undefined> {
  const p = await import('@clack/prompts')
  const cancelled = Symbol('cancelled')
  const answer = <T>(value: T): Exclude<T, symbol> => {
    if (p.isCancel(value)) throw cancelled
    return value as Exclude<T, symbol>
  }
  try {
    p.intro('moat init: a first threat model')
    const name = options.name ?? answer(await p.text({ message: 'What is the system called?', placeholder: 'Online shop', validate: (v) => (v?.trim() ? undefined : 'a name, please') }))
    const kind = options.kind ?? answer(await p.select({
      message: 'Is it a product or a protocol?',
      options: [
        { value: 'product' as const, label: 'product', hint: 'modelled as data-flow diagrams' },
        { value: 'protocol' as const, label: 'protocol', hint: 'also as the ordered messages between parties' },
      ],
    }))
    const description = answer(await p.text({ message: 'In one sentence, what does it do?', placeholder: 'Sells books online' }))
    if (kind === 'protocol') {
      p.outro('Writing the model')
      return { name: String(name), kind, ...(description && { description: String(description) }) }
    }

    const names = options.parts ? list(options.parts) : list(answer(await p.text({
      message: 'Name its parts, separated by commas: the people who use it, the apps and services you build, where data is kept, and other companies\' services it calls',
      placeholder: 'Customer, Mobile app, API, Orders database, Payment provider',
      validate: (v) => (list(v).length ? undefined : 'at least one part, please'),
    })))
    const parts: StarterPart[] = []
    for (const partName of names) {
      const kindId = answer(await p.select({
        message: `What is ${partName}?`,
        options: PART_KINDS.map((k) => ({ value: k.id, label: k.label })),
        initialValue: guessKind(partName),
        maxItems: 12,
      }))
      const kind = partKind(kindId)
      const thirdParty = kind.id === 'service' || (kind.canBeThirdParty && answer(await p.select({
        message: `Who runs ${partName}?`,
        options: [
          { value: false, label: 'we do' },
          { value: true, label: 'another company, as a service we call' },
        ],
        initialValue: soundsThirdParty(partName),
      })))
      parts.push({ name: partName, kind: kindId, ...(thirdParty && { thirdParty: true }) })
    }

    const dataNames = list(answer(await p.text({
      message: 'What data does it handle? Name the kinds, separated by commas',
      placeholder: 'Orders, Card numbers, Passwords',
      defaultValue: 'Customer data',
    })))
    const data: StarterData[] = []
    for (const dataName of dataNames.length ? dataNames : ['Customer data']) {
      const classification = answer(await p.select({
        message: `How sensitive is ${dataName}?`,
        options: CLASSIFICATIONS.map((c) => ({ value: c, label: c, hint: CLASSIFICATION_HINTS[c] })),
        initialValue: guessClassification(dataName),
      }))
      data.push({ name: dataName, classification })
    }

    const connections: StarterConnection[] = []
    const isProcess = (i: number) => !parts[i]!.thirdParty && partKind(parts[i]!.kind).element === 'process'
    for (const [from, part] of parts.entries()) {
      if (!parts[from]!.thirdParty && partKind(part.kind).element === 'store') continue
      // Data moves through a process: two parts that are not one never talk directly.
      const targets = parts.map((_, i) => i).filter((i) => i !== from && (isProcess(from) || isProcess(i)))
      if (targets.length === 0) continue
      const chosen = answer(await p.multiselect({
        message: `Which parts does ${part.name} call or send data to? (space selects, enter goes on)`,
        options: targets.map((i) => ({ value: i, label: parts[i]!.name })),
        required: false,
      }))
      for (const to of chosen) connections.push({ from, to, data: [], back: [] })
    }
    const dataOptions = data.map((d) => ({ value: d.name, label: d.name }))
    for (const c of connections) {
      const [from, to] = [parts[c.from]!.name, parts[c.to]!.name]
      const store = partKind(parts[c.to]!.kind).element === 'store' && !parts[c.to]!.thirdParty
      c.data = answer(await p.multiselect({ message: store ? `What does ${from} write to ${to}?` : `What goes from ${from} to ${to}?`, options: dataOptions, required: false }))
      c.back = answer(await p.multiselect({ message: store ? `What does ${from} read from ${to}?` : `What comes back from ${to} to ${from}?`, options: dataOptions, required: false }))
    }
    p.outro('Writing the model')
    return { name: String(name), kind, ...(description && { description: String(description) }), parts, data, connections }
  } catch (cause) {
    if (cause === cancelled) return undefined
    throw cause
  }
}
