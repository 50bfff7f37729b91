/**
 * Readable, unique moat ids from foreign names. Foreign tools key things by UUIDs or display
 * names; moat ids are what users type, so they are slugs of the names ("Web App" → web-app),
 * made unique by a numeric suffix in the order things appear (stable for the same input).
 */
import { ID_PATTERN } from '../core/index.js'

const UUID_LIKE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i
const MAX_SLUG = 48

/**
 * @example
 * slug('Web App (public)') // 'web-app-public'
 */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return s.slice(0, MAX_SLUG).replace(/-+$/, '')
}

/** A foreign key worth keeping as the moat id: already valid, readable, and not a generated UUID or number. */
export const keepsAsId = (key: unknown): key is string =>
  typeof key === 'string' && key.length <= 64 && ID_PATTERN.test(key) && !UUID_LIKE.test(key) && !/^\d+$/.test(key)

export class IdAllocator {
  private readonly used = new Set<string>()

  constructor(private readonly pattern: RegExp = ID_PATTERN) {}

  /**
   * A fresh id: `preferred` when it is a valid, unused id; otherwise the slug of `name`, then of
   * `fallback`, with -2, -3, ... when taken.
   * @example
   * const ids = new IdAllocator()
   * ids.take('Web App', 'process') // 'web-app'
   * ids.take('Web App', 'process') // 'web-app-2'
   */
  take(name: string | undefined, fallback: string, preferred?: string): string {
    if (preferred && this.pattern.test(preferred) && !this.used.has(preferred)) return this.claim(preferred)
    const base = slug(name ?? '') || fallback
    let id = base
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`
    return this.claim(id)
  }

  /** Marks an id as used without allocating it (ids a caller names itself). */
  reserve(id: string): void {
    this.used.add(id)
  }

  has(id: string): boolean {
    return this.used.has(id)
  }

  private claim(id: string): string {
    this.used.add(id)
    return id
  }
}

const THREAT_KEY = /^[A-Za-z0-9][A-Za-z0-9_.:@+-]*$/

/** The same for threat keys, which may also hold `@` and `+` (RULE@ELEMENT). */
export const keepsAsThreatKey = (key: unknown): key is string =>
  typeof key === 'string' && key.length <= 128 && THREAT_KEY.test(key) && !UUID_LIKE.test(key) && !/^\d+$/.test(key)
