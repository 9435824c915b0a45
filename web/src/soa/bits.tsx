// Small pieces of the SoA screens: the totals bar, export buttons, a value badge.
import { Badge } from '../access/bits'
import { applicableLabels, implementationLabels, label } from './labels'
import { soaExportApi } from './paths'
import type { ApplicableValue, SoaTotals } from './types'

function percent(n: number, of: number): number {
  return of > 0 ? (n / of) * 100 : 0
}

/** Applicability (applicable / not applicable / undecided) and implementation, as two bars. */
export function TotalsBar({ totals, testId = 'soa-totals' }: { totals: SoaTotals; testId?: string }) {
  const t = totals
  const applicability: [string, number, string][] = [
    ['yes', t.applicable, 'applicable'],
    ['no', t.not_applicable, 'not applicable'],
    ['undecided', t.undecided, 'undecided'],
  ]
  const implementation: [string, number, string][] = [
    ['implemented', t.implemented, 'implemented'],
    ['partial', t.partial, 'partial'],
    ['planned', t.planned, 'planned'],
    ['not_started', t.not_started, 'not started'],
  ]
  const implTotal = t.implemented + t.partial + t.planned + t.not_started
  return (
    <div className="soa-totals" data-testid={testId}>
      <div className="soa-bar" role="img" aria-label={`${t.lines} lines: ${t.applicable} applicable, ${t.not_applicable} not applicable, ${t.undecided} undecided`}>
        {applicability.map(([cls, n]) => (
          <span key={cls} className={cls} style={{ width: `${percent(n, t.lines)}%` }} />
        ))}
      </div>
      <ul className="soa-legend">
        <li>
          <strong data-testid="soa-total-lines">{t.lines}</strong> lines
        </li>
        {applicability.map(([cls, n, text]) => (
          <li key={cls} data-testid={`soa-total-${cls}`}>
            <span className={`swatch ${cls}`} />
            {n} {text}
          </li>
        ))}
      </ul>
      <div className="soa-bar" role="img" aria-label={`Implementation: ${t.implemented} implemented, ${t.partial} partial, ${t.planned} planned, ${t.not_started} not started`}>
        {implementation.map(([cls, n]) => (
          <span key={cls} className={cls} style={{ width: `${percent(n, implTotal)}%` }} />
        ))}
      </div>
      <ul className="soa-legend">
        {implementation.map(([cls, n, text]) => (
          <li key={cls} data-testid={`soa-total-${cls}`}>
            <span className={`swatch ${cls}`} />
            {n} {text}
          </li>
        ))}
      </ul>
    </div>
  )
}

export function ApplicableBadge({ value }: { value: ApplicableValue | string }) {
  const tone = value === 'yes' ? 'ok' : value === 'undecided' ? 'warn' : undefined
  return (
    <span data-testid="soa-applicable" data-value={value}>
      <Badge tone={tone}>{label(applicableLabels, value)}</Badge>
    </span>
  )
}

export function ImplementationText({ value }: { value: string }) {
  return <span data-value={value}>{label(implementationLabels, value)}</span>
}

/** XLSX (the auditors' layout), PDF and CSV of the working copy or a version. */
export function ExportButtons({ version }: { version?: string }) {
  const formats = [
    ['xlsx', 'XLSX'],
    ['pdf', 'PDF'],
    ['csv', 'CSV'],
  ] as const
  return (
    <span className="export-buttons" role="group" aria-label="Export">
      {formats.map(([f, text]) => (
        <a key={f} className="button" href={soaExportApi(f, version)} download data-testid={`soa-export-${f}`}>
          {text}
        </a>
      ))}
    </span>
  )
}
