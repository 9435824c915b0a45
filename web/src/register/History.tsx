// The object's history from the ledger, newest first: who did what, when, and what changed.
import { useEffect, useState } from 'react'
import { api, isAbort, withQuery } from '../api/client'
import type { LedgerEntry, LedgerPage, RegisterDescriptor } from '../api/types'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { actionLabel, changeLines } from './changes'
import { formatDateTime } from './display'
import { useReferenceResolver } from './references'

const PAGE = 200
const MAX_PAGES = 10 // an object with more than 2000 entries shows the newest loaded ones

async function loadHistory(objectId: string, signal: AbortSignal): Promise<{ entries: LedgerEntry[]; partial: boolean }> {
  const entries: LedgerEntry[] = []
  let after: number | null = null
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: LedgerPage = await api<LedgerPage>(
      withQuery('/api/v1/ledger', { object_id: objectId, limit: PAGE, after: after ?? undefined }),
      { signal },
    )
    entries.push(...page.items)
    after = page.next_after
    if (after === null) return { entries, partial: false }
  }
  return { entries, partial: true }
}

interface Props {
  objectId: string
  descriptor: RegisterDescriptor
  /** changes when the object changes, so the timeline reloads */
  version: unknown
}

export function History({ objectId, descriptor, version }: Props) {
  const [state, setState] = useState<{ entries?: LedgerEntry[]; partial?: boolean; error?: unknown }>({})
  const [attempt, setAttempt] = useState(0)
  const resolve = useReferenceResolver(descriptor.fields.flatMap((f) => (f.reference ? [f.reference] : [])))
  useEffect(() => {
    const controller = new AbortController()
    loadHistory(objectId, controller.signal).then(
      (result) => setState(result),
      (error: unknown) => !isAbort(error) && setState({ error }),
    )
    return () => controller.abort()
  }, [objectId, version, attempt])

  if (state.error !== undefined) {
    return <ErrorBox title="Could not load the history" error={state.error} onRetry={() => setAttempt((a) => a + 1)} />
  }
  if (!state.entries) return <Loading label="Loading history…" />
  if (state.entries.length === 0) return <p className="muted">No history recorded.</p>
  const newestFirst = [...state.entries].reverse()
  return (
    <>
      {state.partial && <p className="muted">Showing the oldest {state.entries.length} entries.</p>}
      <ol className="timeline" data-testid="history">
        {newestFirst.map((entry) => (
          <li key={entry.seq}>
            <div className="timeline-head">
              <strong data-testid="history-action">{actionLabel(entry.action)}</strong>
              <time dateTime={entry.at} title={entry.at}>
                {formatDateTime(entry.at)}
              </time>
              <span className="muted">by {entry.actor}</span>
              <span className="muted mono" title={entry.hash}>
                #{entry.seq}
              </span>
            </div>
            <ul className="changes">
              {changeLines(descriptor, entry.change, resolve).map((line) => (
                <li key={line.field}>
                  <span className="change-label">{line.label}</span>{' '}
                  {line.isDiff ? (
                    <>
                      <del>{line.from}</del> <span aria-label="changed to">→</span> <ins>{line.to}</ins>
                    </>
                  ) : (
                    <span>{line.to}</span>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  )
}
