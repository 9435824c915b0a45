// Wraps a register page: loads the descriptor, shows loading/error, then renders the page.
import type { ReactNode } from 'react'
import type { RegisterDescriptor } from '../api/types'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { useDescriptor } from './useDescriptor'

export function WithDescriptor({
  name,
  children,
}: {
  name: string
  children: (descriptor: RegisterDescriptor) => ReactNode
}) {
  const { descriptor, error } = useDescriptor(name)
  if (error) return <ErrorBox title="Could not load the register description" error={error} />
  if (!descriptor) return <Loading />
  return <>{children(descriptor)}</>
}
