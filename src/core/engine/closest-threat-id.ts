/**
 * The generated threat a mistyped response most likely meant. A threat id is RULE@ELEMENT, and a
 * person misremembers the two halves separately: a rule's long name shortened
 * (`sql-injection@save-order` for `sql-injection-from-untrusted-input@save-order`), or an
 * element misspelt. So each half is matched on its own, and the closest pair wins.
 */
import { closest } from '../diagnostics.js'

/**
 * @example
 * closestThreatId('sql-injection@save-order', ['sql-injection-from-untrusted-input@save-order']) // 'sql-injection-from-untrusted-input@save-order'
 * closestThreatId('password-guessing@wbe', ['password-guessing@web']) // 'password-guessing@web'
 */
export function closestThreatId(id: string, generated: Iterable<string>): string | undefined {
  const whole = closest(id, generated)
  if (whole) return whole
  const [rule, element] = halves(id)
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const candidate of generated) {
    const [otherRule, otherElement] = halves(candidate)
    const score = ruleDistance(rule, otherRule) + partDistance(element, otherElement)
    if (score < bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}

const halves = (id: string): [string, string] => {
  const at = id.lastIndexOf('@')
  return at < 0 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)]
}

/** 0 for the same text, 1 to 3 for a small misspelling, Infinity for anything else. */
function partDistance(typed: string, real: string): number {
  if (typed === real) return 0
  return closest(typed, [real]) === undefined ? Number.POSITIVE_INFINITY : 2
}

/** A rule may also be named by the first words of its id: `sql-injection` for `sql-injection-from-…`. */
function ruleDistance(typed: string, real: string): number {
  if (typed.length >= 4 && real.startsWith(`${typed}-`)) return 1
  return partDistance(typed, real)
}
