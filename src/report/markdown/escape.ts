/**
 * Escaping for GitHub-flavoured Markdown. Model text must come out as text: no table cell broken
 * by a `|`, no raw HTML (GitHub sanitises it, other renderers may not), no emphasis or link made
 * by accident.
 */

/**
 * Inline text: HTML-significant characters as entities, Markdown punctuation backslash-escaped,
 * line breaks as spaces (a table row is one line).
 * @example
 * mdText('a | <b>*x*</b>') // 'a \\| &lt;b&gt;\\*x\\*&lt;/b&gt;'
 */
export function mdText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    .trim()
}

/**
 * Code span: a fence longer than any run of backticks inside, so the text cannot close it.
 * @example
 * mdCode('a@b') // '`a@b`'
 */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length))
  const fence = '`'.repeat(longest + 1)
  const inner = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|')
  return `${fence}${inner.startsWith('`') || inner.endsWith('`') ? ` ${inner} ` : inner}${fence}`
}

/**
 * A fenced block that its content cannot end early.
 * @example
 * mdFence('mermaid', 'flowchart LR') // '```mermaid\nflowchart LR\n```'
 */
export function mdFence(info: string, content: string): string {
  const longest = Math.max(2, ...(content.match(/`{3,}/g) ?? []).map((r) => r.length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${info}\n${content.trimEnd()}\n${fence}`
}

/**
 * A GFM table; cells are already escaped.
 * @example
 * mdTable(['a', 'b'], [['1', '2']]) // '| a | b |\n| --- | --- |\n| 1 | 2 |'
 */
export function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c || ' ').join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}
