import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { EvidencePanel } from './EvidencePanel'
import type { Control, Evidence } from './types'

const control: Control = {
  id: 'c1',
  ref: 'C-0001',
  title: 'Backups',
  description: '',
  owner_id: null,
  status: 'implemented',
  classification: 'internal',
  requirement_keys: [],
  risk_ids: [],
  next_check_on: null,
  last_checked_on: null,
  check_interval_months: 12,
  evidence_count: 2,
  valid_evidence_count: 1,
  version: 1,
}

function ev(over: Partial<Evidence>): Evidence {
  return {
    id: 'e1',
    control_id: 'c1',
    title: 'Restore test',
    description: '',
    kind: 'file',
    url: null,
    sha256: 'ab',
    file_name: 'restore.pdf',
    media_type: 'application/pdf',
    size: 2048,
    valid_from: '2025-01-01',
    valid_until: '2025-12-31',
    state: 'expired',
    created_by: 'user:anna',
    version: 1,
    created_at: '2025-01-01T10:00:00Z',
    ...over,
  }
}

describe('evidence panel', () => {
  it('lists files with a download and links with their address, each with its state', () => {
    const html = renderToStaticMarkup(
      <EvidencePanel
        control={control}
        evidence={[ev({}), ev({ id: 'e2', kind: 'link', title: 'Policy page', url: 'https://intra/policy', file_name: null, media_type: null, size: null, valid_until: null, state: 'valid' })]}
        write
        onChanged={() => {}}
      />,
    )
    expect(html).toContain('href="/api/v1/evidence/e1/file"')
    expect(html).toContain('restore.pdf · application/pdf · 2.0 KiB')
    expect(html).toContain('href="https://intra/policy"')
    expect(html).toContain('data-state="expired"')
    expect(html).toContain('data-state="valid"')
    expect(html).toContain('no expiry')
    expect(html).toContain('data-testid="evidence-upload"')
    expect(html).toContain('data-testid="evidence-archive"')
  })

  it('offers no changes to a reader or on an archived control', () => {
    const read = renderToStaticMarkup(<EvidencePanel control={control} evidence={[ev({})]} write={false} onChanged={() => {}} />)
    expect(read).not.toContain('evidence-upload')
    expect(read).not.toContain('evidence-archive')
    const archived = renderToStaticMarkup(<EvidencePanel control={{ ...control, archived: true }} evidence={[]} write onChanged={() => {}} />)
    expect(archived).not.toContain('evidence-upload')
    expect(archived).toContain('No evidence yet.')
  })
})
