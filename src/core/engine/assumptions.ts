/**
 * Which unstated facts a threat rests on. The context shows every unstated fact at its
 * pessimistic value (unstated-facts.ts), so a rule fires wherever the fact might be missing. For a
 * rule that fired, this evaluates the parts of its condition that can read a fact (conjuncts.ts)
 * again under a probe (probe.ts), which records the unstated facts they read and shows chosen ones
 * at their safe value. Stated values are never changed. Only threats that fired are probed, so the
 * cost follows the number of threats, not the size of the model.
 */
import type { Conjunct } from './conjuncts.js'
import { factsAt, probe, type FactRef, type Safe } from './probe.js'

export type { FactRef } from './probe.js'

export interface Settlement {
  /** The unstated facts the threat rests on, in the order the condition read them. */
  facts: FactRef[]
  /**
   * false: stating any one of the facts the safe way removes the threat. true: no single fact
   * does, and the list holds the facts that, all stated the safe way, remove it.
   */
  together: boolean
}

const NOTHING_SAFE: Safe = null
const EVERYTHING_SAFE: Safe = 'all'

/**
 * For a condition (as its parts) that holds on a context: undefined when it holds whatever the
 * unstated facts are (the threat is definite), otherwise the facts that would settle it.
 * @example
 * settlementOf(conjunctsOf(rule), contexts.forFlow(edge)) // { facts: [{ subject: 'checkout', kind: 'flow', fact: 'authenticated' }], together: false }
 */
export function settlementOf(conjuncts: readonly Conjunct[], context: object): Settlement | undefined {
  const parts = conjuncts.filter((c) => c.readsFacts)
  // Which unstated facts each part reads as it is.
  const readers = new Map<FactRef, Conjunct[]>()
  for (const part of parts) {
    // A part in plain JavaScript names the fields it reads: no need to run it to know its facts.
    const read = part.sites ? factsAt(part.sites, context) : holds(part, context, NOTHING_SAFE).reads
    for (const ref of read) {
      const reading = readers.get(ref)
      if (reading) reading.push(part)
      else readers.set(ref, [part])
    }
  }
  if (readers.size === 0) return undefined
  // A fact settles the threat alone when stating it the safe way turns a part that reads it false.
  const alone = [...readers].filter(([ref, reading]) => {
    if (ref.fact !== 'type' && reading.some((part) => part.leaf)) return true
    return reading.some((part) => !holds(part, context, ref).result)
  })
  if (alone.length) return { facts: alone.map(([ref]) => ref), together: false }
  // Otherwise perhaps all of them together do: the facts the parts that turn false read then.
  const together = new Set<FactRef>()
  for (const part of parts) {
    const safe = holds(part, context, EVERYTHING_SAFE)
    if (!safe.result) for (const ref of safe.reads) together.add(ref)
  }
  return together.size ? { facts: [...together], together: true } : undefined
}

/** Whether a part holds under a probe, and the unstated facts it read. */
const holds = probe
