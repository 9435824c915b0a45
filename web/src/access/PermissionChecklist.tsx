// The permissions a role may hold (GET /api/v1/permissions), grouped by area, as checkboxes.
import type { Items, Permission } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { itemsOf, splitPermission } from './format'

interface Props {
  value: string[]
  onChange: (value: string[]) => void
  disabled?: boolean
  errors?: string[]
}

export function PermissionChecklist({ value, onChange, disabled, errors = [] }: Props) {
  const permissions = useApi<Items<Permission>>('/api/v1/permissions')
  if (permissions.error !== undefined) return <ErrorBox error={permissions.error} onRetry={permissions.reload} />
  if (!permissions.data) return <Loading />
  const all = itemsOf(permissions.data)
  const areas = new Map<string, Permission[]>()
  for (const p of all) {
    const area = splitPermission(p.name).area
    areas.set(area, [...(areas.get(area) ?? []), p])
  }
  // Permissions the role holds but the server no longer lists stay visible (and removable).
  const unknown = value.filter((v) => !all.some((p) => p.name === v))
  const toggle = (name: string, on: boolean) => onChange(on ? [...value, name] : value.filter((v) => v !== name))
  return (
    <fieldset
      className="multi permission-checklist"
      id="field-permissions"
      aria-invalid={errors.length > 0 || undefined}
      aria-describedby={errors.length > 0 ? 'error-permissions' : undefined}
      disabled={disabled}
    >
      <legend>
        Permissions <span className="muted">({value.length} selected)</span>
      </legend>
      {errors.length > 0 && (
        <p className="field-error" id="error-permissions" data-testid="error-permissions">
          {errors.join(' ')}
        </p>
      )}
      {[...areas].map(([area, list]) => (
        <div key={area} className="permission-area">
          <p className="area-name">{area}</p>
          {list.map((p) => (
            <label key={p.name} className="check" title={p.description}>
              <input type="checkbox" checked={value.includes(p.name)} onChange={(e) => toggle(p.name, e.target.checked)} />{' '}
              <code>{p.name}</code> <span className="muted small">{p.description}</span>
            </label>
          ))}
        </div>
      ))}
      {unknown.map((name) => (
        <label key={name} className="check">
          <input type="checkbox" checked onChange={(e) => toggle(name, e.target.checked)} /> <code>{name}</code>{' '}
          <span className="muted small">(unknown)</span>
        </label>
      ))}
    </fieldset>
  )
}
