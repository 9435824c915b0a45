// The register-specific bits. Everything else (list, detail, form, history) is generic and
// driven by the descriptor from GET /api/v1/registers/{name}; a new register is one more
// entry here (plus its reference source if other registers point at it).

export interface RegisterConfig {
  /** descriptor name: GET /api/v1/registers/{name} */
  name: string
  /** UI route prefix: /assets, /assets/:id, /assets/new, /assets/:id/edit */
  route: string
  /** navigation label (the descriptor's title is used on the pages themselves) */
  navLabel: string
  /** ledger object_type of this register's objects, for the history timeline */
  objectType: string
  /** field shown as the object's name and linked in the list */
  titleField: string
  /** initial values of the create form when the descriptor states none */
  defaults?: Record<string, unknown>
  /** objects have per-person grants ({path}/{id}/grants): the detail page shows an Access panel */
  grants?: boolean
}

export const assetsRegister: RegisterConfig = {
  name: 'assets',
  route: '/assets',
  navLabel: 'IT Systems Registry',
  objectType: 'asset',
  titleField: 'name',
  grants: true,
  defaults: {
    type: 'system',
    classification: 'internal',
    confidentiality: 2,
    integrity: 2,
    availability: 2,
    authenticity: 2,
    lifecycle_status: 'active',
  },
}

export const registers: RegisterConfig[] = [assetsRegister]

/** Where the options of a reference field come from, and where its objects are shown. */
export interface ReferenceSource {
  path: string
  labelField: string
  /** UI route of the referenced register, when the UI has one (for links) */
  route?: string
}

export const referenceSources: Record<string, ReferenceSource> = {
  persons: { path: '/api/v1/persons', labelField: 'name', route: '/people' },
  groups: { path: '/api/v1/groups', labelField: 'name', route: '/groups' },
  // archived=all so that existing links to archived assets still show their names.
  assets: { path: '/api/v1/assets?limit=500&archived=all', labelField: 'name', route: '/assets' },
}

export function registerByObjectType(objectType: string): RegisterConfig | undefined {
  return registers.find((r) => r.objectType === objectType)
}
