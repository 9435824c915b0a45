// API paths and UI routes of the objectives screens.
export function objectiveApi(id: string): string {
  return `/api/v1/objectives/${encodeURIComponent(id)}`
}

export function indicatorApi(id: string): string {
  return `/api/v1/indicators/${encodeURIComponent(id)}`
}

export function objectiveRoute(id: string): string {
  return `/objectives/${encodeURIComponent(id)}`
}
