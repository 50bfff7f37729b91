/**
 * Imported first, before any schema is built: zod decides at construction whether to compile fast
 * validators with `new Function`. The editor's Content-Security-Policy forbids eval, and Firefox
 * reports zod's probe for it as an error; validating without the compiler is fast enough for one
 * model (a millisecond or two on 1,000 elements).
 */
import { z } from 'zod'

z.config({ jitless: true })
