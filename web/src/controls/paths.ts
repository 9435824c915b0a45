// API paths and UI routes of the control screens.
export const controlsApi = '/api/v1/controls'

export function controlApi(id: string): string {
  return `${controlsApi}/${encodeURIComponent(id)}`
}

export function controlRoute(id: string): string {
  return `/controls/${encodeURIComponent(id)}`
}

export function controlEditRoute(id: string): string {
  return `${controlRoute(id)}/edit`
}

export function evidenceApi(id: string): string {
  return `/api/v1/evidence/${encodeURIComponent(id)}`
}

export function evidenceFileApi(id: string): string {
  return `${evidenceApi(id)}/file`
}
