import { describe, expect, it } from 'vitest'
import { closestThreatId } from './closest-threat-id.js'

const GENERATED = [
  'sql-injection-from-untrusted-input@save-order',
  'sql-injection-from-untrusted-input@web',
  'cleartext-sensitive-flow@checkout',
  'password-guessing@web',
  'password-guessing@api',
]

describe('closestThreatId', () => {
  it('finds a rule named by the first words of its id', () => {
    expect(closestThreatId('sql-injection@save-order', GENERATED)).toBe('sql-injection-from-untrusted-input@save-order')
  })

  it('finds a misspelt element, or rule, or both', () => {
    expect(closestThreatId('cleartext-sensitive-flow@chekout', GENERATED)).toBe('cleartext-sensitive-flow@checkout')
    expect(closestThreatId('pasword-guesing@api', GENERATED)).toBe('password-guessing@api')
    expect(closestThreatId('sql-injection@sav-order', GENERATED)).toBe('sql-injection-from-untrusted-input@save-order')
  })

  it('suggests nothing for an id unlike any threat', () => {
    expect(closestThreatId('denial-of-wallet@billing', GENERATED)).toBeUndefined()
    expect(closestThreatId('sql@web', GENERATED)).toBeUndefined()
  })
})
