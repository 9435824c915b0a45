// One approved SoA version (/soa/versions/:id), read-only: who approved it and when, its
// totals and frozen lines (with the controls and evidence as they were), exports and a
// comparison with the working copy.
import './soa.css'
import { useEffect, useState } from 'react'
import { useApi } from '../api/useApi'
import { When } from '../access/bits'
import { ErrorBox } from '../components/ErrorBox'
import { clearFlash, peekFlash } from '../components/flash'
import { Loading } from '../components/Loading'
import { PageHeader } from '../components/PageHeader'
import { Link } from '../router'
import { ExportButtons, TotalsBar } from './bits'
import { LinesTable } from './LinesTable'
import { soaCompareRoute, soaVersionApi } from './paths'
import type { Soa } from './types'
import { useRiskLabels } from './useRiskLabels'

export function SoaVersionPage({ id }: { id: string }) {
  const version = useApi<Soa>(soaVersionApi(id))
  const [flash] = useState(peekFlash)
  useEffect(() => clearFlash(), [])
  const v = version.data
  const riskLabels = useRiskLabels(!!v?.lines?.some((l) => l.risk_ids.length > 0))
  const back = <Link to="/soa/versions">← SoA versions</Link>
  if (version.error !== undefined && !v) {
    return (
      <>
        <PageHeader title="SoA version" back={back} />
        <ErrorBox error={version.error} onRetry={version.reload} />
      </>
    )
  }
  if (!v) return <Loading />
  return (
    <>
      <PageHeader
        title={`Statement of Applicability, version ${v.number}`}
        back={back}
        subtitle={
          <>
            Approved by {v.approved_by_name || v.approved_by_person_id}, <When at={v.approved_at} />
          </>
        }
        actions={
          <>
            <ExportButtons version={v.id} />
            <Link to={soaCompareRoute(v.id, 'working')} className="button" data-testid="soa-compare-working">
              Compare with working copy
            </Link>
          </>
        }
      />
      {flash && (
        <p className="success" role="status" data-testid="flash">
          {flash}
        </p>
      )}
      <section className="panel" style={{ marginBottom: '1rem' }} aria-label="Approval" data-testid="soa-version">
        {v.note && <p className="prose">{v.note}</p>}
        <TotalsBar totals={v.totals} />
      </section>
      <LinesTable lines={v.lines ?? []} riskLabels={riskLabels} emptyText="This version has no lines." />
    </>
  )
}
