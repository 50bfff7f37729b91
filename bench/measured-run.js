// The real CLI, plus its peak memory on stderr when it ends (for the benchmark).
import { main } from '../dist/bundle/main.js'

process.exitCode = await main(process.argv)
process.stderr.write(`maxrss=${process.resourceUsage().maxRSS}\n`)
