/** What the reports derive about the system: where each asset is handled. */
import { describe, expect, it } from 'vitest'
import { analysisOf } from '../helpers.js'
import { assetPlaces } from '../../src/report/facts.js'

const SHOP = `moat: 1
system: {name: Shop}
assets:
  orders: {name: Orders}
  logs: {name: Logs}
externals:
  customer: {name: Customer}
processes:
  web: {name: Web app}
  worker: {name: Worker, data: [logs]}
stores:
  db: {name: Orders DB, data: [orders]}
flows:
  buy: {from: customer, to: web, data: [orders]}
  save: {from: web, to: db, data: [orders]}
  tail: {from: worker, to: db}
`

describe('assetPlaces', () => {
  it('counts the processes and externals at the ends of the flows that carry an asset as handling it', () => {
    const [orders, logs] = assetPlaces(analysisOf(SHOP))
    expect(orders!.processed.map((n) => n.id)).toEqual(['web'])
    expect(orders!.provided.map((n) => n.id)).toEqual(['customer'])
    expect(orders!.stored.map((n) => n.id)).toEqual(['db'])
    expect(orders!.carried.map((n) => n.id)).toEqual(['buy', 'save'])
    // A process's own `data:` counts too.
    expect(logs!.processed.map((n) => n.id)).toEqual(['worker'])
  })
})
