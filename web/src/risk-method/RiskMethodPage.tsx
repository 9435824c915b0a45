// /risk-method: the current risk method and its version history; /risk-method/versions/:n
// one earlier version. "Change method" (risks:method) opens the editor.
import '../risks/risks.css'
import { useEffect, useState } from 'react'
import { useApi } from '../api/useApi'
import { useAuth } from '../auth/store'
import { When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { clearFlash, peekFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { methodVersionApi, riskMethodApi } from '../risks/paths'
import type { RiskMethod } from '../risks/types'
import { Link } from '../router'
import { MethodView } from './MethodView'

function Versions({ current }: { current: number }) {
  const versions = useApi<{ items: RiskMethod[] }>('/api/v1/risk-method/versions')
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.number - a.number)
  return (
    <section className="panel" aria-labelledby="method-versions">
      <h2 id="method-versions">Version history</h2>
      {versions.error !== undefined && <ErrorBox error={versions.error} onRetry={versions.reload} />}
      {!versions.data && versions.error === undefined && <Loading />}
      <ul className="plain" data-testid="method-versions">
        {items.map((v) => (
          <li key={v.number}>
            <Link to={`/risk-method/versions/${v.number}`}>Version {v.number}</Link>
            {v.number === current && <span className="tag">current</span>} <span className="muted small"><When at={v.created_at} /> {v.created_by}</span>
            {v.change_note && <div className="small">{v.change_note}</div>}
          </li>
        ))}
      </ul>
    </section>
  )
}

export function RiskMethodPage() {
  const method = useApi<RiskMethod>(riskMethodApi)
  const { can } = useAuth()
  const [flash] = useState(peekFlash)
  useEffect(() => clearFlash(), [])
  return (
    <>
      <PageHeader
        title="Risk method"
        subtitle="How risks are rated: likelihood and impact scales, the levels they give, and the risk appetite."
        actions={
          can('risks:method') && (
            <Link to="/risk-method/edit" className="button primary" data-testid="method-edit">
              Change method
            </Link>
          )
        }
      />
      {flash && (
        <p className="success" role="status" data-testid="flash">
          {flash}
        </p>
      )}
      {method.error !== undefined && <ErrorBox error={method.error} onRetry={method.reload} />}
      {!method.data && method.error === undefined && <Loading />}
      {method.data && (
        <div className="detail-layout">
          <MethodView method={method.data} />
          <Versions current={method.data.number} />
        </div>
      )}
    </>
  )
}

export function RiskMethodVersionPage({ number }: { number: number }) {
  const method = useApi<RiskMethod>(Number.isInteger(number) && number > 0 ? methodVersionApi(number) : null)
  return (
    <>
      <PageHeader title={`Risk method version ${number}`} back={<Link to="/risk-method">← Current risk method</Link>} />
      {!(Number.isInteger(number) && number > 0) && <p className="error-box">Not a version number.</p>}
      {method.error !== undefined && <ErrorBox error={method.error} onRetry={method.reload} />}
      {method.data && <MethodView method={method.data} />}
    </>
  )
}
