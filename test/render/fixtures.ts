/** Small models for the renderer's tests, and a helper from YAML to scenes. */
import { readFileSync } from 'node:fs'
import { buildGraph } from '../../src/core/index.js'
import { diagramScenes, type Scene } from '../../src/render/index.js'
import { validModel } from '../helpers.js'

export const scenesOfYaml = (yaml: string): Scene[] => diagramScenes(buildGraph(validModel(yaml)))

/** Nested boundaries, a crossing and a local flow, a two-way flow, a store. */
export const NESTED = `
moat: 1
system: {name: Nested}
boundaries:
  internet: {name: Internet}
  cloud: {name: Cloud}
  vpc: {name: VPC, parent: cloud}
externals:
  user: {name: User, boundary: internet}
processes:
  web: {name: Web, boundary: cloud, technology: node}
  api: {name: API, boundary: vpc}
stores:
  db: {name: DB, boundary: vpc, data: [pii]}
assets:
  pii: {name: Personal data, classification: confidential}
flows:
  req: {from: user, to: web, protocol: HTTPS, name: Requests}
  call: {from: web, to: api, protocol: HTTP, name: Calls}
  sql: {from: api, to: db, protocol: postgres, name: Queries, bidirectional: true}
`

export const XSS = `
moat: 1
system: {name: "<script>alert(1)</script>"}
boundaries:
  b: {name: "</g><script>alert('b')</script>"}
externals:
  x: {name: "<script>alert(1)</script>", boundary: b}
processes:
  p: {name: "A & B \\"quoted\\" ]] --> #x; |pipe| \`tick\` **bold** <img:http://evil>"}
flows:
  f: {from: x, to: p, name: "<b>bold</b> & \\"q\\"", protocol: "a\\\\nb"}
`

/** A protocol: messages listed out of order, with an order field. */
export const PROTOCOL = `
moat: 1
system: {name: Handshake, kind: protocol}
boundaries:
  client-side: {name: Client}
  server-side: {name: Server}
processes:
  client: {name: Client, boundary: client-side}
  server: {name: Server, boundary: server-side}
flows:
  finished: {from: client, to: server, order: 3, protocol: TLS, name: Finished, signed: true}
  hello: {from: client, to: server, order: 1, name: ClientHello, nonce: true}
  reply: {from: server, to: client, order: 2, protocol: HTTPS, name: ServerHello, signed: true, nonce: true}
`

/** A process refined into two, with outside parties. */
export const REFINED = `
moat: 1
system: {name: Refined}
boundaries:
  edge: {name: Edge}
  core: {name: Core}
externals:
  user: {name: User, boundary: edge}
  other: {name: Unrelated, boundary: edge}
processes:
  app: {name: App, boundary: core}
  front: {name: Front, boundary: core}
  back: {name: Back, boundary: core}
stores:
  db: {name: DB, boundary: core}
flows:
  use: {from: user, to: app}
  save: {from: app, to: db}
  use-front: {from: user, to: front}
  inner: {from: front, to: back}
  back-save: {from: back, to: db}
  user-db: {from: user, to: db}
  unrelated: {from: other, to: user}
diagrams:
  overview: {name: Overview}
  inside: {name: Inside the app, refines: app, elements: [front, back]}
`

/** Every diagram of the examples and of the fixtures above, labelled: what the format checks run on. */
export function everyScene(): [string, Scene][] {
  const examples = ['shop', 'login-protocol', 'moat'].flatMap((name) => {
    const yaml = readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8')
    return scenesOfYaml(yaml).map((scene) => [`${name}: ${scene.id}`, scene] as [string, Scene])
  })
  const fixtures = Object.entries({ NESTED, PROTOCOL, REFINED, XSS }).flatMap(([name, yaml]) =>
    scenesOfYaml(yaml).map((scene) => [`${name}: ${scene.id}`, scene] as [string, Scene]),
  )
  return [...examples, ...fixtures]
}
