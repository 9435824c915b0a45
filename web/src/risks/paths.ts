// API paths and UI routes of the risk screens.
export const riskMethodApi = '/api/v1/risk-method'

export function riskApi(id: string): string {
  return `/api/v1/risks/${encodeURIComponent(id)}`
}

export function riskRoute(id: string): string {
  return `/risks/${encodeURIComponent(id)}`
}

export function methodVersionApi(n: number): string {
  return `/api/v1/risk-method/versions/${n}`
}

export function cycleApi(id: string): string {
  return `/api/v1/risk-cycles/${encodeURIComponent(id)}`
}

export function cycleRoute(id: string): string {
  return `/risk-cycles/${encodeURIComponent(id)}`
}

export function controlRoute(id: string): string {
  return `/controls/${encodeURIComponent(id)}`
}

/** threats | vulnerabilities */
export function sourceApi(kind: 'threat' | 'vulnerability'): string {
  return kind === 'threat' ? '/api/v1/threats' : '/api/v1/vulnerabilities'
}
