/**
 * Where the real files from other tools are: ../shared/fixtures beside the project (or
 * MOAT_FIXTURES). They are not part of this repository; a checkout without them skips the tests
 * that need them, and says so.
 */
import { existsSync } from 'node:fs'

export const FIXTURES = process.env.MOAT_FIXTURES
  ? `${process.env.MOAT_FIXTURES.replace(/\/$/, '')}/`
  : new URL('../../shared/fixtures/', import.meta.url).pathname

export const haveFixtures = existsSync(FIXTURES)

if (!haveFixtures) console.warn(`moat tests: no fixtures at ${FIXTURES} (set MOAT_FIXTURES): the import tests of real files are skipped`)

/** Benchmark corpora (../shared/benchmarks, or MOAT_BENCHMARKS): real models with expert verdicts. */
export const BENCHMARKS = process.env.MOAT_BENCHMARKS
  ? `${process.env.MOAT_BENCHMARKS.replace(/\/$/, '')}/`
  : new URL('../../shared/benchmarks/', import.meta.url).pathname

export const haveBenchmarks = existsSync(BENCHMARKS)

if (!haveBenchmarks) console.warn(`moat tests: no benchmarks at ${BENCHMARKS} (set MOAT_BENCHMARKS): the tests of benchmark corpora are skipped`)
