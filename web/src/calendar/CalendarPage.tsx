// /calendar: the agenda of every dated duty (activity occurrences, reviews due, expiring
// exceptions, corrective actions, audits, management reviews, incident deadlines), overdue
// first, then grouped by week, with mine/all and range navigation, the iCalendar link and
// the organization's time zone (settings panel, calendar:write to change).
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { addDays, groupAgenda, sourceLabel, stateBadge, weekStart } from './calendar'
import type { AgendaItem, ItemList } from './types'

const todayUtc = () => new Date().toISOString().slice(0, 10)
const kRangeDays = 27 // four weeks

function SettingsPanel() {
  const { can } = useAuth()
  const settings = useApi<{ time_zone: string }>('/api/v1/calendar/settings')
  const [zone, setZone] = useState<string | undefined>(undefined)
  const [failure, setFailure] = useState<unknown>()
  const [saved, setSaved] = useState(false)
  const value = zone ?? settings.data?.time_zone ?? ''
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFailure(undefined)
    setSaved(false)
    try {
      await api('/api/v1/calendar/settings', { method: 'PUT', body: { time_zone: value } })
      setSaved(true)
      settings.reload()
    } catch (err) {
      setFailure(err)
    }
  }
  if (settings.data === undefined) return null
  return (
    <form className="toolbar" onSubmit={submit} data-testid="calendar-settings">
      <div className="filter">
        <label htmlFor="calendar-zone">Time zone</label>
        <input id="calendar-zone" type="text" value={value} disabled={!can('calendar:write')} onChange={(e) => setZone(e.target.value)} data-testid="calendar-zone" />
      </div>
      {can('calendar:write') && (
        <button type="submit" data-testid="calendar-zone-save">
          Save
        </button>
      )}
      {saved && <span>Saved.</span>}
      {failure !== undefined && <ErrorBox error={failure} />}
    </form>
  )
}

function ItemRow({ item }: { item: AgendaItem }) {
  const b = stateBadge(item.state)
  return (
    <tr data-testid="agenda-row" data-state={item.state}>
      <td className="nowrap">{item.due_on}</td>
      <td>
        <Badge tone={b.tone}>{b.label}</Badge>
      </td>
      <td>{sourceLabel(item.source)}</td>
      <td>
        <Link to={item.link}>
          {item.ref ? `${item.ref} ` : ''}
          {item.title}
        </Link>
      </td>
      <td>{item.owner_name ?? 'unassigned'}</td>
    </tr>
  )
}

export function CalendarPage() {
  const { session, can } = useAuth()
  const [from, setFrom] = useState(() => weekStart(todayUtc()))
  const [mine, setMine] = useState(!can('calendar:read'))
  const [includeDone, setIncludeDone] = useState(false)
  const to = addDays(from, kRangeDays)
  const params = new URLSearchParams({ from, to })
  if (mine && session.user.person_id) params.set('owner', session.user.person_id)
  if (includeDone) params.set('include_done', 'true')
  const agenda = useApi<ItemList<AgendaItem>>(`/api/v1/calendar/agenda?${params.toString()}`)
  const groups = groupAgenda(agenda.data?.items ?? [])
  return (
    <>
      <PageHeader
        title="Calendar"
        subtitle="Every dated duty of the ISMS: recurring activities, reviews, expiring exceptions, corrective actions, audits and incident deadlines."
        actions={
          <>
            <Link to="/calendar/activities">Activities</Link>{' '}
            <a href={`/api/v1/calendar.ics?${params.toString()}`} data-testid="calendar-ics">
              iCalendar
            </a>
          </>
        }
      />
      <div className="toolbar" data-testid="agenda-toolbar">
        <button type="button" onClick={() => setFrom(addDays(from, -28))} data-testid="agenda-prev">
          ← Earlier
        </button>
        <span data-testid="agenda-range">
          {from} – {to}
        </span>
        <button type="button" onClick={() => setFrom(addDays(from, 28))} data-testid="agenda-next">
          Later →
        </button>
        <button type="button" onClick={() => setFrom(weekStart(todayUtc()))}>
          This week
        </button>
        <div className="filter">
          <label htmlFor="agenda-whose">Show</label>
          <select id="agenda-whose" value={mine ? 'mine' : 'all'} onChange={(e) => setMine(e.target.value === 'mine')} data-testid="agenda-whose">
            <option value="mine">Mine</option>
            {can('calendar:read') && <option value="all">Everyone's</option>}
          </select>
        </div>
        <label>
          <input type="checkbox" checked={includeDone} onChange={(e) => setIncludeDone(e.target.checked)} /> Include done
        </label>
      </div>
      {agenda.error !== undefined && <ErrorBox error={agenda.error} onRetry={agenda.reload} />}
      {groups.map((g) => (
        <section key={g.week || 'overdue'} data-testid="agenda-group">
          <h2>{g.week === '' ? 'Overdue' : `Week of ${g.week}`}</h2>
          <div className="table-wrap">
            <table className="grid">
              <thead>
                <tr>
                  <th scope="col">Due</th>
                  <th scope="col">State</th>
                  <th scope="col">Kind</th>
                  <th scope="col">What</th>
                  <th scope="col">Owner</th>
                </tr>
              </thead>
              <tbody>
                {g.items.map((i) => (
                  <ItemRow key={`${i.source}-${i.object_id}-${i.due_on}`} item={i} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {agenda.data && groups.length === 0 && <p className="empty">Nothing due in this range.</p>}
      {can('calendar:read') && <SettingsPanel />}
    </>
  )
}
