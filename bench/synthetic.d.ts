/** The YAML text of a benchmark-shaped model of `groups` groups (7 elements each, one shared user). */
export function syntheticModel(groups: number): string
