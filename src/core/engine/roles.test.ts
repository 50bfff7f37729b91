import { describe, expect, it } from 'vitest'
import { isLocalProtocol, rolesOf } from './roles.js'

describe('roles', () => {
  it.each([
    ['browser', ['client', 'browser']],
    ['mobile-app', ['client', 'mobile']],
    ['api-gateway', ['api', 'server', 'gateway']],
    ['orders-db', ['database']],
    ['Audit_Log', ['log']],
    ['mongodb', ['database', 'nosql']],
    ['load-balancer', ['gateway', 'server', 'load-balancer']],
    ['identity-provider', ['identity-provider', 'server']],
    ['jenkins', ['ci-cd']],
    ['hashicorp-vault', ['secrets', 'vault']],
    ['eks', ['kubernetes', 'container-platform']],
    ['git-repository', ['source-repository']],
    ['eureka', ['service-registry']],
    ['payroll', []],
    ['', []],
  ])('reads %s as %j', (type, roles) => {
    expect(rolesOf(type).sort()).toEqual([...roles].sort())
  })

  it('tells local channels from network ones', () => {
    expect(['IPC', 'function call', 'stdin', 'HTTP on 127.0.0.1', 'file'].map(isLocalProtocol)).toEqual([true, true, true, true, true])
    expect(['HTTPS', 'postgres', 'gRPC', 'SMTP'].map(isLocalProtocol)).toEqual([false, false, false, false])
  })
})
