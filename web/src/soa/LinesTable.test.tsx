import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, describe, expect, it } from 'vitest'
import { setAuthStatus, setSession } from '../auth/store'
import { sessionIn } from '../test/session'
import { LinesTable } from './LinesTable'
import type { Applicability } from './types'

afterEach(() => setAuthStatus({ kind: 'loading' }))

function line(ref: string, over: Partial<Applicability> = {}): Applicability {
  return {
    framework_id: 'iso27001-2022',
    ref_id: ref,
    title: `Title ${ref}`,
    applicable: 'undecided',
    reasons: [],
    justification: '',
    implementation: 'not_started',
    control_ids: [],
    control_refs: [],
    risk_ids: [],
    evidence_count: 0,
    valid_evidence_count: 0,
    updated_by: '',
    updated_at: '',
    version: 0,
    ...over,
  }
}

describe('SoA lines table', () => {
  const lines = [
    line('A.5.15', { applicable: 'yes', reasons: ['risk_treatment', 'legal'], implementation: 'partial', control_ids: ['c1'], control_refs: ['C-0001'], evidence_count: 2, valid_evidence_count: 1 }),
    line('A.7.4', { applicable: 'no', justification: 'No premises of our own' }),
    line('A.8.1'),
  ]

  it('groups lines under their theme with the controls and evidence behind them', () => {
    setSession(sessionIn('active', ['soa:read']))
    const html = renderToStaticMarkup(<LinesTable lines={lines} />)
    expect(html).toContain('data-testid="soa-group-A.5"')
    expect(html).toContain('A.7 Physical controls')
    expect(html).not.toContain('soa-group-A.6')
    expect(html).toContain('data-testid="soa-line-A.5.15"')
    expect(html).toContain('Risk treatment, Legal')
    expect(html).toContain('href="/controls/c1"')
    expect(html).toContain('C-0001')
    expect(html).toMatch(/data-testid="soa-line-evidence"[^>]*>1 \/ 2/)
    expect(html).toContain('No premises of our own')
    expect(html).toContain('href="/catalogue/iso27001-2022/A.5.15"')
    expect(html).not.toContain('soa-line-edit')
  })

  it('offers inline editing only when editable', () => {
    setSession(sessionIn('active', ['soa:read', 'soa:write']))
    const html = renderToStaticMarkup(<LinesTable lines={lines} editable />)
    expect(html.match(/data-testid="soa-line-edit"/g)).toHaveLength(3)
  })

  it('says when nothing matches', () => {
    setSession(sessionIn('active', ['soa:read']))
    expect(renderToStaticMarkup(<LinesTable lines={[]} emptyText="Nothing here." />)).toContain('Nothing here.')
  })
})
