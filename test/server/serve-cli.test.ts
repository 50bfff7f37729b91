/** `moat serve` as a user starts it: the address it prints carries the key; a network bind is said plainly. */
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const BIN = new URL('../../bin/moat.js', import.meta.url).pathname
const EXAMPLE = new URL('../../examples/shop.yaml', import.meta.url).pathname

/** Starts `moat serve`, waits for its address, and stops it. */
function start(args: string[]): Promise<{ out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', EXAMPLE, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no address printed:\n${out}\n${err}`)), 15_000)
    const finish = (failure?: Error) => {
      clearTimeout(timer)
      child.kill('SIGTERM')
      if (failure) reject(failure)
      else resolve({ out, err })
    }
    child.stderr.on('data', (d) => (err += d))
    child.stdout.on('data', (d) => {
      out += d
      if (/#token=/.test(out)) setTimeout(() => finish(), 200)
    })
    child.once('exit', (code) => finish(new Error(`moat serve exited with ${code}:\n${out}\n${err}`)))
  })
}

describe('moat serve', () => {
  it('prints an address whose fragment holds the key, and no warning on loopback', async () => {
    const { out, err } = await start([])
    const address = /(http:\/\/\S+)/.exec(out)![1]!
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/)
    expect(err).not.toContain('warning')
  })

  it('warns plainly when it listens beyond this machine', async () => {
    const { err } = await start(['--host', '0.0.0.0'])
    expect(err).toContain('warning: listening on 0.0.0.0')
    expect(err).toContain('can read and overwrite the models')
  })
})
