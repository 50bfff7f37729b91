/** Imported files are untrusted: each hostile shape gives an InteropError, never a hang or a crash. */
import { deflateSync, strToU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { importAny, InteropError, type ForeignFormat } from '../../src/interop/index.js'
import { inflatePage } from '../../src/interop/drawio/body.js'
import { conformance } from './conformance.js'

const refuses = (text: string, from: ForeignFormat, message: RegExp) => {
  const started = Date.now()
  expect(() => importAny(text, { from })).toThrow(InteropError)
  expect(() => importAny(text, { from })).toThrow(message)
  expect(Date.now() - started).toBeLessThan(5000)
}

describe('XML', () => {
  const xxe = (root: string) => `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${root}`
  it('refuses a DOCTYPE with an external entity (XXE), in draw.io and TMT files', () => {
    refuses(xxe('<mxfile><diagram name="p"><mxGraphModel><root><mxCell id="0"/><mxCell id="2" value="&xxe;" style="ellipse" vertex="1" parent="0"><mxGeometry x="0" y="0" width="10" height="10" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>'), 'drawio', /DOCTYPE/)
    refuses(xxe('<ThreatModel><DrawingSurfaceList/></ThreatModel>'), 'tm7', /DOCTYPE/)
  })
  it('never expands entities it does not know', () => {
    const { model } = conformance('<mxfile><diagram name="p"><mxGraphModel><root><mxCell id="0"/><mxCell id="2" value="&xxe; &amp; co" style="ellipse" vertex="1" parent="0"><mxGeometry x="0" y="0" width="10" height="10" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>', 'x.drawio')
    expect(Object.values(model.processes!)[0]!.name).toBe('&xxe; & co')
  })
  it('refuses malformed XML with a line', () => refuses('<ThreatModel><a></ThreatModel>', 'tm7', /not well-formed XML at line 1/))
})

describe('draw.io compressed pages', () => {
  it('stops inflating a zip bomb at the limit', () => {
    const bomb = deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 })
    let binary = ''
    for (const byte of bomb) binary += String.fromCharCode(byte)
    const started = Date.now()
    expect(() => importAny(`<mxfile><diagram name="bomb">${btoa(binary)}</diagram></mxfile>`, { from: 'drawio' })).toThrow(/inflates to more than 16 MB/)
    expect(Date.now() - started).toBeLessThan(5000)
  })
  it('reads a page compressed as draw.io does', () => {
    const page = encodeURIComponent('<mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" value="API" style="ellipse;" vertex="1" parent="1"><mxGeometry x="0" y="0" width="80" height="80" as="geometry"/></mxCell></root></mxGraphModel>')
    let binary = ''
    for (const byte of deflateSync(strToU8(page))) binary += String.fromCharCode(byte)
    expect(inflatePage(btoa(binary))).toContain('value="API"')
  })
  it('refuses a body that is not base64', () => refuses('<mxfile><diagram name="p">%%%not base64%%%</diagram></mxfile>', 'drawio', /base64|inflated/))
})

describe('YAML and JSON', () => {
  it('refuses a billion-laughs document', () => {
    const lines = ['threagile_version: 1.0.0', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]']
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`)
    lines.push('technical_assets: {}')
    refuses(lines.join('\n'), 'threagile', /aliases/)
  })
  it('refuses JSON nested thousands of levels deep', () => {
    refuses(`{"summary": {"title": "x"}, "detail": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'td', /nested more than/)
  })
  it('refuses a file with more items than any real model', () => {
    const cells = Array.from({ length: 60_000 }, (_, i) => ({ id: `c${i}`, shape: 'process', data: { type: 'tm.Process', name: `P${i}` } }))
    refuses(JSON.stringify({ summary: { title: 'big' }, detail: { diagrams: [{ cells }] } }), 'td', /more than 50000 items/)
  })
  it('gives syntax errors with a position', () => refuses('{"summary": ', 'td', /not valid JSON/))
})

describe('wrong types everywhere', () => {
  it('Threat Dragon: imports what it can, warns, and the model validates', () => {
    const hostile = { summary: { title: 'T', owner: 5 }, detail: { reviewer: [], diagrams: [null, 3, { cells: 'x' }, { title: 7, cells: [null, 1, { id: 5, data: { type: 'tm.Process', name: { a: 1 }, threats: 'x' }, position: { x: 'a' } }, { id: 'p', data: { type: 'tm.Actor', threats: [null, { title: 3, status: {}, severity: [] }] }, position: { x: 1e308, y: -1e308 }, size: { width: Infinity } }, { id: 'f', data: { type: 'tm.Flow' }, source: { cell: 'p' }, target: { cell: 'p' } }] }] } }
    const { model, result } = conformance(JSON.stringify(hostile), 'hostile.json', 'td')
    expect(Object.keys(model.externals ?? {})).toHaveLength(1)
    expect(result.warnings.some((w) => /itself/.test(w.message))).toBe(true)
  })
  it.each([['otm', { otmVersion: '0.2.0', project: { name: [] }, trustZones: 'x', components: [1, null, { id: {}, parent: 3 }], dataflows: [{ source: 1 }], threats: {}, mitigations: [null] }],
    ['threagile', { threagile_version: 1, technical_assets: { a: null, b: { type: 7, communication_links: { l: { target: 'a' } } } }, trust_boundaries: [1, 2], risk_tracking: 'x' }],
    ['threat-composer', { threats: [null, 1, { statement: 5, metadata: 'x' }], mitigations: {}, assumptions: [{}], mitigationLinks: [null] }],
  ] as const)('%s', (format, hostile) => {
    conformance(format === 'threagile' ? JSON.stringify(hostile) : JSON.stringify(hostile), `hostile.${format}`, format)
  })
  it('TMT: stencils without properties or geometry', () => {
    conformance('<ThreatModel><DrawingSurfaceList><DrawingSurfaceModel><Borders><KeyValueOfguidanyType><Key>k</Key><Value type="StencilEllipse"><GenericTypeId>GE.P</GenericTypeId><Left>x</Left></Value></KeyValueOfguidanyType></Borders><Lines><KeyValueOfguidanyType><Value type="Connector"><SourceGuid>nope</SourceGuid></Value></KeyValueOfguidanyType></Lines></DrawingSurfaceModel></DrawingSurfaceList><ThreatInstances><KeyValueOfstringThreat><Value><State>Odd</State></Value></KeyValueOfstringThreat></ThreatInstances></ThreatModel>', 'x.tm7', 'tm7')
  })
})

describe('lenient YAML', () => {
  it('indents only the under-indented lines of a quoted text, and nothing else', async () => {
    const { reindentQuotedLines } = await import('../../src/interop/structured.js')
    const text = "a:\n  code:\n    'line one\n  line two\n  }'\n  b: 'x'\n"
    expect(reindentQuotedLines(text)).toEqual({ text: "a:\n  code:\n    'line one\n    line two\n    }'\n  b: 'x'\n", lines: [4, 5] })
    expect(reindentQuotedLines('a: 1\nb: "ok"\n').lines).toEqual([])
  })
})
