// Requirement keys ("iso27001-2022:A.5.1") and the URLs built from them: the UI's
// catalogue pages (/catalogue/<framework>/<ref>, the form the server's document HTML
// links to) and the API's requirement detail (key URL-encoded as one path segment).

export interface RequirementRef {
  frameworkId: string
  refId: string
}

/** "iso27001-2022:A.5.1" -> {frameworkId, refId}; splits at the first ':'; undefined when a side is empty. */
export function splitKey(key: string): RequirementRef | undefined {
  const i = key.indexOf(':')
  if (i <= 0 || i === key.length - 1) return undefined
  return { frameworkId: key.slice(0, i), refId: key.slice(i + 1) }
}

export function requirementKey(frameworkId: string, refId: string): string {
  return `${frameworkId}:${refId}`
}

export function frameworkHref(frameworkId: string): string {
  return `/catalogue/${encodeURIComponent(frameworkId)}`
}

export function requirementHref(frameworkId: string, refId: string): string {
  return `${frameworkHref(frameworkId)}/${encodeURIComponent(refId)}`
}

/** The UI page of a requirement key, or undefined for a key that is not one. */
export function keyHref(key: string): string | undefined {
  const ref = splitKey(key)
  return ref ? requirementHref(ref.frameworkId, ref.refId) : undefined
}

export function requirementApiPath(frameworkId: string, refId: string): string {
  return `/api/v1/catalogue/requirements/${encodeURIComponent(requirementKey(frameworkId, refId))}`
}

/** Where a published citation points: the document page at the cited section. */
export function citationHref(documentId: string, anchor?: string | null): string {
  const base = `/documents/${encodeURIComponent(documentId)}`
  return anchor ? `${base}#${encodeURIComponent(anchor)}` : base
}

/** Short framework labels for the keys a reader sees most. */
const shortNames: Record<string, string> = {
  'iso27001-2022': 'ISO 27001',
  'iso27001-2013': 'ISO 27001:2013',
  'nis2-2024-2690': '2024/2690',
  'nis2-directive': 'NIS2',
  'nist-sp-800-53-r5': 'NIST 800-53',
  'soc2-tsc-2017': 'SOC 2',
  gdpr: 'GDPR',
}

/** "iso27001-2022:A.5.1" -> "ISO 27001 A.5.1"; unknown frameworks keep their id. */
export function keyLabel(key: string): string {
  const ref = splitKey(key)
  if (!ref) return key
  return `${shortNames[ref.frameworkId] ?? ref.frameworkId} ${ref.refId}`
}

/** OSCAL catalog export of a framework (a download). */
export function oscalExportHref(frameworkId: string): string {
  return `/api/v1/catalogue/frameworks/${encodeURIComponent(frameworkId)}/oscal`
}
