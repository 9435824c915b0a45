// /risk-cycles: the quarterly Risk Management Forum. The schedule (next due, due or
// overdue), the cycles held, "Open a cycle" (risks:write; one open at a time) and a
// comparison of two cycles or of a cycle with the live register.
import '../risks/risks.css'
import { useState, type FormEvent } from 'react'
import { api, ApiError } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge, When } from '../access/bits'
import { Dialog } from '../components/Dialog'
import { ErrorBox } from '../components/ErrorBox'
import { PageHeader } from '../components/PageHeader'
import { formErrorsFrom, noErrors, type FormErrors } from '../register/errors'
import { cycleRoute } from '../risks/paths'
import type { CycleList, CycleView, RiskCycle } from '../risks/types'
import { Link, navigate } from '../router'
import { scheduleLabel } from './schedule'

function OpenCycleDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [title, setTitle] = useState('')
  const [openedOn, setOpenedOn] = useState('')
  const [intervalMonths, setIntervalMonths] = useState('3')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setErrors(noErrors)
    setFailure(undefined)
    try {
      const body: Record<string, unknown> = {}
      if (title.trim() !== '') body.title = title
      if (openedOn !== '') body.opened_on = openedOn
      if (intervalMonths !== '') body.interval_months = Number(intervalMonths)
      const created = await api<CycleView>('/api/v1/risk-cycles', { method: 'POST', body })
      navigate(cycleRoute(created.cycle.id))
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setErrors(formErrorsFrom(err, ['title', 'opened_on', 'interval_months']))
      else setFailure(err)
    } finally {
      setBusy(false)
    }
  }
  const msg = (name: string) =>
    errors.byField[name] && (
      <div className="field-error" data-testid={`error-${name}`}>
        {errors.byField[name].join(' ')}
      </div>
    )
  return (
    <Dialog open={open} title="Open a risk cycle" onClose={onClose}>
      <form onSubmit={submit} noValidate data-testid="open-cycle-form">
        <div className="field">
          <label htmlFor="field-cycle-title">Title</label>
          <input id="field-cycle-title" type="text" value={title} placeholder="e.g. 2026 Q4 Risk Management Forum" onChange={(e) => setTitle(e.target.value)} />
          <p className="help">Empty: named after the quarter.</p>
          {msg('title')}
        </div>
        <div className="field">
          <label htmlFor="field-opened_on">Opened on</label>
          <input id="field-opened_on" type="date" value={openedOn} onChange={(e) => setOpenedOn(e.target.value)} />
          <p className="help">Empty: today.</p>
          {msg('opened_on')}
        </div>
        <div className="field">
          <label htmlFor="field-interval_months">Next cycle due after (months)</label>
          <input id="field-interval_months" type="number" value={intervalMonths} onChange={(e) => setIntervalMonths(e.target.value)} />
          {msg('interval_months')}
        </div>
        {errors.summary.filter((s) => !s.field).map((s, i) => (
          <p className="field-error" key={i}>
            {s.message}
          </p>
        ))}
        {failure !== undefined && <ErrorBox error={failure} title={failure instanceof ApiError && failure.status === 409 ? 'Another cycle is still open' : undefined} />}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="open-cycle-confirm">
            {busy ? 'Opening…' : 'Open cycle'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  )
}

export function CompareForm({ cycles, a: initialA = '', b: initialB = 'live' }: { cycles: readonly RiskCycle[]; a?: string; b?: string }) {
  const closed = cycles.filter((c) => c.status === 'closed')
  const [a, setA] = useState(initialA || closed[0]?.id || '')
  const [b, setB] = useState(initialB)
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault()
        if (a !== '' && b !== '') navigate(`/risk-cycles/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`)
      }}
      data-testid="compare-form"
    >
      <div className="filter">
        <label htmlFor="compare-a">Compare</label>
        <select id="compare-a" value={a} onChange={(e) => setA(e.target.value)} data-testid="compare-a">
          <option value="">— a closed cycle —</option>
          {closed.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title} ({c.opened_on})
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="compare-b">with</label>
        <select id="compare-b" value={b} onChange={(e) => setB(e.target.value)} data-testid="compare-b">
          <option value="live">the live register</option>
          {closed.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title} ({c.opened_on})
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={a === ''} data-testid="compare-go">
        Compare
      </button>
    </form>
  )
}

export function RiskCyclesPage() {
  const list = useApi<CycleList>('/api/v1/risk-cycles')
  const { can } = useAuth()
  const [opening, setOpening] = useState(false)
  const items = list.data?.items ?? []
  const schedule = list.data?.schedule
  const anyOpen = items.some((c) => c.status === 'open')
  const s = scheduleLabel(schedule?.state)
  return (
    <>
      <PageHeader
        title="Risk cycles"
        subtitle="The Risk Management Forum: every risk reviewed each quarter, decisions and minutes recorded, the register frozen at the close."
        actions={
          can('risks:write') && (
            <button type="button" className="primary" onClick={() => setOpening(true)} disabled={anyOpen} title={anyOpen ? 'Close the open cycle first' : undefined} data-testid="open-cycle">
              Open a cycle
            </button>
          )
        }
      />
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {schedule && (
        <div className={`verify ${s.tone === 'bad' ? 'broken' : s.tone === 'ok' ? 'ok' : ''}`} data-testid="cycle-schedule" data-state={schedule.state}>
          <strong>Next cycle: {s.label}</strong>
          {schedule.next_due && <span>due on {schedule.next_due}</span>}
        </div>
      )}
      <div className="table-wrap">
        <table className="grid" aria-busy={list.loading} data-testid="cycles-table">
          <thead>
            <tr>
              <th scope="col">Cycle</th>
              <th scope="col">Opened</th>
              <th scope="col">Status</th>
              <th scope="col">Reviewed</th>
              <th scope="col">Closed</th>
              <th scope="col">Next due</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} data-testid="cycle-row">
                <td>
                  <Link to={cycleRoute(c.id)}>{c.title}</Link>
                </td>
                <td className="nowrap">{c.opened_on}</td>
                <td>
                  <Badge tone={c.status === 'open' ? 'warn' : 'ok'}>{c.status}</Badge>
                </td>
                <td className="num">
                  {c.reviewed_count} / {c.risk_count}
                </td>
                <td className="nowrap">
                  <When at={c.closed_at} />
                </td>
                <td className="nowrap">{c.next_due ?? '—'}</td>
              </tr>
            ))}
            {list.data && items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  No risk cycle held yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {items.some((c) => c.status === 'closed') && (
        <section className="panel spaced" aria-label="Compare cycles">
          <h2>Compare</h2>
          <CompareForm cycles={items} />
        </section>
      )}
      {opening && <OpenCycleDialog open onClose={() => setOpening(false)} />}
    </>
  )
}
