// /objectives/:id: one objective with its review history and, per indicator, the chart of
// its measurements (target line or band, off-target points marked, a data table for
// screen readers or on request), "Record measurement", edit and retire. Writes need
// objectives:write; stale versions answer 409 and ask for a reload.
import './objectives.css'
import { useState } from 'react'
import { api } from '../api/client'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { Badge } from '../access/bits'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { targetText } from './chart'
import { IndicatorChart } from './IndicatorChart'
import { IndicatorDialog, MeasurementDialog, ObjectiveDialog, ReviewDialog } from './forms'
import { indicatorApi, objectiveApi } from './paths'
import { StatusDot } from './StatusDot'
import type { Indicator, IndicatorView, Objective } from './types'

function IndicatorPanel({ summary, objectiveId, writable, onChanged }: { summary: Indicator; objectiveId: string; writable: boolean; onChanged: () => void }) {
  const view = useApi<IndicatorView>(indicatorApi(summary.id))
  const [dialog, setDialog] = useState<'measure' | 'edit' | 'retire'>()
  const [table, setTable] = useState(false)
  const i = view.data ?? { ...summary, measurements: [] }
  const done = () => {
    setDialog(undefined)
    view.reload()
    onChanged()
  }
  return (
    <section className="panel indicator-panel" aria-labelledby={`ind-${i.id}`} data-testid="indicator-panel">
      <h2 id={`ind-${i.id}`}>
        <StatusDot indicator={i} /> {i.ref} · {i.name} {i.status === 'retired' && <Badge tone="warn">retired</Badge>}
      </h2>
      <p className="small">
        Target {targetText(i)} · measured {i.frequency} · next due {i.next_due_on} {i.measurement_overdue && <Badge tone="bad">measurement overdue</Badge>}
        {i.latest && (
          <>
            {' '}
            · latest {i.latest.value} on {i.latest.measured_on}
          </>
        )}
        {i.trend_state && <> · {i.trend_state}</>}
      </p>
      {i.description && <p className="muted small">{i.description}</p>}
      {view.error !== undefined && <ErrorBox error={view.error} onRetry={view.reload} />}
      <IndicatorChart indicator={i} measurements={i.measurements} showTable={table} />
      <div className="toolbar spaced">
        <button type="button" className="small-button" onClick={() => setTable(!table)} aria-pressed={table} data-testid="toggle-table">
          {table ? 'Hide data table' : 'Show data table'}
        </button>
        <a className="small" href={`${indicatorApi(i.id)}/measurements.csv`}>
          Download CSV
        </a>
        {writable && i.status === 'active' && (
          <>
            <button type="button" className="primary small-button" onClick={() => setDialog('measure')} data-testid="record-measurement">
              Record measurement
            </button>
            <button type="button" className="small-button" onClick={() => setDialog('edit')}>
              Edit
            </button>
            <button type="button" className="small-button" onClick={() => setDialog('retire')}>
              Retire
            </button>
          </>
        )}
      </div>
      {dialog === 'measure' && <MeasurementDialog indicator={i} onClose={() => setDialog(undefined)} onSaved={done} />}
      {dialog === 'edit' && <IndicatorDialog objectiveId={objectiveId} indicator={i} onClose={() => setDialog(undefined)} onSaved={done} />}
      {dialog === 'retire' && (
        <ConfirmDialog open title={`Retire ${i.ref}?`} confirmLabel="Retire" onClose={() => setDialog(undefined)} onConfirm={async () => {
          await api(indicatorApi(i.id), { method: 'DELETE', body: { version: i.version } })
          done()
        }}>
          <p>The indicator and its measurements are kept; it takes no new measurements.</p>
        </ConfirmDialog>
      )}
    </section>
  )
}

export function ObjectivePage({ id }: { id: string }) {
  const view = useApi<Objective>(objectiveApi(id))
  const { can } = useAuth()
  const writable = can('objectives:write')
  const [dialog, setDialog] = useState<'edit' | 'review' | 'indicator' | 'withdraw'>()
  if (view.error !== undefined) return <ErrorBox error={view.error} onRetry={view.reload} />
  if (!view.data) return <Loading />
  const o = view.data
  const done = () => {
    setDialog(undefined)
    view.reload()
  }
  return (
    <>
      <PageHeader
        back={<Link to="/objectives">Objectives</Link>}
        title={`${o.ref} · ${o.title}`}
        subtitle={
          <>
            <Badge tone={o.status === 'withdrawn' ? 'warn' : o.status === 'achieved' ? 'ok' : undefined}>{o.status}</Badge> Policy section {o.policy_section || '—'} · owner {o.owner_name ?? '—'} · reviewed every {o.review_interval_months} months, next{' '}
            <span data-testid="next-review">{o.next_review_on}</span> {o.review_overdue && <Badge tone="bad">review overdue</Badge>}
          </>
        }
        actions={
          writable &&
          o.status !== 'withdrawn' && (
            <>
              <button type="button" className="primary" onClick={() => setDialog('review')} data-testid="review-objective">
                Record review
              </button>
              <button type="button" onClick={() => setDialog('indicator')} data-testid="add-indicator">
                Add indicator
              </button>
              <button type="button" onClick={() => setDialog('edit')}>
                Edit
              </button>
              <button type="button" onClick={() => setDialog('withdraw')}>
                Withdraw
              </button>
            </>
          )
        }
      />
      {o.description && <p>{o.description}</p>}
      {o.indicators.length === 0 && <p className="muted">No indicators yet: add one to measure this objective.</p>}
      {o.indicators.map((i) => (
        <IndicatorPanel key={i.id} summary={i} objectiveId={o.id} writable={writable} onChanged={view.reload} />
      ))}
      <section className="panel spaced" aria-labelledby="reviews">
        <h2 id="reviews">Reviews</h2>
        {o.reviews.length === 0 ? (
          <p className="muted">Not reviewed yet.</p>
        ) : (
          <table className="grid" data-testid="reviews-table">
            <thead>
              <tr>
                <th scope="col">On</th>
                <th scope="col">Outcome</th>
                <th scope="col">By</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {[...o.reviews].reverse().map((r, n) => (
                <tr key={n}>
                  <td className="nowrap">{r.on}</td>
                  <td>{r.outcome}</td>
                  <td>{r.by_name || '—'}</td>
                  <td>{r.note || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {dialog === 'edit' && <ObjectiveDialog objective={o} onClose={() => setDialog(undefined)} onSaved={done} />}
      {dialog === 'review' && <ReviewDialog objective={o} onClose={() => setDialog(undefined)} onSaved={done} />}
      {dialog === 'indicator' && <IndicatorDialog objectiveId={o.id} onClose={() => setDialog(undefined)} onSaved={done} />}
      {dialog === 'withdraw' && (
        <ConfirmDialog open title={`Withdraw ${o.ref}?`} confirmLabel="Withdraw" onClose={() => setDialog(undefined)} onConfirm={async () => {
          await api(objectiveApi(o.id), { method: 'DELETE', body: { version: o.version } })
          done()
        }}>
          <p>The objective is kept with its history but no longer reviewed.</p>
        </ConfirmDialog>
      )}
    </>
  )
}
