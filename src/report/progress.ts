/**
 * A one-line progress indicator on stderr, for work that takes more than a moment (a PDF takes a
 * few seconds to start a browser and print). Only on a terminal: in CI and pipes it says nothing,
 * so logs stay clean.
 */

export interface Progress {
  step(text: string): void
  done(): void
}

/**
 * @example
 * const progress = terminalProgress(process.stderr)
 * progress.step('printing'); progress.done()
 */
export function terminalProgress(stream: NodeJS.WriteStream, label = 'moat'): Progress {
  if (!stream.isTTY) return { step: () => {}, done: () => {} }
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
  let text = ''
  let frame = 0
  const draw = () => stream.write(`\r\u001b[2K${frames[frame++ % frames.length]} ${label}: ${text}…`)
  const timer = setInterval(draw, 100)
  // The timer must never keep the process alive on its own.
  timer.unref()
  return {
    step(next) {
      text = next
      draw()
    },
    done() {
      clearInterval(timer)
      stream.write('\r\u001b[2K')
    },
  }
}
