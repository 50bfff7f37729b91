import { existsSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { builtinRulesDir, writeFileAtomic } from '../../node/files.js'
import { EXIT, UserError, type Io } from '../context.js'
import { starterModel, type StarterAnswers } from '../starter-model.js'

export interface InitOptions {
  kind?: 'product' | 'protocol'
  name?: string
  parts?: string
  force?: boolean
  yes?: boolean
}

/** `moat init [FILE]`: asks a few questions on a terminal, then writes a starter model that validates. */
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
    ...(options.parts && { parts: options.parts.split(',') }),
  }
}

async function ask(options: InitOptions): Promise<StarterAnswers | undefined> {
  const p = await import('@clack/prompts')
  p.intro('moat init: a starter threat model')
  const name = options.name ?? (await p.text({ message: 'What is the system called?', placeholder: 'Online shop', validate: (v) => (v?.trim() ? undefined : 'a name, please') }))
  if (p.isCancel(name)) return undefined
  const kind = options.kind ?? (await p.select({
    message: 'Is it a product or a protocol?',
    options: [
      { value: 'product' as const, label: 'product', hint: 'modelled as data-flow diagrams' },
      { value: 'protocol' as const, label: 'protocol', hint: 'also as the ordered messages between parties' },
    ],
  }))
  if (p.isCancel(kind)) return undefined
  const description = await p.text({ message: 'In one sentence, what does it do?', placeholder: 'Sells books online' })
  if (p.isCancel(description)) return undefined
  let parts: string[] | undefined
  if (kind === 'product') {
    const answer = options.parts ?? (await p.text({ message: 'Its main parts, separated by commas', placeholder: 'Web app, API, Worker, Orders database', defaultValue: 'Web app, Database' }))
    if (p.isCancel(answer)) return undefined
    parts = String(answer).split(',')
  }
  p.outro('Writing the model')
  return { name: String(name), kind, ...(description && { description: String(description) }), ...(parts && { parts }) }
}
