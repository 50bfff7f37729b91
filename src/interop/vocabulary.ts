/**
 * Foreign words → moat's closed vocabularies: threat categories, severities, ratings, trust
 * levels, control kinds. Each function returns undefined when nothing fits, so the caller warns.
 */
import { CONTROL_KINDS, type ControlKind, type Impact, type Likelihood, type Severity, type StrideCategory, type TrustLevel } from '../core/index.js'

const squash = (word: string) => word.toLowerCase().replace(/[^a-z]/g, '')

const CATEGORY: Record<string, StrideCategory> = {
  s: 'spoofing', spoofing: 'spoofing', spoof: 'spoofing',
  t: 'tampering', tampering: 'tampering',
  r: 'repudiation', repudiation: 'repudiation',
  i: 'information-disclosure', informationdisclosure: 'information-disclosure', disclosure: 'information-disclosure',
  d: 'denial-of-service', denialofservice: 'denial-of-service', dos: 'denial-of-service',
  e: 'elevation-of-privilege', elevationofprivilege: 'elevation-of-privilege', elevationofprivileges: 'elevation-of-privilege',
}

/** Categories of other methods that have a close STRIDE counterpart (CIA, LINDDUN). */
const APPROXIMATE: Record<string, StrideCategory> = {
  confidentiality: 'information-disclosure',
  integrity: 'tampering',
  availability: 'denial-of-service',
  linkability: 'information-disclosure',
  identifiability: 'information-disclosure',
  nonrepudiation: 'repudiation',
  detectability: 'information-disclosure',
  disclosureofinformation: 'information-disclosure',
}

/**
 * A STRIDE category from a foreign name (STRIDE names or letters, any case and spacing), and
 * whether it is only an approximation (a CIA or LINDDUN category).
 * @example
 * categoryOf('Elevation of Privileges') // { category: 'elevation-of-privilege', exact: true }
 * categoryOf('Linkability')             // { category: 'information-disclosure', exact: false }
 */
export function categoryOf(name: unknown): { category: StrideCategory; exact: boolean } | undefined {
  if (typeof name !== 'string') return undefined
  const word = squash(name)
  if (CATEGORY[word]) return { category: CATEGORY[word], exact: true }
  if (APPROXIMATE[word]) return { category: APPROXIMATE[word], exact: false }
  return undefined
}

/**
 * @example
 * severityOf('High') // 'high'
 */
export function severityOf(name: unknown): Severity | undefined {
  if (typeof name !== 'string') return undefined
  const word = squash(name)
  if (word === 'critical' || word === 'veryhigh') return 'critical'
  if (word === 'high') return 'high'
  if (word === 'elevated') return 'elevated'
  if (word === 'medium' || word === 'moderate') return 'medium'
  if (word === 'low' || word === 'verylow' || word === 'info' || word === 'informational') return 'low'
  return undefined
}

/** 0–100 scores (OTM) → moat's four-step scales. */
export function likelihoodOfScore(score: number): Likelihood {
  return score <= 25 ? 'unlikely' : score <= 50 ? 'possible' : score <= 75 ? 'likely' : 'very-likely'
}
export function impactOfScore(score: number): Impact {
  return score <= 25 ? 'low' : score <= 50 ? 'medium' : score <= 75 ? 'high' : 'very-high'
}
export const SCORE_OF_LIKELIHOOD: Record<Likelihood, number> = { unlikely: 25, possible: 50, likely: 75, 'very-likely': 100 }
export const SCORE_OF_IMPACT: Record<Impact, number> = { low: 25, medium: 50, high: 75, 'very-high': 100 }

/** OTM trustRating (0 = none, 100 = full) → trust level. */
export function trustOfRating(rating: number): TrustLevel {
  return rating < 20 ? 'untrusted' : rating < 40 ? 'low' : rating < 60 ? 'medium' : rating < 80 ? 'high' : 'full'
}
export const RATING_OF_TRUST: Record<TrustLevel, number> = { untrusted: 10, low: 30, medium: 50, high: 70, full: 90 }

/** 0–100 → low/medium/high (asset CIA). */
export const ratingOfScore = (score: number): 'low' | 'medium' | 'high' => (score < 34 ? 'low' : score < 67 ? 'medium' : 'high')
export const SCORE_OF_RATING = { low: 25, medium: 50, high: 100 } as const

