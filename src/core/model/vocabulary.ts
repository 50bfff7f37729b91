/**
 * The closed vocabularies of a moat model. Each list is the single source for the schema,
 * the rule validator, the docs and the CLI's help, so a word added here is accepted everywhere.
 */

export const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information-disclosure',
  'denial-of-service',
  'elevation-of-privilege',
] as const
export type StrideCategory = (typeof STRIDE)[number]

export const STRIDE_LETTER: Record<StrideCategory, string> = {
  spoofing: 'S',
  tampering: 'T',
  repudiation: 'R',
  'information-disclosure': 'I',
  'denial-of-service': 'D',
  'elevation-of-privilege': 'E',
}

/** Element kinds that appear on a data-flow diagram. */
export const ELEMENT_KINDS = ['external', 'process', 'store', 'flow'] as const
export type ElementKind = (typeof ELEMENT_KINDS)[number]

/**
 * The STRIDE categories that apply to each DFD element kind (Shostack's STRIDE-per-element chart).
 * The review's coverage check asks for a threat or a "not applicable" reason in each of these.
 */
export const STRIDE_PER_KIND: Record<ElementKind, readonly StrideCategory[]> = {
  external: ['spoofing', 'repudiation'],
  process: STRIDE,
  store: ['tampering', 'repudiation', 'information-disclosure', 'denial-of-service'],
  flow: ['tampering', 'information-disclosure', 'denial-of-service'],
}

/** Trust levels of a boundary, lowest first; rules see them as numbers 0..4. */
export const TRUST_LEVELS = ['untrusted', 'low', 'medium', 'high', 'full'] as const
export type TrustLevel = (typeof TRUST_LEVELS)[number]

export const CONTROL_KINDS = [
  'authentication',
  'authorization',
  'mfa',
  'encryption-in-transit',
  'encryption-at-rest',
  'input-validation',
  'output-encoding',
  'logging',
  'monitoring',
  'rate-limiting',
  'signing',
  'integrity-check',
  'secrets-management',
  'key-management',
  'backup',
  'redundancy',
  'sandboxing',
  'least-privilege',
  'session-management',
  'anti-replay',
  'network-segmentation',
  'hardening',
  'patching',
  'waf',
  'data-minimization',
  'csrf-protection',
  'circuit-breaker',
  'egress-filtering',
  'supply-chain-security',
  'log-sanitization',
] as const
export type ControlKind = (typeof CONTROL_KINDS)[number]

/** What each control kind is for: shown by `moat rules` and in the docs. */
export const CONTROL_KIND_DESCRIPTIONS: Record<ControlKind, string> = {
  authentication: 'verifies who or what is on the other end (passwords, tokens, mTLS, API keys)',
  authorization: 'decides what an authenticated party may do (RBAC, ABAC, object-level checks)',
  mfa: 'a second authentication factor for people',
  'encryption-in-transit': 'TLS, mTLS, SSH, IPsec, or message-level encryption on a flow',
  'encryption-at-rest': 'data encrypted where it is stored (disk, database, field level)',
  'input-validation': 'input checked against an allow-list, schema or size limit before use',
  'output-encoding': 'output escaped for its context (HTML, SQL, shell, logs)',
  logging: 'security-relevant events recorded with who, what and when',
  monitoring: 'alerts raised on suspicious activity; logs reviewed',
  'rate-limiting': 'requests limited per client, quota, throttling',
  signing: 'digital signatures or MACs on data or messages',
  'integrity-check': 'checksums, hashes or append-only storage that reveal changes',
  'secrets-management': 'secrets kept in a vault, rotated, never in code',
  'key-management': 'keys generated, stored, rotated and revoked under control (KMS, HSM)',
  backup: 'copies of data that can be restored, tested',
  redundancy: 'replicas, failover, autoscaling',
  sandboxing: 'the process runs isolated (container, seccomp, separate user, VM)',
  'least-privilege': 'the process or account holds only the permissions it needs',
  'session-management': 'sessions created, bound, expired and revoked safely',
  'anti-replay': 'nonces, timestamps or sequence numbers that make old messages useless',
  'network-segmentation': 'firewalls, security groups, private networks',
  hardening: 'secure configuration, minimal surface, secure defaults',
  patching: 'dependencies and platforms kept up to date',
  waf: 'a web application firewall or API gateway filtering requests',
  'data-minimization': 'only the data needed is collected, kept or sent',
  'csrf-protection': 'anti-CSRF tokens, SameSite cookies or origin checks on state-changing requests',
  'circuit-breaker': 'calls to a failing dependency are cut off and fail fast instead of piling up',
  'egress-filtering': 'outbound connections limited to an allow-list of destinations (against SSRF and exfiltration)',
  'supply-chain-security': 'pinned, scanned and signed dependencies and base images; reviewed, reproducible builds',
  'log-sanitization': 'secrets and personal data removed or masked before anything is logged',
}

/** The 4-point scales of likelihood and impact, lowest first. */
export const LIKELIHOODS = ['unlikely', 'possible', 'likely', 'very-likely'] as const
export type Likelihood = (typeof LIKELIHOODS)[number]
export const IMPACTS = ['low', 'medium', 'high', 'very-high'] as const
export type Impact = (typeof IMPACTS)[number]

export const SEVERITIES = ['low', 'medium', 'elevated', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]
/** Residual severity adds `none`: an eliminated or not-applicable threat leaves no risk. */
export type ResidualSeverity = Severity | 'none'

export const RESPONSES = ['mitigate', 'eliminate', 'transfer', 'accept', 'not-applicable'] as const
export type ResponseKind = (typeof RESPONSES)[number]

export const RESPONSE_STATUSES = ['open', 'planned', 'in-progress', 'done'] as const
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number]

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const
export type Classification = (typeof CLASSIFICATIONS)[number]

export const RATINGS = ['low', 'medium', 'high'] as const
export type Rating = (typeof RATINGS)[number]

export const SYSTEM_KINDS = ['product', 'protocol'] as const
export type SystemKind = (typeof SYSTEM_KINDS)[number]
