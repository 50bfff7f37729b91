/**
 * The rules of the SARIF 2.1.0 schema (OASIS) that moat's output touches, written out here so
 * the test needs no download: required properties, closed property sets (additionalProperties:
 * false, as the official schema has them), enums and minimums. Properties moat does not write are
 * listed where the official schema allows them, so a valid file is not rejected.
 */
const message = { type: 'object', additionalProperties: false, properties: { text: { type: 'string' }, markdown: { type: 'string' }, id: { type: 'string' }, arguments: { type: 'array', items: { type: 'string' } }, properties: { type: 'object' } }, anyOf: [{ required: ['text'] }, { required: ['id'] }] }
const multiformat = { type: 'object', additionalProperties: false, required: ['text'], properties: { text: { type: 'string' }, markdown: { type: 'string' }, properties: { type: 'object' } } }
const level = { enum: ['none', 'note', 'warning', 'error'] }
const artifactLocation = { type: 'object', additionalProperties: false, properties: { uri: { type: 'string' }, uriBaseId: { type: 'string' }, index: { type: 'integer', minimum: -1 }, description: message, properties: { type: 'object' } } }
const region = {
  type: 'object',
  additionalProperties: false,
  properties: {
    startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 }, endColumn: { type: 'integer', minimum: 1 },
    charOffset: { type: 'integer', minimum: -1 }, charLength: { type: 'integer', minimum: 0 }, byteOffset: { type: 'integer', minimum: -1 }, byteLength: { type: 'integer', minimum: 0 },
    snippet: { type: 'object' }, message, sourceLanguage: { type: 'string' }, properties: { type: 'object' },
  },
}
const reportingDescriptor = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: {
    id: { type: 'string' }, deprecatedIds: { type: 'array' }, guid: { type: 'string' }, deprecatedGuids: { type: 'array' }, name: { type: 'string' }, deprecatedNames: { type: 'array' },
    shortDescription: multiformat, fullDescription: multiformat, messageStrings: { type: 'object' },
    defaultConfiguration: { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' }, level, rank: { type: 'number', minimum: -1, maximum: 100 }, parameters: { type: 'object' }, properties: { type: 'object' } } },
    helpUri: { type: 'string' }, help: multiformat, relationships: { type: 'array' },
    properties: { type: 'object', properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } } },
  },
}
const result = {
  type: 'object',
  additionalProperties: false,
  required: ['message'],
  properties: {
    ruleId: { type: 'string' }, ruleIndex: { type: 'integer', minimum: -1 }, rule: { type: 'object' },
    kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] }, level, message,
    analysisTarget: artifactLocation,
    locations: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { id: { type: 'integer', minimum: -1 }, physicalLocation: { type: 'object', additionalProperties: false, properties: { address: { type: 'object' }, artifactLocation, region, contextRegion: region, properties: { type: 'object' } } }, logicalLocations: { type: 'array' }, message, annotations: { type: 'array' }, relationships: { type: 'array' }, properties: { type: 'object' } } } },
    guid: { type: 'string' }, correlationGuid: { type: 'string' }, occurrenceCount: { type: 'integer', minimum: 1 },
    partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } }, fingerprints: { type: 'object', additionalProperties: { type: 'string' } },
    stacks: { type: 'array' }, codeFlows: { type: 'array' }, graphs: { type: 'array' }, graphTraversals: { type: 'array' }, relatedLocations: { type: 'array' }, suppressions: { type: 'array' },
    baselineState: { enum: ['new', 'unchanged', 'updated', 'absent'] }, rank: { type: 'number', minimum: -1, maximum: 100 }, attachments: { type: 'array' }, hostedViewerUri: { type: 'string' },
    workItemUris: { type: 'array' }, provenance: { type: 'object' }, fixes: { type: 'array' }, taxa: { type: 'array' }, webRequest: { type: 'object' }, webResponse: { type: 'object' }, properties: { type: 'object' },
  },
}
const toolComponent = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    guid: { type: 'string' }, name: { type: 'string' }, organization: { type: 'string' }, product: { type: 'string' }, productSuite: { type: 'string' }, shortDescription: multiformat, fullDescription: multiformat,
    fullName: { type: 'string' }, version: { type: 'string' }, semanticVersion: { type: 'string' }, dottedQuadFileVersion: { type: 'string' }, releaseDateUtc: { type: 'string' }, downloadUri: { type: 'string' }, informationUri: { type: 'string' },
    globalMessageStrings: { type: 'object' }, notifications: { type: 'array' }, rules: { type: 'array', uniqueItems: true, items: reportingDescriptor }, taxa: { type: 'array' }, locations: { type: 'array' }, language: { type: 'string' },
    contents: { type: 'array' }, isComprehensive: { type: 'boolean' }, localizedDataSemanticVersion: { type: 'string' }, minimumRequiredLocalizedDataSemanticVersion: { type: 'string' }, associatedComponent: { type: 'object' }, translationMetadata: { type: 'object' }, supportedTaxonomies: { type: 'array' }, properties: { type: 'object' },
  },
}
const artifact = { type: 'object', additionalProperties: false, properties: { description: message, location: artifactLocation, parentIndex: { type: 'integer', minimum: -1 }, offset: { type: 'integer', minimum: 0 }, length: { type: 'integer', minimum: -1 }, roles: { type: 'array', uniqueItems: true, items: { enum: ['analysisTarget', 'attachment', 'responseFile', 'resultFile', 'standardStream', 'tracedFile', 'unmodified', 'modified', 'added', 'deleted', 'renamed', 'uncontrolled', 'driver', 'extension', 'translation', 'taxonomy', 'policy', 'referencedOnCommandLine', 'memoryContents', 'directory', 'userSpecifiedConfiguration', 'toolSpecifiedConfiguration', 'debugOutputFile'] } }, mimeType: { type: 'string', pattern: '[^/]+/.+' }, contents: { type: 'object' }, encoding: { type: 'string' }, sourceLanguage: { type: 'string' }, hashes: { type: 'object' }, lastModifiedTimeUtc: { type: 'string' }, properties: { type: 'object' } } }
const run = {
  type: 'object',
  additionalProperties: false,
  required: ['tool'],
  properties: {
    tool: { type: 'object', additionalProperties: false, required: ['driver'], properties: { driver: toolComponent, extensions: { type: 'array', items: toolComponent }, properties: { type: 'object' } } },
    invocations: { type: 'array' }, conversion: { type: 'object' }, language: { type: 'string' }, versionControlProvenance: { type: 'array' }, originalUriBaseIds: { type: 'object' },
    artifacts: { type: 'array', minItems: 0, uniqueItems: true, items: artifact }, logicalLocations: { type: 'array' }, graphs: { type: 'array' },
    results: { type: 'array', minItems: 0, items: result },
    automationDetails: { type: 'object' }, runAggregates: { type: 'array' }, baselineGuid: { type: 'string' }, redactionTokens: { type: 'array' }, defaultEncoding: { type: 'string' }, defaultSourceLanguage: { type: 'string' },
    newlineSequences: { type: 'array' }, columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] }, externalPropertyFileReferences: { type: 'object' }, threadFlowLocations: { type: 'array' }, taxonomies: { type: 'array' }, addresses: { type: 'array' },
    translations: { type: 'array' }, policies: { type: 'array' }, webRequests: { type: 'array' }, webResponses: { type: 'array' }, specialLocations: { type: 'object' }, properties: { type: 'object' },
  },
}

export const SARIF_2_1_0_ESSENTIALS = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string' },
    version: { enum: ['2.1.0'] },
    runs: { type: ['array', 'null'], minItems: 0, uniqueItems: false, items: run },
    inlineExternalProperties: { type: 'array' },
    properties: { type: 'object' },
  },
}