/** Keywords → control kind, first match wins: the kind is a guess, the text is kept as the name. */
const KIND_KEYWORDS: [RegExp, ControlKind][] = [
  [/\b(mfa|2fa|multi[- ]?factor|second factor|two[- ]factor)/i, 'mfa'],
  [/\b(tls|ssl|https|mtls|in transit|ipsec|vpn)\b/i, 'encryption-in-transit'],
  [/\b(encrypt\w*|at rest|kms)\b/i, 'encryption-at-rest'],
  [/\b(authori[sz]\w*|rbac|abac|permission|access control|acl)\b/i, 'authorization'],
  [/\b(authenticat\w*|login|sign[- ]in|password|credential|identity|oauth|oidc|saml|token)\b/i, 'authentication'],
  [/\b(validat\w*|sanitis\w*|sanitiz\w*|schema|allow[- ]?list|whitelist)\b/i, 'input-validation'],
  [/\b(escap\w*|encod\w*|content[- ]security[- ]policy|csp)\b/i, 'output-encoding'],
  [/\b(rate[- ]limit\w*|throttl\w*|quota)\b/i, 'rate-limiting'],
  [/\b(sign(ed|ing|ature)?|hmac|mac)\b/i, 'signing'],
  [/\b(checksum|hash\w*|integrity)\b/i, 'integrity-check'],
  [/\b(secret\w*|vault)\b/i, 'secrets-management'],
  [/\b(key management|rotate|rotation|hsm)\b/i, 'key-management'],
  [/\b(log|logs|logging|audit\w*)\b/i, 'logging'],
  [/\b(monitor\w*|alert\w*|detect\w*)\b/i, 'monitoring'],
  [/\b(backup\w*|restore)\b/i, 'backup'],
  [/\b(redundan\w*|failover|replica\w*|autoscal\w*)\b/i, 'redundancy'],
  [/\b(sandbox\w*|isolat\w*|container\w*|seccomp)\b/i, 'sandboxing'],
  [/\b(least[- ]privilege|minimal permission)/i, 'least-privilege'],
  [/\b(session\w*|cookie\w*)\b/i, 'session-management'],
  [/\b(nonce|replay|timestamp)\b/i, 'anti-replay'],
  [/\b(firewall|segment\w*|security group|network polic\w*|ip filter\w*)\b/i, 'network-segmentation'],
  [/\b(waf|web application firewall)\b/i, 'waf'],
  [/\b(patch\w*|update\w*|upgrade\w*|dependabot)\b/i, 'patching'],
  [/\b(minimi[sz]\w*)\b/i, 'data-minimization'],
  [/\b(harden\w*|configur\w*|default\w*)\b/i, 'hardening'],
]

/**
 * A control kind the source states as a word of its own (an attribute, a whole name): any case,
 * spaces or underscores. Never a guess from the words of a sentence.
 * @example
 * statedControlKind('Encryption in transit') // 'encryption-in-transit'
 * statedControlKind('Use TLS everywhere')    // undefined
 */
export function statedControlKind(word: unknown): ControlKind | undefined {
  if (typeof word !== 'string') return undefined
  const squashed = word.trim().toLowerCase().replace(/[\s_]+/g, '-')
  return (CONTROL_KINDS as readonly string[]).includes(squashed) ? (squashed as ControlKind) : undefined
}

/**
 * The one kind of control that answers every threat of a STRIDE category, where there is one:
 * spoofing is answered by authentication, repudiation by logging, elevation of privilege by
 * authorization (the security property each category violates). Tampering, information
 * disclosure and denial of service are answered by many kinds (encryption, signing, validation,
 * rate limiting, redundancy, ...): their category says nothing about the kind.
 */
export const KIND_OF_CATEGORY: Readonly<Partial<Record<StrideCategory, ControlKind>>> = {
  spoofing: 'authentication',
  repudiation: 'logging',
  'elevation-of-privilege': 'authorization',
}

/**
 * The control kind a mitigation's text suggests, or undefined.
 * @example
 * guessControlKind('Enforce TLS 1.2 on the API') // 'encryption-in-transit'
 */
export function guessControlKind(description: string): ControlKind | undefined {
  const explicit = (CONTROL_KINDS as readonly string[]).find((k) => k === description.trim().toLowerCase())
  if (explicit) return explicit as ControlKind
  return KIND_KEYWORDS.find(([pattern]) => pattern.test(description))?.[1]
}
