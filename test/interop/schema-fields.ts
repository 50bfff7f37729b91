/**
 * The fields a format defines, as paths ("project.ownerContact", "components[].threats[].state"),
 * read from its JSON Schema: the list an every-field test must account for, so a field the
 * schema gains and the importer ignores fails the test.
 */
type Schema = { properties?: Record<string, Schema>; items?: Schema; $ref?: string; definitions?: Record<string, Schema> }

export function schemaFields(schema: object): string[] {
  const root = schema as Schema
  const paths: string[] = []
  const resolve = (s: Schema): Schema => (s.$ref ? resolve(root.definitions![s.$ref.replace('#/definitions/', '')]!) : s)
  const walk = (schema: Schema, prefix: string) => {
    const s = resolve(schema)
    if (s.items) return walk(s.items, `${prefix}[]`)
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key
      paths.push(path)
      walk(child, path)
    }
  }
  walk(root, '')
  return paths
}

/** Every path that has a value in a document, in the same notation. */
export function documentFields(doc: unknown, prefix = ''): Set<string> {
  const found = new Set<string>()
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, `${path}[]`))
    if (value === null || typeof value !== 'object') return
    for (const [key, child] of Object.entries(value)) {
      const p = path ? `${path}.${key}` : key
      if (child !== null && child !== undefined) found.add(p)
      walk(child, p)
    }
  }
  walk(doc, prefix)
  return found
}

/** Paths with no children: the values a file carries (an object or list of objects is not one). */
export const leaves = (paths: readonly string[]): string[] => paths.filter((p) => !paths.some((q) => q.startsWith(`${p}.`) || q.startsWith(`${p}[].`)))

/** The text of one "### heading" section of a Markdown file, up to the next heading of that level or higher. */
export function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`### ${heading}`)
  if (start < 0) throw new Error(`no section "### ${heading}"`)
  const rest = markdown.slice(start + 4)
  const end = rest.search(/\n#{2,3} /)
  return end < 0 ? rest : rest.slice(0, end)
}

/** Whether a field is named in a docs section: its last name, in backticks. */
export const named = (text: string, path: string) => text.includes(`\`${path.split('.').pop()!.replace('[]', '')}\``)
