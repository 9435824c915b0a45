// Cursor pagination only moves forward; "Previous" needs the cursors of the pages seen so
// far. The stack belongs to one query (sort/filters/search): a different query starts over.

export interface CursorStack {
  key: string
  /** cursors of the visited pages in order; "" is the first page */
  cursors: string[]
}

/**
 * The stack after arriving at `cursor` for query `key`. Going back (browser or Previous)
 * truncates; an unknown cursor (e.g. after a reload) keeps only the first page before it.
 */
export function arrive(stack: CursorStack | undefined, key: string, cursor: string): CursorStack {
  if (!stack || stack.key !== key) return { key, cursors: cursor === '' ? [''] : ['', cursor] }
  const at = stack.cursors.indexOf(cursor)
  if (at >= 0) return { key, cursors: stack.cursors.slice(0, at + 1) }
  return { key, cursors: [...stack.cursors, cursor] }
}

/** Cursor of the previous page, or undefined on the first page. */
export function previousCursor(stack: CursorStack): string | undefined {
  return stack.cursors.length >= 2 ? stack.cursors[stack.cursors.length - 2] : undefined
}

/** 1-based page number (approximate after a reload mid-list). */
export function pageNumber(stack: CursorStack): number {
  return stack.cursors.length
}

export function sameStack(a: CursorStack, b: CursorStack): boolean {
  return a.key === b.key && a.cursors.length === b.cursors.length && a.cursors.every((c, i) => c === b.cursors[i])
}
