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

describe('exposure, where it stops', () => {
  const TWO_PARTIES = `moat: 1
system: {name: Shop}
assets:
  orders: {classification: confidential}
  my-password: {classification: restricted}
actors:
  attacker: {malicious: true, via: [customer]}
boundaries:
  internet: {}
  app: {}
externals:
  customer: {boundary: internet}
  admin: {boundary: internet}
processes:
  web: {boundary: app}
flows:
  login: {from: customer, to: web, data: [my-password]}
  report: {from: web, to: admin, data: [orders]}
  admin-actions: {from: admin, to: web}
`

  it('does not count what the actor sends as reached, and does not walk on through another party', () => {
    const rows = analysisOf(TWO_PARTIES).exposure.rows
    expect(rows.map((r) => r.asset)).toEqual(['orders'])
    expect(rows[0]).toMatchObject({ at: 'report', path: ['customer', 'login', 'web', 'report'] })
  })
})
