import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { EvidenceBadge } from './EvidenceBadge'
import { evidenceStateOn, formatSize, stateOf } from './labels'

describe('evidence state', () => {
  it('follows the validity period by calendar day', () => {
    expect(evidenceStateOn({ valid_from: '2026-01-01', valid_until: '2026-12-31' }, '2026-06-01')).toBe('valid')
    expect(evidenceStateOn({ valid_from: '2026-01-01', valid_until: '2026-12-31' }, '2026-12-31')).toBe('valid')
    expect(evidenceStateOn({ valid_from: '2026-01-01', valid_until: '2026-12-31' }, '2027-01-01')).toBe('expired')
    expect(evidenceStateOn({ valid_from: '2026-07-01', valid_until: null }, '2026-06-30')).toBe('not_yet_valid')
    expect(evidenceStateOn({ valid_from: '2020-01-01', valid_until: null }, '2030-01-01')).toBe('valid')
  })

  it("prefers the server's state and falls back to the dates", () => {
    expect(stateOf({ state: 'expired', valid_from: '2026-01-01', valid_until: null }, '2026-02-01')).toBe('expired')
    expect(stateOf({ state: undefined as never, valid_from: '2026-01-01', valid_until: '2026-01-31' }, '2026-02-01')).toBe('expired')
  })

  it('renders each state with its tone', () => {
    const html = (state: 'valid' | 'expired' | 'not_yet_valid') =>
      renderToStaticMarkup(<EvidenceBadge evidence={{ state, valid_from: '2026-01-01', valid_until: null }} today="2026-02-01" />)
    expect(html('valid')).toContain('tone-ok')
    expect(html('valid')).toContain('data-state="valid"')
    expect(html('expired')).toContain('tone-bad')
    expect(html('expired')).toContain('>expired<')
    expect(html('not_yet_valid')).toContain('tone-warn')
    expect(html('not_yet_valid')).toContain('not yet valid')
  })

  it('formats file sizes', () => {
    expect(formatSize(512)).toBe('512 B')
    expect(formatSize(2048)).toBe('2.0 KiB')
    expect(formatSize(25 * 1024 * 1024)).toBe('25.0 MiB')
    expect(formatSize(null)).toBe('')
  })
})
