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
