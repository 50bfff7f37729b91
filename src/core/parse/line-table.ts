import type { SourceRange } from '../diagnostics.js'

/** Line starts of a text, so offsets become 1-based line and column by binary search. */
export class LineTable {
  private readonly starts: number[] = [0]

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1)
  }

  position(offset: number): { line: number; column: number } {
    let low = 0
    let high = this.starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.starts[mid]! <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 }
  }

  range(offset: number, end = offset): SourceRange {
    return { ...this.position(offset), offset, end }
  }
}

export const rangeAt = (text: string, offset: number, end = offset): SourceRange =>
  new LineTable(text).range(offset, end)
