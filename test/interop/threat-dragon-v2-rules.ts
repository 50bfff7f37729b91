/**
 * The rules of Threat Dragon's public v2 JSON Schema (td.vue/src/assets/schema/threat-dragon-v2.schema.json),
 * written out here as a JSON Schema of our own: required fields, cell shapes, data types. TD's
 * "nullable" strokeDasharray is written as string-or-null, which is what TD means and saves.
 */
const number = { type: 'number' }
const string = { type: 'string' }
const integer = { type: 'integer' }
const stroke = { type: 'object', required: ['stroke', 'strokeWidth', 'strokeDasharray'], properties: { stroke: string, strokeWidth: number, strokeDasharray: { type: ['string', 'null'] } } }
const marker = { type: ['object', 'string'], properties: { name: string }, required: ['name'] }
const end = { type: 'object', properties: { cell: string, x: integer, y: integer } }

const threat = {
  type: 'object',
  required: ['description', 'mitigation', 'severity', 'status', 'title', 'type'],
  properties: { description: string, mitigation: string, modelType: string, number: { type: 'integer', minimum: 0 }, score: string, ruleId: { type: 'string', minLength: 2 }, severity: string, status: string, threatId: { type: 'string', minLength: 2 }, title: string, type: string },
}

const cell = {
  type: 'object',
  required: ['id', 'shape', 'zIndex'],
  properties: {
    attrs: { type: 'object', properties: { body: stroke, line: { type: 'object', required: ['targetMarker'], properties: { stroke: string, strokeWidth: number, sourceMarker: marker, targetMarker: marker, strokeDasharray: { type: ['string', 'null'] } } } } },
    data: {
      type: 'object',
      required: ['hasOpenThreats', 'type'],
      properties: {
        description: string, handlesCardPayment: { type: 'boolean' }, handlesGoodsOrServices: { type: 'boolean' }, isALog: { type: 'boolean' }, isBidirectional: { type: 'boolean' },
        isEncrypted: { type: 'boolean' }, isPublicNetwork: { type: 'boolean' }, isSigned: { type: 'boolean' }, isTrustBoundary: { type: 'boolean' }, isWebApplication: { type: 'boolean' },
        name: string, outOfScope: { type: 'boolean' }, privilegeLevel: string, protocol: string, providesAuthentication: { type: 'boolean' }, reasonOutOfScope: string,
        storesCredentials: { type: 'boolean' }, storesInventory: { type: 'boolean' }, type: { enum: ['tm.Actor', 'tm.Process', 'tm.Store', 'tm.Flow', 'tm.Boundary', 'tm.BoundaryBox', 'tm.Text'] }, hasOpenThreats: { type: 'boolean' },
        threats: { type: 'array', items: threat },
      },
    },
    id: { type: 'string', minLength: 2 },
    position: { type: 'object', required: ['x', 'y'], properties: { x: number, y: number } },
    size: { type: 'object', required: ['height', 'width'], properties: { height: { type: 'number', minimum: 10 }, width: { type: 'number', minimum: 10 } } },
    connector: string,
    source: end,
    target: end,
    shape: { enum: ['actor', 'process', 'store', 'flow', 'trust-boundary-box', 'trust-boundary-curve', 'td-text-block'] },
    visible: { type: 'boolean' },
    vertices: { type: 'array', items: { type: 'object', required: ['x', 'y'], properties: { x: number, y: number } } },
    zIndex: integer,
  },
}

export const THREAT_DRAGON_V2_RULES = {
  type: 'object',
  required: ['version', 'summary', 'detail'],
  properties: {
    version: { type: 'string', maxLength: 10 },
    summary: { type: 'object', required: ['title'], properties: { description: string, id: { type: ['integer', 'string'], minimum: 0, minLength: 2 }, owner: string, title: string } },
    detail: {
      type: 'object',
      required: ['contributors', 'diagrams', 'diagramTop', 'reviewer', 'threatTop'],
      properties: {
        contributors: { type: 'array', items: { type: 'object', properties: { name: string } } },
        diagrams: {
          type: 'array',
          items: {
            type: 'object',
            required: ['diagramType', 'id', 'thumbnail', 'title', 'version'],
            properties: { description: string, diagramType: { type: 'string', minLength: 3 }, id: { type: 'integer', minimum: 0 }, placeholder: string, thumbnail: string, title: string, version: { type: 'string', maxLength: 10 }, cells: { type: 'array', items: cell } },
          },
        },
        diagramTop: { type: 'integer', minimum: 0 },
        reviewer: string,
        threatTop: { type: 'integer', minimum: 0 },
      },
    },
  },
}
