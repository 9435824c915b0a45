import type { ReactNode } from 'react'

/** One page of the route table: a pattern (router/location.ts matchPath) and its page. */
export interface PageRoute {
  pattern: string
  render: (params: Record<string, string>) => ReactNode
}
