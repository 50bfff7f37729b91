import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { toDot, toMermaid, toPlantUml } from '../../src/render/index.js'
import { scenesOfYaml, NESTED, PROTOCOL, REFINED, XSS } from './fixtures.js'

const hasDot = spawnSync('dot', ['-V']).status === 0

describe('Mermaid', () => {
  it('writes a flowchart with nested subgraphs, DFD shapes and thick crossing links', () => {
    const text = toMermaid(scenesOfYaml(NESTED)[0]!)
    const lines = text.split('\n').map((l) => l.trim())
    expect(lines).toContain('flowchart LR')
    const cloud = lines.indexOf('subgraph b_cloud["Cloud · medium"]')
    const vpc = lines.indexOf('subgraph b_vpc["VPC · high"]')
    expect(cloud).toBeGreaterThan(0)
    expect(vpc).toBeGreaterThan(cloud)
    expect(lines.indexOf('n_api(["API"])')).toBeGreaterThan(vpc)
    expect(lines).toContain('n_db[("DB")]')
    expect(lines).toContain('n_user["User"]')
    expect(lines).toContain('n_user ==>|"Requests<br/><i>HTTPS</i>"| n_web')
    expect(lines).toContain('n_api <-->|"Queries<br/><i>postgres</i>"| n_db')
    expect(lines).toContain('linkStyle 0,1 stroke:#c53030,stroke-width:2.5px')
    // subgraph/end balance
    expect(lines.filter((l) => l.startsWith('subgraph ')).length).toBe(lines.filter((l) => l === 'end').length)
  })

  it('escapes labels and sanitises ids', () => {
    const text = toMermaid(scenesOfYaml(XSS)[0]!)
    expect(text).not.toMatch(/<script|<img|<b>/)
    expect(text).toContain('#lt;script#gt;alert(1)#lt;/script#gt;')
    // Inside a label, nothing can close the quotes or the shape.
    for (const label of text.matchAll(/"([^"]*)"/g)) expect(label[1]).not.toMatch(/[[\]|`]/)
  })

  it('writes a sequenceDiagram for a protocol, in order, with protection', () => {
    const text = toMermaid(scenesOfYaml(PROTOCOL)[1]!)
    const lines = text.split('\n').map((l) => l.trim())
    expect(lines[0]).toBe('sequenceDiagram')
    const messages = lines.filter((l) => l.includes('->>'))
    expect(messages).toEqual([
      'n_client->>n_server: ClientHello [plaintext, nonce]',
      'n_server->>n_client: ServerHello [encrypted, signed, nonce · HTTPS]',
      'n_client->>n_server: Finished [encrypted, signed · TLS]',
    ])
    expect(lines).toContain('box rgba(214,47,47,0.06) Client')
  })

  it('marks context elements of a refinement', () => {
    const text = toMermaid(scenesOfYaml(REFINED).find((s) => s.id === 'inside')!)
    expect(text).toMatch(/class (n_user,n_db|n_db,n_user) context/)
  })
})

describe('Graphviz DOT', () => {
  it('writes clusters for boundaries, dashed and red, nested', () => {
    const text = toDot(scenesOfYaml(NESTED)[0]!)
    expect(text).toMatch(/^digraph "system" \{/)
    expect(text).toContain('subgraph "cluster_internet" {')
    expect(text).toMatch(/subgraph "cluster_cloud" \{[\s\S]*subgraph "cluster_vpc" \{[\s\S]*"api"[\s\S]*\}[\s\S]*\}/)
    expect(text).toContain('style="dashed,rounded"; color="#d62f2f"')
    expect(text).toMatch(/"user" -> "web" \[label="Requests\\nHTTPS", color="#1f2937", penwidth=2\.2/)
    expect(text).toMatch(/"api" -> "db" \[label="Queries\\npostgres", dir=both\]/)
    expect(text).toContain('<TD SIDES="TB">')
  })

  it('escapes quotes, backslashes and HTML', () => {
    const text = toDot(scenesOfYaml(XSS)[0]!)
    expect(text).toContain('\\"q\\"')
    expect(text).toContain('a\\\\nb') // the protocol "a\nb" typed by the user stays a backslash
    expect(text).not.toMatch(/[^\\]"q"/)
  })

  it.skipIf(!hasDot)('is accepted by dot', () => {
    for (const yaml of [NESTED, XSS, PROTOCOL, REFINED]) {
      for (const scene of scenesOfYaml(yaml)) {
        const result = spawnSync('dot', ['-Tsvg'], { input: toDot(scene), encoding: 'utf8' })
        expect(result.stderr, scene.id).toBe('')
        expect(result.status).toBe(0)
        expect(result.stdout).toContain('<svg')
        expect(result.stdout).not.toMatch(/<script/)
      }
    }
  })
})

describe('PlantUML', () => {
  it('writes a DFD with nested dashed boundaries and DFD-ish elements', () => {
    const text = toPlantUml(scenesOfYaml(NESTED)[0]!)
    const lines = text.split('\n').map((l) => l.trim())
    expect(lines[0]).toBe('@startuml')
    expect(lines.at(-2)).toBe('@enduml')
    expect(lines).toContain('rectangle "Cloud (medium)" as b_cloud #line.dashed;line:D62F2F;text:D62F2F {')
    expect(lines).toContain('database "DB" as n_db')
    expect(lines).toContain('usecase "Web\\n<size:10>node</size>" as n_web')
    expect(lines).toContain('n_user -[#C53030,bold]-> n_web : Requests\\nHTTPS')
    expect(lines).toContain('n_api <--> n_db : Queries\\npostgres')
    expect(lines.filter((l) => l.endsWith('{')).length).toBe(lines.filter((l) => l === '}').length)
  })

  it('escapes Creole markup and tags', () => {
    const text = toPlantUml(scenesOfYaml(XSS)[0]!)
    expect(text).not.toMatch(/<script|<img|<b>|\*\*/)
    expect(text).toContain('&#60;script&#62;')
  })

  it('writes a sequence diagram for a protocol', () => {
    const text = toPlantUml(scenesOfYaml(PROTOCOL)[1]!)
    expect(text).toContain('box "Client" #FFF5F5')
    const messages = text.split('\n').filter((l) => l.includes(' -> '))
    expect(messages.map((m) => m.split(' : ')[0])).toEqual(['n_client -> n_server', 'n_server -> n_client', 'n_client -> n_server'])
  })
})
