/**
 * What a part of a system can be, as `moat init` offers it: each kind is a role of the element
 * vocabulary (src/core/engine/roles.ts), with the element it becomes and where it runs. The
 * `type` written into the model is a word of that role, so the rules see the part as what it is.
 */
import { rolesOf } from '../../core/engine/roles.js'

/** Where a part runs, which sets its trust boundary. */
export type Place = 'users' | 'ours' | 'data'

export interface PartKind {
  /** The role (or, for people and devices, the external's type). */
  id: string
  label: string
  element: 'external' | 'process' | 'store'
  /** The model's `type:`: a word of the role. */
  type: string
  place: Place
  /** Whether a third party can run it for us (then it is an external service, not ours). */
  canBeThirdParty: boolean
}

export const PART_KINDS: readonly PartKind[] = [
  { id: 'person', label: 'a person who uses it', element: 'external', type: 'person', place: 'users', canBeThirdParty: false },
  { id: 'browser', label: 'a web front end running in the browser', element: 'process', type: 'browser', place: 'users', canBeThirdParty: false },
  { id: 'mobile', label: 'a mobile app', element: 'process', type: 'mobile-app', place: 'users', canBeThirdParty: false },
  { id: 'client', label: 'a desktop app or command-line tool', element: 'process', type: 'desktop-app', place: 'users', canBeThirdParty: false },
  { id: 'device', label: 'a device (IoT, sensor, card reader)', element: 'external', type: 'device', place: 'users', canBeThirdParty: false },
  { id: 'web', label: 'a web application serving pages', element: 'process', type: 'web-app', place: 'ours', canBeThirdParty: false },
  { id: 'api', label: 'an API or backend service', element: 'process', type: 'api', place: 'ours', canBeThirdParty: true },
  { id: 'gateway', label: 'a gateway, load balancer or reverse proxy', element: 'process', type: 'gateway', place: 'ours', canBeThirdParty: true },
  { id: 'function', label: 'a worker, job or serverless function', element: 'process', type: 'function', place: 'ours', canBeThirdParty: false },
  { id: 'identity-provider', label: 'an identity provider (sign-in, SSO)', element: 'process', type: 'identity-provider', place: 'ours', canBeThirdParty: true },
  { id: 'llm', label: 'a language model (LLM)', element: 'process', type: 'llm', place: 'ours', canBeThirdParty: true },
  { id: 'agent', label: 'an AI agent that acts with tools', element: 'process', type: 'agent', place: 'ours', canBeThirdParty: false },
  { id: 'ci-cd', label: 'a build and deploy pipeline (CI/CD)', element: 'process', type: 'ci-cd', place: 'ours', canBeThirdParty: true },
  { id: 'database', label: 'a database', element: 'store', type: 'database', place: 'data', canBeThirdParty: false },
  { id: 'cache', label: 'a cache', element: 'store', type: 'cache', place: 'data', canBeThirdParty: false },
  { id: 'queue', label: 'a queue, topic or event stream', element: 'store', type: 'queue', place: 'data', canBeThirdParty: false },
  { id: 'object-storage', label: 'object or blob storage (buckets)', element: 'store', type: 'object-storage', place: 'data', canBeThirdParty: false },
  { id: 'files', label: 'files on a disk or share', element: 'store', type: 'files', place: 'data', canBeThirdParty: false },
  { id: 'log', label: 'logs or an audit trail', element: 'store', type: 'log', place: 'data', canBeThirdParty: false },
  { id: 'secrets', label: 'a secrets vault or key store', element: 'store', type: 'secrets', place: 'data', canBeThirdParty: false },
  { id: 'warehouse', label: 'a data warehouse or analytics store', element: 'store', type: 'warehouse', place: 'data', canBeThirdParty: false },
  { id: 'source-repository', label: 'a source code repository', element: 'store', type: 'source-repository', place: 'data', canBeThirdParty: false },
  { id: 'registry', label: 'an artifact or container registry', element: 'store', type: 'registry', place: 'data', canBeThirdParty: false },
  { id: 'service', label: 'another company\'s service we call (payments, email, push, maps, ...)', element: 'external', type: 'service', place: 'ours', canBeThirdParty: true },
]

export const partKind = (id: string): PartKind => PART_KINDS.find((k) => k.id === id) ?? PART_KINDS.find((k) => k.id === 'api')!

const PEOPLE = /\b(user|users|customer|customers|client|clients|admin|admins|administrator|staff|employee|operator|patient|driver|rider|member|visitor|buyer|seller|merchant|developer|student|teacher|doctor|nurse|player|person|people)\b/i
const SERVICES = /\b(stripe|paypal|adyen|braintree|twilio|sendgrid|mailgun|mailchimp|postmark|firebase|fcm|apns|push|sms|email|e-mail|payments?|maps?|analytics service|provider|third[- ]party|partner)\b/i
const WORDS: Record<string, string> = {
  app: 'mobile', 'mobile app': 'mobile', 'ios app': 'mobile', 'android app': 'mobile', frontend: 'browser', 'front end': 'browser', spa: 'browser',
  worker: 'function', job: 'function', jobs: 'function', scheduler: 'function', cron: 'function', backend: 'api', server: 'api',
  storage: 'object-storage', uploads: 'files', bucket: 'object-storage', topic: 'queue', events: 'queue', auth: 'identity-provider', login: 'identity-provider',
}

/**
 * The kind a part's name suggests, to preselect: a role word in the name, a word for people or
 * for another company's service, else an API.
 * @example
 * guessKind('Orders database') // 'database'
 * guessKind('Customer') // 'person'
 */
export function guessKind(name: string): string {
  const words = name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
  if (PEOPLE.test(words) && !/\b(app|api|service|portal|database|db)\b/.test(words)) return 'person'
  const roles = rolesOf(words.replace(/ /g, '-'))
  const byRole = PART_KINDS.find((k) => k.id !== 'person' && k.id !== 'service' && roles.includes(k.id))
  // A mobile role beats the client role it implies; a browser beats a web app for "web frontend".
  const mobile = roles.includes('mobile') ? 'mobile' : undefined
  const named = Object.entries(WORDS).find(([word]) => new RegExp(`\\b${word}\\b`).test(words))?.[1]
  if (SERVICES.test(words)) return 'service'
  return mobile ?? byRole?.id ?? named ?? 'api'
}

/** Whether a part's name sounds like another company's service. */
export const soundsThirdParty = (name: string) => SERVICES.test(name.toLowerCase())
