// The organization's name is shown in the header of every page; the dashboard reloads it
// after the demo organization has been loaded.
import { createContext, useContext, type ReactNode } from 'react'
import type { Organization } from '../api/types'
import { useApi, type ApiState } from '../api/useApi'

const OrganizationContext = createContext<ApiState<Organization> | null>(null)

export function OrganizationProvider({ children }: { children: ReactNode }) {
  const state = useApi<Organization>('/api/v1/organization')
  return <OrganizationContext.Provider value={state}>{children}</OrganizationContext.Provider>
}

// eslint-disable-next-line react-refresh/only-export-components -- hook beside its provider
export function useOrganization(): ApiState<Organization> {
  const state = useContext(OrganizationContext)
  if (!state) throw new Error('useOrganization outside OrganizationProvider')
  return state
}
