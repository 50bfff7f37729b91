/** The output formats of `moat diagram`, apart from the renderers so the CLI can list them without loading ELK. */
export const TEXT_FORMATS = ['mermaid', 'dot', 'plantuml'] as const
export const FORMATS = ['svg', 'png', ...TEXT_FORMATS] as const
export type DiagramFormat = (typeof FORMATS)[number]
export type TextFormat = 'svg' | (typeof TEXT_FORMATS)[number]

/** File extension per format. */
export const EXTENSION: Record<DiagramFormat, string> = { svg: 'svg', png: 'png', mermaid: 'mmd', dot: 'dot', plantuml: 'puml' }
