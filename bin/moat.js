#!/usr/bin/env node
import { main } from '../dist/bundle/main.js'

// `moat threats x.yaml | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})
process.exitCode = await main(process.argv)
