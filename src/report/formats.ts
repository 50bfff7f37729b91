/** The formats of `moat report`, apart from the renderers so the CLI lists them without loading ELK or Playwright. */
export const REPORT_FORMATS = ['html', 'md', 'pdf', 'json', 'csv', 'sarif'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** File extension per format, for the default PDF file name. */
export const REPORT_EXTENSION: Record<ReportFormat, string> = { html: 'html', md: 'md', pdf: 'pdf', json: 'json', csv: 'csv', sarif: 'sarif' }

export const DIFF_FORMATS = ['text', 'md', 'json'] as const
export type DiffFormat = (typeof DIFF_FORMATS)[number]
