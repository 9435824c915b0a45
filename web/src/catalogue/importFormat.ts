// Which library format a file is, from its name: CISO Assistant libraries are YAML,
// OSCAL catalogs JSON (docs/api.md: POST /catalogue/import?format=ciso-assistant|oscal).

export type LibraryFormat = 'ciso-assistant' | 'oscal'

export function formatForFile(name: string): LibraryFormat | undefined {
  const lower = name.trim().toLowerCase()
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'ciso-assistant'
  if (lower.endsWith('.json')) return 'oscal'
  return undefined
}

export const libraryFormatLabels: Record<LibraryFormat, string> = {
  'ciso-assistant': 'CISO Assistant library (YAML)',
  oscal: 'OSCAL catalog (JSON)',
}
