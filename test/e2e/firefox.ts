/**
 * Firefox for the end-to-end tests, driven over WebDriver BiDi, which Firefox speaks itself: no
 * geckodriver and no Playwright build of Firefox, so Debian's firefox-esr is enough.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'

export const FIREFOX = process.env.MOAT_FIREFOX ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find(existsSync)
export const hasFirefox = FIREFOX !== undefined && existsSync(FIREFOX)

export interface Firefox {
  /** Navigates the tab and waits for the page to load. */
  open(url: string): Promise<void>
  /** A JavaScript expression evaluated in the page; its value, if it is JSON-like. */
  evaluate<T = unknown>(expression: string): Promise<T>
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[]
  close(): Promise<void>
}

export async function launchFirefox(): Promise<Firefox> {
  const profile = mkdtempSync(join(tmpdir(), 'moat-firefox-'))
  const port = 20000 + Math.floor(Math.random() * 20000)
  const child: ChildProcess = spawn(FIREFOX!, ['--headless', `--remote-debugging-port=${port}`, '--no-remote', '--profile', profile, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr!.on('data', (d) => (log += d))
  const deadline = Date.now() + 30_000
  while (!log.includes('WebDriver BiDi listening')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Firefox did not start:\n${log}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const socket = new WebSocket(`ws://127.0.0.1:${port}/session`)
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  let next = 0
  const pending = new Map<number, (message: any) => void>()
  const errors: string[] = []
  socket.on('message', (data) => {
    const message = JSON.parse(String(data))
    if (message.id !== undefined && pending.has(message.id)) {
      pending.get(message.id)!(message)
      pending.delete(message.id)
    } else if (message.method === 'log.entryAdded' && message.params.level === 'error') {
      errors.push(message.params.text)
    }
  })
  const send = (method: string, params: object): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = ++next
      pending.set(id, (m) => (m.type === 'error' ? reject(new Error(`${method}: ${m.error} ${m.message}`)) : resolve(m.result)))
      socket.send(JSON.stringify({ id, method, params }))
    })
  await send('session.new', { capabilities: {} })
  await send('session.subscribe', { events: ['log.entryAdded'] })
  const context = (await send('browsingContext.getTree', {})).contexts[0].context as string
  return {
    errors,
    open: async (url) => void (await send('browsingContext.navigate', { context, url, wait: 'complete' })),
    evaluate: async (expression) => {
      const result = await send('script.evaluate', { expression, target: { context }, awaitPromise: true })
      if (result.type === 'exception') throw new Error(`in Firefox: ${result.exceptionDetails.text}`)
      return fromRemote(result.result)
    },
    close: async () => {
      socket.close()
      child.kill('SIGTERM')
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)))
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** BiDi's serialised values, as plain JavaScript. */
function fromRemote(value: any): any {
  switch (value.type) {
    case 'undefined':
    case 'null':
      return value.type === 'null' ? null : undefined
    case 'array':
      return value.value.map(fromRemote)
    case 'object':
      return Object.fromEntries(value.value.map(([k, v]: [string, any]) => [k, fromRemote(v)]))
    default:
      return value.value
  }
}
