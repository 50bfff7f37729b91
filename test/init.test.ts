/**
 * `moat init` as a person answers it, on a real terminal: `script` gives the command a pty, and
 * the test types each answer once its question is on the screen. Three kinds of systems; each
 * model must validate, be exactly what was answered, draw without overlaps, get threats that fit,
 * and pass the review once its threats are answered.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyze, buildGraph, checkModel, CLASSIFICATIONS, STRIDE_PER_KIND, type Classification, type Model } from '../src/core/index.js'
import { guessClassification } from '../src/cli/starter-model.js'
import { guessKind, partKind, PART_KINDS, soundsThirdParty } from '../src/cli/init/part-kinds.js'
import { loadRules } from '../src/node/load-project.js'
import { layoutElk, overlaps, scenesOf } from '../src/render/index.js'

const BIN = new URL('../bin/moat.js', import.meta.url).pathname
const haveScript = spawnSync('script', ['--version']).status === 0
const built = existsSync(new URL('../dist/bundle/main.js', import.meta.url))
if (!haveScript) console.warn('no `script` command (util-linux): the terminal tests of moat init are skipped')

const ENTER = '\r'
const DOWN = '\u001b[B'
const UP = '\u001b[A'

/** A command on a pseudo-terminal: what it shows, and keys typed into it. */
class Terminal {
  private screen = ''
  private read = 0
  readonly exited: Promise<number | null>
  private readonly child

