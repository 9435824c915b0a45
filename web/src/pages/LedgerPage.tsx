// The ledger: every change, hash-chained, with the result of verifying the whole chain.
import { api, withQuery } from '../api/client'
import type { Dashboard, LedgerPage as Page, LedgerVerification } from '../api/types'
import { useApi } from '../api/useApi'
import { ErrorBox } from '../components/ErrorBox'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { registerByObjectType } from '../config/registers'
import { changeLines } from '../register/changes'
import { formatDateTime } from '../register/display'
import { Link, navigate, useLocation } from '../router'

const PAGE_SIZE = 100

function VerifyStatus() {
  const verify = useApi<LedgerVerification>('/api/v1/ledger/verify')
  if (verify.error !== undefined) return <ErrorBox title="Verification could not run" error={verify.error} onRetry={verify.reload} />
  const v = verify.data
  if (!v || verify.loading) return <div className="verify pending" role="status">Verifying the hash chain…</div>
  return (
    <div className={`verify ${v.ok ? 'ok' : 'broken'}`} role="status" data-testid="verify-status">
      <strong>{v.ok ? '✓ Verified' : '✗ Broken'}</strong>{' '}
      {v.ok ? (
        <>
          {v.entries} entries{v.checkpoints !== undefined ? `, ${v.checkpoints} signed checkpoints` : ''}; head{' '}
          <code className="hash" title={v.head_hash}>{v.head_hash?.slice(0, 16)}…</code>
        </>
      ) : (
        <>
          The chain does not verify{v.first_bad_seq != null ? ` at entry #${v.first_bad_seq}` : ''}: {v.reason ?? 'no reason given'}.
          History may have been altered; investigate before trusting it.
        </>
      )}
      <button type="button" onClick={verify.reload}>
        Verify again
      </button>
    </div>
  )
}

/** One-line summary, clamped by CSS; the full text is in the tooltip. */
function ChangeSummary({ change }: { change: unknown }) {
  const text = changeLines(undefined, change)
    .map((l) => (l.isDiff ? `${l.label}: ${l.from} → ${l.to}` : `${l.label}: ${l.to}`))
    .join('; ')
  return (
    <span className="clamp" title={text}>
      {text}
    </span>
  )
}

function objectLink(type: string, id: string) {
  const reg = registerByObjectType(type)
  const label = `${type} ${id.slice(0, 8)}`
  return reg ? (
    <Link to={`${reg.route}/${encodeURIComponent(id)}`} title={id}>
      {label}
    </Link>
  ) : (
    <span title={id}>{label}</span>
  )
}

export function LedgerPage() {
  const { search } = useLocation()
  const after = new URLSearchParams(search).get('after') ?? ''
  const page = useApi<Page>(withQuery('/api/v1/ledger', { after: after || undefined, limit: PAGE_SIZE }))
  const go = (nextAfter: number) => navigate(nextAfter <= 0 ? '/ledger' : `/ledger?after=${nextAfter}`)
  // Sequence numbers have no gaps (docs/formats/ledger.md), so the previous page starts
  // PAGE_SIZE entries earlier: no cursor history needed, and it survives a reload.
  const current = Number.parseInt(after, 10) || 0
  const latest = async () => {
    const d = await api<Dashboard>('/api/v1/dashboard').catch(() => undefined)
    if (d) go(Math.max(0, d.ledger.entries - PAGE_SIZE))
  }
  const items = page.data?.items ?? []
  const nextAfter = page.data?.next_after ?? null
  return (
    <>
      <PageHeader title="Ledger" subtitle="Every change, in order, chained by SHA-256 hashes." />
      <VerifyStatus />
      {page.error !== undefined && <ErrorBox error={page.error} onRetry={page.reload} />}
      {!page.data && page.loading && <Loading />}
      {page.data && (
      <div className="table-wrap">
        <table className="grid" aria-busy={page.loading} data-testid="ledger-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Object</th>
              <th scope="col">Change</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.seq}>
                <td className="num">{e.seq}</td>
                <td className="nowrap">
                  <time dateTime={e.at} title={e.at}>{formatDateTime(e.at)}</time>
                </td>
                <td>{e.actor}</td>
                <td className="mono">{e.action}</td>
                <td className="nowrap">{objectLink(e.object_type, e.object_id)}</td>
                <td className="change-cell">
                  <ChangeSummary change={e.change} />
                </td>
                <td className="nowrap">
                  <code className="hash" title={`hash ${e.hash}\nprev ${e.prev_hash}`}>{e.hash.slice(0, 12)}</code>
                </td>
              </tr>
            ))}
            {page.data && items.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">No entries.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      )}
      <div className="pager">
        <span className="muted">
          {items.length > 0 ? `Entries #${items[0].seq}–#${items[items.length - 1].seq}` : ''}
        </span>
        <button type="button" disabled={current === 0} onClick={() => go(0)}>
          First
        </button>
        <button type="button" disabled={current === 0} onClick={() => go(current - PAGE_SIZE)}>
          Previous
        </button>
        <button type="button" disabled={nextAfter === null} onClick={() => nextAfter !== null && go(nextAfter)}>
          Next
        </button>
        <button type="button" disabled={nextAfter === null} onClick={latest}>
          Latest
        </button>
      </div>
    </>
  )
}
