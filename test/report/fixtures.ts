/** Models for the report tests: a hostile one (every text field a payload) and pairs for diff. */
import { readFileSync } from 'node:fs'
import { analyze, checkModel, type Analysis } from '../../src/core/index.js'
import { loadProject, loadRules } from '../../src/node/load-project.js'

export const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', '</script><script>alert(3)</script>', "'><svg onload=alert(4)>", '=HYPERLINK("http://evil")', '| pipe | `tick` [link](javascript:alert(5))']
const P = (i: number) => JSON.stringify(PAYLOADS[i % PAYLOADS.length])

/** Every name, description, title, mitigation, owner and link holds a payload. */
export const HOSTILE = `moat: 1
system:
  name: ${P(0)}
  description: ${P(1)}
  owners: [${P(2)}]
  links: [${P(3)}, "javascript:alert(6)"]
assets:
  secret: {name: ${P(1)}, description: ${P(2)}, classification: restricted, owner: ${P(4)}}
actors:
  evil: {name: ${P(3)}, description: ${P(0)}, malicious: true, via: [user], motivation: ${P(5)}}
boundaries:
  net: {name: ${P(2)}, trust: untrusted}
  app: {name: ${P(5)}}
externals:
  user: {name: ${P(0)}, boundary: net, description: ${P(1)}}
processes:
  web: {name: ${P(1)}, boundary: app, description: ${P(3)}, technology: ${P(2)}}
stores:
  db: {name: ${P(2)}, boundary: app, description: ${P(4)}, data: [secret]}
flows:
  req: {name: ${P(3)}, from: user, to: web, protocol: ${P(0)}, data: [secret], description: ${P(5)}}
  save: {name: ${P(4)}, from: web, to: db, protocol: HTTP, data: [secret]}
controls:
  login: {name: ${P(5)}, kind: authentication, on: [web], description: ${P(0)}, owner: ${P(1)}}
assumptions:
  a1: {description: ${P(2)}, owner: ${P(3)}, links: [${P(0)}]}
threats:
  custom:
    title: ${P(0)}
    category: tampering
    on: [web]
    description: ${P(1)}
    mitigations: [${P(2)}, ${P(4)}]
    references: [${P(3)}, "javascript:alert(7)"]
    response: accept
    owner: ${P(4)}
    rationale: ${P(5)}
    ticket: ${P(1)}
waivers:
  dfd.descriptions: ${P(0)}
`

const ROOT = new URL('../../', import.meta.url).pathname
export const SHOP = `${ROOT}examples/shop.yaml`
export const EXAMPLES = ['shop.yaml', 'login-protocol.yaml', 'moat.yaml'].map((f) => `${ROOT}examples/${f}`)

/** A model file's text and its analysis with the built-in rules. */
export function project(file: string): { text: string; analysis: Analysis } {
  const p = loadProject(file)
  if (!p.analysis) throw new Error(`${file} did not analyse`)
  return { text: p.text, analysis: p.analysis }
}

/** A model given as YAML text, analysed with the built-in rules. */
export function analyseText(text: string): Analysis {
  const { model, diagnostics } = checkModel(text)
  if (!model) throw new Error(diagnostics.map((d) => d.message).join('\n'))
  return analyze(model, { rules: loadRules([]).rules })
}

export const readExample = (file: string) => readFileSync(file, 'utf8')