  constructor(command: string, cwd: string) {
    this.child = spawn('script', ['-qfec', `stty cols 140 rows 50; ${command}`, '/dev/null'], { cwd, env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '' } })
    this.child.stdout.on('data', (d: Buffer) => (this.screen += d.toString('utf8')))
    this.exited = new Promise((done) => this.child.on('exit', done))
  }

  /** Waits until `text` appears after what was read last. */
  async waitFor(text: string): Promise<void> {
    const deadline = Date.now() + 20_000
    for (;;) {
      const at = this.screen.indexOf(text, this.read)
      if (at >= 0) {
        this.read = at + text.length
        // Let the prompt finish drawing and start reading keys.
        await new Promise((r) => setTimeout(r, 60))
        return
      }
      if (Date.now() > deadline) throw new Error(`waited for "${text}"; the screen ends with:\n${this.screen.slice(-1500)}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }

  type(keys: string): void {
    this.child.stdin.write(keys)
  }
}

interface System {
  name: string
  description: string
  parts: { name: string; kind: string; thirdParty?: boolean }[]
  data: { name: string; classification: Classification }[]
  /** [from, to, what goes, what comes back] */
  talks: [string, string, string[], string[]][]
}

const move = (from: number, to: number) => (to >= from ? DOWN.repeat(to - from) : UP.repeat(from - to))
const toggles = (options: string[], wanted: string[]) => options.map((o) => (wanted.includes(o) ? ' ' : '') + DOWN).join('') + ENTER

async function answer(system: System, dir: string): Promise<number | null> {
  const t = new Terminal(`node ${BIN} init model.yaml`, dir)
  await t.waitFor('What is the system called?')
  t.type(system.name + ENTER)
  await t.waitFor('product or a protocol?')
  t.type(ENTER)
  await t.waitFor('what does it do?')
  t.type(system.description + ENTER)
  await t.waitFor('Name its parts')
  t.type(system.parts.map((p) => p.name).join(', ') + ENTER)
  const ids = PART_KINDS.map((k) => k.id)
  for (const part of system.parts) {
    await t.waitFor(`What is ${part.name}?`)
    t.type(move(ids.indexOf(guessKind(part.name)), ids.indexOf(part.kind)) + ENTER)
    const kind = partKind(part.kind)
    if (kind.canBeThirdParty && kind.id !== 'service') {
      await t.waitFor(`Who runs ${part.name}?`)
      t.type(move(soundsThirdParty(part.name) ? 1 : 0, part.thirdParty ? 1 : 0) + ENTER)
    }
  }
  await t.waitFor('What data does it handle?')
  t.type(system.data.map((d) => d.name).join(', ') + ENTER)
  for (const d of system.data) {
    await t.waitFor(`How sensitive is ${d.name}?`)
    t.type(move(CLASSIFICATIONS.indexOf(guessClassification(d.name)), CLASSIFICATIONS.indexOf(d.classification)) + ENTER)
  }
  const isProcess = (p: System['parts'][number]) => !p.thirdParty && partKind(p.kind).element === 'process'
  const connections: [string, string][] = []
  for (const from of system.parts) {
    if (!from.thirdParty && partKind(from.kind).element === 'store') continue
    const targets = system.parts.filter((to) => to !== from && (isProcess(from) || isProcess(to))).map((p) => p.name)
    if (targets.length === 0) continue
    await t.waitFor(`Which parts does ${from.name} call`)
    const wanted = system.talks.filter(([f]) => f === from.name).map(([, to]) => to)
    t.type(toggles(targets, wanted))
    for (const to of targets) if (wanted.includes(to)) connections.push([from.name, to])
  }
  const dataNames = system.data.map((d) => d.name)
  for (const [from, to] of connections) {
    const [, , goes, back] = system.talks.find(([f, x]) => f === from && x === to)!
    await t.waitFor(`${from} `)
    await t.waitFor(` ${to}?`)
    t.type(toggles(dataNames, goes))
    await t.waitFor(` ${to}`)
    t.type(toggles(dataNames, back))
  }
  await t.waitFor('wrote model.yaml')
  return t.exited
}

const MOBILE_SHOP: System = {
  name: 'Harbour mobile shop',
  description: 'Customers order goods from a mobile app and pay by card',
  parts: [
    { name: 'Customer', kind: 'person' },
    { name: 'Mobile app', kind: 'mobile' },
    { name: 'Shop API', kind: 'api' },
    { name: 'Orders database', kind: 'database' },
    { name: 'Stripe', kind: 'service', thirdParty: true },
    { name: 'Push service', kind: 'service', thirdParty: true },
  ],
  data: [
    { name: 'Orders', classification: 'confidential' },
    { name: 'Card numbers', classification: 'restricted' },
    { name: 'Passwords', classification: 'restricted' },
  ],
  talks: [
    ['Customer', 'Mobile app', ['Orders', 'Card numbers', 'Passwords'], ['Orders']],
    ['Mobile app', 'Shop API', ['Orders', 'Card numbers', 'Passwords'], ['Orders']],
    ['Shop API', 'Orders database', ['Orders'], ['Orders']],
    ['Shop API', 'Stripe', ['Card numbers'], []],
    ['Shop API', 'Push service', ['Orders'], []],
    ['Push service', 'Mobile app', ['Orders'], []],
  ],
}

const CLINIC: System = {
  name: 'Clinic portal',
  description: 'Patients book appointments; staff see records; reminders go out by SMS',
  parts: [
    { name: 'Patient', kind: 'person' },
    { name: 'Clinic staff', kind: 'person' },
    { name: 'Web portal', kind: 'web' },
    { name: 'Auth0', kind: 'identity-provider', thirdParty: true },
    { name: 'Records database', kind: 'database' },
    { name: 'Reminder worker', kind: 'function' },
    { name: 'SMS provider', kind: 'service', thirdParty: true },
  ],
  data: [
    { name: 'Appointments', classification: 'confidential' },
    { name: 'Health records', classification: 'restricted' },
    { name: 'Session tokens', classification: 'restricted' },
  ],
  talks: [
    ['Patient', 'Web portal', ['Appointments', 'Session tokens'], ['Appointments']],
    ['Clinic staff', 'Web portal', ['Health records', 'Session tokens'], ['Appointments', 'Health records']],
    ['Web portal', 'Auth0', [], ['Session tokens']],
    ['Web portal', 'Records database', ['Appointments', 'Health records'], ['Appointments', 'Health records']],
    ['Reminder worker', 'Records database', [], ['Appointments']],
    ['Reminder worker', 'SMS provider', ['Appointments'], []],
  ],
}

const THERMOSTATS: System = {
  name: 'Home climate',
  description: 'Thermostats report readings; owners see them and set targets from an app',
  parts: [
    { name: 'Homeowner', kind: 'person' },
    { name: 'Thermostat', kind: 'device' },
    { name: 'Companion app', kind: 'mobile' },
    { name: 'Device gateway', kind: 'gateway' },
    { name: 'Telemetry queue', kind: 'queue' },
    { name: 'Ingest worker', kind: 'function' },
    { name: 'Readings database', kind: 'database' },
  ],
  data: [
    { name: 'Temperature readings', classification: 'confidential' },
    { name: 'Target settings', classification: 'internal' },
    { name: 'Device keys', classification: 'restricted' },
  ],
  talks: [
    ['Homeowner', 'Companion app', ['Target settings'], ['Temperature readings']],
    ['Thermostat', 'Device gateway', ['Temperature readings', 'Device keys'], ['Target settings']],
    ['Companion app', 'Device gateway', ['Target settings'], ['Temperature readings']],
    ['Device gateway', 'Telemetry queue', ['Temperature readings'], []],
    ['Device gateway', 'Readings database', ['Target settings'], ['Temperature readings']],
    ['Ingest worker', 'Telemetry queue', [], ['Temperature readings']],
    ['Ingest worker', 'Readings database', ['Temperature readings'], []],
  ],
}

const rules = () => loadRules([]).rules

/** Answers every threat (accepted, with an owner and a reason) and gives a reason for every STRIDE gap. */
function answered(model: Model): Model {
  const first = analyze(model, { rules: rules() })
  const next = structuredClone(model)
  next.threats = Object.fromEntries(first.threats.map((t) => [t.id, { response: 'accept' as const, owner: 'security', rationale: 'reviewed in the first model session', status: 'done' as const }]))
  const covered = new Set(first.threats.flatMap((t) => t.elements.map((e) => `${e} ${t.category}`)))
  for (const key of ['externals', 'processes', 'stores', 'flows'] as const) {
    const kind = key === 'externals' ? 'external' : key === 'processes' ? 'process' : key === 'stores' ? 'store' : 'flow'
    for (const [id, e] of Object.entries(next[key] ?? {})) {
      const gaps = STRIDE_PER_KIND[kind].filter((c) => !covered.has(`${id} ${c}`))
      if (gaps.length) e.notApplicable = Object.fromEntries(gaps.map((c) => [c, 'no threat of this kind found in the first session']))
    }
  }
  return next
}

describe.skipIf(!haveScript || !built)('moat init on a terminal', () => {
  it.each([
    ['a mobile shop with a payment provider and push', MOBILE_SHOP],
    ['a clinic portal with single sign-on and a worker', CLINIC],
    ['thermostats reporting through a gateway and a queue', THERMOSTATS],
  ] as const)('builds %s exactly as answered', async (_, system) => {
    const dir = mkdtempSync(join(tmpdir(), 'moat-init-'))
    expect(await answer(system, dir)).toBe(0)
    const text = readFileSync(join(dir, 'model.yaml'), 'utf8')
    const { model, diagnostics } = checkModel(text)
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const validate = spawnSync(process.execPath, [BIN, 'validate', 'model.yaml'], { cwd: dir, encoding: 'utf8' })
    expect(validate.status, validate.stderr).toBe(0)

    // Each part is what it was said to be, in the boundary that implies.
    const graph = buildGraph(model!)
    const byName = new Map([...graph.nodes.values()].map((n) => [n.name, n]))
    for (const part of system.parts) {
      const node = byName.get(part.name)!
      const kind = partKind(part.kind)
      expect(node.kind, part.name).toBe(part.thirdParty ? 'external' : kind.element)
      expect(node.def.type, part.name).toBe(part.thirdParty ? 'service' : kind.type)
      const boundary = graph.boundaries.get(node.boundary!)!
      if (part.thirdParty) expect(boundary.name).toBe(`${part.name} (third party)`)
      else expect(node.boundary, part.name).toBe(kind.place)
    }
    // The flows are exactly the answers: one each way that data goes, carrying what was said.
    const flows = [...graph.flows.values()].map((f) => `${f.from.name} → ${f.to.name}: ${(f.def.data ?? []).map((a) => graph.assets.get(a)!.name).join(', ')}`).sort()
    const expected = system.talks.flatMap(([from, to, goes, back]) => [`${from} → ${to}: ${goes.join(', ')}`, ...(back.length ? [`${to} → ${from}: ${back.join(', ')}`] : [])]).sort()
    expect(flows).toEqual(expected)

    // It draws without overlaps.
    for (const scene of scenesOf(graph)) {
      const layout = await layoutElk(scene)
      for (const a of scene.nodes) for (const b of scene.nodes) if (a !== b) expect(overlaps(layout.nodes.get(a.id)!, layout.nodes.get(b.id)!), `${a.id} on ${b.id}`).toBe(false)
    }

    // Threats fit: none is about a browser cache where no browser is, none on a part that is not in the model.
    const analysis = analyze(model!, { rules: rules() })
    expect(analysis.threats.length).toBeGreaterThan(5)
    if (!system.parts.some((p) => p.kind === 'browser' || p.kind === 'web')) expect(analysis.threats.filter((t) => t.rule === 'sensitive-response-caching')).toEqual([])
    for (const t of analysis.threats) expect(t.title).not.toMatch(/undefined|\{\{/)

    // Answering the threats is all the review asks for.
    const review = analyze(answered(model!), { rules: rules() }).review
    expect(review.checks.filter((c) => c.status === 'fail' && c.severity === 'error').map((c) => `${c.id}: ${c.findings[0]?.message}`)).toEqual([])
    expect(review.passed).toBe(true)
  }, 90_000)
})
