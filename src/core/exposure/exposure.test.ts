import { describe, expect, it } from 'vitest'
import { analysisOf } from '../../../test/helpers.js'

const SHOP = `moat: 1
system: {name: Shop}
assets:
  cards: {classification: restricted}
  catalogue: {classification: public}
actors:
  attacker: {malicious: true, via: [user]}
  admin: {trusted: true, via: [staff]}
boundaries:
  internet: {}
  office: {trust: high}
  app: {}
  data: {parent: app}
externals:
  user: {boundary: internet}
  staff: {boundary: office}
processes:
  web: {boundary: app, data: [catalogue]}
  api: {boundary: app}
stores:
  db: {boundary: data, data: [cards]}
flows:
  browse: {from: user, to: web, protocol: HTTPS}
  call: {from: web, to: api, data: [cards]}
  query: {from: api, to: db, bidirectional: true}
  manage: {from: staff, to: api}
`

describe('exposure', () => {
  it('traces each untrusted actor to the assets it reaches, along the flows', () => {
    const { exposure } = analysisOf(SHOP)
    expect(exposure.actors.map((a) => a.id)).toEqual(['attacker'])
    const cards = exposure.rows.find((r) => r.asset === 'cards')!
    expect(cards).toMatchObject({ actor: 'attacker', at: 'call', path: ['user', 'browse', 'web', 'call'], boundariesCrossed: ['app'] })
    expect(cards.unguarded).toEqual(['browse', 'web', 'call'])
    expect(cards.guards).toEqual([])
    expect(exposure.rows.find((r) => r.asset === 'catalogue')).toMatchObject({ at: 'web', path: ['user', 'browse', 'web'] })
  })

  it('names the guards on the way', () => {
    const { exposure } = analysisOf(`${SHOP}controls:\n  login: {kind: authentication, on: [web]}\n`)
    const cards = exposure.rows.find((r) => r.asset === 'cards')!
    expect(cards.guards).toEqual(['login'])
    expect(cards.unguarded).toEqual(['browse', 'call'])
  })

  it('stands in an external of an untrusted boundary when no actor is declared', () => {
    const { exposure } = analysisOf(SHOP.replace(/actors:\n(  .*\n)+/, ''))
    expect(exposure.actors).toEqual([{ id: 'user', name: 'user', malicious: false, implicit: true, entry: ['user'] }])
  })

  it('lets a malicious actor inside a boundary reach what is there', () => {
    const { exposure } = analysisOf(SHOP.replace('attacker: {malicious: true, via: [user]}', 'insider: {malicious: true, boundary: data}'))
    expect(exposure.rows.find((r) => r.asset === 'cards')).toMatchObject({ actor: 'insider', at: 'db', path: ['db'] })
  })
})
