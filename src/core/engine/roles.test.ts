import { describe, expect, it } from 'vitest'
import { inferRoles, isLocalProtocol, rolesOf } from './roles.js'

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

  it.each([
    // [technology, name, id] → roles, and where they were read
    [['PostgreSQL 16 (managed)', 'Main store', 'main'], ['database'], 'technology'],
    [['Envoy with an auth filter', 'Edge', 'edge'], ['reverse-proxy', 'gateway', 'server'], 'technology'],
    [['Go services behind an internal gateway', 'Shop', 'shop'], ['api', 'server'], 'technology'],
    [['', 'Orders DB', 'orders'], ['database'], 'name'],
    [['', 'Keycloak', 'keycloak'], ['identity-provider', 'server'], 'name'],
    [['Spring Boot', 'Payments', 'session-cache'], ['cache'], 'id'],
    [['', 'CI/CD pipeline', 'ci'], ['ci-cd'], 'name'],
  ] as const)('infers the roles of %j as %j from its %s', ([technology, name, id], roles, from) => {
    const inferred = inferRoles({ technology: technology.toLowerCase(), name, id })
    expect(inferred.roles.sort()).toEqual([...roles].sort())
    expect(inferred.from).toBe(from)
  })

  it('does not read a role into a name from a word that means something else there', () => {
    expect(inferRoles({ technology: '', name: 'Card service', id: 'cards' }).roles.sort()).toEqual(['api', 'server'])
    expect(inferRoles({ technology: '', name: 'Support agent', id: 'support' }).roles).toEqual([])
    expect(inferRoles({ technology: '', name: 'Payroll', id: 'payroll' })).toEqual({ roles: [], from: undefined, text: '' })
  })
})
