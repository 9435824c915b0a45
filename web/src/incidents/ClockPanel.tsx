// The reporting clocks of one incident with live countdowns that tick every second
// (computed from the server's remaining_seconds and the time the data was fetched).
import { useEffect, useState } from 'react'
import { Badge } from '../access/bits'
import { clockLabels, formatRemaining, remainingNow, stateLabels } from './countdown'
import type { ReportClock } from './types'

const tone = (state: string): 'ok' | 'warn' | 'bad' | undefined =>
  state === 'overdue' || state === 'submitted_late' ? 'bad' : state === 'due_soon' ? 'warn' : state === 'submitted' ? 'ok' : undefined

export function ClockPanel({ clocks, onFile }: { clocks: ReportClock[]; onFile?: (type: string) => void }) {
  // Mounted afresh for each answer of the server (the caller keys it by the clocks).
  const [fetchedAt] = useState(() => Date.now())
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(t)
  }, [])
  return (
    <div className="table-wrap">
      <table data-testid="clocks">
        <thead>
          <tr>
            <th>Report</th>
            <th>State</th>
            <th>Due</th>
            <th>Time left</th>
            <th>Basis</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {clocks.map((c) => {
            const live = c.remaining_seconds === null ? null : remainingNow(c.remaining_seconds, fetchedAt, now)
            const running = c.state === 'pending' || c.state === 'due_soon' || c.state === 'overdue'
            return (
              <tr key={c.type} data-testid={`clock-${c.type}`}>
                <td>{clockLabels[c.type] ?? c.type}</td>
                <td>
                  <Badge tone={tone(c.state)} testId={`clock-state-${c.type}`}>
                    {stateLabels[c.state] ?? c.state}
                  </Badge>
                  {c.note && <div className="muted">{c.note}</div>}
                </td>
                <td>{c.due_local || '—'}</td>
                <td data-testid={`countdown-${c.type}`}>{running && live !== null ? formatRemaining(live) : '—'}</td>
                <td className="muted">{c.basis}</td>
                <td>
                  {onFile && (running || c.type === 'intermediate' || c.type === 'progress') && c.state !== 'not_required' && (
                    <button type="button" data-testid={`file-${c.type}`} onClick={() => onFile(c.type)}>
                      File report
                    </button>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
